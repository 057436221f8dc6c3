import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { EMPLOYER, OFFICER, SENIOR, openMail, signIn, signOut, smallPdf } from "./helpers";
import { signUpAndVerify } from "./wizard-steps";

/**
 * The applicant's case page in a real browser (issue 4: A5, A8, A10, A12): a
 * new applicant fills the wizard, uploads a file for every checklist item on the
 * documents page (and replaces one, keeping the earlier version), submits; the
 * case page shows the stage in plain words, an estimate as a range with its basis,
 * and the timeline; the applicant writes to the officers, an officer answers
 * from the conversation page, the applicant is e-mailed and reads the answer;
 * the applicant downloads all their data as a ZIP and withdraws, with a
 * confirmation step. axe-core checks each page on the way.
 */
const RECEIPT = /TT-\d{4}-\d{6}/;

async function signUp(page: Page, runId: string) {
  const email = `cp-${runId}@example.test`;
  const password = `correct-horse-${runId}`;
  await signUpAndVerify(page, `Rin Sato ${runId}`, email, password);
  return { email, password };
}

async function fillWizard(page: Page, runId: string) {
  await page.goto("/cases/new");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseUrl = new URL(page.url()).pathname.replace(/\/apply\/personal$/, "");
  const fill = async (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
  await fill("Full name as in your passport", `Rin Sato ${runId}`);
  await fill("Nationality", "Japan");
  await fill("Date of birth", "1989-04-21");
  await fill("Country of birth", "Japan");
  await fill("Passport number", `TR${runId.slice(0, 7).toUpperCase()}`);
  await fill("Country that issued the passport", "Japan");
  await fill("Passport issue date", "2022-01-10");
  await fill("Passport expiry date", `${new Date().getUTCFullYear() + 7}-01-09`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/apply\/education$/);
  await page.getByLabel("Level of the degree", { exact: true }).selectOption({ label: "Doctorate (PhD)" });
  await fill("Field of study", "Computer science");
  await fill("University", "KAIST");
  await fill("Date awarded", "2016-02-20");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/apply\/work$/);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/apply\/achievements$/);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/apply\/offer$/);
  await page.getByLabel("Yes", { exact: true }).check();
  await page.getByLabel("Sponsoring employer", { exact: true }).selectOption({ label: "Hanbit AI Labs" });
  await fill("Job title", "Research scientist");
  await page.getByLabel("Industry of the job", { exact: true }).selectOption({ label: "Artificial intelligence" });
  await fill("Annual salary in Korean won", "210000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/apply\/dependants$/);
  await page.getByRole("button", { name: "Continue" }).click();
  return caseUrl;
}

