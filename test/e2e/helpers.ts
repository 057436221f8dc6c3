import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { totpAt } from "../../models/totp";

/** Shared steps of the browser tests: signing in (with the officers' second factor), the dev mailbox, sample files. */
export const DEMO_PASSWORD = "toptier-demo-2026";
export const EMPLOYER = "employer@demo.toptier.local";
export const OFFICER = "officer@demo.toptier.local";
export const SENIOR = "senior@demo.toptier.local";

/**
 * The TOTP secrets officers set up on their first sign-in, kept as an
 * authenticator app would: in a file of this run's data folder, so every spec
 * file (and worker) of the run finds them.
 */
const secretsFile = path.join(process.env.TOPTIER_E2E_DATA_DIR ?? os.tmpdir(), "e2e-authenticator.json");
const authenticator = {
  get: (email: string): string | undefined => (fs.existsSync(secretsFile) ? (JSON.parse(fs.readFileSync(secretsFile, "utf8")) as Record<string, string>)[email] : undefined),
  set(email: string, secret: string) {
    const all = fs.existsSync(secretsFile) ? (JSON.parse(fs.readFileSync(secretsFile, "utf8")) as Record<string, string>) : {};
    fs.writeFileSync(secretsFile, JSON.stringify({ ...all, [email]: secret }));
  },
};

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Officers give a second factor (P5): on the first sign-in they set up TOTP from the key shown.
  const mfa = page.getByRole("heading", { name: /Two-step sign-in/ });
  const signedIn = page.getByRole("button", { name: "Sign out" });
  await expect(mfa.or(signedIn)).toBeVisible();
  if (await mfa.isVisible()) {
    const shown = page.getByTestId("totp-secret");
    if (await shown.isVisible()) authenticator.set(email, (await shown.textContent())!.trim());
    await page.getByLabel("6-digit code").fill(totpAt(authenticator.get(email)!));
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(signedIn).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** Open the dev mailbox and wait (reloading) for a mail to `to` whose subject matches; then open it. */
export async function openMail(page: Page, to: string, subject: RegExp, timeout = 15_000) {
  await page.goto("/dev/mail");
  const link = page.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject });
  await expect(async () => {
    await page.reload();
    await expect(link.first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout, intervals: [250, 500, 1000] });
  await link.first().click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText(`To ${to}`)).toBeVisible();
}

/** A tiny but well-formed one-page PDF. */
export function smallPdf(): Buffer {
  const objects = [
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += `${o}\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, "0")} 00000 n \n`;
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** What a renamed Windows executable starts with. */
export function fakeExe(): Buffer {
  const b = Buffer.alloc(512);
  b.write("MZ", 0, "latin1");
  b.write("This program cannot be run in DOS mode.", 78, "latin1");
  return b;
}

