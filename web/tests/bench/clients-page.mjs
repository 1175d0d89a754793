// The Clients page of a large provider in headless Chromium, for `bulwark-bench` (its browser
// phase runs this with the provider it created) or by hand against any running server:
//
//   node web/tests/bench/clients-page.mjs --url http://127.0.0.1:8000 --provider <id> \
//     --email <provider admin> --password <master password> [--argon-email <Argon2id account>] \
//     [--filter "Client 04321"] [--expect-clients 10000] [--runs 5]
//
// Prints one JSON object on stdout (progress goes to stderr): `{"skipped": "why"}` when there is
// no Chromium (/usr/bin/chromium or CHROMIUM) or no playwright-core, otherwise the figures.
//
// What is measured, each time inside the page (performance.now(), so Playwright's round trips
// are not counted; the wall time around the Playwright calls is reported beside it):
// - sign-in: from the click on "Sign in" (the click event's timestamp) until the signed-in page
//   ("Your account") is painted: prelogin, the KDF in the worker, the password grant, opening
//   the keys, the account page. The profile (which lists every client of the provider) loads
//   after the page shows; when it was in is reported beside it, with every request's timing;
// - first rows: from setting location.hash to the clients route (coming from the account page,
//   unlocked, as a click in the product switcher does) until the table's first rows are painted:
//   the provider's details and key, the clients list (every client in one response), the table;
// - after a reload: from the click on "Unlock" (the page asks for the master password after a
//   reload: keys live in memory only) until the first rows are painted;
// - filter: from the "input" event of "Search clients" (Playwright's fill, one event, as a paste)
//   until the single matching row is painted; and clearing it until the first page is back.
// "Painted" is the first task after the next animation frame once the DOM shows the rows
// (a MutationObserver notices them), i.e. after the frame that contains them.
// Each run reloads the page. The Argon2id default of the portal (64 MiB, 3 passes, 4 lanes) is
// also timed in the KDF worker alone, with the crypto bench page (tests/crypto/browser-bench).

import { readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  TIMEOUT,
  arm,
  chromiumOrSkip,
  done,
  launch,
  logger,
  measured,
  navigateFromAccount,
  reloadLocked,
  requestsSince,
  requireOptions,
  signInRepeatedly,
  stepFigures,
  timeFilter,
} from "./lib.mjs";

const { values: opt } = parseArgs({
  options: {
    url: { type: "string" },
    provider: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    "argon-email": { type: "string" },
    "argon-password": { type: "string" },
    filter: { type: "string", default: "Client 04321" },
    "expect-clients": { type: "string" },
    runs: { type: "string", default: "5" },
    "sign-ins": { type: "string", default: "3" },
    "argon-direct": { type: "boolean", default: true },
    "no-argon-direct": { type: "boolean", default: false },
  },
});

const log = logger("clients-page");

const { chromium, chromiumPath } = await chromiumOrSkip();
requireOptions(opt, ["url", "provider", "email", "password"]);
const base = opt.url.replace(/\/$/, "");
const runs = Math.max(1, Number(opt.runs));
const signIns = Math.max(1, Number(opt["sign-ins"]));
const expectClients = opt["expect-clients"] ? Number(opt["expect-clients"]) : null;
const clientsHash = `#/providers/${opt.provider}/clients`;

// Conditions, run in the page.
const firstRows = () => {
  const section = document.querySelector('section[aria-labelledby="clients-heading"]');
  return Boolean(section && section.querySelectorAll("tbody tr").length > 0);
};
/** The condition's source with the name written into it (conditions run as source text). */
function filteredTo(name) {
  return `() => {
    const rows = document.querySelectorAll('section[aria-labelledby="clients-heading"] tbody tr');
    return rows.length === 1 && rows[0].querySelector("th")?.textContent?.trim() === ${JSON.stringify(name)};
  }`;
}
const firstPageBack = () =>
  document.querySelectorAll('section[aria-labelledby="clients-heading"] tbody tr').length > 1;

/** One run: reload on the clients page, unlock, then the navigation, the filter, its clearing. */
async function clientsRun(page, password) {
  await reloadLocked(page, `${base}/${clientsHash}`, password);
  await arm(page, "unlock", firstRows, "click");
  await page.getByRole("button", { name: "Unlock" }).click();
  const unlock = await measured(page, "unlock");
  await checkFirstPage(page);
  await page.waitForTimeout(1000);
  const unlockRequests = await requestsSince(page, unlock.startMs);

  // Away to the account page, settled, then back to the clients by changing the hash.
  const { nav, navWallMs } = await navigateFromAccount(page, clientsHash, firstRows);
  await checkFirstPage(page);
  await page.waitForTimeout(1000);
  const navRequests = await requestsSince(page, nav.startMs);
  await page.waitForLoadState("networkidle");

  const filtered = await timeFilter(page, {
    searchLabel: "Search clients",
    text: opt.filter,
    filtered: filteredTo(opt.filter),
    cleared: firstPageBack,
    rows: 'section[aria-labelledby="clients-heading"] tbody tr',
  });
  return { unlock, nav, navWallMs, ...filtered, unlockRequests, navRequests };
}