test("an applicant follows a submitted case: stage, estimate, timeline, messages with the officer, data export, withdrawal", async ({ page }) => {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const a = await signUp(page, runId);
  const caseUrl = await fillWizard(page, runId);

  await test.step("uploads a file for every checklist item, replaces one and keeps the earlier version", async () => {
    await page.goto(`${caseUrl}/documents`);
    await expect(page.getByRole("heading", { level: 1, name: "Your documents" })).toBeVisible();
    await expectAccessible(page, "documents page");
    const items = page.locator("li.checklist-item");
    const count = await items.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) {
      const item = page.locator("li.checklist-item").nth(i);
      await expect(item.getByRole("heading", { level: 3 })).toContainText(/Missing|Optional/);
      await item.getByLabel("Files", { exact: true }).setInputFiles({ name: `item-${i}.pdf`, mimeType: "application/pdf", buffer: smallPdf() });
      await item.getByRole("button", { name: "Upload" }).click();
      await expect(page.getByRole("status")).toContainText(`Uploaded item-${i}.pdf`);
      await expect(page.locator("li.checklist-item").nth(i).getByRole("heading", { level: 3 })).toContainText("Done · 1 file");
    }
    // A renamed executable is refused with a message, and nothing else changes.
    const first = page.locator("li.checklist-item").first();
    await first.getByRole("group", { name: /^Add a file for/ }).getByLabel("Files", { exact: true }).setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is not a pdf") });
    await first.getByRole("group", { name: /^Add a file for/ }).getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("alert")).toContainText("The file is not a PDF, PNG or JPEG");
    // Replace the first file: the old one stays under "Earlier versions".
    await page.goto(`${caseUrl}/documents`);
    // Each file's "Replace" form is folded under its summary until asked for.
    await expect(page.getByRole("group", { name: "Replace item-0.pdf" })).toBeHidden();
    await page.getByTestId("file-card").filter({ hasText: "item-0.pdf" }).locator("summary", { hasText: "Replace this file" }).click();
    const replace = page.getByRole("group", { name: "Replace item-0.pdf" });
    await replace.getByLabel("File", { exact: true }).setInputFiles({ name: "item-0-better.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await replace.getByRole("button", { name: "Replace" }).click();
    await expect(page.getByRole("status")).toContainText("Uploaded item-0-better.pdf");
    await page.getByText("Earlier versions (1)").click();
    await expect(page.getByRole("link", { name: "item-0.pdf", exact: true })).toBeVisible();
  });

  let receipt = "";
  await test.step("submits from the check page", async () => {
    await page.goto(`${caseUrl}/apply/check`);
    await page.getByLabel("I declare that the information in this application is true and complete.").check();
    await page.getByRole("button", { name: "Submit application" }).click();
    await page.goto(caseUrl);
    const heading = page.getByRole("heading", { level: 1, name: RECEIPT });
    await expect(heading).toBeVisible();
    receipt = RECEIPT.exec((await heading.textContent()) ?? "")![0];
  });

  await test.step("the case page shows the stage in plain words, what happens next, an estimate and the timeline", async () => {
    await expect(page.getByText("Stage:")).toContainText("Waiting for sponsor confirmation");
    await expect(page.locator("p").filter({ hasText: "What happens next:" })).toContainText("Your sponsoring employer confirms the job offer");
    const estimate = page.getByRole("region", { name: "When to expect a decision" });
    await expect(estimate).toContainText(/Between .+ and .+ \(\d+ to \d+ days from today\)\./);
    await expect(estimate).toContainText("your sponsoring employer has not confirmed the job offer yet");
    const timeline = page.getByRole("list").filter({ hasText: "Draft started" });
    await expect(timeline).toContainText(`Submitted; receipt number ${receipt}`);
    await expect(timeline).toContainText("Sent to the sponsoring employer for confirmation");
    await expect(timeline.locator("time").first()).toHaveText(/KST$/);
    await expectAccessible(page, "case page");
  });

  await test.step("writes to the officers", async () => {
    await page.getByLabel("Your message", { exact: true }).fill("Does my degree certificate need an apostille?");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByRole("status")).toContainText("Your message was sent.");
    const messages = page.getByRole("region", { name: "Messages" });
    await expect(messages).toContainText("Does my degree certificate need an apostille?");
    await expect(messages).toContainText("Not read yet");
    await signOut(page);
  });

  await test.step("an officer answers from the conversation page", async () => {
    await signIn(page, OFFICER);
    await page.goto(`${caseUrl}/messages`);
    await expect(page.getByRole("heading", { level: 1, name: `Messages about application ${receipt}` })).toBeVisible();
    await expect(page.getByText("Does my degree certificate need an apostille?")).toBeVisible();
    await expectAccessible(page, "messages page (officer)");
    await page.getByLabel("Your message", { exact: true }).fill("No apostille is needed for KAIST.");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByText("No apostille is needed for KAIST.")).toBeVisible();
    await signOut(page);
  });

  await test.step("the applicant is e-mailed and reads the answer; the officer sees it read", async () => {
    await openMail(page, a.email, new RegExp(`New message: ${receipt}`));
    await expect(page.getByText("No apostille is needed")).toHaveCount(0); // the message is not in the e-mail
    await signIn(page, a.email, a.password);
    await page.goto("/cases");
    await expect(page.getByRole("link", { name: "1 new" })).toBeVisible();
    await page.goto(caseUrl);
    const messages = page.getByRole("region", { name: "Messages" });
    await expect(messages.getByRole("listitem").filter({ hasText: "No apostille is needed for KAIST." })).toContainText("Immigration officer");
  });

  await test.step("downloads all their data as a ZIP", async () => {
    await page.getByRole("link", { name: "Download all my data" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Download all your data" })).toBeVisible();
    await expectAccessible(page, "data export page");
    const download = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download my data (ZIP)" }).click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toMatch(/^toptier-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = fs.readFileSync((await download.path())!);
    expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    expect(zip.includes(Buffer.from(`cases/${receipt}/documents/earlier-versions/`))).toBe(true);
  });

  await test.step("reads the page in Korean", async () => {
    await page.goto(caseUrl);
    await page.getByRole("button", { name: "한국어" }).click();
    await expect(page.getByText("단계:")).toContainText("기업 확인 대기");
    await expect(page.getByRole("region", { name: "결정 예상 시기" })).toBeVisible();
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByText("Stage:")).toBeVisible();
  });

  await test.step("withdraws, after a confirmation step", async () => {
    await page.getByRole("link", { name: "Withdraw this application…" }).click();
    await expect(page.getByRole("heading", { name: "Are you sure you want to withdraw?" })).toBeVisible();
    await page.getByRole("button", { name: "Withdraw application" }).click();
    await expect(page.getByRole("alert")).toContainText("Tick the box to confirm the withdrawal");
    await page.getByLabel("I want to withdraw this application.").check();
    await page.getByRole("button", { name: "Withdraw application" }).click();
    await expect(page.getByText("Stage:")).toContainText("Withdrawn");
    await expect(page.getByRole("list").filter({ hasText: "Draft started" })).toContainText("Withdrawn by the applicant");
  });
});

