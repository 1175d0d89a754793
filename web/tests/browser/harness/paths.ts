// Where things are: the checkout, the server binary under test, and the artifacts directory.
// Compiled to build/browser/harness/, so web/ is three levels up.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = fileURLToPath(new URL("../../../", import.meta.url));
export const repoDir = path.resolve(webDir, "..");

/** Screenshots and server logs of every test, kept after the run (git ignores them). */
export const artifactsDir = path.join(webDir, "test-artifacts");

/**
 * The `bulwark` binary: BULWARK_BIN (scripts/test.sh sets it), else the debug build in cargo's
 * target directory (CARGO_TARGET_DIR, which CI sets, relative to the checkout like cargo's).
 */
export function bulwarkBin(): string {
  const explicit = process.env["BULWARK_BIN"];
  if (explicit) {
    return path.resolve(repoDir, explicit);
  }
  const target = path.resolve(repoDir, process.env["CARGO_TARGET_DIR"] ?? "target");
  const bin = path.join(target, "debug", "bulwark");
  if (!existsSync(bin)) {
    throw new Error(
      `no server binary at ${bin}: run \`cargo build -p bulwark-server --bin bulwark\` or set BULWARK_BIN`,
    );
  }
  return bin;
}

/** Chromium: CHROMIUM_BIN, else Debian's `chromium` package (`npx playwright install` cannot
 * download browsers on the project's machines). */
export function chromiumBin(): string {
  const bin = process.env["CHROMIUM_BIN"] ?? "/usr/bin/chromium";
  if (!existsSync(bin)) {
    throw new Error(`no Chromium at ${bin}: apt-get install chromium (Debian), or set CHROMIUM_BIN`);
  }
  return bin;
}

/** `web/test-artifacts/<name>`, creating the directory. */
export function artifact(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}

/** A test or step name as a file name: `Sign in, then accept` -> `sign-in-then-accept`. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
