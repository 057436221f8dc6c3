import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { OFFICER, signIn } from "./helpers";
import { applyAndGetSponsored } from "./apply-flow";

/**
 * Issue 11 item 2: the officer's case file as a workbench, walked with the
 * keyboard only: Tab to "Take next case", then the page's shortcuts (J/K next and
 * previous document, V verify, R reject, D decision, ? help), which never fire
 * while typing in a field; the summary and the action bar stay in view.
 */
const focused = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? "").trim());

async function tabTo(page: Page, text: RegExp, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (text.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

const newRunId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
/** The case the keyboard walk worked on; the phone check opens it too (or makes its own when run alone). */
let worked: Awaited<ReturnType<typeof applyAndGetSponsored>> | undefined;

test("an officer works a case from the keyboard: take next, verify, reject with a reason, record a decision", async ({ page }) => {
  const a = await applyAndGetSponsored(page, newRunId());
  worked = a;
  await signIn(page, OFFICER, undefined, "en");
  await expect(async () => {
    await page.goto("/officer");
    await expect(page.getByRole("button", { name: "Take next case", exact: true })).toBeEnabled({ timeout: 500 });
  }).toPass({ timeout: 25_000, intervals: [500, 1000] });
  await expect(page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Review queue" })).toHaveAttribute("aria-current", "page");

  await tabTo(page, /^Take next case$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(a.receipt) })).toBeVisible();
  await expect(page.getByText("With you.")).toBeVisible();

  // The summary at the top, the two panes side by side at 1280 px, the action bar in view without scrolling.
  const bar = page.getByRole("region", { name: "Case actions" });
  await expect(bar).toBeInViewport();
  const dossierBox = (await page.locator(".workbench-pane-case").boundingBox())!;
  const docsBox = (await page.locator(".workbench-pane-documents").boundingBox())!;
  expect(docsBox.x).toBeGreaterThan(dossierBox.x + dossierBox.width - 1);
  await expectAccessible(page, "officer workbench");

  // "?" shows the shortcuts, documented on the page.
  await page.keyboard.press("?");
  await expect(bar.getByText("Take the next case from the queue")).toBeVisible();
  await page.keyboard.press("?");
  await expect(bar.getByText("Take the next case from the queue")).toBeHidden();

  const articles = page.locator("article.document");
  await expect(articles).toHaveCount(3);
  const first = await articles.nth(0).getAttribute("data-document-id");
  await expect(articles.nth(0)).toHaveClass(/is-current/);
  // J moves to the next document (focus on its heading, its viewer open); K goes back.
  await page.keyboard.press("j");
  await expect(articles.nth(1)).toHaveClass(/is-current/);
  await expect(articles.nth(1).locator("details.document-view")).toHaveAttribute("open", "");
  await page.keyboard.press("k");
  await expect(articles.nth(0)).toHaveClass(/is-current/);

  // V verifies the current document and moves on to the next one still to review.
  await page.keyboard.press("v");
  await expect(page.locator(`article[data-document-id="${first}"]`)).toHaveAttribute("data-review-status", "verified");
  await expect(page.locator(`article[data-document-id="${first}"]`)).toContainText("Verified");
  await expect(articles.nth(1)).toHaveClass(/is-current/);

  // R puts the focus in the reason field; typing there (letters that are shortcuts) triggers nothing.
  await page.keyboard.press("r");
  await expect(articles.nth(1).locator("textarea")).toBeFocused();
  await page.keyboard.type("very blurry: rescan needed, keep the edges visible");
  await expect(articles.nth(1)).toHaveAttribute("data-review-status", "pending");
  await expect(articles.nth(1).locator("textarea")).toBeFocused();
  await tabTo(page, /^Reject$/, 3);
  await page.keyboard.press("Enter");
  await expect(articles.nth(1)).toHaveAttribute("data-review-status", "rejected");
  await expect(articles.nth(1)).toContainText("very blurry: rescan needed");

  // D goes to the decision; the choice, the reasons and the button by keyboard.
  await page.locator("body").focus();
  await page.keyboard.press("d");
  await expect(page.getByLabel("Approve")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Approve")).toBeChecked();
  await tabTo(page, /^$/, 4); // the reasons field (a textarea has no text yet)
  await expect(page.getByLabel("Reasons", { exact: true })).toBeFocused();
  await page.keyboard.type("Every criterion is met; the degree and the passport were checked.");
  await tabTo(page, /^Record decision$/, 3);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Stage:")).toContainText("Decision in second review");
});

test("the workbench fits a 390 px phone: one column, the action bar stays reachable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const c = worked ?? (await applyAndGetSponsored(page, newRunId()));
  await signIn(page, OFFICER, undefined, "ko");
  await page.goto(`/officer/cases/${c.caseUrl.split("/").pop()!}`);
  await expect(page.getByRole("region", { name: "사건 처리" })).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});
