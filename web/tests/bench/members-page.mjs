// The Admin Console's Members page of a large organization in headless Chromium, for
// `bulwark-bench` (its organization phase runs this on the org it filled with invitations) or by
// hand against any running server:
//
//   node web/tests/bench/members-page.mjs --url http://127.0.0.1:8000 --org <id> \
//     --email <owner> --password <master password> [--filter "invitee-02142"] \
//     [--expect-members 5001] [--runs 5]
//
// Prints one JSON object on stdout (progress goes to stderr): `{"skipped": "why"}` without
// Chromium or playwright-core, otherwise the figures. Measured inside the page as
// clients-page.mjs does (see lib.mjs): the owner's sign-in through the portal's page; then each
// run reloads on the Members page and unlocks (keys live in memory only) until the first rows
// are painted; goes to the account page and back by setting location.hash until the first
// rows are painted (the org key opened, every member listed in one response, one page of rows
// rendered); fills "Search members" with one member's address until that single row is
// painted; and clears it until the first page is back.

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
    org: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    filter: { type: "string", default: "invitee-02142" },
    "expect-members": { type: "string" },
    runs: { type: "string", default: "5" },
    "sign-ins": { type: "string", default: "1" },
  },
});
const log = logger("members-page");

const { chromium, chromiumPath } = await chromiumOrSkip();
requireOptions(opt, ["url", "org", "email", "password"]);
const base = opt.url.replace(/\/$/, "");
const runs = Math.max(1, Number(opt.runs));
const expectMembers = opt["expect-members"] ? Number(opt["expect-members"]) : null;
const membersHash = `#/organizations/${opt.org}/members`;
const ROWS = 'section[aria-labelledby="members-heading"] tbody tr';

// Conditions, run in the page (as source text).
const firstRows = `() => document.querySelectorAll(${JSON.stringify(ROWS)}).length > 0`;
const filteredTo = `() => {
  const rows = document.querySelectorAll(${JSON.stringify(ROWS)});
  return rows.length === 1 && (rows[0].querySelector("th")?.textContent ?? "").includes(${JSON.stringify(opt.filter)});
}`;
const firstPageBack = `() => document.querySelectorAll(${JSON.stringify(ROWS)}).length > 1`;

let pageRows = null;
let pagerText = null;
let seatsText = null;
async function checkFirstPage(page) {
  const section = page.locator('section[aria-labelledby="members-heading"]');
  await section.locator("tbody tr").first().waitFor({ state: "visible" });
  pageRows = await section.locator("tbody tr").count();
  pagerText =
    (await section.getByRole("navigation", { name: "Members pages" }).getByRole("status").textContent().catch(() => null))?.trim() ?? null;
  seatsText = (await section.locator("p.seats").textContent().catch(() => null))?.trim() ?? null;
  if (expectMembers !== null) {
    const total = Number(/\((\d+)\)/.exec(pagerText ?? "")?.[1]);
    if (total !== expectMembers) throw new Error(`the pager says "${pagerText}", expected ${expectMembers} members`);
  }
}

/** One run: reload on the members page, unlock, then the navigation, the filter, its clearing. */
async function membersRun(page, password) {
  await reloadLocked(page, `${base}/${membersHash}`, password);
  await arm(page, "unlock", firstRows, "click");
  await page.getByRole("button", { name: "Unlock" }).click();
  const unlock = await measured(page, "unlock");
  await checkFirstPage(page);
  await page.waitForLoadState("networkidle");

  const { nav, navWallMs } = await navigateFromAccount(page, membersHash, firstRows);
  await checkFirstPage(page);
  await page.waitForTimeout(1000);
  const navRequests = await requestsSince(page, nav.startMs);
  await page.waitForLoadState("networkidle");

  const filtered = await timeFilter(page, {
    searchLabel: "Search members",
    text: opt.filter,
    filtered: filteredTo,
    cleared: firstPageBack,
    rows: ROWS,
  });
  return { unlock, nav, navWallMs, ...filtered, navRequests };
}

const browser = await launch(chromium, chromiumPath);
try {
  const result = { chromium: browser.version(), url: base, org: opt.org, filterText: opt.filter };
  log(`signing in as ${opt.email}`);
  const owner = await signInRepeatedly(browser, {
    base,
    email: opt.email,
    password: opt.password,
    label: "owner",
    times: Math.max(1, Number(opt["sign-ins"])),
    log,
  });
  const { context, page, ...ownerSignIn } = owner;
  result.signIn = ownerSignIn;

  const runResults = [];
  for (let i = 0; i < runs; i++) {
    const r = await membersRun(page, opt.password);
    log(
      `run ${i + 1}: first rows ${Math.round(r.nav.paintMs)} ms, after unlock ${Math.round(r.unlock.paintMs)} ms, ` +
        `filter ${Math.round(r.filter.paintMs)} ms, cleared ${Math.round(r.clear.paintMs)} ms`,
    );
    runResults.push(r);
  }
  result.rowsOnFirstPage = pageRows;
  result.pager = pagerText;
  result.seats = seatsText;
  result.lastRunRequests = { navigation: runResults.at(-1).navRequests };
  result.firstRows = stepFigures(runResults, (r) => r.nav, (r) => r.navWallMs);
  result.unlockToFirstRows = stepFigures(runResults, (r) => r.unlock);
  result.filter = stepFigures(runResults, (r) => r.filter, (r) => r.filterWallMs);
  result.filterCleared = stepFigures(runResults, (r) => r.clear);
  await context.close();
  done(result);
} finally {
  await browser.close();
}
