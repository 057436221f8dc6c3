import { expect, type Page } from "@playwright/test";
import { EMPLOYER, signIn, signOut } from "./helpers";
import { continueTo, fillDegree, fillOffer, fillPersonal, labels, signUpAndVerify, uploadDocuments } from "./wizard-steps";

export const RECEIPT = /TT-\d{4}-\d{6}/;

/** Where applyAndGetSponsored stops for a look (test/e2e/visual.spec.ts compares the screens there). */
export type FlowStop = "applicant-cases" | "applicant-wizard-personal" | "applicant-check" | "applicant-documents" | "applicant-case" | "employer-case";

/**
 * An applicant applies (wizard, documents, submission) and the demo employer confirms the sponsorship.
 * `look`, if given, is called on the way at each FlowStop, with the page showing that screen.
 */
export async function applyAndGetSponsored(page: Page, runId: string, look: (stop: FlowStop) => Promise<void> = async () => undefined) {
  const email = `bo-${runId}@example.test`;
  const password = `correct-horse-${runId}`;
  const fullName = `Mina Park ${runId}`;
  const l = labels.en;
  await signUpAndVerify(page, fullName, email, password);
  await page.goto("/cases");
  await look("applicant-cases");

  // The applicant's wizard (A3), documents (A5) and submission, as the applicant's own tests do them.
  await page.goto("/cases/new");
  await page.getByRole("button", { name: l.start }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseUrl = new URL(page.url()).pathname.replace(/\/apply\/personal$/, "");
  await look("applicant-wizard-personal");
  await fillPersonal(page, l, fullName, `BR${runId.slice(0, 7).toUpperCase()}`);
  await continueTo(page, l, /\/apply\/education$/);
  await fillDegree(page, l, 1, "phd", "Seoul National University", "2015-08-30");
  await continueTo(page, l, /\/apply\/work$/);
  await continueTo(page, l, /\/apply\/achievements$/);
  await continueTo(page, l, /\/apply\/offer$/);
  await fillOffer(page, l, "210000000");
  await continueTo(page, l, /\/apply\/dependants$/);
  await continueTo(page, l, /\/apply\/check$/);
  await look("applicant-check");
  await uploadDocuments(page, caseUrl.split("/").pop()!, ["passport:self", "degree:0", "contract:offer"]);
  await page.goto(`${caseUrl}/documents`);
  await look("applicant-documents");
  await page.goto(`${caseUrl}/apply/check`);
  await page.getByLabel(l.declaration).check();
  await page.getByRole("button", { name: l.submit }).click();
  await expect(page.getByRole("heading", { level: 1, name: l.submitted })).toBeVisible();
  const receipt = RECEIPT.exec((await page.getByText(/Your receipt number/).textContent()) ?? "")![0];
  await page.goto(caseUrl);
  await look("applicant-case");
  await signOut(page);

  await signIn(page, EMPLOYER);
  await page.goto("/employer");
  await page.getByRole("row").filter({ hasText: receipt }).getByRole("link", { name: receipt }).click();
  await look("employer-case");
  // Issue 11 item 12: the attestation's start date is the one the sponsor enters (the applicant gave none).
  await page.getByLabel("Start date", { exact: true }).fill(new Date(Date.now() + 60 * 864e5).toISOString().slice(0, 10));
  await page.getByLabel("On behalf of my company I confirm this job offer, its salary and industry are true.").check();
  await page.getByRole("button", { name: "Confirm sponsorship" }).click();
  await expect(page.getByRole("button", { name: "Confirm sponsorship" })).toHaveCount(0);
  await signOut(page);
  return { email, password, fullName, receipt, caseUrl };
}

