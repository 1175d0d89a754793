// The official `bw` CLI, driven by browser tests against the HTTPS test server (bw refuses plain
// HTTP): one state directory per person, the test CA trusted, never a prompt, and each call's
// duration kept so a slow test can say where its time went.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { repoDir } from "./paths.js";
import type { Server } from "./server.js";

const run = promisify(execFile);

/** The official CLI: BW_BIN (scripts/test.sh sets it), else the pinned one under e2e/. */
export function bwBin(): string {
  const bin = process.env["BW_BIN"] || path.join(repoDir, "e2e", "node_modules", ".bin", "bw");
  assert.ok(existsSync(bin), `no bw at ${bin}: run \`npm ci\` in e2e/ or set BW_BIN`);
  return bin;
}

/** One person's `bw`. */
export class Bw {
  private readonly appdata = mkdtempSync(path.join(os.tmpdir(), "bulwark-bw-"));
  private session: string | undefined;
  /** "verb noun <ms> ms" per call, in order. */
  readonly calls: string[] = [];

  constructor(private readonly server: Server) {}

  async run(...args: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      // Whatever the developer's shell has must not leak into the test's CLI.
      if (!k.startsWith("BW_")) env[k] = v;
    }
    Object.assign(env, {
      BITWARDENCLI_APPDATA_DIR: this.appdata,
      NODE_EXTRA_CA_CERTS: this.server.caCert,
      BW_NOINTERACTION: "true",
      NODE_NO_WARNINGS: "1",
      ...(this.session ? { BW_SESSION: this.session } : {}),
    });
    const started = Date.now();
    try {
      const { stdout } = await run(bwBin(), args, { env, timeout: 120_000, maxBuffer: 16 << 20 });
      return stdout.trim();
    } catch (e) {
      const failure = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`bw ${args[0]} ${args[1] ?? ""} failed: ${failure.stderr || failure.stdout || failure.message}`);
    } finally {
      this.calls.push(`${args.slice(0, 2).join(" ")} ${Date.now() - started} ms`);
    }
  }

  async login(email: string, password: string): Promise<void> {
    await this.run("config", "server", this.server.url);
    this.session = await this.run("login", email, password, "--raw");
    assert.ok(this.session, "bw login gave no session");
  }

  async json<T>(...args: string[]): Promise<T> {
    return JSON.parse(await this.run(...args)) as T;
  }

  /** `bw create item` from the item's JSON (bw wants it base64-encoded). */
  async createItem<T>(item: unknown): Promise<T> {
    return this.json<T>("create", "item", Buffer.from(JSON.stringify(item)).toString("base64"));
  }

  remove(): void {
    rmSync(this.appdata, { recursive: true, force: true });
  }
}
