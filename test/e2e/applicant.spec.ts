import { expect, test } from "@playwright/test";
import { openMail, signIn, signOut, switchLanguage } from "./helpers";
import { continueTo, fillDegree, fillJob, fillOffer, fillPersonal, labels, runId, signUpAndVerify, uploadDocuments } from "./wizard-steps";

/**
 * A3, A6, A7 in a real browser: a new applicant signs up, goes through every
 * page of the dossier wizard to the check page, uploads the documents and
 * submits; another does it in Korean; a draft survives signing out and resumes
 * on the page it was left on.
 */

const RECEIPT = /TT-\d{4}-\d{6}/;
const caseIdOf = (url: string) => /\/cases\/([0-9a-f-]{36})/.exec(url)![1]!;

test("a new applicant goes through every page of the wizard and submits, in English", async ({ page }) => {
  const id = runId();
  const email = `wizard-en-${id}@example.test`;
  const l = labels.en;
  await signUpAndVerify(page, `Ada Wizard ${id}`, email, `correct-horse-${id}`);

  await page.goto("/cases/new");
  await page.getByRole("button", { name: l.start }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseId = caseIdOf(page.url());

  await test.step("personal details: a bad passport number is refused, nothing typed is lost", async () => {
    await fillPersonal(page, l, `Ada Wizard ${id}`, "x");
    await page.getByRole("button", { name: l.continue, exact: true }).click();
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
    await expect(summary.getByRole("link", { name: "A passport number has 5 to 20 letters and digits" })).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(page.getByLabel(l.passportNumber, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(l.fullName, { exact: true })).toHaveValue(`Ada Wizard ${id}`);
    await expect(page.getByLabel(l.birthDate, { exact: true })).toHaveValue("1985-04-21");
    await page.getByLabel(l.passportNumber, { exact: true }).fill(`CA${id.slice(0, 8)}`.toUpperCase());
    await continueTo(page, l, /\/apply\/education$/);
  });

  await test.step("education: two degrees, the second added without JavaScript", async () => {
    await fillDegree(page, l, 1, "master", "University of Toronto", "2010-06-15");
    await page.getByRole("button", { name: l.addDegree }).click();
    await expect(page.getByRole("group", { name: l.degree(2), exact: true })).toBeVisible();
    await expect(page.getByRole("group", { name: l.degree(1), exact: true }).getByLabel(l.university, { exact: true })).toHaveValue("University of Toronto");
    await fillDegree(page, l, 2, "phd", "KAIST", "2014-02-20");
    await continueTo(page, l, /\/apply\/work$/);
  });

  await test.step("work history: two jobs", async () => {
    await page.getByRole("button", { name: l.addJob }).click();
    await fillJob(page, l, 1, { employer: "Samsung Electronics", company: true, start: "2014-03-01", end: "2019-02-28" });
    await page.getByRole("button", { name: l.addJob }).click();
    await fillJob(page, l, 2, { employer: "KAIST AI Institute", company: false, start: "2019-03-01", postdoc: true });
    await continueTo(page, l, /\/apply\/achievements$/);
  });

  await test.step("publications: script in a title is kept as text", async () => {
    await page.getByRole("button", { name: l.addPublication }).click();
    const g = page.getByRole("group", { name: l.publication(1), exact: true });
    await g.getByLabel(l.pubTitle, { exact: true }).fill("<script>window.pwned=1</script> Sparse attention");
    await g.getByLabel(l.venue, { exact: true }).fill("NeurIPS");
    await g.getByLabel(l.year, { exact: true }).fill("2022");
    await continueTo(page, l, /\/apply\/offer$/);
  });

  await test.step("job offer and a dependant", async () => {
    await fillOffer(page, l);
    await continueTo(page, l, /\/apply\/dependants$/);
    await page.getByRole("button", { name: l.addDependant }).click();
    const g = page.getByRole("group", { name: l.dependant(1), exact: true });
    await g.getByRole("group", { name: l.relation }).getByLabel(l.spouse, { exact: true }).check();
    await g.getByLabel(l.depName, { exact: true }).fill("Bo Wizard");
    await g.getByLabel(l.depBirth, { exact: true }).fill("1986-07-01");
    await g.getByLabel(l.depNationality, { exact: true }).fill("Canada");
    await g.getByLabel(l.depPassport, { exact: true }).fill("CB7654321");
    await continueTo(page, l, /\/apply\/check$/);
  });

  await test.step("check your answers: explained, with change links that keep answers", async () => {
    await expect(page.getByRole("heading", { level: 1, name: l.checkTitle })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Fix these before you can submit" })).toBeVisible();
    await expect(page.getByText(/Upload: Your passport \(photo page\)/)).toBeVisible();
    // The check page reads every answer back on its own row (issue 11's dossier catalogue): the title as typed, as text.
    await expect(page.getByText("<script>window.pwned=1</script> Sparse attention", { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await expect(page.getByRole("heading", { name: "What the eligibility rules say" })).toBeVisible();
    await page.getByRole("link", { name: "Change your answers about Education" }).click();
    await expect(page).toHaveURL(/\/apply\/education$/);
    await expect(page.getByRole("group", { name: l.degree(2), exact: true }).getByLabel(l.university, { exact: true })).toHaveValue("KAIST");
    await page.getByRole("link", { name: "Back" }).click();
    await expect(page).toHaveURL(/\/apply\/personal$/);
    await expect(page.getByLabel(l.countryOfBirth, { exact: true })).toHaveValue("Canada");
  });

  await uploadDocuments(page, caseId, ["passport:self", "degree:0", "contract:offer"]);

  await test.step("declare and submit; the confirmation page and e-mail", async () => {
    await page.goto(`/cases/${caseId}/apply/check`);
    await expect(page.getByText("We found nothing that stops you from submitting.")).toBeVisible();
    await page.getByRole("button", { name: l.submit }).click();
    await expect(page.getByRole("alert")).toContainText("Tick the box to confirm that the information is true");
    await page.getByLabel(l.declaration).check();
    await page.getByRole("button", { name: l.submit }).click();
    await expect(page).toHaveURL(/\/apply\/done$/);
    await expect(page.getByRole("heading", { level: 1, name: l.submitted })).toBeVisible();
    const receipt = RECEIPT.exec((await page.getByText(/Your receipt number/).textContent()) ?? "")![0];
    await expect(page.getByRole("heading", { name: "What happens next" })).toBeVisible();
    await openMail(page, email, new RegExp(`Application received: ${receipt}`));
  });
});

test("another applicant does the same in Korean", async ({ page }) => {
  const id = runId();
  const email = `wizard-ko-${id}@example.test`;
  const l = labels.ko;
  await signUpAndVerify(page, `Min Wizard ${id}`, email, `correct-horse-${id}`);
  await switchLanguage(page, "ko");

  await page.goto("/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "새 신청서 작성" })).toBeVisible();
  await page.getByRole("button", { name: l.start }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseId = caseIdOf(page.url());
  await expect(page.getByRole("heading", { level: 1, name: "인적 사항 및 여권" })).toBeVisible();
  await page.getByRole("button", { name: l.continue, exact: true }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "여권 번호를 입력하세요" })).toBeVisible();
  await fillPersonal(page, l, `Min Wizard ${id}`, `KO${id.slice(0, 8)}`.toUpperCase());
  await continueTo(page, l, /\/apply\/education$/);
  await fillDegree(page, l, 1, "phd", "Seoul National University", "2012-02-25");
  await continueTo(page, l, /\/apply\/work$/);
  await page.getByRole("button", { name: l.addJob }).click();
  await fillJob(page, l, 1, { employer: "Hyundai Motor", company: true, start: "2012-03-01" });
  await continueTo(page, l, /\/apply\/achievements$/);
  await continueTo(page, l, /\/apply\/offer$/);
  await fillOffer(page, l);
  await continueTo(page, l, /\/apply\/dependants$/);
  await continueTo(page, l, /\/apply\/check$/);
  await expect(page.getByRole("heading", { level: 1, name: l.checkTitle })).toBeVisible();
  await expect(page.getByRole("heading", { name: "제출하려면 다음을 고쳐 주세요" })).toBeVisible();

  await uploadDocuments(page, caseId, ["passport:self"]);

  await page.goto(`/cases/${caseId}/apply/check`);
  await expect(page.getByText("제출을 막는 문제가 없습니다.")).toBeVisible();
  await page.getByLabel(l.declaration).check();
  await page.getByRole("button", { name: l.submit }).click();
  await expect(page.getByRole("heading", { level: 1, name: l.submitted })).toBeVisible();
  await expect(page.getByRole("heading", { name: "앞으로의 절차" })).toBeVisible();
  const receipt = RECEIPT.exec((await page.getByText(/접수 번호/).first().textContent()) ?? "")![0];
  await openMail(page, email, new RegExp(`신청 접수 완료: ${receipt}`));
});

test("a draft survives signing out and resumes on the page it was left on", async ({ page }) => {
  const id = runId();
  const email = `wizard-resume-${id}@example.test`;
  const password = `correct-horse-${id}`;
  const l = labels.en;
  await signUpAndVerify(page, `Resume Wizard ${id}`, email, password);
  await page.goto("/cases/new");
  await page.getByRole("button", { name: l.start }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseId = caseIdOf(page.url());
  await fillPersonal(page, l, `Resume Wizard ${id}`, `RS${id.slice(0, 8)}`.toUpperCase());
  await continueTo(page, l, /\/apply\/education$/);
  await fillDegree(page, l, 1, "phd", "POSTECH", "2015-02-20");
  await continueTo(page, l, /\/apply\/work$/);
  // Half a job, saved for later.
  await page.getByRole("button", { name: l.addJob }).click();
  await page.getByRole("group", { name: l.job(1), exact: true }).getByLabel(l.employer, { exact: true }).fill("POSCO");
  await page.getByRole("button", { name: l.later }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}\\?saved=1$`));

  await signOut(page);
  await signIn(page, email, password);
  await page.goto(`/cases/${caseId}`);
  await page.getByRole("link", { name: "Continue your application" }).click();
  await expect(page).toHaveURL(/\/apply\/work$/);
  await expect(page.getByRole("group", { name: l.job(1), exact: true }).getByLabel(l.employer, { exact: true })).toHaveValue("POSCO");
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByRole("group", { name: l.degree(1), exact: true }).getByLabel(l.university, { exact: true })).toHaveValue("POSTECH");
});
