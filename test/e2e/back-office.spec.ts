import { expect, test } from "@playwright/test";
import { OFFICER, SENIOR, openMail, signIn, signOut, smallPdf, switchLanguage } from "./helpers";
import { applyAndGetSponsored } from "./wizard-steps";

/**
 * The back office in a real browser (issue 5): an officer takes the next case
 * from the queue (in Korean, the officers' first language) and verifies a
 * document, then (in English) requests evidence; the applicant answers item by
 * item and the case shows under "evidence received"; the officer resumes the
 * review and approves; a senior officer takes the second review and confirms;
 * the applicant sees the decision and downloads the letter.
 */
test("an officer works a case with a request for evidence, and a senior officer confirms the approval", async ({ page }) => {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const a = await applyAndGetSponsored(page, runId);

  await test.step("the officer takes the next case in Korean and verifies the passport", async () => {
    await signIn(page, OFFICER, undefined, "ko");
    // Screening runs in the background: wait until the queue offers a case, then take it.
    await expect(async () => {
      await page.goto("/officer");
      await expect(page.getByRole("button", { name: "다음 사건 맡기", exact: true })).toBeEnabled({ timeout: 500 });
    }).toPass({ timeout: 25_000, intervals: [500, 1000] });
    await expect(page.getByRole("heading", { level: 1, name: "심사 대기열" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "단계별 대기열" })).toBeVisible();
    await page.getByRole("button", { name: "다음 사건 맡기", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(a.receipt) })).toBeVisible();
    await expect(page.getByText("내 담당 사건입니다.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "제출 서류" })).toBeVisible();

    const passport = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /여권/ }) });
    await expect(passport.locator("iframe")).toHaveAttribute("title", /passport-self\.pdf/);
    await passport.getByRole("button", { name: "확인 완료" }).click();
    await expect(page.getByRole("article").filter({ has: page.getByRole("heading", { name: /여권/ }) })).toContainText("확인됨");
  });

  await test.step("the officer switches to English and asks for evidence", async () => {
    await switchLanguage(page, "en");
    await expect(page.getByText("With you.")).toBeVisible();
    await expect(page.getByRole("article").filter({ has: page.getByRole("heading", { name: /Passport/ }) })).toContainText(/verified/i);

    await page.getByLabel("Employment certificate").check();
    await page.getByLabel("Question 1 (optional)").fill("Which team will you lead at Hanbit AI Labs?");
    await page.getByLabel("Guidance for the applicant").fill("Please upload your employment certificate and tell us about your team.");
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
    await expect(request).toContainText("Please upload your employment certificate");
    const item = request.getByRole("group", { name: "Employment certificate" });
    await item.getByLabel(/File/).setInputFiles({ name: "employment-certificate.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await item.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("region", { name: /The officer asks for more evidence/ }).getByText("Uploaded: employment-certificate.pdf")).toBeVisible();
    await page.getByLabel("Which team will you lead at Hanbit AI Labs?").fill("The on-device vision team (12 engineers).");
    await page.getByRole("button", { name: "Send my answer" }).click();
    await expect(page.getByText("Stage:")).toContainText("Evidence received");
    await signOut(page);
  });

  await test.step("the answered case shows under evidence received", async () => {
    await openMail(page, OFFICER, new RegExp(`Evidence received: ${a.receipt}`));
    await signIn(page, OFFICER);
    await page.goto("/officer");
    await expect(page.locator('li[data-stage="evidence_received"]')).toContainText(/Evidence received: \d+ waiting, [1-9]\d* with officers/);
    const row = page.getByRole("table", { name: /My cases/ }).getByRole("row").filter({ hasText: a.receipt });
    await expect(row).toContainText("Evidence received");
  });

  const reasons = `Doctorate from SNU, semiconductor role at 4x GNI; evidence answered (${runId}).`;
  await test.step("the officer resumes the review and approves", async () => {
    await page.getByRole("table", { name: /My cases/ }).getByRole("link", { name: a.receipt }).click();
    await expect(page.getByRole("region", { name: "Evidence received" })).toBeVisible();
    await expect(page.getByText("The on-device vision team (12 engineers).")).toBeVisible();
    await page.getByRole("button", { name: "Resume review" }).click();
    await expect(page.getByText("Stage:")).toContainText("In review by an officer");
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
