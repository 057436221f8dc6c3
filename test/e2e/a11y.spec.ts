import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { switchLanguage } from "./helpers";
import { runId, signUpAndVerify } from "./wizard-steps";

/**
 * P4: axe-core (WCAG 2.0-2.2 A/AA rules) on every page an applicant meets,
 * in English and in Korean, including the forms in their error state
 * (error summary and messages by the fields). Serious or critical
 * violations fail. Keyboard use is checked where it matters most: the
 * skip link and the error summary taking focus.
 */

const publicPages = ["/", "/login", "/signup", "/verify-email?token=not-a-real-token", "/forgot-password", "/reset-password?token=not-a-real-token", "/eligibility", "/employer/signup"];
const wizardSteps = ["personal", "education", "work", "achievements", "offer", "dependants"];

async function check(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBeLessThan(500);
  await expectAccessible(page, path);
}

for (const language of ["en", "ko"] as const) {
  test(`public pages have no serious accessibility violations (${language})`, async ({ page }) => {
    await page.goto("/");
    await switchLanguage(page, language);
    for (const path of publicPages) await check(page, path);
    // A form in its error state: the summary takes focus and links to the fields.
    await page.goto("/login");
    await page.getByRole("button", { name: language === "ko" ? "로그인" : "Sign in", exact: true }).last().click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expectAccessible(page, "/login with errors");
    // Sign-up answered (issue 17 item 7: "check your e-mail", whichever address), its heading focused.
    await page.goto("/signup");
    await page.locator('input[name="name"]').fill("Axe Person");
    await page.locator('input[name="email"]').fill(`axe-signup-${language}-${runId()}@example.test`);
    await page.locator('input[name="password"]').fill("long enough password");
    await page.locator("main form").last().locator('button[type="submit"]').click();
    await expect(page.locator("#check-email-title")).toBeFocused();
    await expectAccessible(page, "/signup answered");
    // The public self-check, filled in and answered.
    await page.goto("/eligibility");
    await page.locator("form").last().locator('button[type="submit"]').last().click();
    await expectAccessible(page, "/eligibility after submitting");
  });

  test(`every applicant page has no serious accessibility violations (${language})`, async ({ page }) => {
    const id = runId();
    await signUpAndVerify(page, `Axe Applicant ${id}`, `axe-${language}-${id}@example.test`, `correct-horse-${id}`);
    await switchLanguage(page, language);

    await check(page, "/cases");
    await check(page, "/cases/new");
    await page.locator("main form").last().locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/apply\/personal$/);
    const caseId = /\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    for (const step of wizardSteps) {
      await check(page, `/cases/${caseId}/apply/${step}`);
    }
    // The first page sent back with errors (nothing filled in): summary focused, messages by the fields.
    await page.goto(`/cases/${caseId}/apply/personal`);
    await page.getByLabel(language === "ko" ? "여권 번호" : "Passport number", { exact: true }).fill("x");
    await page.getByRole("button", { name: language === "ko" ? "계속" : "Continue", exact: true }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expectAccessible(page, "wizard page with errors");

    await check(page, `/cases/${caseId}/apply/check`);
    await check(page, `/cases/${caseId}/documents`);
    await check(page, `/cases/${caseId}`);
    await check(page, "/account");
    await check(page, "/account/export");

    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.goto("/cases");
    await page.keyboard.press("Tab");
    await expect(page.locator(".skip-link")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });
}
