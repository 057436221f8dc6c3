import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { and, count, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { audit } from "./audit";
import type { ActorRef } from "./actor";
import { fieldErrors } from "./dossier";
import { AppError } from "./errors";
import { enqueue } from "./jobs";
import type { Db, Queryable } from "./platform/db";
import { emailTokens, recoveryCodes, sessions, users, type Role, type User } from "./schema/users";
import { looksLikeRecoveryCode, matchTotpStep, newRecoveryCode, newTotpSecret, normalizeRecoveryCode } from "./totp";

/** argon2id with OWASP's second recommended setting (19 MiB, 2 passes). */
const argonOptions = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, argonOptions);
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** The longest a session lives from sign-in, extensions included. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const VERIFY_TTL_MS = 48 * 60 * 60 * 1000;

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(200, "Name must be 200 characters or fewer"),
  email: z.string().trim().toLowerCase().max(254, "E-mail address is too long").email("Enter an e-mail address like name@example.com"),
  password: z.string().min(10, "Use at least 10 characters").max(200, "Use 200 characters or fewer"),
  locale: z.enum(["en", "ko"]).default("en"),
});

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your e-mail address").max(254, "E-mail address is too long"),
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
});

/**
 * What sign-up tells its caller. The page shows the same "check your e-mail" answer whichever way it went
 * (issue 17 item 7: no account enumeration); `created` is for tests and the use cases, never for the reply.
 */
export interface SignUpOutcome {
  email: string;
  created: User | null;
}

/** The hour an "account exists" notice belongs to: one such e-mail per account and hour at most. */
export const noticeHour = (now = new Date()) => Math.floor(now.getTime() / 3_600_000);

/**
 * Someone signed up with an address that already has an account: nothing is created, and the owner gets a
 * notice (sign in, or reset the password) instead of the stranger learning that the account exists.
 * The same work as a new account (a password hash, an audit record, an outbox row), so timing tells nothing.
 */
export async function noticeExistingAccount(q: Queryable, userId: string, meta: { ip?: string | null; action: string }) {
  await audit(q, { actor: "system", action: meta.action, ip: meta.ip, data: { userId } });
  await enqueue(q, "auth.send_account_exists", { userId, hour: noticeHour() });
}

/** A1: create an applicant account; the verification e-mail goes out through the outbox. */
export async function signUp(db: Db, input: unknown, meta: { ip?: string | null } = {}): Promise<SignUpOutcome> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  const { name, email, password, locale } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      await noticeExistingAccount(tx, existing.id, { ip: meta.ip, action: "user.sign_up_existing" });
      return { email, created: null };
    }
    const [user] = await tx.insert(users).values({ name, email, passwordHash, role: "applicant", locale }).returning();
    await audit(tx, { actor: toActor(user!), action: "user.sign_up", ip: meta.ip });
    await enqueue(tx, "auth.send_verification", { userId: user!.id });
    return { email, created: user! };
  });
}

/** Issue a fresh verification token for a user (called by the e-mail job; only the hash is kept). */
export async function issueVerificationToken(q: Queryable, userId: string): Promise<string> {
  const token = newToken();
  await q.insert(emailTokens).values({ tokenHash: sha256(token), userId, purpose: "verify_email", expiresAt: new Date(Date.now() + VERIFY_TTL_MS) });
  return token;
}

const badVerifyLink = "This verification link is not valid. Sign in to get a new one.";
const expiredVerifyLink = "This verification link has expired. Sign in to get a new one.";

/**
 * What a verification link can do, without using it (the page shows a button: mail scanners that open links
 * must not use them up). `confirm`: the link confirms the address and signs in; `confirmed`: the address was
 * confirmed already (by this or another link), so the link only says so and the owner signs in as usual.
 */
export async function checkVerificationToken(q: Queryable, token: string, now = new Date()): Promise<{ state: "confirm" | "confirmed"; email: string }> {
  const [row] = token
    ? await q.select().from(emailTokens).where(and(eq(emailTokens.tokenHash, sha256(token)), eq(emailTokens.purpose, "verify_email")))
    : [];
  if (!row) throw new AppError("not_found", badVerifyLink);
  const [user] = await q.select().from(users).where(eq(users.id, row.userId));
  if (!user) throw new AppError("not_found", badVerifyLink);
  if (user.emailVerifiedAt) return { state: "confirmed", email: user.email };
  if (row.usedAt || row.expiresAt < now) throw new AppError("invalid_state", expiredVerifyLink);
  return { state: "confirm", email: user.email };
}

