import { deflateSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { fakeExe, smallPdf } from "./helpers";
import { checklistItem, continueTo, fillDegree, fillOffer, fillPersonal, labels, runId, signUpAndVerify } from "./wizard-steps";

/**
 * Issue 11 items 5 and 6 in a real browser: the draft's task list on the case
 * page links to the documents; several files chosen at once are uploaded with
 * progress, one of them refused by name while the others are kept, the input
 * is cleared; files dropped on the form are uploaded at once; images show as
 * thumbnails (served by the document route), PDFs as a badge; no SHA-256;
 * the check page groups the missing documents; a submitted case shows the
 * stage tracker with the current stage marked.
 */

/** A small but real PNG (a 24 x 16 blue block), so that the thumbnail decodes. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const [w, h] = [24, 16];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([20, 80, 200], y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

async function draftWithAnswers(page: Page, id: string) {
  const l = labels.en;
  await signUpAndVerify(page, `Ada Uploads ${id}`, `uploads-${id}@example.test`, `correct-horse-${id}`);
  await page.goto("/cases/new");
  await page.getByRole("button", { name: l.start }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseId = /\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await fillPersonal(page, l, `Ada Uploads ${id}`, `UP${id.slice(0, 8)}`.toUpperCase());
  await continueTo(page, l, /\/apply\/education$/);
  await fillDegree(page, l, 1, "phd", "KAIST", "2014-02-20");
  await continueTo(page, l, /\/apply\/work$/);
  await continueTo(page, l, /\/apply\/achievements$/);
  await continueTo(page, l, /\/apply\/offer$/);
  await fillOffer(page, l);
  await continueTo(page, l, /\/apply\/dependants$/);
  await continueTo(page, l, /\/apply\/check$/);
  return caseId;
}

test("several files at once and by drag and drop, with thumbnails; the task list and the stage tracker", async ({ page }) => {
  const id = runId();
  const caseId = await draftWithAnswers(page, id);

  await test.step("the case page's task list: every section done but the documents, which it links to", async () => {
    await page.goto(`/cases/${caseId}`);
    const tasks = page.getByTestId("task-list");
    await expect(tasks.locator("li")).toHaveCount(8);
    await expect(tasks.locator('li[data-task="personal"]')).toContainText("Done");
    await expect(tasks.locator('li[data-task="documents"]')).toContainText("Not started");
    await expect(tasks.locator('li[data-task="check"]')).toContainText("Cannot start yet");
    await expectAccessible(page, "case page with the task list");
    await tasks.getByRole("link", { name: "Documents" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your documents" })).toBeVisible();
  });

  const passport = checklistItem(page, "passport:self");
  await test.step("three files chosen at once: two kept, the renamed program refused by name; the input is cleared", async () => {
    const form = passport.locator("form").filter({ has: page.getByRole("button", { name: "Upload" }) });
    const input = form.getByLabel("Files", { exact: true });
    await expect(input).toHaveAttribute("multiple", "");
    await input.setInputFiles([
      { name: "passport-photo.png", mimeType: "image/png", buffer: tinyPng() },
      { name: "setup.pdf", mimeType: "application/pdf", buffer: fakeExe() },
      { name: "passport-scan.pdf", mimeType: "application/pdf", buffer: smallPdf() },
    ]);
    await form.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("status")).toContainText("Uploaded passport-photo.png, passport-scan.pdf.");
    const refusals = form.getByTestId("upload-refusals");
    await expect(refusals).toContainText("1 of 3 files were not uploaded");
    await expect(refusals).toContainText("setup.pdf: The file must be a PDF, PNG or JPEG");
    await expect(form.getByLabel("Files", { exact: true })).toHaveJSProperty("value", "");
    await expect(form.locator(".upload-progress")).toContainText("✓ Uploaded");
    await expect(passport.getByRole("heading", { level: 3 })).toContainText("Done · 2 files");
    // The image as a thumbnail from the document route (decoded, so served and authorised), the PDF as a badge.
    const thumb = passport.getByTestId("thumbnail");
    await expect(thumb).toHaveCount(1);
    await expect(thumb).toHaveAttribute("src", new RegExp(`^/cases/${caseId}/documents/[0-9a-f-]{36}\\?inline=1$`));
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(24);
    await expect(passport.getByTestId("file-card").filter({ hasText: "passport-scan.pdf" }).locator(".file-icon")).toHaveText("PDF");
    await expect(page.getByText(/SHA-256/)).toHaveCount(0);
    await expect(page.getByText(/file\(s\)/)).toHaveCount(0);
    await expectAccessible(page, "documents page with thumbnails");
  });

  await test.step("files dropped on another item are uploaded at once, with progress", async () => {
    const degree = checklistItem(page, "degree:0");
    const zone = degree.getByTestId("drop-zone");
    const pdf = smallPdf().toString("latin1");
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], "diploma-p1.pdf", { type: "application/pdf" }));
      dt.items.add(new File([bytes], "diploma-p2.pdf", { type: "application/pdf" }));
      return dt;
    }, pdf);
    await zone.dispatchEvent("dragover", { dataTransfer });
    await expect(zone).toHaveClass(/dragging/);
    await zone.dispatchEvent("drop", { dataTransfer });
    await expect(page.getByRole("status")).toContainText("Uploaded diploma-p1.pdf, diploma-p2.pdf.");
    await expect(degree.getByRole("heading", { level: 3 })).toContainText("Done · 2 files");
    await expect(degree.locator(".upload-progress li")).toHaveCount(2);
  });

  await test.step("the check page groups what is still missing instead of listing every document", async () => {
    await page.goto(`/cases/${caseId}/apply/check`);
    const group = page.getByTestId("group-documents");
    await expect(group.locator("summary")).toHaveText(/^Documents: \d+ missing$/);
    await expect(group.getByRole("listitem").first()).toBeHidden(); // collapsed until opened
    await group.locator("summary").click();
    await expect(group.getByRole("listitem").first()).toBeVisible();
    await expect(page.getByText(/file\(s\)/)).toHaveCount(0);
  });

  await test.step("the other documents, then submit: the case page shows the tracker at its current stage", async () => {
    await page.goto(`/cases/${caseId}/documents`);
    const missing = page.locator("li.checklist-item").filter({ has: page.locator(".status-missing") });
    while ((await missing.count()) > 0) {
      const form = missing.first().locator("form").filter({ has: page.getByRole("button", { name: "Upload" }) });
      await form.getByLabel("Files", { exact: true }).setInputFiles({ name: "doc.pdf", mimeType: "application/pdf", buffer: smallPdf() });
      const before = await missing.count();
      await form.getByRole("button", { name: "Upload" }).click();
      await expect(missing).toHaveCount(before - 1);
    }
    await page.goto(`/cases/${caseId}`);
    await expect(page.getByTestId("task-list").locator('li[data-task="documents"]')).toContainText("Done");
    await page.goto(`/cases/${caseId}/apply/check`);
    await page.getByLabel(labels.en.declaration).check();
    await page.getByRole("button", { name: labels.en.submit }).click();
    await expect(page).toHaveURL(/\/apply\/done$/);
    await page.goto(`/cases/${caseId}`);
    const tracker = page.getByRole("list", { name: "Where your application is" });
    await expect(tracker.locator("li")).toHaveCount(5);
    const current = tracker.locator('[aria-current="step"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute("data-stage", "sponsor");
    await expect(current).toContainText("Sponsor confirms");
    await expect(current).toContainText("Current stage");
    await expect(tracker.locator('li[data-stage="submitted"]')).toContainText("Done");
    await expect(tracker.locator('li[data-stage="decision"]')).toContainText("Not yet");
    await expect(page.getByTestId("task-list")).toHaveCount(0);
    // The status tag keeps its words and gets its group's colour.
    await expect(page.locator(".status-tag[data-status]").first()).toHaveAttribute("data-group", "progress");
    // Withdraw is a secondary (warning) action, not the primary blue button.
    const withdraw = page.getByRole("link", { name: "Withdraw this application…" });
    await expect(withdraw).toHaveClass(/warning/);
    expect(await withdraw.evaluate((a) => getComputedStyle(a).backgroundColor)).toBe("rgb(255, 255, 255)");
    await expectAccessible(page, "case page with the stage tracker");
    await page.getByRole("button", { name: "한국어" }).click();
    await expect(page.getByRole("list", { name: "신청 진행 단계" }).locator('[aria-current="step"]')).toContainText("현재 단계");
  });
});
