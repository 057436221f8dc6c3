import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoEnglish } from "./a11y";
import { EMPLOYER, OFFICER, SENIOR, signIn, signOut, switchLanguage } from "./helpers";
import { applyAndGetSponsored } from "./apply-flow";
import { runId, signUpAndVerify } from "./wizard-steps";

/**
 * P4: axe-core (WCAG 2.0-2.2 A/AA rules) on every page an applicant meets,
 * in English and in Korean, including the forms in their error state
 * (error summary and messages by the fields). Serious or critical
 * violations fail. Keyboard use is checked where it matters most: the
 * skip link and the error summary taking focus.
 *
 * Issue 11: also every page of the employer, the officer, the senior officer
 * and the administrator, and on every Korean page no English left over
 * (`expectNoEnglish`: data people typed and codes aside). One page load per
 * page and language.
 */

const publicPages = ["/", "/login", "/signup", "/verify-email?token=not-a-real-token", "/forgot-password", "/reset-password?token=not-a-real-token", "/eligibility", "/employer/signup", "/help", "/privacy"];
/** What the demo accounts and organisation are called: data, shown as entered in either language. */
const demoNames = ["Ada Okafor", "Kim Minji", "Park Jisoo", "Lee Hyunwoo", "Choi Admin", "Hanbit AI Labs"];
/**
 * Examples the hints give as typed: a university's name as written in English (the wizard asks for it so) and a
 * template's code (lower-case letters and hyphens, the same in both languages).
 */
const examples = ["University of Toronto", "refuse-income-threshold"];
/**
 * Names of what the rules refer to, shown as published: the editions of the reference lists a screening applied
 * (stored with each screening result, models/eligibility/reference/*.json), the U.S. News ranking and the K-Tech Pass
 * programme of KOTRA.
 */
const referenceDir = fileURLToPath(new URL("../../models/eligibility/reference/", import.meta.url));
const publishedNames = [
  ...readdirSync(referenceDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => (JSON.parse(readFileSync(path.join(referenceDir, f), "utf8")) as { edition?: string }).edition)
    .filter((e): e is string => Boolean(e)),
  "U.S. News",
  "K-Tech Pass",
  "KOTRA",
];
/** What applyAndGetSponsored types and uploads (its applicants are all "Mina Park <run id>"). */
const caseData = ["Mina Park", "Seoul National University", "Computer science", "Principal research scientist", "Research scientist", "Canada", "Korea", "passport-self.pdf", "degree-0.pdf", "contract-offer.pdf"];
const wizardSteps = ["personal", "education", "work", "achievements", "offer", "dependants"];

async function check(page: Page, path: string, data: readonly string[] = []) {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBeLessThan(500);
  await expectAccessible(page, path);
  if ((await page.locator("html").getAttribute("lang")) === "ko") await expectNoEnglish(page, path, [...demoNames, ...examples, ...data]);
}

for (const language of ["en", "ko"] as const) {
  test(`public pages have no serious accessibility violations (${language})`, async ({ page }) => {
    await page.goto("/");
    await switchLanguage(page, language);
    for (const path of publicPages) await check(page, path);
    // A page that does not exist: the error page, in the page's language.
    await check(page, "/no-such-page");
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
    const me = [`Axe Applicant ${id}`];
    await signUpAndVerify(page, me[0]!, `axe-${language}-${id}@example.test`, `correct-horse-${id}`);
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
    await check(page, `/cases/${caseId}/messages`);
    await check(page, "/account", me);
    await check(page, "/account/export", me);

    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.goto("/cases");
    await page.keyboard.press("Tab");
    await expect(page.locator(".skip-link")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });
}

/** One submitted, sponsored case for the back-office pages, made once for both languages. */
let sponsored: Awaited<ReturnType<typeof applyAndGetSponsored>> | undefined;
async function sponsoredCase(page: Page) {
  sponsored ??= await applyAndGetSponsored(page, runId());
  const data = [...caseData, ...publishedNames, sponsored.fullName, sponsored.email, `BR${sponsored.fullName.split(" ").pop()!.slice(0, 7).toUpperCase()}`];
  return { ...sponsored, caseId: sponsored.caseUrl.split("/").pop()!, data };
}

for (const language of ["en", "ko"] as const) {
  test(`every employer and back-office page has no serious accessibility violations (${language})`, async ({ page }) => {
    test.setTimeout(600_000);
    const c = await sponsoredCase(page);

    await signIn(page, EMPLOYER, undefined, language);
    for (const path of ["/employer", "/employer/candidates", "/employer/members", "/employer/settings", `/employer/cases/${c.caseId}`, "/account", "/help"]) await check(page, path, c.data);
    await signOut(page);

    await signIn(page, OFFICER, undefined, language);
    for (const path of ["/officer", "/officer/search", `/officer/search?q=${c.receipt}`, `/officer/cases/${c.caseId}`, "/officer/stats", "/account"]) await check(page, path, c.data);
    await signOut(page);

    await signIn(page, SENIOR, undefined, language);
    if (language === "en") {
      // The senior officer takes this case off the queue, so the specs after this one take their own cases next.
      await expect(async () => {
        await page.goto("/officer");
        await expect(page.getByRole("button", { name: "Take next case", exact: true })).toBeEnabled({ timeout: 500 });
      }).toPass({ timeout: 25_000, intervals: [500, 1000] });
      await page.getByRole("button", { name: "Take next case", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: new RegExp(c.receipt) })).toBeVisible();
    }
    for (const path of ["/officer", "/officer/stats", "/officer/templates", "/officer/audit", `/officer/cases/${c.caseId}`]) await check(page, path, c.data);
    // The case's audit trail: every action, role and stored detail in words; the only data is who acted.
    await check(page, `/officer/cases/${c.caseId}/audit`, [c.fullName]);
    await signOut(page);

    await signIn(page, "admin@demo.toptier.local", undefined, language);
    await check(page, "/admin", [...c.data, "Bull Board"]);
    // The rule sets and lists by their titles and editions in the page's language; "U.S. News" is a ranking's name.
    const rankings = ["U.S. News"];
    await check(page, "/admin/policy", rankings);
    const first = page.locator('main a[href^="/admin/policy/"]').first();
    const policyPath = (await first.getAttribute("href"))!;
    await check(page, policyPath, rankings);
    await check(page, "/admin/policy/reference/research_institutes", rankings);
    // A definition that does not pass the checks: the problems by the field, in the page's language (the JSON stays JSON).
    await page.locator("textarea[name=json]").fill('{"id": "research_institutes", "version": 3}');
    await page.getByRole("button", { name: language === "ko" ? "새 버전 게시" : "Publish new version" }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expect(page.locator(".policy-problems li")).toHaveCount(5);
    await expectAccessible(page, "a policy version with problems");
    if (language === "ko") await expectNoEnglish(page, "a policy version with problems", [...demoNames, ...rankings]);
  });
}
