// An automated accessibility check of the page as it is: axe-core (the engine browsers' own
// audit tools use) run inside the page against WCAG 2 A and AA rules. Serious and critical
// findings fail the test, each named with its rule, its help text and the elements it found.
// axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy
// does not govern, so the portal's strict policy stays as it ships.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

function source(): string {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Fails with every serious or critical WCAG 2 A/AA finding on `page` (`where` names it). */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(source());
  const findings = await page.evaluate(async () => {
    type AxeResult = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")),
    }));
  });
  const serious = (findings as Finding[]).filter((f) => f.impact === "serious" || f.impact === "critical");
  assert.deepEqual(
    serious.map((f) => `${f.impact} ${f.id}: ${f.help} (${f.targets.join(", ")})`),
    [],
    `accessibility findings on ${where}`,
  );
}
