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

/**
 * Issue 11 item 11: no English left on a Korean page. Every visible text node in <main> is read;
 * one with a Latin word of four letters or more is reported unless it is one of:
 * - data, not interface text: what the test typed or the demo accounts are called (`data`), e-mail
 *   addresses, receipt numbers (TT-2026-000123), and what sits in <code>, <kbd>, <samp> or an element
 *   marked lang="en" or translate="no" (identifiers, file names, the other language's switch);
 * - names that stay in Latin letters in Korean too: the product name TopTier, and abbreviations and
 *   codes written in capitals or with digits (AI, PDF, KST, F-2-T, E-7-1, top-tier-f2@2025.2).
 */
export async function expectNoEnglish(page: Page, what: string, data: readonly string[] = []) {
  const found = await page.evaluate((data) => {
    const main = document.querySelector("main");
    if (!main) return [];
    const skip = "code, kbd, samp, script, style, [lang='en'], [translate='no'], [hidden]";
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const out: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || !el.checkVisibility()) continue;
      let t = n.textContent ?? "";
      // Longest first: a short name inside a longer one ("2025.1" in "Curated list 2025.1 …") must not break it up.
      for (const d of [...data].sort((a, b) => b.length - a.length)) t = t.split(d).join(" ");
      t = t
        .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ")
        .replace(/\bTT-\d{4}-\d{6}\b/g, " ")
        .replace(/\bTopTier\b/g, " ")
        .replace(/[\w.@-]*\d[\w.@-]*/g, " ")
        .replace(/\b[A-Z]{2,}s?\b/g, " ");
      if (/[A-Za-z]{4,}/.test(t)) out.push((n.textContent ?? "").trim().slice(0, 120));
    }
    return [...new Set(out)];
  }, data as string[]);
  expect.soft(found, `English text on the Korean page ${what}`).toEqual([]);
}
