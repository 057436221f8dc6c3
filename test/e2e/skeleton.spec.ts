import { expect, test } from "@playwright/test";
import { EMPLOYER, OFFICER, SENIOR, fakeExe, openMail, signIn, signOut, smallPdf } from "./helpers";
import { addFileTo, continueTo, fillDegree, fillOffer, fillPersonal, labels } from "./wizard-steps";

/**
 * The walking skeleton in a real browser, across every role: an applicant signs
 * up and confirms the address, fills and submits a case with a document, the
 * sponsor confirms, screening runs in the background workers, an officer
 * proposes approval, a senior officer confirms it, and the applicant sees the
 * decision. The server is the production build with its own fresh data folder
 * and queue prefix (playwright.config.ts), so the demo accounts are fresh too.
 */

const RECEIPT = /TT-\d{4}-\d{6}/;

test("an application goes from sign-up to approval across all roles", async ({ page }) => {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const applicantEmail = `e2e-${runId}@example.test`;
  const applicantPassword = `correct-horse-${runId}`;
  const fullName = `Ada Kim ${runId}`;

  // 1. Sign up, then confirm the address through the link in the dev mailbox, which signs in. Signing up again
  //    with the same address gets the very same answer; only the mailbox's owner hears that the account exists.
  await test.step("sign up, try the same address again, and confirm the e-mail address", async () => {
    for (const name of [fullName, "Someone Else"]) {
      await page.goto("/signup");
      await page.getByLabel("Full name").fill(name);
      await page.getByLabel("E-mail address").fill(applicantEmail);
      await page.getByLabel("Password").fill(applicantPassword);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
      await expect(page.getByText(`We sent an e-mail to ${applicantEmail}.`)).toBeVisible();
    }
    await openMail(page, applicantEmail, /You already have a TopTier account/);
    await expect(page.getByRole("link", { name: /\/forgot-password/ })).toBeVisible();

    await openMail(page, applicantEmail, /Confirm your e-mail address/);
    await page.getByRole("link", { name: /\/verify-email\?token=/ }).click();
    await expect(page.getByText(`Confirm that ${applicantEmail} is your address`)).toBeVisible();
    await page.getByRole("button", { name: "Confirm and continue" }).click();
    await expect(page).toHaveURL(/\/cases\?welcome=1$/);
  });

  // 2. The dossier, through the wizard (A3): one refused attempt on the offer page (salary "abc"), then a good one.
  let caseUrl = "";
  await test.step("create a case, with one invalid salary first", async () => {
    const l = labels.en;
    await page.goto("/cases/new");
    await page.getByRole("button", { name: l.start }).click();
    await expect(page).toHaveURL(/\/apply\/personal$/);
    caseUrl = new URL(page.url()).pathname.replace(/\/apply\/personal$/, "");
    await fillPersonal(page, l, fullName, "AB1234567");
    await continueTo(page, l, /\/apply\/education$/);
    await fillDegree(page, l, 1, "phd", "KAIST", "2018-02-23");
    await continueTo(page, l, /\/apply\/work$/);
    await continueTo(page, l, /\/apply\/achievements$/);
    await continueTo(page, l, /\/apply\/offer$/);
    await fillOffer(page, l, "abc");
    await page.getByRole("button", { name: l.continue, exact: true }).click();

    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter the annual salary in won in digits, e.g. 160,000,000 or 160000000" })).toBeVisible();
    await expect(page).toHaveURL(/\/apply\/offer$/);
    const salary = page.getByLabel(l.salary, { exact: true });
    await expect(salary).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(l.jobTitle, { exact: true })).toHaveValue("Principal research scientist");
    await expect(page.getByLabel(l.sponsor, { exact: true }).locator("option:checked")).toHaveText("Hanbit AI Labs");
    await expect(page.getByLabel(l.industry, { exact: true }).locator("option:checked")).toHaveText("Artificial intelligence");

    await salary.fill("180000000");
    await continueTo(page, l, /\/apply\/dependants$/);
    await continueTo(page, l, /\/apply\/check$/);
    await page.goto(caseUrl);
    await expect(page.getByRole("heading", { level: 1, name: "Draft application" })).toBeVisible();
    await expect(page.getByText("₩180,000,000 a year")).toBeVisible();
  });

  // 3. Documents (on the documents page, against the checklist item): a real PDF is kept, a renamed executable is refused.
  await test.step("upload a PDF and have a fake one refused", async () => {
    await page.goto(`${caseUrl}/documents`);
    await addFileTo(page, "passport:self", { name: "passport-scan.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await expect(page.getByRole("status").first()).toContainText("passport-scan.pdf");
    await expect(page.getByRole("link", { name: "passport-scan.pdf" })).toHaveCount(1);

    await addFileTo(page, "passport:self", { name: "passport.pdf", mimeType: "application/pdf", buffer: fakeExe() });
    // Issue 11 item 5: the refusal is said by the upload form itself (an alert naming the file), not a page summary.
    const refusal = page.getByTestId("upload-refusals");
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText("passport.pdf");
    await expect(refusal).toContainText("PDF, PNG or JPEG");

    await page.goto(`${caseUrl}/documents`);
    await expect(page.getByRole("link", { name: "passport-scan.pdf" })).toHaveCount(1);
    await expect(page.getByRole("link", { name: "passport.pdf", exact: true })).toHaveCount(0);
  });

  // 4. Submit, from the check-your-answers page (A6, A7).
  let receipt = "";
  await test.step("declare and submit", async () => {
    await page.goto(`${caseUrl}/apply/check`);
    await page.getByLabel("I declare that the information in this application is true and complete.").check();
    await page.getByRole("button", { name: "Submit application" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Application submitted" })).toBeVisible();
    receipt = RECEIPT.exec((await page.getByText(/Your receipt number/).textContent()) ?? "")![0];
    // The move from "Submitted" to "Waiting for sponsor confirmation" may land a moment after the redirect.
    await page.goto(caseUrl);
    await expect(async () => {
      await page.reload();
      await expect(page.getByText("Stage:")).toContainText("Waiting for sponsor confirmation", { timeout: 500 });
    }).toPass({ timeout: 15_000, intervals: [250, 500, 1000] });

    await openMail(page, applicantEmail, new RegExp(`Application received: ${receipt}`));
    await openMail(page, EMPLOYER, new RegExp(`Please confirm sponsorship: ${receipt}`));
    await signOut(page);
  });

  // 5. The sponsor confirms.
  await test.step("the employer confirms sponsorship", async () => {
    await signIn(page, EMPLOYER);
    await page.goto("/employer");
    const row = page.getByRole("row").filter({ hasText: receipt });
    await expect(row).toContainText(fullName);
    await expect(row).toContainText("Waiting for sponsor confirmation");
    await row.getByRole("link", { name: receipt }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${fullName} · ${receipt}` })).toBeVisible();
    // Issue 11 item 12: the applicant gave no start date, so none is filled in: the sponsor enters it.
    await expect(page.getByLabel("Start date", { exact: true })).toHaveValue("");
    await page.getByLabel("Start date", { exact: true }).fill(new Date(Date.now() + 60 * 864e5).toISOString().slice(0, 10));
    await page.getByLabel("On behalf of my company I confirm this job offer, its salary and industry are true.").check();
    await page.getByRole("button", { name: "Confirm sponsorship" }).click();
    await expect(page.getByRole("button", { name: "Confirm sponsorship" })).toHaveCount(0);
    await expect(page.getByText("Stage:")).not.toContainText("Waiting for sponsor confirmation");
    await signOut(page);
  });

  // 6. The officer finds it once screening is done, and proposes approval.
  const reasons = `Doctorate from KAIST in an AI role at a salary well above the threshold (${runId}).`;
  await test.step("the officer reviews and proposes approval", async () => {
    await signIn(page, OFFICER);
    const row = page.getByRole("row").filter({ hasText: receipt });
    await expect(async () => {
      await page.goto("/officer");
      await expect(row).toContainText("In review by an officer", { timeout: 500 });
      await expect(row).not.toContainText("not screened", { timeout: 500 });
    }).toPass({ timeout: 25_000, intervals: [500, 1000] });
    await row.getByRole("link", { name: receipt }).click();

    await expect(page.getByRole("heading", { level: 1, name: `${receipt} · ${fullName}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Dossier" })).toBeVisible();
    await expect(page.getByText("AB1234567")).toBeVisible();
    // Issue 11 item 3: the whole dossier, one labelled row per field (no longer one summary line per section).
    const degree = page.locator('[data-section="education"] li').first();
    for (const [field, value] of [["level", "Doctorate (PhD)"], ["field", "Computer science"], ["institution", "KAIST"], ["awarded", "2018-02-23"]]) {
      await expect(degree.locator(`[data-field="education.${field}"] dd`)).toHaveText(value!);
    }
    const offer = page.locator('[data-section="offer"]');
    await expect(offer.locator('[data-field="offer.jobTitle"] dd')).toHaveText("Principal research scientist");
    await expect(offer.locator('[data-field="offer.industry"] dd')).toHaveText("Artificial intelligence");
    await expect(offer.locator('[data-field="offer.annualSalaryKrw"] dd')).toContainText("₩180,000,000");
    const docLink = page.getByRole("link", { name: "passport-scan.pdf" });
    await expect(docLink).toHaveAttribute("href", /\/cases\/[0-9a-f-]{36}\/documents\/[0-9a-f-]{36}/);
    const pdf = await page.request.get((await docLink.getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");

    await expect(page.getByRole("heading", { name: "Screening" })).toBeVisible();
    await expect(page.getByText(/Outcome: (eligible|not eligible|needs review) under rule set/)).toBeVisible();
    const criteria = page.locator("ul.criteria").getByRole("listitem");
    await expect(criteria.first()).toBeVisible();
    expect(await criteria.count()).toBeGreaterThan(0);

    await page.getByRole("group", { name: "Decision" }).getByLabel("Approve", { exact: true }).check();
    await page.getByLabel("Reasons", { exact: true }).fill(reasons);
    await page.getByRole("button", { name: "Record decision" }).click();
    const pending = page.getByRole("region", { name: "Decision waiting for second review" });
    await expect(pending).toContainText("Proposed: Approve");
    await expect(pending).toContainText(reasons);
    await signOut(page);
  });

  // 7. The senior officer confirms.
  await test.step("the senior officer confirms the decision", async () => {
    await signIn(page, SENIOR);
    await page.goto("/officer");
    const row = page.getByRole("row").filter({ hasText: receipt });
    await expect(row).toContainText("Decision in second review");
    await row.getByRole("link", { name: receipt }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${receipt} · ${fullName}` })).toBeVisible();
    await page.getByRole("button", { name: "Confirm decision" }).click();
    await expect(page.getByText("Stage:")).toContainText("Approved");
    await signOut(page);
  });

  // 8. The applicant sees the decision, the timeline and the e-mail.
  await test.step("the applicant sees the approval", async () => {
    await signIn(page, applicantEmail, applicantPassword);
    await page.goto(caseUrl);
    await expect(page.getByText("Stage:")).toContainText("Approved");
    // Issue 11 item 6: an approval is a confirmation panel, with the reasons and what happens next.
    const decision = page.getByRole("region", { name: "Your visa is approved", exact: true });
    await expect(decision).toContainText(`your Top-Tier visa (F-2) application ${receipt} is approved.`);
    await expect(decision).toContainText(reasons);

    const timeline = page.locator("ol.timeline");
    for (const text of [
      `Submitted; receipt number ${receipt}`,
      "The employer confirmed the job offer; automated screening started",
      "Automated screening complete; the case is in the officers' queue",
      /: Approved$/,
    ]) {
      await expect(timeline.getByRole("listitem").filter({ hasText: text })).toHaveCount(1);
    }

    await openMail(page, applicantEmail, new RegExp(`Decision: approved \\(${receipt}\\)`));
    await expect(page.getByText(reasons)).toBeVisible();
  });
});
