import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * P4: axe-core on the page as it is now, against the WCAG 2.0/2.1/2.2 A and AA
 * rules. Serious and critical violations fail the test, each listed with the
 * elements it was found on; minor and moderate ones are left to review.
 */
export async function expectAccessible(page: Page, what = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `axe-core on ${what}`).toEqual([]);
}
