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

import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

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

function done(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
const log = (m) => process.stderr.write(`[clients-page] ${m}\n`);

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  done({ skipped: `no Chromium at ${chromiumPath} (set CHROMIUM to its path)` });
  process.exit(0);
}
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch (e) {
  done({ skipped: `playwright-core is not installed (npm ci in web/): ${e.message}` });
  process.exit(0);
}
for (const key of ["url", "provider", "email", "password"]) {
  if (!opt[key]) {
    console.error(`--${key} is required`);
    process.exit(2);
  }
}
const base = opt.url.replace(/\/$/, "");
const runs = Math.max(1, Number(opt.runs));
const signIns = Math.max(1, Number(opt["sign-ins"]));
const expectClients = opt["expect-clients"] ? Number(opt["expect-clients"]) : null;
const clientsHash = `#/providers/${opt.provider}/clients`;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TIMEOUT = 60_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
const summary = (xs) => ({ medianMs: round(median(xs)), minMs: round(Math.min(...xs)), maxMs: round(Math.max(...xs)), runsMs: xs.map(round) });

// ---- in-page timing -------------------------------------------------------------------------

/**
 * Installed in the page: `__bench.arm(name, conditionSource, startEvent)` starts watching the
 * DOM for the condition; `__bench.result(name)` resolves with
 * `{ startMs, domMs, paintMs }` (relative to the page's time origin): when the start event
 * (a "click" or "input", capture phase, its timeStamp) happened or, without one, when armed;
 * when the DOM first met the condition; and the first task after the next frame.
 */
function installBench() {
  const STEP_TIMEOUT_MS = 60_000;
  const watches = new Map();
  const w = window;
  w.__bench = {
    arm(name, conditionSource, startEvent) {
      // The condition is given as source text; evaluated by the page script of the test, not
      // by the portal (page.evaluate is not subject to the portal's CSP).
      const condition = (0, eval)(`(${conditionSource})`);
      let resolve;
      const result = new Promise((r) => (resolve = r));
      const watch = { startMs: startEvent ? null : performance.now(), domMs: null, result };
      watches.set(name, watch);
      setTimeout(() => resolve({ timedOut: true }), STEP_TIMEOUT_MS);
      if (startEvent) {
        const onStart = (e) => {
          if (watch.startMs === null) watch.startMs = e.timeStamp;
        };
        document.addEventListener(startEvent, onStart, { capture: true, once: true });
      }
      let observer = null;
      const check = () => {
        if (watch.domMs !== null) return;
        let ok = false;
        try {
          ok = watch.startMs !== null && condition();
        } catch {
          ok = false;
        }
        if (!ok) return;
        watch.domMs = performance.now();
        observer?.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => resolve({ startMs: watch.startMs, domMs: watch.domMs, paintMs: performance.now() })),
        );
      };
      observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      watch.check = check;
      return true;
    },
    go(name, hash) {
      const watch = watches.get(name);
      watch.startMs = performance.now();
      location.hash = hash;
      watch.check();
    },
    result(name) {
      return watches.get(name).result;
    },
  };
}

async function arm(page, name, condition, startEvent = null) {
  await page.evaluate(installBench.toString().replace(/^function installBench\(\) \{/, "(() => {") + ")()");
  await page.evaluate(([n, c, s]) => window.__bench.arm(n, c, s), [name, condition.toString(), startEvent]);
}

async function measured(page, name) {
  const r = await page.evaluate((n) => window.__bench.result(n), name);
  if (r.timedOut) throw new Error(`${name}: the page did not get there within 60 s`);
  return { startMs: r.startMs, domMs: r.domMs - r.startMs, paintMs: r.paintMs - r.startMs };
}

// Conditions, run in the page.
const signedIn = () => [...document.querySelectorAll("h1")].some((h) => h.textContent?.trim() === "Your account");
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

// ---- steps ----------------------------------------------------------------------------------

/**
 * The page's requests since `t0` (ms on the page's clock): path, start and end relative to
 * `t0`, and body bytes (as sent, and decoded).
 */
async function requestsSince(page, t0) {
  return page.evaluate((start) => {
    return performance
      .getEntriesByType("resource")
      .filter((e) => e.startTime >= start - 1)
      .map((e) => ({
        path: new URL(e.name).pathname,
        startMs: Math.round(e.startTime - start),
        endMs: Math.round(e.responseEnd - start),
        bytes: e.encodedBodySize,
        decodedBytes: e.decodedBodySize,
      }));
  }, t0);
}

/** The sign-in's requests (ms after the click), and the KDF: the gap between prelogin and token. */
async function signInBreakdown(page, clickMs) {
  // Requests the signed-in page starts after it shows (the profile may come later) are
  // listed too; they are not part of the measure.
  await page.waitForTimeout(1500);
  const requests = await requestsSince(page, clickMs);
  const prelogin = requests.find((r) => r.path.includes("/prelogin"));
  const token = requests.find((r) => r.path.endsWith("/connect/token"));
  const profiles = requests.filter((r) => r.path === "/api/accounts/profile");
  return {
    kdfMs: prelogin && token ? token.startMs - prelogin.endMs : null,
    // The profile (organizations and providers for the switcher) arrives after the page shows.
    profileLoadedMs: profiles.length ? Math.min(...profiles.map((r) => r.endMs)) : null,
    profileRequests: profiles.length,
    profileBytes: profiles[0]?.bytes ?? null,
    requests,
  };
}

async function signIn(browser, email, password) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${base}/#/login`);
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Master password").fill(password);
  await arm(page, "signin", signedIn, "click");
  const wall0 = Date.now();
  await page.getByRole("button", { name: "Sign in" }).click();
  const m = await measured(page, "signin");
  const wallMs = Date.now() - wall0;
  const breakdown = await signInBreakdown(page, m.startMs);
  const kdf = await page.evaluate(() => {
    const raw = sessionStorage.getItem("bulwark.session");
    const account = raw ? JSON.parse(raw).account : null;
    return account?.kdf ?? null;
  });
  return { context, page, ms: m.paintMs, domMs: m.domMs, wallMs, kdf, breakdown };
}

