import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * Issue 12 in Chromium: the administrator reaches Bull Board from the admin page and it works under
 * its own Content-Security-Policy (the only thing it may not load is Google's font stylesheet,
 * another origin); a visitor without an administrator's session gets the portal's 404.
 */
const ADMIN = "admin@demo.toptier.local";

test("an administrator opens the queue dashboard from the admin page; nobody else finds it", async ({ page, browser }) => {
  const anonymous = await browser.newPage();
  const refused = await anonymous.goto("/admin/queues");
  expect(refused?.status()).toBe(404);
  await anonymous.close();

  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text()) && !/fonts\.googleapis\.com/.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(e.message));
  await signIn(page, ADMIN);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Background job queues" }).click();
  await expect(page).toHaveURL(/\/admin\/queues/);
  // The React app rendered from its own files and read the queues through its API.
  await expect(page.getByText("TopTier queues").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /screening/i }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /notifications/i }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("queue-dashboard.png"), fullPage: true });
  await page.getByRole("link", { name: /screening/i }).first().click();
  await expect(page).toHaveURL(/\/admin\/queues\/queue\/screening/);
  // The scheduled jobs (SLA scan, evidence deadlines, audit checkpoints) run on this queue from the start.
  await expect(page.getByText(/sla\.scan|evidence\.expire|audit\.checkpoint|storage\.sweep_orphans/).first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath("queue-dashboard-screening.png"), fullPage: true });
  expect(violations).toEqual([]);
});