/**
 * Use a verification link. `signIn` is true only when this call confirmed the address with an unused,
 * unexpired link: then the link also signs its holder in (it proves the mailbox, as a reset link does).
 * A link to an address confirmed already never signs in; a bad or expired link throws a clear error.
 */
export async function verifyEmail(db: Db, token: string): Promise<{ user: User; signIn: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(emailTokens)
      .where(and(eq(emailTokens.tokenHash, sha256(token)), eq(emailTokens.purpose, "verify_email")))
      .for("update");
    if (!row) throw new AppError("not_found", badVerifyLink);
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    if (!user) throw new AppError("not_found", badVerifyLink);
    if (user.emailVerifiedAt) return { user, signIn: false };
    if (row.usedAt || row.expiresAt < new Date()) throw new AppError("invalid_state", expiredVerifyLink);
    await tx.update(emailTokens).set({ usedAt: new Date() }).where(eq(emailTokens.tokenHash, row.tokenHash));
    const [verified] = await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id)).returning();
    await audit(tx, { actor: toActor(user), action: "user.verify_email" });
    return { user: verified!, signIn: true };
  });
}

/** Ask for another verification e-mail (the old links keep working until they expire). */
export async function resendVerification(db: Db, user: User): Promise<void> {
  if (user.emailVerifiedAt) return;
  await enqueue(db, "auth.send_verification", { userId: user.id });
}

// A real hash of a random password, so an unknown e-mail costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;

/** Check credentials. Returns the user or null; the caller says the same thing for both failures. */
export async function authenticate(db: Db, input: { email: string; password: string }, meta: { ip?: string | null } = {}): Promise<User | null> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) {
    dummyHash ??= hashPassword(newToken());
    await verify(await dummyHash, input.password).catch(() => false);
    // Issue 17 item 7: the same work as for a known account (an audit record), so timing tells nothing.
    await audit(db, { actor: "system", action: "user.login_failed_unknown", ip: meta.ip });
    return null;
  }
  const ok = await verify(user.passwordHash, input.password).catch(() => false);
  await audit(db, { actor: toActor(user), action: ok ? "user.login" : "user.login_failed", ip: meta.ip });
  return ok ? user : null;
}

