import { randomBytes } from "node:crypto";
import { HOTP, Secret, TOTP } from "otpauth";

/**
 * TOTP (RFC 6238, HMAC-SHA1, 30-second steps, 6 digits) as authenticator apps
 * expect it, through the `otpauth` library. Secrets are 20 random bytes, shown
 * and stored in base32 (RFC 4648). What is ours: the replay guard (the caller
 * keeps the last accepted step, see `matchTotpStep`) and the recovery codes below.
 */
export const STEP_SECONDS = 30;
const ISSUER = "TopTier";

export const base32Encode = (bytes: Uint8Array): string => new Secret({ buffer: Uint8Array.from(bytes).buffer }).base32;

export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  if (!/^[A-Z2-7]*$/.test(clean)) throw new Error("not base32");
  return new Uint8Array(Secret.fromBase32(clean).bytes);
}

export const newTotpSecret = () => base32Encode(randomBytes(20));

const totpFor = (secretBase32: string) => new TOTP({ issuer: ISSUER, secret: Secret.fromBase32(secretBase32.toUpperCase().replace(/[\s=-]/g, "")), algorithm: "SHA1", digits: 6, period: STEP_SECONDS });

/** The code for a given counter (HOTP, RFC 4226). */
export const hotp = (secret: Uint8Array, counter: number, digits = 6): string => HOTP.generate({ secret: new Secret({ buffer: Uint8Array.from(secret).buffer }), counter, digits, algorithm: "SHA1" });

export const totpAt = (secretBase32: string, when: Date = new Date(), digits = 6): string =>
  digits === 6 ? totpFor(secretBase32).generate({ timestamp: when.getTime() }) : TOTP.generate({ secret: Secret.fromBase32(secretBase32), digits, period: STEP_SECONDS, timestamp: when.getTime() });

/** Accept the current code and one step either side (clock drift). */
export function verifyTotp(secretBase32: string, code: string, when: Date = new Date()): boolean {
  return matchTotpStep(secretBase32, code, when) !== null;
}

/**
 * The time step a code belongs to (current step or one either side), or null
 * when it matches none. The caller refuses a step at or before the last one it
 * accepted, so a code can never be used twice (replay within its window).
 */
export function matchTotpStep(secretBase32: string, code: string, when: Date = new Date()): number | null {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totpFor(secretBase32).validate({ token: clean, timestamp: when.getTime(), window: 1 });
  return delta === null ? null : totpStep(when) + delta;
}

/** The time step of a moment (what `totpAt` uses). */
export const totpStep = (when: Date = new Date()) => TOTP.counter({ period: STEP_SECONDS, timestamp: when.getTime() });

/** The otpauth:// address authenticator apps read (typed in or from a QR code). */
export function otpauthUri(secretBase32: string, account: string): string {
  const totp = totpFor(secretBase32);
  totp.label = account;
  return totp.toString();
}

/**
 * Recovery codes: one-time codes to sign in when the authenticator is lost.
 * 16 base32 characters (80 random bits) shown as four groups; only a SHA-256
 * of the normalised code is stored (80 bits make a fast hash safe to keep).
 */
export function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(10)).toLowerCase();
  return raw.match(/.{4}/g)!.join("-");
}

/** What the user typed, as stored: lower case, without spaces or dashes. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");

export const looksLikeRecoveryCode = (code: string) => /^[a-z2-7]{16}$/.test(normalizeRecoveryCode(code));
