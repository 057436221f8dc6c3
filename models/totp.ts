import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * TOTP (RFC 6238, HMAC-SHA1, 30-second steps, 6 digits) as authenticator apps
 * expect it. Secrets are 20 random bytes, shown and stored in base32 (RFC 4648).
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const STEP_SECONDS = 30;

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error("not base32");
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

export const newTotpSecret = () => base32Encode(randomBytes(20));

/** The code for a given counter (HOTP, RFC 4226). */
export function hotp(secret: Uint8Array, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** digits).padStart(digits, "0");
}

export function totpAt(secretBase32: string, when: Date = new Date(), digits = 6): string {
  return hotp(base32Decode(secretBase32), Math.floor(when.getTime() / 1000 / STEP_SECONDS), digits);
}

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
  const secret = base32Decode(secretBase32);
  const step = Math.floor(when.getTime() / 1000 / STEP_SECONDS);
  let matched: number | null = null;
  for (const d of [-1, 0, 1]) {
    const expected = Buffer.from(hotp(secret, step + d));
    if (timingSafeEqual(expected, Buffer.from(clean)) && matched === null) matched = step + d;
  }
  return matched;
}

/** The time step of a moment (what `totpAt` uses). */
export const totpStep = (when: Date = new Date()) => Math.floor(when.getTime() / 1000 / STEP_SECONDS);

/** The otpauth:// address authenticator apps read (typed in or from a QR code). */
export function otpauthUri(secretBase32: string, account: string, issuer = "TopTier"): string {
  return `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${STEP_SECONDS}`;
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
