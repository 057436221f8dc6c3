import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { registerPiiCodec } from "./pii-column";

/**
 * Issue 12: identity numbers (passport numbers of the applicant and dependants,
 * and any other identity number field named in IDENTITY_NUMBER_FIELDS) are
 * encrypted at rest with AES-256-GCM (decision 018).
 *
 * A value is stored as one string: `enc:v1:<kid>:<iv>:<ciphertext>:<tag>`
 * (base64url parts, a fresh 96-bit IV per value; the `enc:v1:<kid>` header is the
 * additional authenticated data, so neither the version nor the key id can be
 * swapped). The key ring comes from PII_ENCRYPTION_KEYS (`kid:base64key,...`,
 * the first key encrypts, every key decrypts), so keys can rotate.
 *
 * The dossier column (`encryptedJsonb`, pii-column.ts) encrypts on every write and decrypts on
 * every read: the rest of the code sees clear values, the database never holds
 * one. A written dossier carries `_pii: <kid>`, the key it was written with, so
 * start-up finds rows still clear or written with an older key through an index
 * (models/case/pii-backfill.ts).
 */

export interface PiiKey {
  kid: string;
  key: Buffer;
}

/** Key ids: short, and without the separators of the key ring and of the envelope. */
const KID_RE = /^[A-Za-z0-9_-]{1,32}$/;
const ENVELOPE_RE = /^enc:v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]+):([A-Za-z0-9_-]*):([A-Za-z0-9_-]+)$/;
export const ENVELOPE_PREFIX = "enc:v1:";

/**
 * Outside production: a fixed key derived from a published phrase (it protects nothing; it makes the
 * encryption run in `npm start` and the tests exactly as in production). Production refuses it.
 * The key is SHA-256("embedded-development-pii-encryption-key-not-for-production") in base64, written out:
 * this module is also in the browser bundle's graph (through the schema), so it computes nothing on load.
 */
export const DEV_PII_ENCRYPTION_PHRASE = "embedded-development-pii-encryption-key-not-for-production";
export const DEV_PII_ENCRYPTION_KEYS = "dev:QWFF1jzaiz60/jluL0ziHHAENpV3FQ1VyVIMbrdhaas=";

