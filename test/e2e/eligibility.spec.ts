import { expect, test } from "@playwright/test";

/**
 * A2: the public self-check, with no account. An applicant with a top-100 PhD,
 * long experience at a Global-500 company and a 3x GNI offer in AI sees each
 * criterion explained, then the same in Korean; a bad answer is explained by
 * the field and nothing typed is lost.
 */
test("anyone can check eligibility and read why, in English and Korean", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Check your eligibility" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Check your eligibility/ })).toBeVisible();

  await page.getByLabel("Date of birth").fill("1986-07-09");
  const degree = page.getByRole("group", { name: "Highest degree" });
  await degree.getByLabel("Level").selectOption("phd");
  await degree.getByLabel("Field of study").fill("Computer Science");
  await degree.getByLabel("University").fill("KAIST");
  await degree.getByLabel("Date awarded").fill("2012-02-20");
  const job = page.getByRole("group", { name: "Work or research position 1" });
  await job.getByLabel("Organisation", { exact: true }).fill("Samsung Electronics");
  await job.getByLabel("Kind of organisation").selectOption("company");
  await job.getByLabel("From", { exact: true }).fill("2012-03-01");
  const offer = page.getByRole("group", { name: "Job offer from a Korean company" });
  await offer.getByLabel("Employer").fill("Hanbit AI Labs");
  await offer.getByLabel("Industry of the job").selectOption("ai");
  await offer.getByLabel("Annual salary in Korean won").fill("not a number");
  await page.getByRole("button", { name: "Check eligibility" }).click();

  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(offer.getByLabel("Annual salary in Korean won")).toHaveValue("not a number");
  await expect(degree.getByLabel("University")).toHaveValue("KAIST");

  await offer.getByLabel("Annual salary in Korean won").fill("160,000,000");
  await page.getByRole("button", { name: "Check eligibility" }).click();
  const result = page.getByRole("region", { name: "Result" });
  await expect(result).toContainText("You appear to meet the Top-Tier visa criteria.");
  await expect(result).toContainText("top-tier-f2@");
  await expect(result.locator("li.met").first()).toBeVisible();
  // Issue 14: which yearly figure and which ranking editions were applied (the application date is today).
  const basis = result.getByTestId("applied-basis");
  await expect(basis).toContainText(/GNI per capita: 20\d\d figure, KRW [\d,]+ \(applies 20\d\d-04-01 to 20\d\d-03-31\)/);
  await expect(basis).toContainText("QS World University Rankings 2025");
  await expect(basis).toContainText("U.S. News Best Global Universities 2025-2026");

  // Issue 11 item 4: the whole page switches to Korean (labels too), keeping what was typed.
  await page.getByRole("link", { name: "한국어로 보기" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "최우수인재 비자 자격 확인" })).toBeVisible();
  await expect(page.getByRole("group", { name: "최종 학위" }).getByLabel("대학교")).toHaveValue("KAIST");
  await page.getByLabel("연봉 (원)").fill("100000000");
  await page.getByRole("button", { name: "자격 확인" }).click();
  const ko = page.getByRole("region", { name: "결과" });
  await expect(ko).toContainText("입력한 내용으로는 최우수인재 비자 요건을 충족하지 않습니다.");
  await expect(ko.getByText("다른 비자")).toBeVisible();
  await expect(ko.getByTestId("applied-basis")).toContainText(/1인당 GNI: 20\d\d년 수치/);
});

test("the self-check explains that F-2-7 needs a status of stay in Korea", async ({ page }) => {
  await page.goto("/eligibility");
  await page.getByLabel("Date of birth").fill("1994-02-01");
  const degree = page.getByRole("group", { name: "Highest degree" });
  await degree.getByLabel("Level").selectOption("master");
  await degree.getByLabel("Field of study").fill("Physics");
  await degree.getByLabel("University").fill("Yonsei University");
  await degree.getByLabel("Date awarded").fill("2019-02-20");
  const offer = page.getByRole("group", { name: "Job offer from a Korean company" });
  await offer.getByLabel("Employer").fill("Hanbit AI Labs");
  await offer.getByLabel("Industry of the job").selectOption("quantum");
  await offer.getByLabel("Annual salary in Korean won").fill("90000000");
  const f27 = page.getByRole("group", { name: /F-2-7/ });
  await f27.getByLabel("Your current status of stay in Korea").selectOption("abroad");
  await f27.getByLabel(/latest tax-office income certificate/).fill("90000000");
  await page.getByRole("button", { name: "Check eligibility" }).click();
  const result = page.getByRole("region", { name: "Result" });
  await expect(result).toContainText("Quantum technology, which is not on the advanced-industry list");
  await expect(result).toContainText(/F-2-7.*not eligible/);
});
