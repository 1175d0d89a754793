// `npm run bench:crypto:browser`: builds browser-bench/ with Vite (the portal's worker settings),
// serves it under a strict Content-Security-Policy (own scripts, 'wasm-unsafe-eval' for Argon2),
// and runs it in headless Chromium (/usr/bin/chromium, or CHROMIUM) through playwright-core.
// Prints the Argon2id timings measured in the KDF worker. Skips when there is no Chromium.

import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.log(`bench:crypto:browser skipped: no Chromium at ${chromiumPath}`);
  process.exit(0);
}
const { chromium } = await import("playwright-core");

const root = fileURLToPath(new URL("./browser-bench/", import.meta.url));
const outDir = fileURLToPath(new URL("../../build/crypto-browser-bench/", import.meta.url));
await rm(outDir, { recursive: true, force: true });
await build({
  configFile: false,
  root,
  logLevel: "warn",
  build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, target: "es2022" },
  worker: { format: "es" },
});

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript" };
const server = createServer(async (req, res) => {
  const rel = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/")).replace(/^(\.\.[/\\])+/, "");
  const path = join(outDir, rel === "/" ? "index.html" : rel);
  try {
    const body = await readFile(path);
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "content-security-policy": CSP });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
try {
  const page = await browser.newPage();
  const cspErrors = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => document.title === "done", null, { timeout: 120_000 });
  const result = JSON.parse((await page.textContent("#out")) ?? "{}");
  console.log(`Chromium ${browser.version()}, Argon2id 64 MiB / 3 passes / 4 lanes in the KDF worker:`);
  console.log(JSON.stringify(result, null, 2));
  console.log(`CSP violations: ${cspErrors.length ? cspErrors.join("\n") : "none"}`);
  if (result.error || !result.argon2KatOk || !result.fingerprintOk || cspErrors.length) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
