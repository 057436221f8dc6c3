import { expect, test } from "@playwright/test";
import { smallPdf } from "./helpers";
import { addFileTo, continueTo, fillDegree, fillPersonal, labels, runId, signUpAndVerify } from "./wizard-steps";

/**
 * Issue 12 in a real browser: a file uploaded for the second degree stays with
 * that degree when the first is removed in the wizard (the entries' stable ids
 * travel in hidden fields of the repeating section).
 */
test("removing an earlier degree keeps the later degree's file with it", async ({ page }) => {
  const id = runId();
  const l = labels.en;
  await signUpAndVerify(page, `Ada Ids ${id}`, `ids-${id}@example.test`, `correct-horse-${id}`);
  await page.goto("/cases/new");
  await page.getByRole("button", { name: l.start }).click();
  await expect(page).toHaveURL(/\/apply\/personal$/);
  const caseId = /\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await fillPersonal(page, l, `Ada Ids ${id}`, `CA${id.slice(0, 8)}`.toUpperCase());
  await continueTo(page, l, /\/apply\/education$/);
  await fillDegree(page, l, 1, "master", "University of Toronto", "2010-06-15");
  await page.getByRole("button", { name: l.addDegree }).click();
  await fillDegree(page, l, 2, "phd", "KAIST", "2014-02-20");
  await continueTo(page, l, /\/apply\/work$/);

  const kaistItem = page.locator("li.checklist-item").filter({ has: page.getByRole("heading", { name: /Degree certificate: Doctorate, KAIST/ }) });
  await test.step("a file for the second degree", async () => {
    await page.goto(`/cases/${caseId}/documents`);
    await addFileTo(page, "degree:1", { name: "kaist-diploma.pdf", mimeType: "application/pdf", buffer: smallPdf() });
    await expect(page.getByRole("status").first()).toContainText("kaist-diploma.pdf");
    await expect(kaistItem).toContainText("kaist-diploma.pdf");
  });

  await test.step("remove the first degree in the wizard", async () => {
    await page.goto(`/cases/${caseId}/apply/education`);
    const ids = await page.locator('input[type="hidden"][name^="education."][name$=".id"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(ids).toHaveLength(2);
    for (const v of ids) expect(v).toMatch(/^[a-z][a-z0-9]{7,23}$/);
    await page.getByRole("button", { name: "Remove degree 1" }).click();
    await expect(page.getByRole("group", { name: l.degree(2), exact: true })).toHaveCount(0);
    await expect(page.getByRole("group", { name: l.degree(1), exact: true }).getByLabel(l.university, { exact: true })).toHaveValue("KAIST");
    await expect(page.locator('input[type="hidden"][name="education.0.id"]')).toHaveValue(ids[1]!);
    await continueTo(page, l, /\/apply\/work$/);
  });

  await test.step("the file is still the KAIST degree's, and no other item's", async () => {
    await page.goto(`/cases/${caseId}/documents`);
    await expect(kaistItem.getByRole("heading", { level: 3 })).toContainText("Done · 1 file");
    await expect(kaistItem).toContainText("kaist-diploma.pdf");
    await expect(page.getByRole("heading", { name: /Degree certificate: .*Toronto/ })).toHaveCount(0);
    await expect(page.locator("li.checklist-item").filter({ hasText: "kaist-diploma.pdf" })).toHaveCount(1);
  });
});
