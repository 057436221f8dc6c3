import { expect, type Page } from "@playwright/test";
import { EMPLOYER, openMail, signIn, signOut, smallPdf } from "./helpers";

/** Steps of the applicant's journey shared by the browser tests (A1, A3, A5). */

export const runId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * Sign up, then confirm the address through the link in the dev mailbox, which signs in (issue 17 item 7:
 * sign-up itself only says "check your e-mail", whether the address was new or not).
 */
export async function signUpAndVerify(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByText(`We sent an e-mail to ${email}.`)).toBeVisible();
  await openMail(page, email, /Confirm your e-mail address/);
  await page.getByRole("link", { name: /\/verify-email\?token=/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your e-mail address" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await expect(page).toHaveURL(/\/cases\?welcome=1$/);
}

/** The labels of the wizard in each language (as the pages show them). */
export const labels = {
  en: {
    start: "Start",
    continue: "Continue",
    later: "Save and come back later",
    fullName: "Full name as in your passport",
    nationality: "Nationality",
    birthDate: "Date of birth",
    countryOfBirth: "Country of birth",
    passportNumber: "Passport number",
    passportCountry: "Country that issued the passport",
    passportIssued: "Passport issue date",
    passportExpires: "Passport expiry date",
    degree: (n: number) => `Degree ${n}`,
    addDegree: "Add another degree",
    level: "Level of the degree",
    phd: "Doctorate (PhD)",
    master: "Master's degree",
    field: "Field of study",
    university: "University",
    awarded: "Date awarded",
    job: (n: number) => `Job ${n}`,
    addJob: "Add another job",
    employer: "Employer",
    kind: "Kind of employer",
    institute: "Research institute",
    company: "Company",
    jobTitle: "Job title",
    country: "Country",
    jobStart: "Start date",
    current: "Do you still work there?",
    end: "End date (leave empty if you still work there)",
    postdoc: "Was this postdoctoral research?",
    yes: "Yes",
    no: "No",
    addPublication: "Add a publication",
    publication: (n: number) => `Publication ${n}`,
    pubTitle: "Title",
    venue: "Journal or conference",
    year: "Year",
    hasOffer: "Do you have a job offer from a Korean employer?",
    sponsor: "Sponsoring employer",
    industry: "Industry of the job",
    ai: "Artificial intelligence",
    salary: "Annual salary in Korean won",
    addDependant: "Add a dependant",
    dependant: (n: number) => `Dependant ${n}`,
    relation: "Relation to you",
    spouse: "Spouse",
    depName: "Their full name as in their passport",
    depBirth: "Their date of birth",
    depNationality: "Their nationality",
    depPassport: "Their passport number",
    checkTitle: "Check your answers before you submit",
    declaration: "I declare that the information in this application is true and complete.",
    submit: "Submit application",
    submitted: "Application submitted",
  },
  ko: {
    start: "시작하기",
    continue: "계속",
    later: "저장하고 나중에 계속하기",
    fullName: "여권상의 성명",
    nationality: "국적",
    birthDate: "생년월일",
    countryOfBirth: "출생 국가",
    passportNumber: "여권 번호",
    passportCountry: "여권 발급 국가",
    passportIssued: "여권 발급일",
    passportExpires: "여권 만료일",
    degree: (n: number) => `학위 ${n}`,
    addDegree: "학위 추가",
    level: "학위 과정",
    phd: "박사",
    master: "석사",
    field: "전공 분야",
    university: "대학교",
    awarded: "학위 수여일",
    job: (n: number) => `경력 ${n}`,
    addJob: "경력 추가",
    employer: "근무처",
    kind: "근무처 유형",
    institute: "연구기관",
    company: "기업",
    jobTitle: "직위",
    country: "근무 국가",
    jobStart: "시작일",
    current: "현재 재직 중입니까?",
    end: "종료일 (재직 중이면 비워 두세요)",
    postdoc: "박사후 연구 과정이었습니까?",
    yes: "예",
    no: "아니요",
    addPublication: "논문 추가",
    publication: (n: number) => `논문 ${n}`,
    pubTitle: "논문 제목",
    venue: "학술지 또는 학회",
    year: "게재 연도",
    hasOffer: "한국 기업의 고용 제안을 받았습니까?",
    sponsor: "초청 기업",
    industry: "직무 산업 분야",
    ai: "인공지능",
    salary: "연봉 (원)",
    addDependant: "동반가족 추가",
    dependant: (n: number) => `동반가족 ${n}`,
    relation: "신청인과의 관계",
    spouse: "배우자",
    depName: "가족의 여권상 성명",
    depBirth: "가족의 생년월일",
    depNationality: "가족의 국적",
    depPassport: "가족의 여권 번호",
    checkTitle: "제출 전 답변 확인",
    declaration: "이 신청서의 내용이 사실이며 빠짐없음을 서약합니다.",
    submit: "신청서 제출",
    submitted: "신청서가 제출되었습니다",
  },
} as const;
export type Labels = (typeof labels)["en" | "ko"];

const passportExpiry = `${new Date().getUTCFullYear() + 7}-03-31`;

export async function fillPersonal(page: Page, l: Labels, fullName: string, passport: string) {
  await page.getByLabel(l.fullName, { exact: true }).fill(fullName);
  await page.getByLabel(l.nationality, { exact: true }).fill("Canada");
  await page.getByLabel(l.birthDate, { exact: true }).fill("1985-04-21");
  await page.getByLabel(l.countryOfBirth, { exact: true }).fill("Canada");
  await page.getByLabel(l.passportNumber, { exact: true }).fill(passport);
  await page.getByLabel(l.passportCountry, { exact: true }).fill("Canada");
  await page.getByLabel(l.passportIssued, { exact: true }).fill("2022-01-10");
  await page.getByLabel(l.passportExpires, { exact: true }).fill(passportExpiry);
}

export async function fillDegree(page: Page, l: Labels, n: number, level: "phd" | "master", university: string, awarded: string) {
  const g = page.getByRole("group", { name: l.degree(n), exact: true });
  await g.getByLabel(l.level, { exact: true }).selectOption({ label: l[level] });
  await g.getByLabel(l.field, { exact: true }).fill("Computer science");
  await g.getByLabel(l.university, { exact: true }).fill(university);
  await g.getByLabel(l.awarded, { exact: true }).fill(awarded);
}

export async function fillJob(page: Page, l: Labels, n: number, job: { employer: string; company: boolean; start: string; end?: string; postdoc?: boolean }) {
  const g = page.getByRole("group", { name: l.job(n), exact: true });
  await g.getByLabel(l.employer, { exact: true }).fill(job.employer);
  await g.getByLabel(l.kind, { exact: true }).selectOption({ label: job.company ? l.company : l.institute });
  await g.getByLabel(l.jobTitle, { exact: true }).fill("Research scientist");
  await g.getByLabel(l.country, { exact: true }).fill("Korea");
  await g.getByLabel(l.jobStart, { exact: true }).fill(job.start);
  await g.getByRole("group", { name: l.current }).getByLabel(job.end ? l.no : l.yes, { exact: true }).check();
  if (job.end) await g.getByLabel(l.end, { exact: true }).fill(job.end);
  await g.getByRole("group", { name: l.postdoc }).getByLabel(job.postdoc ? l.yes : l.no, { exact: true }).check();
}

export async function fillOffer(page: Page, l: Labels, salary = "180000000") {
  await page.getByRole("group", { name: l.hasOffer }).getByLabel(l.yes, { exact: true }).check();
  await page.getByLabel(l.sponsor, { exact: true }).selectOption({ label: "Hanbit AI Labs" });
  await page.getByLabel(l.jobTitle, { exact: true }).fill("Principal research scientist");
  await page.getByLabel(l.industry, { exact: true }).selectOption({ label: l.ai });
  await page.getByLabel(l.salary, { exact: true }).fill(salary);
}

export const continueTo = async (page: Page, l: Labels, path: RegExp) => {
  await page.getByRole("button", { name: l.continue, exact: true }).click();
  await expect(page).toHaveURL(path);
};

/**
 * A5: upload a small PDF for each given checklist item on the documents page
 * (/cases/:id/documents). Kept in one place: the documents page is being
 * improved, and only this function knows how it looks.
 */
export async function uploadDocuments(page: Page, caseId: string, items: string[]) {
  for (const item of items) {
    await page.goto(`/cases/${caseId}/documents`);
    await addFileTo(page, item, { name: `${item.replace(/\W/g, "-")}.pdf`, mimeType: "application/pdf", buffer: smallPdf() });
    await expect(page.getByRole("status").first()).toBeVisible();
  }
}

/**
 * A checklist item on the documents page. Items of one list entry are keyed by
 * the entry's stable id ("degree:k3v9...", issue 12), which a test does not
 * know: "degree:1" or "passport:dependant:0" name the second degree's or the
 * first dependant's item by its place on the page instead.
 */
export function checklistItem(page: Page, item: string) {
  const nth = /^(.*:)(\d+)$/.exec(item);
  return nth ? page.locator(`[id^="item-${nth[1]}"]`).nth(Number(nth[2])) : page.locator(`[id="item-${item}"]`);
}

/** Add one file to a checklist item on the documents page (its "add a file" form, not a "replace" one). */
export async function addFileTo(page: Page, item: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const upload = page.getByRole("button", { name: /^(Upload|올리기)$/ });
  const form = checklistItem(page, item).locator("form").filter({ has: upload });
  await form.locator('input[type="file"]').setInputFiles(file);
  await form.getByRole("button", { name: /^(Upload|올리기)$/ }).click();
}

/**
 * A submitted case whose sponsor (the demo employer) has confirmed it, so it is screened and reaches the
 * officers' queue: the applicant's wizard (A3), documents (A5) and submission, then the sponsor's confirmation.
 */
export async function applyAndGetSponsored(page: Page, runId: string) {
  const email = `bo-${runId}@example.test`;
  const password = `correct-horse-${runId}`;
  const fullName = `Mina Park ${runId}`;
  const l = labels.en;
  await signUpAndVerify(page, fullName, email, password);

  // The applicant's wizard (A3), documents (A5) and submission, as the applicant's own tests do them.
  await page.goto("/cases/new");
  await page.getByRole("button", { name: l.start }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseUrl = new URL(page.url()).pathname.replace(/\/apply\/personal$/, "");
  await fillPersonal(page, l, fullName, `BR${runId.slice(0, 7).toUpperCase()}`);
  await continueTo(page, l, /\/apply\/education$/);
  await fillDegree(page, l, 1, "phd", "Seoul National University", "2015-08-30");
  await continueTo(page, l, /\/apply\/work$/);
  await continueTo(page, l, /\/apply\/achievements$/);
  await continueTo(page, l, /\/apply\/offer$/);
  await fillOffer(page, l, "210000000");
  await continueTo(page, l, /\/apply\/dependants$/);
  await continueTo(page, l, /\/apply\/check$/);
  await uploadDocuments(page, caseUrl.split("/").pop()!, ["passport:self", "degree:0", "contract:offer"]);
  await page.goto(`${caseUrl}/apply/check`);
  await page.getByLabel(l.declaration).check();
  await page.getByRole("button", { name: l.submit }).click();
  await expect(page.getByRole("heading", { level: 1, name: l.submitted })).toBeVisible();
  const receipt = /TT-\d{4}-\d{6}/.exec((await page.getByText(/Your receipt number/).textContent()) ?? "")![0];
  await signOut(page);

  await signIn(page, EMPLOYER);
  await page.goto("/employer");
  await page.getByRole("row").filter({ hasText: receipt }).getByRole("link", { name: receipt }).click();
  await page.getByLabel("On behalf of my company I confirm this job offer, its salary and industry are true.").check();
  await page.getByRole("button", { name: "Confirm sponsorship" }).click();
  await expect(page.getByRole("button", { name: "Confirm sponsorship" })).toHaveCount(0);
  await signOut(page);
  return { email, password, fullName, receipt, caseUrl };
}
