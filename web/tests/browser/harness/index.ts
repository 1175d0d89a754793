// The browser tests' one entry point: `portalTest(name, body)` registers the test once per
// database (SQLite and PostgreSQL; BULWARK_BROWSER_DBS=sqlite narrows it) and hands the body a
// fresh server with its mail sink, a page in headless Chromium, and helpers. The test fails on
// any console error, uncaught exception, CSP violation, 5xx or request to another origin, and
// on any serious accessibility finding on a page it screenshots; a screenshot of every open
// page is written when it fails.
import assert from "node:assert/strict";
import { describe, test, type TestContext } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { assertAccessible } from "./a11y.js";
import { launchBrowser, newRecordedContext, Problems } from "./browser.js";
import { artifact, slug } from "./paths.js";
import { startServer, type Db, type Server, type ServerOptions } from "./server.js";

export { parseMail, type Mail, type MailSink } from "./mail.js";
export type { Db, Server, ServerOptions } from "./server.js";

export interface PortalTest {
  db: Db;
  server: Server;
  /** A page of its own browser context, not yet navigated. */
  page: Page;
  /** Another person: a page in a new, isolated context (own storage), recorded the same way. */
  newPage(): Promise<Page>;
  /**
   * Writes web/test-artifacts/<test>[-<step>]-<db>.png of `target` (default: `page`) and
   * returns the path; first checks the page's accessibility (harness/a11y.ts: no serious or
   * critical WCAG 2 A/AA finding), so every page a test shows is checked.
   */
  screenshot(step?: string, target?: Page): Promise<string>;
  /** Tolerates console errors matching `pattern` for the rest of the test. */
  allowConsoleError(pattern: RegExp): void;
  /**
   * Fails now if anything was recorded (the harness also checks at the end); use it after a
   * step whose errors would be hard to place later.
   */
  assertNoProblems(): void;
}

export interface PortalTestOptions {
  server?: ServerOptions;
  /** Per database, in milliseconds (default 120 s; BULWARK_BROWSER_TEST_TIMEOUT_MS). */
  timeout?: number;
}

/** The databases to run on: BULWARK_BROWSER_DBS (comma-separated), default both. */
export function databases(): Db[] {
  const chosen = (process.env["BULWARK_BROWSER_DBS"] ?? "sqlite,postgres")
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  for (const db of chosen) {
    assert.ok(db === "sqlite" || db === "postgres", `BULWARK_BROWSER_DBS: unknown database ${db}`);
  }
  return chosen as Db[];
}

export function portalTest(
  name: string,
  body: (t: PortalTest) => Promise<void>,
  options: PortalTestOptions = {},
): void {
  const timeout = options.timeout ?? Number(process.env["BULWARK_BROWSER_TEST_TIMEOUT_MS"] ?? 120_000);
  describe(name, () => {
    for (const db of databases()) {
      test(`on ${db}`, { timeout }, (ctx) => runOne(ctx, name, db, body, options));
    }
  });
}

async function runOne(
  ctx: TestContext,
  name: string,
  db: Db,
  body: (t: PortalTest) => Promise<void>,
  options: PortalTestOptions,
): Promise<void> {
  const base = slug(name);
  const problems = new Problems();
  // Where the time goes, printed under the test: the harness's part must stay small.
  const timings: string[] = [];
  let mark = Date.now();
  const lap = (what: string) => {
    timings.push(`${what} ${Date.now() - mark} ms`);
    mark = Date.now();
  };
  const server = await startServer(db, { ...options.server, logFile: artifact(`${base}-${db}.server.log`) });
  lap("server");
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  try {
    browser = await launchBrowser();
    lap("chromium");
    const open = browser;
    const newPage = async (): Promise<Page> => {
      const context = await newRecordedContext(open, server.url, problems, Boolean(options.server?.tls));
      contexts.push(context);
      const page = await context.newPage();
      pages.push(page);
      return page;
    };
    const page = await newPage();
    const assertNoProblems = () => {
      if (problems.list.length > 0) {
        assert.fail(`the portal misbehaved on ${db}:\n${problems.list.join("\n")}`);
      }
    };
    const t: PortalTest = {
      db,
      server,
      page,
      newPage,
      async screenshot(step, target = page) {
        const file = artifact(`${base}${step ? `-${slug(step)}` : ""}-${db}.png`);
        await target.screenshot({ path: file, fullPage: true });
        await assertAccessible(target, `${base}${step ? ` (${step})` : ""}`);
        return file;
      },
      allowConsoleError: (pattern) => problems.allowed.push(pattern),
      assertNoProblems,
    };
    let failure: unknown;
    try {
      await body(t);
      lap("test");
    } catch (e) {
      lap("test until it failed");
      failure = e;
    }
    if (failure === undefined && problems.list.length === 0) {
      return;
    }
    // What the pages showed when it failed, for the person reading the CI log.
    await Promise.all(
      pages.map((p, i) =>
        p.screenshot({ path: artifact(`${base}-failed-${i + 1}-${db}.png`), fullPage: true }).catch(() => undefined),
      ),
    );
    if (failure === undefined) {
      assertNoProblems();
    }
    // A step that timed out often did so because of an error the page logged: name both.
    if (problems.list.length > 0 && failure instanceof Error) {
      const more = `\nand the portal misbehaved on ${db}:\n${problems.list.join("\n")}`;
      // The reporter prints the stack, which holds the message as it was when thrown.
      if (failure.stack) {
        failure.stack = failure.stack.replace(failure.message, failure.message + more);
      }
      failure.message += more;
    }
    throw failure;
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close().catch(() => undefined);
    await server.stop();
    lap("teardown");
    ctx.diagnostic(timings.join(", "));
  }
}
