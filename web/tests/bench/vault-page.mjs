// The personal vault page (/#/vault) of a large vault in headless Chromium, for `bulwark-bench`
// (its sync phase runs this on the largest vault it seeded) or by hand against any running
// server:
//
//   node web/tests/bench/vault-page.mjs --url http://127.0.0.1:8000 --email <user> \
//     --password <master password> [--search "Service 04285"] [--expect-items 10000] [--runs 5]
//
// Prints one JSON object on stdout (progress goes to stderr): `{"skipped": "why"}` without
// Chromium or playwright-core, otherwise the figures. Measured inside the page as
// members-page.mjs does (see lib.mjs): the user's sign-in through the portal's page; then each
// run reloads on the vault and unlocks (keys live in memory only) until the first rows are
// painted; goes to the account page and back by setting location.hash until the first rows are
// painted (one sync, every item's name decrypted, one page of rows rendered); fills "Search
// items" with one item's name until that single row is painted; and clears it.

import { parseArgs } from "node:util";
import {
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
    email: { type: "string" },
    password: { type: "string" },
    search: { type: "string", default: "Service 04285" },
    "expect-items": { type: "string" },
    runs: { type: "string", default: "5" },
  },
});
const log = logger("vault-page");

const { chromium, chromiumPath } = await chromiumOrSkip();
requireOptions(opt, ["url", "email", "password"]);
const base = opt.url.replace(/\/$/, "");
const runs = Math.max(1, Number(opt.runs));
const expectItems = opt["expect-items"] ? Number(opt["expect-items"]) : null;
const vaultHash = "#/vault";
const ROWS = ".vault-page tbody tr";

// Conditions, run in the page (as source text).
const firstRows = `() => document.querySelectorAll(${JSON.stringify(ROWS)}).length > 0`;
const searchedTo = `() => {
  const rows = document.querySelectorAll(${JSON.stringify(ROWS)});
  return rows.length === 1 && (rows[0].querySelector("th")?.textContent ?? "").includes(${JSON.stringify(opt.search)});
}`;
const firstPageBack = `() => document.querySelectorAll(${JSON.stringify(ROWS)}).length > 1`;

let pageRows = null;
let pagerText = null;
async function checkFirstPage(page) {
  const rows = page.locator(ROWS);
  await rows.first().waitFor({ state: "visible" });
  pageRows = await rows.count();
  pagerText =
    (await page.getByRole("navigation", { name: "Items pages" }).getByRole("status").textContent().catch(() => null))?.trim() ?? null;
  if (expectItems !== null) {
    const total = Number(/\((\d+)\)/.exec(pagerText ?? "")?.[1]);
    if (total !== expectItems) throw new Error(`the pager says "${pagerText}", expected ${expectItems} items`);
  }
}

/** One run: reload on the vault, unlock, then the navigation, the search, its clearing. */
async function vaultRun(page, password) {
  await reloadLocked(page, `${base}/${vaultHash}`, password);
  await arm(page, "unlock", firstRows, "click");
  await page.getByRole("button", { name: "Unlock" }).click();
  const unlock = await measured(page, "unlock");
  await checkFirstPage(page);
  await page.waitForLoadState("networkidle");

  const { nav, navWallMs } = await navigateFromAccount(page, vaultHash, firstRows);
  await checkFirstPage(page);
  await page.waitForTimeout(1000);
  const navRequests = await requestsSince(page, nav.startMs);
  await page.waitForLoadState("networkidle");

  const searched = await timeFilter(page, {
    searchLabel: "Search items",
    text: opt.search,
    filtered: searchedTo,
    cleared: firstPageBack,
    rows: ROWS,
  });
  return { unlock, nav, navWallMs, ...searched, navRequests };
}

const browser = await launch(chromium, chromiumPath);
try {
  const result = { chromium: browser.version(), url: base, searchText: opt.search };
  log(`signing in as ${opt.email}`);
  const user = await signInRepeatedly(browser, { base, email: opt.email, password: opt.password, label: "user", times: 1, log });
  const { context, page, ...userSignIn } = user;
  result.signIn = userSignIn;

  const runResults = [];
  for (let i = 0; i < runs; i++) {
    const r = await vaultRun(page, opt.password);
    log(
      `run ${i + 1}: first rows ${Math.round(r.nav.paintMs)} ms, after unlock ${Math.round(r.unlock.paintMs)} ms, ` +
        `search ${Math.round(r.filter.paintMs)} ms, cleared ${Math.round(r.clear.paintMs)} ms`,
    );
    runResults.push(r);
  }
  result.rowsOnFirstPage = pageRows;
  result.pager = pagerText;
  result.lastRunRequests = { navigation: runResults.at(-1).navRequests };
  result.firstRows = stepFigures(runResults, (r) => r.nav, (r) => r.navWallMs);
  result.unlockToFirstRows = stepFigures(runResults, (r) => r.unlock);
  result.search = stepFigures(runResults, (r) => r.filter, (r) => r.filterWallMs);
  result.searchCleared = stepFigures(runResults, (r) => r.clear);
  await context.close();
  done(result);
} finally {
  await browser.close();
}
