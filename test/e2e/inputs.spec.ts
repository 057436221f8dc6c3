import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { runId, signUpAndVerify } from "./wizard-steps";

/**
 * Issue 11 items 4 and 10: the self-check's verdict panel in English and Korean,
 * the offer's questions hidden when there is no offer (and still working without
 * JavaScript), and a keyboard-only walk of the wizard's first pages.
 */

async function fillSelfCheck(page: Page, l: { birth: string; degree: string; level: string; field: string; university: string; awarded: string; job: string; org: string; kind: string; from: string; offer: string; employer: string; industry: string; salary: string }, salary: string) {
  await page.getByLabel(l.birth).fill("1986-07-09");
  const degree = page.getByRole("group", { name: l.degree });
  await degree.getByLabel(l.level).selectOption("phd");
  await degree.getByLabel(l.field).fill("Computer Science");
  await degree.getByLabel(l.university, { exact: true }).fill("KAIST");
  await degree.getByLabel(l.awarded).fill("2012-02-20");
  const job = page.getByRole("group", { name: l.job });
  await job.getByLabel(l.org, { exact: true }).fill("Samsung Electronics");
  await job.getByLabel(l.kind).selectOption("company");
  await job.getByLabel(l.from, { exact: true }).fill("2012-03-01");
  const offer = page.getByRole("group", { name: l.offer });
  await offer.getByLabel(l.employer).fill("Hanbit AI Labs");
  await offer.getByLabel(l.industry).selectOption("ai");
  await offer.getByLabel(l.salary).fill(salary);
}

const en = { birth: "Date of birth", degree: "Highest degree", level: "Level", field: "Field of study", university: "University", awarded: "Date awarded", job: "Work or research position 1", org: "Organisation", kind: "Kind of organisation", from: "From", offer: "Job offer from a Korean company", employer: "Employer", industry: "Industry of the job", salary: "Annual salary in Korean won" };
const ko = { birth: "생년월일", degree: "최종 학위", level: "학위 과정", field: "전공 분야", university: "대학교", awarded: "학위 수여일", job: "근무·연구 경력 1", org: "기관명", kind: "기관 유형", from: "시작일", offer: "한국 기업의 고용 제안", employer: "고용주", industry: "직무 산업 분야", salary: "연봉 (원)" };

