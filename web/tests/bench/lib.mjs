// What the portal's browser benchmarks share (clients-page.mjs, members-page.mjs): Chromium and
// playwright-core found or the run skipped with the reason, the in-page timing of a step (from
// its start event until the first frame that shows the result), medians, the page's requests,
// and the portal's sign-in and unlock, timed.

import { existsSync } from "node:fs";

/** One JSON object on stdout: the figures, or `{"skipped": "why"}`. */
export function done(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export const logger = (name) => (m) => process.stderr.write(`[${name}] ${m}\n`);

/** Playwright's chromium and the browser's path; prints the skip reason and exits without them. */
export async function chromiumOrSkip() {
  const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) {
    done({ skipped: `no Chromium at ${chromiumPath} (set CHROMIUM to its path)` });
    process.exit(0);
  }
  try {
    const { chromium } = await import("playwright-core");
    return { chromium, chromiumPath };
  } catch (e) {
    done({ skipped: `playwright-core is not installed (npm ci in web/): ${e.message}` });
    process.exit(0);
  }
}

/** Exits with a usage error unless every option of `keys` was given. */
export function requireOptions(opt, keys) {
  for (const key of keys) {
    if (!opt[key]) {
      console.error(`--${key} is required`);
      process.exit(2);
    }
  }
}

export async function launch(chromium, chromiumPath) {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const TIMEOUT = 60_000;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
export const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
export const summary = (xs) => ({ medianMs: round(median(xs)), minMs: round(Math.min(...xs)), maxMs: round(Math.max(...xs)), runsMs: xs.map(round) });

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

export async function arm(page, name, condition, startEvent = null) {
  await page.evaluate(installBench.toString().replace(/^function installBench\(\) \{/, "(() => {") + ")()");
  await page.evaluate(([n, c, s]) => window.__bench.arm(n, c, s), [name, condition.toString(), startEvent]);
}

export async function measured(page, name) {
  const r = await page.evaluate((n) => window.__bench.result(n), name);
  if (r.timedOut) throw new Error(`${name}: the page did not get there within 60 s`);
  return { startMs: r.startMs, domMs: r.domMs - r.startMs, paintMs: r.paintMs - r.startMs };
}

/** A condition's source: `selector` matches at least `min` elements. */
export function atLeast(selector, min) {
  return `() => document.querySelectorAll(${JSON.stringify(selector)}).length >= ${min}`;
}

const signedIn = () => [...document.querySelectorAll("h1")].some((h) => h.textContent?.trim() === "Your account");

/**
 * The page's requests since `t0` (ms on the page's clock): path, start and end relative to
 * `t0`, and body bytes (as sent, and decoded).
 */
export async function requestsSince(page, t0) {
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
export async function signInBreakdown(page, clickMs) {
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

/** The portal's sign-in page at `base`, from the click on "Sign in" to the account page painted. */
export async function signIn(browser, base, email, password) {
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

export function kdfText(kdf) {
  if (!kdf) return "unknown";
  const type = kdf.kdf ?? kdf.type;
  if (type === 1) return `Argon2id ${kdf.memory} MiB, ${kdf.iterations} passes, ${kdf.parallelism} lanes`;
  if (type === 0) return `PBKDF2-SHA256 ${kdf.iterations.toLocaleString("en")} iterations`;
  return JSON.stringify(kdf);
}

/**
 * `times` sign-ins, each in a new context; the figures, and the last one's context and page
 * (signed in) to go on with.
 */
export async function signInRepeatedly(browser, { base, email, password, label, times: signIns, log }) {
  const ms = [];
  const dom = [];
  const wall = [];
  let kdf = null;
  let breakdown = null;
  for (let i = 0; i < signIns; i++) {
    const s = await signIn(browser, base, email, password);
    breakdown = s.breakdown;
    ms.push(s.ms);
    dom.push(s.domMs);
    wall.push(s.wallMs);
    kdf = s.kdf;
    log(`${label} sign-in ${i + 1}: ${Math.round(s.ms)} ms (${kdfText(kdf)})`);
    if (i < signIns - 1) await s.context.close();
    else return { kdf: kdfText(kdf), kdfSettings: kdf, ...summary(ms), domMedianMs: round(median(dom)), wallMedianMs: round(median(wall)), lastBreakdown: breakdown, context: s.context, page: s.page };
  }
  throw new Error("unreachable");
}


/** After a reload (keys live in memory only): the master password typed, the Unlock click armed. */
export async function reloadLocked(page, url, password) {
  await page.goto(url);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Your vault is locked" }).waitFor();
  await page.getByLabel("Master password").fill(password);
}

/**
 * From the account page, settled, to `hash` by setting location.hash (as a click in the
 * product switcher does) until `condition` is painted.
 */
export async function navigateFromAccount(page, hash, condition) {
  await page.evaluate(() => (location.hash = "#/account"));
  await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
  await page.waitForLoadState("networkidle");
  await arm(page, "nav", condition);
  const wall0 = Date.now();
  await page.evaluate((h) => window.__bench.go("nav", h), hash);
  const nav = await measured(page, "nav");
  return { nav, navWallMs: Date.now() - wall0 };
}

/** Median, range and the DOM (and wall) medians of one step over the runs. */
export function stepFigures(runs, pick, wall) {
  return {
    ...summary(runs.map((r) => pick(r).paintMs)),
    domMedianMs: round(median(runs.map((r) => pick(r).domMs))),
    ...(wall ? { wallMedianMs: round(median(runs.map(wall))) } : {}),
  };
}

/**
 * `fill` of the search field (one "input" event, as a paste) until `filtered` is painted, the
 * rows checked to be exactly one; then cleared until `cleared` is painted.
 */
export async function timeFilter(page, { searchLabel, text, filtered, cleared, rows }) {
  const search = page.getByLabel(searchLabel);
  await arm(page, "filter", filtered, "input");
  const wall1 = Date.now();
  await search.fill(text);
  const filter = await measured(page, "filter");
  const filterWallMs = Date.now() - wall1;
  const shown = page.locator(rows);
  if ((await shown.count()) !== 1) throw new Error(`the filter "${text}" shows ${await shown.count()} rows`);
  await shown.first().waitFor({ state: "visible" });

  await arm(page, "clear", cleared, "input");
  await search.fill("");
  const clear = await measured(page, "clear");
  return { filter, filterWallMs, clear };
}