/** Upload one file for every checklist item, then submit from the check page; returns the receipt number. */
async function uploadAllAndSubmit(page: Page, caseUrl: string): Promise<string> {
  await page.goto(`${caseUrl}/documents`);
  const count = await page.locator("li.checklist-item").count();
  for (let i = 0; i < count; i++) {
    const item = page.locator("li.checklist-item").nth(i);
    await item.getByLabel("Files", { exact: true }).setInputFiles({ name: `doc-${i}.pdf`, mimeType: "application/pdf", buffer: smallPdf() });
    await item.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("status")).toContainText(`Uploaded doc-${i}.pdf`);
  }
  await page.goto(`${caseUrl}/apply/check`);
  await page.getByLabel("I declare that the information in this application is true and complete.").check();
  await page.getByRole("button", { name: "Submit application" }).click();
  await page.goto(caseUrl);
  const heading = page.getByRole("heading", { level: 1, name: RECEIPT });
  await expect(heading).toBeVisible();
  return RECEIPT.exec((await heading.textContent()) ?? "")![0];
}

test("an applicant answers a request for evidence item by item and downloads the decision letter", async ({ page }) => {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const a = await signUp(page, runId);
  const caseUrl = await fillWizard(page, runId);
  const receipt = await uploadAllAndSubmit(page, caseUrl);
  const caseId = caseUrl.split("/").pop()!;
  await signOut(page);

  await test.step("the sponsor confirms and an officer asks for evidence", async () => {
    await signIn(page, EMPLOYER);
    await page.goto(`/employer/cases/${caseId}`);
    // Issue 11 item 12: the attestation's start date is the one the sponsor enters (the applicant gave none).
    await page.getByLabel("Start date", { exact: true }).fill(new Date(Date.now() + 60 * 864e5).toISOString().slice(0, 10));
    await page.getByLabel("On behalf of my company I confirm this job offer, its salary and industry are true.").check();
    await page.getByRole("button", { name: "Confirm sponsorship" }).click();
    await expect(page.getByRole("button", { name: "Confirm sponsorship" })).toHaveCount(0);
    await signOut(page);
    await signIn(page, OFFICER);
    // Screening runs in the background: wait until the case is in review.
    await expect(async () => {
      await page.goto(`/officer/cases/${caseId}`);
      await expect(page.getByRole("button", { name: "Send the request" })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 25_000, intervals: [500, 1000] });
    await page.getByLabel("Evidence of awards").check();
    await page.getByLabel("Question 1 (optional)").fill("Which team will you lead?");
    await page.getByLabel("Guidance for the applicant").fill("Please upload evidence of your awards and tell us about your team.");
    await page.getByLabel("Deadline").fill(new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText("Stage:")).toContainText("Evidence requested");
    await signOut(page);
  });

  await test.step("the applicant answers item by item, with a refusal shown by its item", async () => {
    await signIn(page, a.email, a.password);
    await page.goto(caseUrl);
    const request = page.getByRole("region", { name: /The officer asks for more evidence/ });
    await expect(request).toContainText("Please upload evidence of your awards");
    await expect(page.getByRole("region", { name: "When to expect a decision" })).toContainText("The officer waits for your answer");
    await expectAccessible(page, "case page with a request for evidence");
    const item = request.getByRole("group", { name: "Evidence of awards" });
    await expect(item).toContainText("Missing");
    await item.getByLabel(/File/).setInputFiles({ name: "award.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
    await item.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("region", { name: /The officer asks for more evidence/ }).getByRole("group", { name: "Evidence of awards" })).toContainText("The file must be a PDF, PNG or JPEG");
    await page.getByRole("group", { name: "Evidence of awards" }).getByLabel(/File/).setInputFiles({ name: "award.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await page.getByRole("group", { name: "Evidence of awards" }).getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("group", { name: "Evidence of awards" })).toContainText("Uploaded: award.pdf");
    await page.getByLabel("Which team will you lead?").fill("The on-device vision team.");
    await page.getByRole("button", { name: "Send my answer" }).click();
    await expect(page.getByRole("status")).toContainText("Your answer was sent to the officer.");
    await expect(page.getByText("Stage:")).toContainText("Evidence received");
    await signOut(page);
  });

  const reasons = `Awards and team confirmed (${runId}).`;
  await test.step("the officer approves and a senior officer confirms", async () => {
    await signIn(page, OFFICER);
    await page.goto(`/officer/cases/${caseId}`);
    await expect(page.getByText("The on-device vision team.")).toBeVisible();
    await page.getByLabel("Approve").check();
    await page.getByLabel("Reasons", { exact: true }).fill(reasons);
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("Stage:")).toContainText("Decision in second review");
    await signOut(page);
    await signIn(page, SENIOR);
    await page.goto("/officer");
    await page.getByRole("button", { name: "Take next second review" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(receipt) })).toBeVisible();
    await page.getByRole("button", { name: "Confirm decision" }).click();
    await expect(page.getByText("Stage:")).toContainText("Approved");
    await signOut(page);
  });

  await test.step("the applicant sees the decision and downloads the letter", async () => {
    await signIn(page, a.email, a.password);
    await page.goto(caseUrl);
    await expect(page.getByText("Stage:")).toContainText("Approved");
    await expect(page.getByText(reasons)).toBeVisible();
    const letter = page.getByRole("link", { name: "Download the decision letter (PDF)" });
    await expect(async () => {
      await page.reload();
      await expect(letter).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000, intervals: [500, 1000] });
    await expectAccessible(page, "case page with a decision");
    const download = await Promise.all([page.waitForEvent("download"), letter.click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe(`decision-${receipt}.pdf`);
    expect(fs.readFileSync((await download.path())!).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});