/** Parse `kid:base64key,kid:base64key`; returns the ring (first = current) or the problems found. */
export function parseKeyring(text: string): { ok: true; keys: PiiKey[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const keys: PiiKey[] = [];
  const entries = text.split(",").map((s) => s.trim());
  entries.forEach((entry, i) => {
    const at = entry.indexOf(":");
    if (at < 0) {
      problems.push(`entry ${i + 1} is not kid:base64key`);
      return;
    }
    const kid = entry.slice(0, at).trim();
    const b64 = entry.slice(at + 1).trim();
    if (!KID_RE.test(kid)) {
      problems.push(`entry ${i + 1}: the key id must be 1 to 32 letters, digits, "_" or "-"`);
      return;
    }
    if (keys.some((k) => k.kid === kid)) {
      problems.push(`key id "${kid}" appears twice`);
      return;
    }
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(b64) ? Buffer.from(b64, "base64") : Buffer.alloc(0);
    if (key.length !== 32) {
      problems.push(`key "${kid}" must be 32 random bytes in base64 (e.g. openssl rand -base64 32)`);
      return;
    }
    keys.push({ kid, key });
  });
  return problems.length ? { ok: false, problems } : { ok: true, keys };
}

function keyringOf(text: string): PiiKey[] {
  const parsed = parseKeyring(text);
  if (!parsed.ok) throw new Error(`PII_ENCRYPTION_KEYS: ${parsed.problems.join("; ")}`);
  return parsed.keys;
}

/** On globalThis: the Remix server build's copy of this module must use the ring server.ts configured (pii-column.ts). */
const RING = Symbol.for("toptier.pii.keyring");
type WithRing = typeof globalThis & { [RING]?: PiiKey[] };
/** The ring in force: the configured one, else the development ring (made on first use). */
const ringNow = (): PiiKey[] => ((globalThis as WithRing)[RING] ??= keyringOf(DEV_PII_ENCRYPTION_KEYS));

/** The process's key ring, from the parsed environment (openServices calls it; tests keep the development ring). */
export function setPiiEncryptionKeys(keys: readonly PiiKey[]): void {
  if (keys.length === 0) throw new Error("PII_ENCRYPTION_KEYS needs at least one key");
  (globalThis as WithRing)[RING] = [...keys];
}

/** The key new values are written with. */
export const currentPiiKid = (): string => ringNow()[0]!.kid;
/** The other keys of the ring: values under them are re-encrypted (models/case/pii-backfill.ts). */
export const olderPiiKids = (): string[] => ringNow().slice(1).map((k) => k.kid);
export const knownPiiKids = (): string[] => ringNow().map((k) => k.kid);

/** A stored identity number that cannot be read: malformed, under a key not in the ring, or altered. */
export class PiiDecryptError extends Error {
  override name = "PiiDecryptError";
}

export const isEnvelope = (v: unknown): v is string => typeof v === "string" && v.startsWith(ENVELOPE_PREFIX);

/** The key id of an envelope (null for anything else). */
export const kidOfEnvelope = (v: string): string | null => ENVELOPE_RE.exec(v)?.[1] ?? null;

/** Encrypt one value with the current key. */
export function encryptPii(clear: string): string {
  const { kid, key } = ringNow()[0]!;
  const header = `${ENVELOPE_PREFIX}${kid}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(header, "utf8"));
  const ct = Buffer.concat([cipher.update(clear, "utf8"), cipher.final()]);
  return `${header}:${iv.toString("base64url")}:${ct.toString("base64url")}:${cipher.getAuthTag().toString("base64url")}`;
}

/** Decrypt an envelope; throws PiiDecryptError saying what is wrong. */
export function decryptPii(envelope: string): string {
  const m = ENVELOPE_RE.exec(envelope);
  if (!m) throw new PiiDecryptError("A stored identity number is not a well-formed enc:v1 envelope.");
  const [, kid, ivText, ctText, tagText] = m as unknown as [string, string, string, string, string];
  const entry = ringNow().find((k) => k.kid === kid);
  if (!entry) {
    throw new PiiDecryptError(`A stored identity number is encrypted with key "${kid}", which is not in PII_ENCRYPTION_KEYS (keep old keys listed until the re-encryption has run).`);
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new PiiDecryptError("A stored identity number is not a well-formed enc:v1 envelope (IV or tag length).");
  try {
    const decipher = createDecipheriv("aes-256-gcm", entry.key, iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(`${ENVELOPE_PREFIX}${kid}`, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new PiiDecryptError(`A stored identity number failed its integrity check (key "${kid}"): its ciphertext or tag was altered, or the key under that id changed.`);
  }
}

/** The fields holding identity numbers, wherever they sit in a stored document (dossier, dependants...). */
export const IDENTITY_NUMBER_FIELDS: ReadonlySet<string> = new Set(["passportNumber", "alienRegistrationNumber", "nationalIdNumber"]);

/** A copy of `value` with every identity number field (at any depth) passed through `fn`; the input is not changed. */
function mapIdentityNumbers(value: unknown, fn: (v: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapIdentityNumbers(v, fn));
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = IDENTITY_NUMBER_FIELDS.has(k) && typeof v === "string" && v !== "" ? fn(v) : mapIdentityNumbers(v, fn);
  }
  return out;
}

/** The marker of a stored document: the key its identity numbers were written with. */
export const PII_MARKER = "_pii";

/**
 * A document as stored: every identity number encrypted with the current key (one already
 * encrypted, under any key of the ring, is re-encrypted), and the marker set.
 */
export function sealDocument<T>(doc: T): unknown {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return doc;
  const { [PII_MARKER]: _old, ...rest } = doc as Record<string, unknown>;
  const sealed = mapIdentityNumbers(rest, (v) => encryptPii(isEnvelope(v) ? decryptPii(v) : v)) as Record<string, unknown>;
  return { ...sealed, [PII_MARKER]: currentPiiKid() };
}

/** A stored document as the code sees it: identity numbers decrypted (clear ones from before issue 12 pass), no marker. */
export function openDocument<T>(stored: unknown): T {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return stored as T;
  const { [PII_MARKER]: _kid, ...rest } = stored as Record<string, unknown>;
  return mapIdentityNumbers(rest, (v) => (isEnvelope(v) ? decryptPii(v) : v)) as T;
}

// The dossier column (models/platform/pii-column.ts) seals and opens through these.
registerPiiCodec({ seal: sealDocument, open: openDocument });