test("the self-check gives a plain verdict, why, what next and the details collapsed (English)", async ({ page }) => {
  await page.goto("/eligibility");
  // One job block to start with, and a way to add another.
  await expect(page.getByRole("group", { name: /Work or research position/ })).toHaveCount(1);
  await page.getByRole("button", { name: "Add another job" }).click();
  await expect(page.getByRole("group", { name: "Work or research position 2 (optional)" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Work or research position 2 (optional)" }).getByLabel("Organisation", { exact: true })).toBeFocused();
  await fillSelfCheck(page, en, "160,000,000");
  await page.getByRole("button", { name: "Check eligibility" }).click();
  const verdict = page.getByRole("region", { name: "Result" });
  await expect(verdict.getByText("Likely eligible", { exact: true }).first()).toBeVisible();
  await expect(verdict).toContainText("You appear to meet the Top-Tier visa criteria.");
  await expect(verdict.getByRole("heading", { name: "Why" })).toBeVisible();
  await expect(verdict.locator(".verdict-reasons li")).toHaveCount(4);
  await expect(verdict.locator(".verdict-reasons")).toContainText("Your salary of ₩160,000,000 is at least 3 times GNI per capita");
  await expect(verdict.locator(".verdict-reasons")).toContainText("Your doctorate from KAIST counts.");
  // No engine talk in the visible part: no rule-set ids, no "0.00 years", no open-ended periods.
  const visible = await verdict.evaluate((el) => (el as HTMLElement).innerText);
  expect(visible).not.toMatch(/top-tier-f2@|0\.00 years|open-ended/);
  await expect(verdict.getByRole("heading", { name: "What to do next" })).toBeVisible();
  await expect(verdict.getByRole("link", { name: "Create an account to apply" })).toBeVisible();
  await expect(verdict.getByRole("heading", { name: "Other visas to consider, best match first" })).toBeVisible();
  // The engine's working is there, collapsed.
  const details = verdict.locator("details");
  await expect(details.getByTestId("applied-basis")).toBeHidden();
  await details.getByText("How this was worked out").click();
  await expect(details.getByTestId("applied-basis")).toBeVisible();
  await expect(details).toContainText("top-tier-f2@");
  await expectAccessible(page, "self-check verdict (en)");
});

test("the whole self-check is in Korean with ?lang=ko, verdict included", async ({ page }) => {
  await page.goto("/eligibility?lang=ko");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { level: 1, name: "최우수인재 비자 자격 확인" })).toBeVisible();
  await fillSelfCheck(page, ko, "abc");
  await page.getByRole("button", { name: "자격 확인" }).click();
  // The error summary names the field in words, in Korean.
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: "연봉을 원 단위 숫자로 입력하세요 (예: 160,000,000 또는 160000000)" })).toBeVisible();
  await expect(summary).not.toContainText("annualSalaryKrw");
  await page.getByRole("group", { name: ko.offer }).getByLabel(ko.salary).fill("100,000,000");
  await page.getByRole("button", { name: "자격 확인" }).click();
  const verdict = page.getByRole("region", { name: "결과" });
  await expect(verdict.getByText("아직 요건 미충족", { exact: true })).toBeVisible();
  await expect(verdict.locator(".verdict-reasons li.not_met")).toContainText("연봉 100,000,000원은 1인당 GNI의 3배(157,248,000원)보다 57,248,000원 적습니다.");
  await expect(verdict.getByRole("heading", { name: "다음 할 일" })).toBeVisible();
  await expect(verdict.getByRole("heading", { name: "검토해 볼 다른 비자 (적합한 순)" })).toBeVisible();
  await expect(verdict.getByText("판단 과정 자세히 보기")).toBeVisible();
  // No English label left in the form.
  for (const english of ["Date of birth", "Highest degree", "Annual salary in Korean won", "Check eligibility"]) await expect(page.getByText(english, { exact: true })).toHaveCount(0);
  await expectAccessible(page, "self-check verdict (ko)");
  // Back to English through the page's own link.
  await page.getByRole("link", { name: "View in English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your eligibility for the Top-Tier visa" })).toBeVisible();
});

test("the offer's questions are hidden with 'No offer yet', and the page works without JavaScript", async ({ page, browser }) => {
  await page.goto("/eligibility");
  const offer = page.getByRole("group", { name: "Job offer from a Korean company" });
  await expect(offer.getByLabel("Employer")).toBeVisible();
  await offer.getByLabel("No offer yet").check();
  await expect(offer.getByLabel("Employer")).toBeHidden();
  await expect(offer.getByLabel("Annual salary in Korean won")).toBeHidden();
  await offer.getByLabel("I have an offer").check();
  await expect(offer.getByLabel("Employer")).toBeVisible();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto("/eligibility");
  await p.getByRole("group", { name: "Work or research position 1" }).getByLabel("Organisation", { exact: true }).fill("Samsung Electronics");
  await p.getByRole("group", { name: "Job offer from a Korean company" }).getByLabel("No offer yet").check();
  // Without JavaScript nothing is hidden; the server ignores the offer's fields when there is none.
  await expect(p.getByRole("group", { name: "Job offer from a Korean company" }).getByLabel("Employer")).toBeVisible();
  await p.getByRole("button", { name: "Add another job" }).click();
  await expect(p.getByRole("group", { name: "Work or research position 2 (optional)" })).toBeVisible();
  await expect(p.getByRole("group", { name: "Work or research position 1" }).getByLabel("Organisation", { exact: true })).toHaveValue("Samsung Electronics");
  await expect(p.getByRole("group", { name: "Job offer from a Korean company" }).getByLabel("No offer yet")).toBeChecked();
  await noJs.close();
});

