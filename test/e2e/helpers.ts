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

/** The header's "Sign out" in either language (officers read Korean first). */
const signOutButton = (page: Page) => page.getByRole("button", { name: /^(Sign out|로그아웃)$/ });

/**
 * Sign in; the page then reads in `language` (default English): officers'
 * accounts start in Korean, so the header's switch is used when needed.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, language: "en" | "ko" = "en") {
  await page.goto("/login");
  // The login page reads in the visitor's last language (a cookie that outlives signing out): the labels below are English.
  await switchLanguage(page, "en");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Officers give a second factor (P5): on the first sign-in they set up TOTP from the key shown.
  const mfa = page.getByRole("heading", { name: /Two-step sign-in/ });
  const signedIn = signOutButton(page);
  await expect(mfa.or(signedIn)).toBeVisible();
  if (await mfa.isVisible()) {
    const shown = page.getByTestId("totp-secret");
    const firstTime = await shown.isVisible();
    if (firstTime) authenticator.set(email, (await shown.textContent())!.trim());
    await enterTotp(page, authenticator.get(email)!);
    // The first time, the recovery codes stay on screen until they are saved (issue 15).
    if (firstTime) await saveRecoveryCodes(page);
  }
  await expect(signedIn).toBeVisible();
  await switchLanguage(page, language);
}

/** Switch the page (and a signed-in account) to a language with the header's button, unless it reads so already. */
export async function switchLanguage(page: Page, language: "en" | "ko") {
  if ((await page.locator("html").getAttribute("lang")) === language) return;
  await page.getByRole("button", { name: language === "ko" ? "한국어" : "English" }).click();
  await expect(page.locator(`html[lang="${language}"]`)).toBeAttached();
}

/** Remember the TOTP key an account set up (e.g. on /account), as an authenticator app would. */
export const rememberTotp = (email: string, secret: string) => authenticator.set(email, secret);

/**
 * Enter the authenticator's current code on /mfa. A code is accepted only once
 * (replay protection): if this account already used the current one, wait for
 * the next 30-second code, as a person would.
 */
export async function enterTotp(page: Page, secret: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel("6-digit code").fill(totpAt(secret));
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/mfa")),
      page.getByRole("button", { name: "Continue" }).click(),
    ]);
    if (answer.status() !== 400) return;
    await expect(page.getByText(/already used/).first()).toBeVisible();
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
}

/** On the recovery codes page (first two-step sign-in, /account): read the codes, tick "I have saved these codes", go on. */
export async function saveRecoveryCodes(page: Page): Promise<string[]> {
  const list = page.getByTestId("recovery-codes");
  await expect(list).toBeVisible();
  const codes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await page.getByRole("checkbox", { name: /I have saved these codes|이 코드를 저장했습니다/ }).check();
  await page.getByRole("region", { name: /^(Your recovery codes|복구 코드)$/ }).getByRole("button", { name: /^(Continue|계속)$/ }).click();
  await expect(list).toBeHidden();
  return codes;
}

/** Sign in with a password and one of the account's recovery codes instead of a TOTP code. */
export async function signInWithRecoveryCode(page: Page, email: string, password: string, code: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /Two-step sign-in/ })).toBeVisible();
  await page.getByText("Lost your phone? Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(code);
  await page.getByRole("button", { name: "Sign in with a recovery code" }).click();
  await expect(signOutButton(page)).toBeVisible();
}

export async function signOut(page: Page) {
  await signOutButton(page).click();
  await expect(page.getByRole("navigation", { name: /^(Account|계정)$/ }).getByRole("link", { name: /^(Sign in|로그인)$/ })).toBeVisible();
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