let pageRows = null;
let pagerText = null;
async function checkFirstPage(page) {
  const section = page.locator('section[aria-labelledby="clients-heading"]');
  await section.locator("tbody tr").first().waitFor({ state: "visible" });
  pageRows = await section.locator("tbody tr").count();
  pagerText = (await section.getByRole("navigation", { name: "Clients pages" }).getByRole("status").textContent().catch(() => null))?.trim() ?? null;
  if (expectClients !== null && pagerText !== null) {
    const total = Number(/\((\d+)\)/.exec(pagerText)?.[1]);
    if (total !== expectClients) throw new Error(`the pager says "${pagerText}", expected ${expectClients} clients`);
  }
}

/** The crypto bench page (tests/crypto/browser-bench): Argon2id 64 MiB / 3 / 4 in the worker. */
async function argonDirect(browser) {
  const { build } = await import("vite");
  const root = fileURLToPath(new URL("../crypto/browser-bench/", import.meta.url));
  const outDir = fileURLToPath(new URL("../../build/clients-bench-crypto/", import.meta.url));
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
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${address.port}/`);
    await page.waitForFunction(() => document.title === "done", null, { timeout: TIMEOUT });
    const r = JSON.parse((await page.textContent("#out")) ?? "{}");
    await context.close();
    if (r.error || !r.argon2KatOk) throw new Error(`crypto bench page: ${JSON.stringify(r)}`);
    return { medianMs: r.medianMs, runsMs: r.defaultArgon2Ms, longestMainThreadGapMs: r.longestMainThreadGapMs };
  } finally {
    server.close();
  }
}

// ---- main -----------------------------------------------------------------------------------

const browser = await launch(chromium, chromiumPath);
try {
  const result = { chromium: browser.version(), url: base, provider: opt.provider, filterText: opt.filter };

  log(`signing in ${signIns}× as ${opt.email}`);
  const admin = await signInRepeatedly(browser, {
    base,
    email: opt.email,
    password: opt.password,
    label: "bench-KDF",
    times: signIns,
    log,
  });
  const { context, page, ...adminSignIn } = admin;
  result.signIn = adminSignIn;

  const runResults = [];
  for (let i = 0; i < runs; i++) {
    const r = await clientsRun(page, opt.password);
    log(
      `run ${i + 1}: first rows ${Math.round(r.nav.paintMs)} ms, after unlock ${Math.round(r.unlock.paintMs)} ms, ` +
        `filter ${Math.round(r.filter.paintMs)} ms, cleared ${Math.round(r.clear.paintMs)} ms`,
    );
    runResults.push(r);
  }
  result.rowsOnFirstPage = pageRows;
  // The requests of the last run: after the Unlock click, and after the navigation.
  result.lastRunRequests = { unlock: runResults.at(-1).unlockRequests, navigation: runResults.at(-1).navRequests };
  result.pager = pagerText;
  result.firstRows = stepFigures(runResults, (r) => r.nav, (r) => r.navWallMs);
  result.unlockToFirstRows = stepFigures(runResults, (r) => r.unlock);
  result.filter = stepFigures(runResults, (r) => r.filter, (r) => r.filterWallMs);
  result.filterCleared = stepFigures(runResults, (r) => r.clear);
  await context.close();

  if (opt["argon-email"]) {
    log(`signing in ${signIns}× as ${opt["argon-email"]}`);
    const argon = await signInRepeatedly(browser, {
      base,
      email: opt["argon-email"],
      password: opt["argon-password"] ?? opt.password,
      label: "Argon2id",
      times: signIns,
      log,
    });
    const { context: c2, page: _p2, ...argonSignIn } = argon;
    result.argonSignIn = argonSignIn;
    await c2.close();
  }
  if (opt["argon-direct"] && !opt["no-argon-direct"]) {
    log("Argon2id 64 MiB / 3 passes / 4 lanes in the KDF worker (crypto bench page)");
    result.argonWorker = await argonDirect(browser);
  }
  done(result);
} finally {
  await browser.close();
}
