// The portal loads at / from the real server, under its Content-Security-Policy, without a
// console error or a violation, on SQLite and on PostgreSQL.
import assert from "node:assert/strict";
import { portalTest } from "./harness/index.js";

portalTest("smoke", async ({ page, server, screenshot }) => {
  const response = await page.goto(`${server.url}/`);
  assert.ok(response, "no response for /");
  assert.equal(response.status(), 200);
  const csp = response.headers()["content-security-policy"] ?? "";
  assert.match(csp, /(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(csp, /(^|; )default-src 'self'(;|$)/);
  assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/);
  assert.match(csp, /(^|; )object-src 'none'(;|$)/);
  assert.equal(response.headers()["x-content-type-options"], "nosniff");
  assert.equal(response.headers()["referrer-policy"], "no-referrer");

  // Stable whatever page the app opens with: the app's script rendered a page with a main
  // heading, and the title names the product.
  await page.waitForFunction(() => (document.getElementById("app")?.childElementCount ?? 0) > 0);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  assert.match(await page.title(), /Bulwark/);
  await page.waitForLoadState("networkidle");
  await screenshot();
});