function kdfText(kdf) {
  if (!kdf) return "unknown";
  const type = kdf.kdf ?? kdf.type;
  if (type === 1) return `Argon2id ${kdf.memory} MiB, ${kdf.iterations} passes, ${kdf.parallelism} lanes`;
  if (type === 0) return `PBKDF2-SHA256 ${kdf.iterations.toLocaleString("en")} iterations`;
  return JSON.stringify(kdf);
}

async function signInRepeatedly(browser, email, password, label) {
  const times = [];
  const dom = [];
  const wall = [];
  let kdf = null;
  let breakdown = null;
  for (let i = 0; i < signIns; i++) {
    const s = await signIn(browser, email, password);
    breakdown = s.breakdown;
    times.push(s.ms);
    dom.push(s.domMs);
    wall.push(s.wallMs);
    kdf = s.kdf;
    log(`${label} sign-in ${i + 1}: ${Math.round(s.ms)} ms (${kdfText(kdf)})`);
    if (i < signIns - 1) await s.context.close();
    else return { kdf: kdfText(kdf), kdfSettings: kdf, ...summary(times), domMedianMs: round(median(dom)), wallMedianMs: round(median(wall)), lastBreakdown: breakdown, context: s.context, page: s.page };
  }
  throw new Error("unreachable");
}

/** One run: reload on the clients page, unlock, then the navigation, the filter, its clearing. */
async function clientsRun(page, password) {
  await page.goto(`${base}/${clientsHash}`);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Your vault is locked" }).waitFor();
  await page.getByLabel("Master password").fill(password);
  await arm(page, "unlock", firstRows, "click");
  await page.getByRole("button", { name: "Unlock" }).click();
  const unlock = await measured(page, "unlock");
  await checkFirstPage(page);
  await page.waitForTimeout(1000);
  const unlockRequests = await requestsSince(page, unlock.startMs);

  // Away to the account page, settled, then back to the clients by changing the hash.
  await page.evaluate(() => (location.hash = "#/account"));
  await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
  await page.waitForLoadState("networkidle");
  await arm(page, "nav", firstRows);
  const wall0 = Date.now();
  await page.evaluate((h) => window.__bench.go("nav", h), clientsHash);
  const nav = await measured(page, "nav");
  const navWallMs = Date.now() - wall0;
  await checkFirstPage(page);
  await page.waitForTimeout(1000);
  const navRequests = await requestsSince(page, nav.startMs);
  await page.waitForLoadState("networkidle");

  const search = page.getByLabel("Search clients");
  await arm(page, "filter", filteredTo(opt.filter), "input");
  const wall1 = Date.now();
  await search.fill(opt.filter);
  const filter = await measured(page, "filter");
  const filterWallMs = Date.now() - wall1;
  const rows = page.locator('section[aria-labelledby="clients-heading"] tbody tr');
  if ((await rows.count()) !== 1) throw new Error(`the filter "${opt.filter}" shows ${await rows.count()} rows`);
  await rows.first().waitFor({ state: "visible" });

  await arm(page, "clear", firstPageBack, "input");
  await search.fill("");
  const clear = await measured(page, "clear");
  return { unlock, nav, navWallMs, filter, filterWallMs, clear, unlockRequests, navRequests };
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

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
try {
  const result = { chromium: browser.version(), url: base, provider: opt.provider, filterText: opt.filter };

  log(`signing in ${signIns}× as ${opt.email}`);
  const admin = await signInRepeatedly(browser, opt.email, opt.password, "bench-KDF");
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
  const pick = (f) => runResults.map(f);
  result.firstRows = { ...summary(pick((r) => r.nav.paintMs)), domMedianMs: round(median(pick((r) => r.nav.domMs))), wallMedianMs: round(median(pick((r) => r.navWallMs))) };
  result.unlockToFirstRows = { ...summary(pick((r) => r.unlock.paintMs)), domMedianMs: round(median(pick((r) => r.unlock.domMs))) };
  result.filter = { ...summary(pick((r) => r.filter.paintMs)), domMedianMs: round(median(pick((r) => r.filter.domMs))), wallMedianMs: round(median(pick((r) => r.filterWallMs))) };
  result.filterCleared = { ...summary(pick((r) => r.clear.paintMs)), domMedianMs: round(median(pick((r) => r.clear.domMs))) };
  await context.close();

  if (opt["argon-email"]) {
    log(`signing in ${signIns}× as ${opt["argon-email"]}`);
    const argon = await signInRepeatedly(browser, opt["argon-email"], opt["argon-password"] ?? opt.password, "Argon2id");
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
