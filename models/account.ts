import { verify } from "@node-rs/argon2";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { audit } from "./audit";
import { hashPassword, newToken, replaceRecoveryCodes, secondFactorMandatory, sha256, signUpSchema, spendRecoveryCode, toActor } from "./auth";
import { fieldErrors } from "./dossier";
import { AppError } from "./errors";
import { enqueue } from "./jobs";
import type { Db, Queryable } from "./platform/db";
import { emailTokens, recoveryCodes, sessions, users, type User } from "./schema/users";
import { matchTotpStep, newTotpSecret, otpauthUri } from "./totp";

/**
 * A1/P5: the account's own security: password reset by e-mail link, password
 * change, optional TOTP with recovery codes. Every change is audited.
 */
export const RESET_TTL_MS = 60 * 60 * 1000;

const passwordRule = signUpSchema.shape.password;
/** Officers and administrators keep two-step sign-in (it is set up at their first sign-in, on /mfa). */
const isOfficer = secondFactorMandatory;

export const resetRequestSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your e-mail address").max(254, "E-mail address is too long").email("Enter an e-mail address like name@example.com"),
});

/**
 * Ask for a reset link. Says nothing about whether the account exists: the
 * caller shows the same answer either way. The link itself is made by the job.
 */
export async function requestPasswordReset(db: Db, input: unknown, meta: { ip?: string | null } = {}): Promise<{ email: string }> {
  const parsed = resetRequestSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  const { email } = parsed.data;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  // Issue 17 item 7: an unknown address costs the same transaction (an audit record instead of the job), so the
  // answer's timing does not tell whether the account exists.
  await db.transaction(async (tx) => {
    if (user) await enqueue(tx, "auth.send_password_reset", { userId: user.id });
    await audit(tx, { actor: user ? toActor(user) : "system", action: user ? "user.password_reset_requested" : "user.password_reset_unknown", ip: meta.ip });
  });
  return { email };
}

/** Issue a reset token (called by the e-mail job; only its hash is kept). */
export async function issuePasswordResetToken(q: Queryable, userId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await q.insert(emailTokens).values({ tokenHash: sha256(token), userId, purpose: "password_reset", expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
  return token;
}

const badLink = "This link to reset your password does not work. Ask for a new one.";
const usedLink = "This link to reset your password was already used. Ask for a new one if you need to.";
const expiredLink = "This link to reset your password has expired: links work for 1 hour. Ask for a new one.";

/** Whether a reset link still works (for showing the form); throws the reason when it does not. */
export async function checkPasswordResetToken(q: Queryable, token: string, now = new Date()) {
  const [row] = token ? await q.select().from(emailTokens).where(and(eq(emailTokens.tokenHash, sha256(token)), eq(emailTokens.purpose, "password_reset"))) : [];
  if (!row) throw new AppError("not_found", badLink);
  if (row.usedAt) throw new AppError("invalid_state", usedLink);
  if (row.expiresAt <= now) throw new AppError("invalid_state", expiredLink);
  return row;
}

export const resetPasswordSchema = z.object({ token: z.string().max(200).default(""), password: passwordRule });

/**
 * Set a new password from a reset link: single use, 1 hour. Ends every session
 * of the account, and e-mails a notice. Following the link proves the address.
 */
export async function resetPassword(db: Db, input: unknown, meta: { ip?: string | null; now?: Date } = {}): Promise<User> {
  const now = meta.now ?? new Date();
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  const passwordHash = await hashPassword(parsed.data.password);
  return db.transaction(async (tx) => {
    const [locked] = parsed.data.token
      ? await tx.select().from(emailTokens).where(eq(emailTokens.tokenHash, sha256(parsed.data.token))).for("update")
      : [];
    if (!locked) throw new AppError("not_found", badLink);
    const row = await checkPasswordResetToken(tx, parsed.data.token, now);
    // Every outstanding reset link of the account stops working, not only this one.
    await tx
      .update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, row.userId), eq(emailTokens.purpose, "password_reset"), isNull(emailTokens.usedAt)));
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, emailVerifiedAt: user!.emailVerifiedAt ?? now })
      .where(eq(users.id, row.userId))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    await enqueue(tx, "auth.send_password_changed", { userId: row.userId });
    await audit(tx, { actor: toActor(updated!), action: "user.password_reset", ip: meta.ip, data: { sessionsEnded: "all" } });
    return updated!;
  });
}

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200, "Password is too long"),
  newPassword: passwordRule,
});

/** Change the password knowing the current one: every other session ends, this one stays. */
export async function changePassword(db: Db, user: User, sessionToken: string, input: unknown, meta: { ip?: string | null; now?: Date } = {}): Promise<void> {
  const now = meta.now ?? new Date();
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  await requirePassword(db, user, parsed.data.currentPassword, "currentPassword", meta);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, user.id));
    // A reset link sent before the change must not undo it.
    await tx
      .update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "password_reset"), isNull(emailTokens.usedAt)));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, sha256(sessionToken))))
      .returning({ id: sessions.id });
    await enqueue(tx, "auth.send_password_changed", { userId: user.id });
    await audit(tx, { actor: toActor(user), action: "user.password_changed", ip: meta.ip, data: { otherSessionsEnded: ended.length } });
  });
}