/** Tab (forwards) until the control has the focus: the keyboard only, no clicks. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with Tab`);
}

test("keyboard only: the wizard's first pages, countries from the list, the end date only for a past job, no offer", async ({ page }) => {
  const id = runId();
  await signUpAndVerify(page, `Keyboard ${id}`, `keyboard-${id}@example.test`, "keyboard-password-1");
  await page.goto("/cases/new");
  await tabTo(page, page.getByRole("button", { name: "Start" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apply\/personal$/);

  const type = async (label: string, text: string) => {
    const field = page.getByLabel(label, { exact: true });
    await tabTo(page, field);
    await page.keyboard.type(text);
  };
  await type("Full name as in your passport", `Keyboard ${id}`);
  await type("Nationality", "Canada");
  // A date field by keyboard, in the browser's own format (month, day, year here).
  await type("Date of birth", "04211985");
  await expect(page.getByLabel("Date of birth", { exact: true })).toHaveValue("1985-04-21");
  await type("Country of birth", "캐나다");
  await type("Passport number", `K${id.slice(0, 7).toUpperCase()}`);
  await type("Country that issued the passport", "CA");
  await type("Passport issue date", "01102022");
  await type("Passport expiry date", `0109${new Date().getUTCFullYear() + 6}`);
  await tabTo(page, page.getByRole("button", { name: "Continue", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apply\/education$/);

  await tabTo(page, page.getByLabel("Level of the degree", { exact: true }));
  await page.keyboard.press("D");
  await expect(page.getByLabel("Level of the degree", { exact: true }).locator("option:checked")).toHaveText("Doctorate (PhD)");
  await type("Field of study", "Computer science");
  await type("University", "Korea Advanced Institute of Science and Technology");
  await expect(page.getByLabel("University", { exact: true })).toHaveAttribute("list", "universities");
  await type("Country of the university (optional)", "South Korea");
  await type("Date awarded", "02202014");
  await tabTo(page, page.getByRole("button", { name: "Continue", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apply\/work$/);

  await tabTo(page, page.getByRole("button", { name: "Add another job" }));
  await page.keyboard.press("Enter");
  const job = page.getByRole("group", { name: "Job 1", exact: true });
  await expect(job).toBeVisible();
  await type("Employer", "Samsung Electronics");
  await tabTo(page, job.getByLabel("Kind of employer", { exact: true }));
  await page.keyboard.press("C");
  await type("Job title", "Research scientist");
  await type("Country", "Korea");
  await type("Start date", "03012014");
  // "Do you still work there?" Yes: the end date is not asked.
  const current = job.getByRole("group", { name: "Do you still work there?" });
  await tabTo(page, current.getByLabel("Yes", { exact: true }));
  await page.keyboard.press("Space");
  await expect(job.getByLabel("End date", { exact: true })).toBeHidden();
  // No: it is.
  await page.keyboard.press("ArrowRight");
  await expect(current.getByLabel("No", { exact: true })).toBeChecked();
  await expect(job.getByLabel("End date", { exact: true })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(current.getByLabel("Yes", { exact: true })).toBeChecked();
  await tabTo(page, job.getByRole("group", { name: "Was this postdoctoral research?" }).getByLabel("Yes", { exact: true }));
  await page.keyboard.press("ArrowRight");
  await expectAccessible(page, "wizard work page");
  await tabTo(page, page.getByRole("button", { name: "Continue", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apply\/achievements$/);
  await tabTo(page, page.getByRole("button", { name: "Continue", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apply\/offer$/);

  // The offer's questions disappear with "No, not yet".
  const has = page.getByRole("group", { name: "Do you have a job offer from a Korean employer?" });
  await tabTo(page, has.getByLabel("Yes", { exact: true }));
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Annual salary in Korean won", { exact: true })).toBeVisible();
  await expect(page.getByText("For example 160,000,000")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(has.getByLabel("No, not yet", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Annual salary in Korean won", { exact: true })).toBeHidden();
  await expect(page.getByLabel("Sponsoring employer", { exact: true })).toBeHidden();
  await tabTo(page, page.getByRole("button", { name: "Continue", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apply\/dependants$/);

  // What was stored reads back as country names, in the page's language.
  await page.goto(`${new URL(page.url()).pathname.replace(/dependants$/, "personal")}?lang=ko`);
  await expect(page.getByLabel("국적", { exact: true })).toHaveValue("캐나다");
  await expect(page.getByLabel("출생 국가", { exact: true })).toHaveValue("캐나다");
});
