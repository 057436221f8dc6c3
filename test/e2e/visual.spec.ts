import { expect, test, type Locator, type Page } from "@playwright/test";
import { applyAndGetSponsored, RECEIPT } from "./apply-flow";
import { OFFICER, signIn, switchLanguage } from "./helpers";

/**
 * Issue 11: the key screens of every role look as they did, at 1280 and 390 px, in
 * English and (where the page is the one Korean readers meet first) Korean. Each is
 * compared with a committed baseline (test/e2e/__screenshots__/visual.spec.ts/) within
 * a small tolerance (playwright.config.ts); what differs from run to run is fixed before
 * the screenshot (dates written out; names and addresses made from the run id, written
 * with one id of the same length) or masked (receipt numbers, times). A change of layout
 * made on purpose is taken in with `npx playwright test test/e2e/visual.spec.ts
 * --update-snapshots`, and the new baselines are looked at before they are committed.
 */

const WIDTHS = [1280, 390] as const;
/** A run id of fixed length, so that masked names take the same room in every run. */
const fixedRunId = () => `${Date.now().toString(36).slice(-7)}${Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, "0")}`;

/**
 * Dates and times written out in the text (submitted on, due on, sent at) change from run to run and with them the
 * line breaks below them: each is replaced by one fixed date of its own format before the screenshot, so the layout
 * compared is the page's, not the calendar's.
 */
async function fixDates(page: Page, runId?: string) {
  await page.evaluate((runId) => {
    const months = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*";
    const rules: [RegExp, (m: string, time?: string) => string][] = [
      [new RegExp(`\\b\\d{1,2} ${months} \\d{4}(, \\d{1,2}:\\d{2})?`, "g"), (_m, time) => (time ? "1 Jan 2027, 09:00" : "1 January 2027")],
      [/\d{4}\. \d{1,2}\. \d{1,2}\.( (?:AM|PM|오전|오후) \d{1,2}:\d{2})?/g, (_m, time) => (time ? "2027. 1. 1. 오전 9:00" : "2027. 1. 1.")],
      [/\d{4}년 \d{1,2}월 \d{1,2}일/g, () => "2027년 1월 1일"],
    ];
    // The run id's characters differ in width from run to run (a proportional font): one fixed id of the same length
    // keeps the names made from it, masked or not, on the same lines.
    if (runId) rules.push([new RegExp(runId, "g"), () => "k".repeat(runId.length)]);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      let text = n.nodeValue ?? "";
      for (const [pattern, fixed] of rules) text = text.replace(pattern, (m, time?: string) => fixed(m, time));
      if (text !== n.nodeValue) n.nodeValue = text;
    }
  }, runId);
}

/**
 * Until React has hydrated the page (the footer, the last part of every page, has its fiber): text changed
 * before that fails hydration (React errors 418/425) and the page is rendered again, dates and all.
 */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const footer = document.querySelector(".site-footer");
    return document.readyState === "complete" && !!footer && Object.keys(footer).some((k) => k.startsWith("__reactFiber$"));
  });
}

async function looksAsBefore(page: Page, name: string, mask: (page: Page) => Locator[] = () => [], runId?: string) {
  await hydrated(page);
  await fixDates(page, runId);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // The web font's slices load as text needs them: wait until every face in use is in.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await expect(page).toHaveScreenshot(`${name}-${width}.png`, { fullPage: true, mask: [page.locator("time"), ...mask(page)] });
  }
  // The journey goes on at Playwright's default size.
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("public screens look as before, in English and Korean", async ({ page }) => {
  for (const language of ["en", "ko"] as const) {
    await page.goto("/");
    await switchLanguage(page, language);
    await looksAsBefore(page, `home-${language}`);
    await page.goto("/login");
    await looksAsBefore(page, `login-${language}`);
    await page.goto("/eligibility");
    await looksAsBefore(page, `eligibility-${language}`);
  }
});

test("the applicant's, the employer's and the officer's key screens look as before", async ({ page }) => {
  const runId = fixedRunId();
  // Names and addresses made from the run id read the same in every run (fixDates); receipt numbers are masked.
  const mask = (p: Page) => [p.getByText(RECEIPT)];
  const { receipt } = await applyAndGetSponsored(page, runId, (stop) => looksAsBefore(page, stop, mask, runId));

  // The officer's case file (the workbench), once screening has put the case in the queue.
  await signIn(page, OFFICER, undefined, "en");
  await expect(async () => {
    await page.goto(`/officer/search?q=${receipt}`);
    await expect(page.getByRole("link", { name: receipt })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("link", { name: receipt }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(receipt);
  await looksAsBefore(page, "officer-case", mask, runId);
  // Officers read Korean first.
  await switchLanguage(page, "ko");
  await looksAsBefore(page, "officer-case-ko", mask, runId);
});