/** Re-check the password before a sensitive change; a wrong one is audited and named on the field. */
async function requirePassword(db: Db, user: User, password: string, field: string, meta: { ip?: string | null }) {
  const [current] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  const ok = current ? await verify(current.passwordHash, password).catch(() => false) : false;
  if (ok) return;
  await audit(db, { actor: toActor(user), action: "user.password_check_failed", ip: meta.ip });
  throw new AppError("validation", "Your current password is not right.", { [field]: "Your current password is not right" });
}

/** Start (or resume) setting up TOTP: a secret to put in an authenticator app, not yet in force. */
export async function startTotpSetup(db: Db, user: User): Promise<{ secret: string; uri: string }> {
  if (user.totpEnabledAt) throw new AppError("invalid_state", "Two-step sign-in is already on.");
  let secret = user.totpSecret;
  if (!secret) {
    secret = newTotpSecret();
    await db.update(users).set({ totpSecret: secret, totpLastStep: null }).where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)));
  }
  return { secret, uri: otpauthUri(secret, user.email) };
}

/** The set-up in progress (secret made, not confirmed yet), or null. */
export function pendingTotpSetup(user: User): { secret: string; uri: string } | null {
  return user.totpSecret && !user.totpEnabledAt && !isOfficer(user) ? { secret: user.totpSecret, uri: otpauthUri(user.totpSecret, user.email) } : null;
}

export async function cancelTotpSetup(db: Db, user: User): Promise<void> {
  await db.update(users).set({ totpSecret: null, totpLastStep: null }).where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)));
}

const codeSchema = z.object({ code: z.string().trim().min(1, "Enter the 6-digit code from your app").max(20, "Enter the 6-digit code from your app") });

/**
 * Confirm the set-up with a code from the app: TOTP is on from now (this session
 * counts as having given it) and the 10 recovery codes are returned, to show once.
 */
export async function confirmTotpSetup(db: Db, user: User, sessionToken: string, input: unknown, meta: { ip?: string | null; now?: Date } = {}): Promise<string[]> {
  const now = meta.now ?? new Date();
  const parsed = codeSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  if (user.totpEnabledAt) throw new AppError("invalid_state", "Two-step sign-in is already on.");
  if (!user.totpSecret) throw new AppError("invalid_state", "Start the set-up again: no key was made yet.");
  const step = matchTotpStep(user.totpSecret, parsed.data.code, now);
  if (step === null) throw new AppError("validation", "That code is not right.", { code: "Enter the 6 digits your app shows now" });
  return db.transaction(async (tx) => {
    const [on] = await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: step })
      .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt), eq(users.totpSecret, user.totpSecret!)))
      .returning({ id: users.id });
    if (!on) throw new AppError("invalid_state", "Two-step sign-in is already on.");
    await tx.update(sessions).set({ mfaAt: now }).where(and(eq(sessions.id, sha256(sessionToken)), gt(sessions.expiresAt, now)));
    const codes = await replaceRecoveryCodes(tx, user.id);
    await audit(tx, { actor: toActor(user), action: "user.totp_enabled", ip: meta.ip, data: { recoveryCodes: codes.length } });
    return codes;
  });
}

const disableSchema = z.object({
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
  code: z.string().trim().min(1, "Enter a 6-digit code or a recovery code").max(40, "Enter a 6-digit code or a recovery code"),
});

/** Turn TOTP off (applicants and employers only): needs the password and a current code (or a recovery code). */
export async function disableTotp(db: Db, user: User, input: unknown, meta: { ip?: string | null; now?: Date } = {}): Promise<void> {
  const now = meta.now ?? new Date();
  if (isOfficer(user)) throw new AppError("forbidden", "Officer and administrator accounts must keep two-step sign-in.");
  if (!user.totpEnabledAt || !user.totpSecret) throw new AppError("invalid_state", "Two-step sign-in is not on.");
  const parsed = disableSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  await requirePassword(db, user, parsed.data.password, "password", meta);
  await db.transaction(async (tx) => {
    const step = matchTotpStep(user.totpSecret!, parsed.data.code, now);
    let method: "totp" | "recovery_code";
    if (step !== null) {
      const [fresh] = await tx.select({ last: users.totpLastStep }).from(users).where(eq(users.id, user.id)).for("update");
      if (fresh?.last !== null && fresh?.last !== undefined && step <= fresh.last) {
        throw new AppError("validation", "That code was already used.", { code: "That code was already used: wait for the next one" });
      }
      method = "totp";
    } else if (await spendRecoveryCode(tx, user.id, parsed.data.code, now)) {
      method = "recovery_code";
    } else {
      throw new AppError("validation", "That code is not right.", { code: "Enter the 6 digits your app shows now, or a recovery code" });
    }
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await audit(tx, { actor: toActor(user), action: "user.totp_disabled", ip: meta.ip, data: { method } });
  });
}

/** New recovery codes (the old ones stop working); needs the password. */
export async function regenerateRecoveryCodes(db: Db, user: User, input: unknown, meta: { ip?: string | null } = {}): Promise<string[]> {
  if (!user.totpEnabledAt) throw new AppError("invalid_state", "Two-step sign-in is not on.");
  const parsed = z.object({ password: z.string().min(1, "Enter your password").max(200, "Password is too long") }).safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  await requirePassword(db, user, parsed.data.password, "password", meta);
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id);
    await audit(tx, { actor: toActor(user), action: "user.recovery_codes_replaced", ip: meta.ip, data: { recoveryCodes: codes.length } });
    return codes;
  });
}
