import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { EMPLOYER, OFFICER, SENIOR, openMail, signIn, signOut, smallPdf } from "./helpers";

/**
 * The employer portal in a real browser (issue 6): the demo company's admin
 * invites a candidate and a member; the member sees the case but cannot attest;
 * the candidate applies from the invitation; the admin confirms the
 * sponsorship; officers approve; the admin sees the decision and the visa's
 * expiry.
 */
const RECEIPT = /TT-\d{4}-\d{6}/;
const ATTEST = "On behalf of my company I confirm this job offer, its salary and industry are true.";

/** A tiny valid PNG (1×1), for documents that must be images. */
const tinyPng = () =>
  Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a60000000049454e44ae426082", "hex");

/**
 * The candidate completes the application the invitation started (the offer is
 * already there) and submits it, through the applicant pages as they are: the
 * wizard, the documents page and the final check. Returns the receipt number.
 */
async function completeApplication(page: Page, caseId: string, fullName: string, runId: string): Promise<string> {
  const fill = async (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
  const next = () => page.getByRole("button", { name: "Continue" }).click();

  await page.goto(`/cases/${caseId}/apply/personal`);
  await expect(page.getByLabel("Full name as in your passport", { exact: true })).toHaveValue(fullName);
  await fill("Nationality", "Canada");
  await fill("Date of birth", "1986-12-09");
  await fill("Country of birth", "Canada");
  await fill("Passport number", `CA${runId.slice(0, 7).toUpperCase()}`);
  await fill("Country that issued the passport", "Canada");
  await fill("Passport issue date", "2022-01-10");
  await fill("Passport expiry date", `${new Date().getUTCFullYear() + 6}-01-09`);
  await next();

  await expect(page).toHaveURL(/\/apply\/education$/);
  await page.getByLabel("Level of the degree", { exact: true }).selectOption({ label: "Doctorate (PhD)" });
  await fill("Field of study", "Computer science");
  await fill("University", "KAIST");
  await fill("Date awarded", "2014-02-21");
  await next();

  await expect(page).toHaveURL(/\/apply\/work$/);
  await next();
  await expect(page).toHaveURL(/\/apply\/achievements$/);
  await next();

  await expect(page).toHaveURL(/\/apply\/offer$/);
  await page.getByRole("group", { name: "Do you have a job offer from a Korean employer?" }).getByLabel("Yes").check();
  await expect(page.getByLabel("Sponsoring employer", { exact: true }).locator("option:checked")).toHaveText("Hanbit AI Labs");
  await expect(page.getByLabel("Job title", { exact: true })).toHaveValue("Research scientist");
  await page.getByLabel("Industry of the job", { exact: true }).selectOption({ label: "Artificial intelligence" });
  await fill("Annual salary in Korean won", "180000000");
  await next();

  await expect(page).toHaveURL(/\/apply\/dependants$/);
  await next();

  await page.goto(`/cases/${caseId}/documents`);
  const uploads = page.getByRole("group", { name: /^Add a file for:/ });
  const n = await uploads.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const group = page.getByRole("group", { name: /^Add a file for:/ }).nth(i);
    const label = (await group.locator("legend").textContent()) ?? "";
    const image = /photo/i.test(label);
    await group.getByLabel(/File/).setInputFiles(image ? { name: "photo.png", mimeType: "image/png", buffer: tinyPng() } : { name: `doc-${i}.pdf`, mimeType: "application/pdf", buffer: smallPdf() });
    await group.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("status").first()).toContainText("Uploaded");
  }

  await page.goto(`/cases/${caseId}/apply/check`);
  await page.getByLabel("I declare that the information in this application is true and complete.").check();
  await page.getByRole("button", { name: /Submit/ }).click();
  await page.goto(`/cases/${caseId}`);
  const heading = page.getByRole("heading", { level: 1, name: RECEIPT });
  await expect(heading).toBeVisible();
  return RECEIPT.exec((await heading.textContent()) ?? "")![0];
}

