// Headless Chromium (Debian's package) driven by playwright-core, and pages that record what
// must never happen in the portal: console errors, uncaught exceptions, Content-Security-Policy
// violations, server errors (5xx) and requests to any other origin.
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";
import { chromiumBin } from "./paths.js";

/**
 * Without the background-networking flags Chromium's own connections (component updates,
 * sync, QUIC probes) are refused by the closed network of the test machines and logged as
 * errors. Playwright gives each launch a new, empty profile (--user-data-dir) itself.
 */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumBin(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * Console errors that are not faults: Chromium logs every HTTP error response of a fetch as
 * "Failed to load resource", and a refused sign-in is a 4xx the portal shows as a sentence.
 * (5xx are recorded separately, from the responses.)
 */
const EXPECTED_CONSOLE_ERRORS = [/^Failed to load resource: the server responded with a status of 4\d\d\b/];

export class Problems {
  readonly list: string[] = [];
  /** Console errors matching one of these are expected by the test (see `allowConsoleError`). */
  readonly allowed: RegExp[] = [...EXPECTED_CONSOLE_ERRORS];

  add(problem: string): void {
    this.list.push(problem);
  }

  /** Records a console error of a page or of one of its workers (the Argon2 worker). */
  console(message: ConsoleMessage): void {
    if (message.type() !== "error") {
      return;
    }
    const text = message.text();
    if (!this.allowed.some((pattern) => pattern.test(text))) {
      const location = message.location();
      const where = message.worker() ? `worker ${message.worker()?.url()}` : "page";
      this.add(`console error (${where}${location.url ? ` at ${location.url}:${location.lineNumber}` : ""}): ${text}`);
    }
  }
}

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
}

/**
 * A new isolated context (its own cookies and storage, like another person's browser) for
 * the portal at `origin`, its problems recorded in `problems`. `trustTestCertificate`: the
 * server's HTTPS certificate comes from the test's throw-away CA, which Chromium does not know.
 */
export async function newRecordedContext(
  browser: Browser,
  origin: string,
  problems: Problems,
  trustTestCertificate = false,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: trustTestCertificate,
  });
  // The DOM's own report of a violation, in addition to Chromium's console message: it names
  // the directive and the blocked URL. The init script is injected by the browser, so the CSP
  // under test does not apply to it.
  await context.exposeBinding("__bulwarkCspViolation", (_source, v: Violation) => {
    problems.add(`CSP violation: ${v.directive} blocked ${v.blocked || "inline code"} (${v.source}:${v.line})`);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { __bulwarkCspViolation: (v: Violation) => void }).__bulwarkCspViolation;
    document.addEventListener("securitypolicyviolation", (e) =>
      report({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber }),
    );
  });
  context.on("console", (message) => problems.console(message));
  context.on("weberror", (error) => problems.add(`uncaught exception: ${error.error().stack ?? error.error().message}`));
  context.on("page", (page) => watchPage(page, origin, problems));
  return context;
}

function watchPage(page: Page, origin: string, problems: Problems): void {
  page.setDefaultTimeout(Number(process.env["BULWARK_BROWSER_TIMEOUT_MS"] ?? 10_000));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && url.origin !== origin) {
      problems.add(`request to another origin: ${request.method()} ${request.url()}`);
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 500) {
      problems.add(`server error: ${response.status()} for ${response.request().method()} ${response.url()}`);
    }
  });
}
