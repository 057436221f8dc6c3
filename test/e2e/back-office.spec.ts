import { expect, test, type Page } from "@playwright/test";
import { EMPLOYER, OFFICER, SENIOR, openMail, signIn, signOut, smallPdf } from "./helpers";

/**
 * The back office in a real browser (issue 5): an officer takes the next case
 * from the queue, verifies a document and requests evidence; the applicant
 * answers item by item; the officer approves; a senior officer takes the
 * second review and confirms; the applicant sees the decision and downloads
 * the letter.
 */
const RECEIPT = /TT-\d{4}-\d{6}/;

async function applyAndGetSponsored(page: Page, runId: string) {
  const email = `bo-${runId}@example.test`;
  const password = `correct-horse-${runId}`;
  const fullName = `Mina Park ${runId}`;
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(fullName);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/cases(\?|$)/); // the session cookie is set by this response
  await openMail(page, email, /Confirm your e-mail address/);
  await page.getByRole("link", { name: /\/verify-email\?token=/ }).click();
  await expect(page.getByRole("heading", { name: "E-mail address confirmed" })).toBeVisible();

  await page.goto("/cases/new");
  for (const [label, value] of [
    ["Full name as in your passport", fullName],
    ["Nationality", "Brazilian"],
    ["Date of birth", "1987-09-02"],
    ["Passport number", `BR${runId.slice(0, 7).toUpperCase()}`],
    ["Field of study", "Electrical engineering"],
    ["University", "Seoul National University"],
    ["Date awarded", "2015-08-30"],
    ["Job title", "Staff engineer"],
    ["Annual salary in Korean won", "210000000"],
  ]) {
    await page.getByLabel(label!, { exact: true }).fill(value!);
  }
  await page.getByLabel("Degree", { exact: true }).selectOption({ label: "Doctorate (PhD)" });
  await page.getByLabel("Sponsoring employer", { exact: true }).selectOption({ label: "Hanbit AI Labs" });
  await page.getByLabel("Industry of the job", { exact: true }).selectOption({ label: "Semiconductors" });
  await page.getByRole("button", { name: "Save draft and continue" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "passport.pdf", mimeType: "application/pdf", buffer: smallPdf() });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status")).toContainText("Uploaded passport.pdf");
  await page.getByLabel("I declare that the information in this application is true and complete.").check();
  await page.getByRole("button", { name: "Submit application" }).click();
  const heading = page.getByRole("heading", { level: 1, name: RECEIPT });
  await expect(heading).toBeVisible();
  const receipt = RECEIPT.exec((await heading.textContent()) ?? "")![0];
  const caseUrl = new URL(page.url()).pathname;
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

test("an officer works a case with a request for evidence, and a senior officer confirms the approval", async ({ page }) => {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const a = await applyAndGetSponsored(page, runId);

  await test.step("the officer takes the next case, verifies the passport and asks for evidence", async () => {
    await signIn(page, OFFICER);
    // Screening runs in the background: wait until the queue offers a case, then take it.
    await expect(async () => {
      await page.goto("/officer");
      await expect(page.getByRole("button", { name: "Take next case" })).toBeEnabled({ timeout: 500 });
    }).toPass({ timeout: 25_000, intervals: [500, 1000] });
    await page.getByRole("button", { name: "Take next case" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(a.receipt) })).toBeVisible();
    await expect(page.getByText("With you.")).toBeVisible();

    const passport = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /Passport/ }) });
    await expect(passport.locator("iframe")).toHaveAttribute("title", /passport.pdf/);
    await passport.getByRole("button", { name: "Mark verified" }).click();
    await expect(page.getByRole("article").filter({ has: page.getByRole("heading", { name: /Passport/ }) })).toContainText(/verified/i);

    await page.getByLabel("Degree certificate").check();
    await page.getByLabel("Question 1 (optional)").fill("Which team will you lead at Hanbit AI Labs?");
    await page.getByLabel("Guidance for the applicant").fill("Please upload your doctoral degree certificate and tell us about your team.");
    const deadline = new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10);
    await page.getByLabel("Deadline").fill(deadline);
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByText("Stage:")).toContainText("Evidence requested");
    await expect(page.getByText(/paused: waiting on the applicant/)).toBeVisible();
    await signOut(page);
  });

  await test.step("the applicant answers item by item", async () => {
    await openMail(page, a.email, new RegExp(`More evidence needed by .*: ${a.receipt}`));
    await signIn(page, a.email, a.password);
    await page.goto(a.caseUrl);
    const request = page.getByRole("region", { name: /The officer asks for more evidence/ });
    await expect(request).toContainText("Please upload your doctoral degree certificate");
    const degreeItem = request.getByRole("group", { name: "Degree certificate" });
    await degreeItem.getByLabel(/File/).setInputFiles({ name: "phd-certificate.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await degreeItem.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("region", { name: /The officer asks for more evidence/ }).getByText("Uploaded: phd-certificate.pdf")).toBeVisible();
    await page.getByLabel("Which team will you lead at Hanbit AI Labs?").fill("The on-device vision team (12 engineers).");
    await page.getByRole("button", { name: "Send my answer" }).click();
    await expect(page.getByText("Stage:")).toContainText("In review by an officer");
    await signOut(page);
  });

  const reasons = `Doctorate from SNU, semiconductor role at 4x GNI; evidence answered (${runId}).`;
  await test.step("the officer approves", async () => {
    await signIn(page, OFFICER);
    await page.getByRole("table", { name: /My cases/ }).getByRole("link", { name: a.receipt }).click();
    await expect(page.getByText("The on-device vision team (12 engineers).")).toBeVisible();
    await page.getByLabel("Approve").check();
    await page.getByLabel("Reasons", { exact: true }).fill(reasons);
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("Stage:")).toContainText("Decision in second review");
    await signOut(page);
  });

  await test.step("a senior officer takes the second review and confirms", async () => {
    await signIn(page, SENIOR);
    await page.getByRole("button", { name: "Take next second review" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(a.receipt) })).toBeVisible();
    await page.getByRole("button", { name: "Confirm decision" }).click();
    await expect(page.getByText("Stage:")).toContainText("Approved");
    await signOut(page);
  });

  await test.step("the applicant sees the decision and downloads the letter", async () => {
    await signIn(page, a.email, a.password);
    await page.goto(a.caseUrl);
    await expect(page.getByText("Stage:")).toContainText("Approved");
    await expect(page.getByText(reasons)).toBeVisible();
    const letter = page.getByRole("link", { name: "Download the decision letter (PDF)" });
    await expect(async () => {
      await page.reload();
      await expect(letter).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000, intervals: [500, 1000] });
    const download = await Promise.all([page.waitForEvent("download"), letter.click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe(`decision-${a.receipt}.pdf`);
  });
});