test("an employer invites a candidate, a member cannot attest, the admin confirms and sees the decision", async ({ page }) => {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const candidate = { name: `Grace Lee ${runId}`, email: `cand-${runId}@example.test`, password: `candidate-pw-${runId}` };
  const member = { name: `Choi Member ${runId}`, email: `member-${runId}@example.test`, password: `member-pw-${runId}` };

  await test.step("the admin invites a candidate and a member", async () => {
    await signIn(page, EMPLOYER);
    await page.goto("/employer/candidates");
    await page.getByLabel("Candidate's full name").fill(candidate.name);
    await page.getByLabel("Candidate's e-mail address").fill(candidate.email);
    await page.getByLabel("Job title").fill("Research scientist");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect(page.getByRole("status")).toContainText(`Invitation sent to ${candidate.email}`);
    await expect(page.getByRole("listitem").filter({ hasText: candidate.email })).toContainText("waiting");
    await expectAccessible(page, "candidates page");

    await page.goto("/employer/members");
    await page.getByLabel("E-mail address").fill(member.email);
    await page.getByLabel("Role").selectOption({ label: "Member" });
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect(page.getByRole("status")).toContainText(`Invitation sent to ${member.email}`);
    await expectAccessible(page, "members page");
    await page.goto("/employer/settings");
    await expectAccessible(page, "settings page");
    await signOut(page);
  });

  let caseId = "";
  await test.step("the candidate follows the link, signs up and applies", async () => {
    await openMail(page, candidate.email, /Hanbit AI Labs invites you to apply/);
    await page.getByRole("link", { name: /\/invitation\// }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Hanbit AI Labs invites you to apply" })).toBeVisible();
    await expectAccessible(page, "candidate invitation page");
    await page.getByLabel("Your full name").fill(candidate.name);
    await page.getByLabel("Password").fill(candidate.password);
    await page.getByRole("button", { name: "Create account and start" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}/);
    caseId = /\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  });
  const receipt = await completeApplication(page, caseId, candidate.name, runId);
  await signOut(page);

  await test.step("the member joins, sees the case but cannot attest", async () => {
    await openMail(page, member.email, /Join Hanbit AI Labs on TopTier/);
    await page.getByRole("link", { name: /\/join\// }).first().click();
    await page.getByLabel("Your full name").fill(member.name);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cases your company sponsors" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: receipt });
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText("Waiting for sponsor confirmation", { timeout: 500 });
    }).toPass({ timeout: 15_000, intervals: [250, 500, 1000] });
    await expect(row).toContainText("Your company");
    await row.getByRole("link", { name: receipt }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${candidate.name} · ${receipt}` })).toBeVisible();
    await expect(page.getByText("An administrator of your company confirms the sponsorship.")).toBeVisible();
    await expect(page.getByLabel(ATTEST)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Confirm sponsorship" })).toHaveCount(0);
    // Members see the team, but cannot manage it.
    await page.goto("/employer/members");
    await expect(page.getByRole("button", { name: "Send the invitation" })).toHaveCount(0);
    await signOut(page);
  });

  await test.step("the admin confirms the sponsorship with the offer's details", async () => {
    await signIn(page, EMPLOYER);
    await page.goto("/employer");
    await page.getByRole("row").filter({ hasText: receipt }).getByRole("link", { name: receipt }).click();
    await expect(page.getByLabel("Job title")).toHaveValue("Research scientist");
    // Issue 11 item 12: nobody gave a start date, so none is filled in: the admin enters it.
    await expect(page.getByLabel("Start date", { exact: true })).toHaveValue("");
    await page.getByLabel("Start date", { exact: true }).fill(new Date(Date.now() + 60 * 864e5).toISOString().slice(0, 10));
    await page.getByLabel("Annual salary (won)").fill("-5");
    await page.getByLabel(ATTEST).check();
    await page.getByRole("button", { name: "Confirm sponsorship" }).click();
    await expect(page.getByRole("alert")).toContainText("The annual salary");
    await expectAccessible(page, "sponsorship form with an error");
    await page.getByLabel("Annual salary (won)").fill("185000000");
    await page.getByLabel(ATTEST).check();
    await page.getByRole("button", { name: "Confirm sponsorship" }).click();
    await expect(page.getByRole("button", { name: "Confirm sponsorship" })).toHaveCount(0);
    await expect(page.getByText(/Attested by Kim Minji/)).toBeVisible();
    await signOut(page);
  });

  const reasons = `Doctorate from KAIST, AI research role well above the salary threshold (${runId}).`;
  await test.step("officers approve the case", async () => {
    await signIn(page, OFFICER);
    // Screening runs in the background: wait until the case is in review.
    await expect(async () => {
      await page.goto(`/officer/cases/${caseId}`);
      await expect(page.getByText("Stage:")).toContainText("In review", { timeout: 500 });
    }).toPass({ timeout: 25_000, intervals: [500, 1000] });
    await page.getByLabel("Approve").check();
    await page.getByLabel("Reasons", { exact: true }).fill(reasons);
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("Stage:")).toContainText("Decision in second review");
    await signOut(page);

    await signIn(page, SENIOR);
    await page.goto(`/officer/cases/${caseId}`);
    await page.getByRole("button", { name: "Confirm decision" }).click();
    await expect(page.getByText("Stage:")).toContainText("Approved");
    await signOut(page);
  });

  await test.step("the admin sees the decision, the visa's expiry and the case in the CSV", async () => {
    await openMail(page, EMPLOYER, new RegExp(`Decision: approved \\(${receipt}\\)`));
    await signIn(page, EMPLOYER);
    await page.goto("/employer?stage=approved");
    const row = page.getByRole("row").filter({ hasText: receipt });
    await expect(row).toContainText("Approved");
    await expect(row).toContainText("Visa expires");
    await expectAccessible(page, "dashboard");
    await row.getByRole("link", { name: receipt }).click();
    await expect(page.getByText(/Approved\. The visa is valid until \d+ \w+ \d{4}\./)).toBeVisible();
    await expect(page.getByText(reasons)).toBeVisible();
    const csv = await page.request.get("/employer/cases.csv?stage=approved");
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toContain(`${receipt},${candidate.name},Research scientist,Approved`);
  });
});