/** Create a server-side session; returns the token for the cookie (the table stores only its hash). */
export async function createSession(db: Db, userId: string, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    id: sha256(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export async function userForSession(db: Db, token: string): Promise<User | null> {
  return (await sessionState(db, token))?.user ?? null;
}

/** Roles that must sign in with a second factor: officers (P5) and administrators, who publish rule sets (issue 17). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["officer", "senior_officer", "admin"];
export const secondFactorMandatory = (user: Pick<User, "role">) => SECOND_FACTOR_ROLES.includes(user.role as Role);

/** Officers and administrators must use a second factor; anyone who turned TOTP on uses it too. */
export const mfaRequired = (user: Pick<User, "role" | "totpEnabledAt">) => secondFactorMandatory(user) || user.totpEnabledAt !== null;

/** The session's user, whether the second factor is still owed in this session, and when the session ends. */
export async function sessionState(db: Db, token: string): Promise<{ user: User; mfaPending: boolean; expiresAt: Date } | null> {
  const [row] = await db
    .select({ user: users, mfaAt: sessions.mfaAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  return { user: row.user, mfaPending: mfaRequired(row.user) && row.mfaAt === null, expiresAt: row.expiresAt };
}

/** First sign-in of a user without TOTP: make (once) the secret to put in an authenticator app. */
export async function ensureTotpSecret(db: Db, user: User): Promise<string> {
  if (user.totpSecret) return user.totpSecret;
  const secret = newTotpSecret();
  const [row] = await db.update(users).set({ totpSecret: secret }).where(and(eq(users.id, user.id), isNull(users.totpSecret))).returning({ s: users.totpSecret });
  if (row?.s) return row.s;
  const [again] = await db.select({ s: users.totpSecret }).from(users).where(eq(users.id, user.id));
  return again!.s!;
}

export type MfaResult =
  | { ok: true; via: "totp" | "recovery_code"; /** New recovery codes to show once (first TOTP set-up). */ recoveryCodes: string[] | null }
  | { ok: false; reason: "wrong" | "replayed" };

/**
 * Check the second factor for this session: a TOTP code, or one of the
 * account's recovery codes (then used up). On success the session is complete.
 * A code for a time step at or before the last accepted one is refused (replay).
 * The first code of an officer setting up TOTP turns it on and makes recovery codes.
 */
export async function completeMfa(db: Db, token: string, input: string | { code?: string; recoveryCode?: string }, meta: { ip?: string | null; now?: Date } = {}): Promise<MfaResult> {
  const state = await sessionState(db, token);
  if (!state?.user.totpSecret) return { ok: false, reason: "wrong" };
  const { user } = state;
  const now = meta.now ?? new Date();
  const { code = "", recoveryCode = "" } = typeof input === "string" ? { code: input } : input;
  const actor = toActor(user);
  const sessionId = sha256(token);

  if (recoveryCode.trim()) {
    return db.transaction(async (tx): Promise<MfaResult> => {
      const used = user.totpEnabledAt ? await spendRecoveryCode(tx, user.id, recoveryCode, now) : null;
      if (used === null) {
        await audit(tx, { actor, action: "user.mfa_failed", ip: meta.ip, data: { method: "recovery_code" } });
        return { ok: false, reason: "wrong" };
      }
      await tx.update(sessions).set({ mfaAt: now }).where(eq(sessions.id, sessionId));
      await audit(tx, { actor, action: "user.recovery_code_used", ip: meta.ip, data: { remaining: used.remaining } });
      return { ok: true, via: "recovery_code", recoveryCodes: null };
    });
  }

  const step = matchTotpStep(user.totpSecret!, code, now);
  if (step === null) {
    await audit(db, { actor, action: "user.mfa_failed", ip: meta.ip, data: { method: "totp" } });
    return { ok: false, reason: "wrong" };
  }
  return db.transaction(async (tx): Promise<MfaResult> => {
    const first = !user.totpEnabledAt;
    // Guarded update: of two requests with the same code, only one moves the last step on.
    const [accepted] = await tx
      .update(users)
      .set({ totpLastStep: step, ...(first ? { totpEnabledAt: now } : {}) })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    if (!accepted) {
      await audit(tx, { actor, action: "user.mfa_replay_refused", ip: meta.ip, data: { method: "totp" } });
      return { ok: false, reason: "replayed" };
    }
    await tx.update(sessions).set({ mfaAt: now }).where(eq(sessions.id, sessionId));
    const codes = first ? await replaceRecoveryCodes(tx, user.id) : null;
    if (first) await audit(tx, { actor, action: "user.totp_enabled", ip: meta.ip, data: { recoveryCodes: codes!.length } });
    await audit(tx, { actor, action: "user.mfa", ip: meta.ip, data: { method: "totp" } });
    return { ok: true, via: "totp", recoveryCodes: codes };
  });
}

export const RECOVERY_CODE_COUNT = 10;

/** Make a new set of recovery codes (the old ones stop working); returns them in clear, to show once. */
export async function replaceRecoveryCodes(q: Queryable, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await q.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256(normalizeRecoveryCode(c)) })));
  return codes;
}

/** Use up one recovery code: null when it is not one of the user's unused codes, else how many are left. */
export async function spendRecoveryCode(q: Queryable, userId: string, code: string, now = new Date()): Promise<{ remaining: number } | null> {
  if (!looksLikeRecoveryCode(code)) return null;
  const [row] = await q
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, sha256(normalizeRecoveryCode(code))), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (!row) return null;
  return { remaining: await recoveryCodesLeft(q, userId) };
}

export async function recoveryCodesLeft(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

/** Move a session's end to a full session length from now (P4: "Stay signed in"). */
export async function extendSession(db: Db, token: string, now = new Date()): Promise<Date | null> {
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  // However often it is extended, a session ends SESSION_MAX_AGE_MS after sign-in (a stolen cookie does not live for ever).
  const [row] = await db
    .update(sessions)
    .set({ expiresAt: sql`least(${expiresAt.toISOString()}::timestamptz, ${sessions.createdAt} + ${`${SESSION_MAX_AGE_MS} milliseconds`}::interval)` })
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, now)))
    .returning({ expiresAt: sessions.expiresAt });
  return row?.expiresAt ?? null;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

/** End every session of a user (password change, member removal). */
export async function revokeAllSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export function toActor(user: Pick<User, "id" | "role" | "organizationId">): ActorRef {
  return { id: user.id, role: user.role as Role, organizationId: user.organizationId };
}
