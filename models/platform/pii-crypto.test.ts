import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env";
import {
  currentPiiKid,
  decryptPii,
  DEV_PII_ENCRYPTION_KEYS,
  DEV_PII_ENCRYPTION_PHRASE,
  encryptPii,
  kidOfEnvelope,
  openDocument,
  parseKeyring,
  PiiDecryptError,
  sealDocument,
  setPiiEncryptionKeys,
  type PiiKey,
} from "./pii-crypto";

const key = (kid: string): PiiKey => ({ kid, key: randomBytes(32) });
const ringOf = (text: string) => {
  const r = parseKeyring(text);
  if (!r.ok) throw new Error(r.problems.join("; "));
  return r.keys;
};
const devRing = ringOf(DEV_PII_ENCRYPTION_KEYS);
afterEach(() => setPiiEncryptionKeys(devRing));

/** Replace one base64url part of an envelope (3 = IV, 4 = ciphertext, 5 = tag) by a changed copy. */
function alter(envelope: string, part: 3 | 4 | 5): string {
  const parts = envelope.split(":");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(":");
}

describe("identity numbers at rest (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time and the key id in the envelope", () => {
    setPiiEncryptionKeys([key("k1")]);
    const a = encryptPii("M12345678");
    const b = encryptPii("M12345678");
    expect(a).toMatch(/^enc:v1:k1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("M12345678");
    expect(kidOfEnvelope(a)).toBe("k1");
    expect(decryptPii(a)).toBe("M12345678");
    expect(decryptPii(b)).toBe("M12345678");
    expect(decryptPii(encryptPii("여권 ü"))).toBe("여권 ü");
  });

  it("refuses an altered ciphertext, tag or IV, a swapped key id and a malformed envelope, saying so", () => {
    setPiiEncryptionKeys([key("k1"), key("k0")]);
    const e = encryptPii("M12345678");
    expect(() => decryptPii(alter(e, 4))).toThrow(PiiDecryptError);
    expect(() => decryptPii(alter(e, 4))).toThrow(/failed its integrity check \(key "k1"\)/);
    expect(() => decryptPii(alter(e, 5))).toThrow(/failed its integrity check/);
    expect(() => decryptPii(alter(e, 3))).toThrow(/failed its integrity check/);
    // The header is authenticated: the same parts under another key id of the ring do not decrypt.
    expect(() => decryptPii(e.replace("enc:v1:k1:", "enc:v1:k0:"))).toThrow(/failed its integrity check \(key "k0"\)/);
    // A truncated tag is not accepted as a shorter one.
    const parts = e.split(":");
    parts[5] = parts[5]!.slice(0, 8);
    expect(() => decryptPii(parts.join(":"))).toThrow(/not a well-formed enc:v1 envelope/);
    expect(() => decryptPii("enc:v1:k1:nonsense")).toThrow(/not a well-formed enc:v1 envelope/);
  });

  it("rotates keys: old values still read, new writes use the first key, a dropped key fails clearly", () => {
    const k1 = key("k1");
    const k2 = key("k2");
    setPiiEncryptionKeys([k1]);
    const old = encryptPii("OLD12345");
    setPiiEncryptionKeys([k2, k1]);
    expect(currentPiiKid()).toBe("k2");
    expect(decryptPii(old)).toBe("OLD12345");
    const fresh = encryptPii("NEW12345");
    expect(kidOfEnvelope(fresh)).toBe("k2");
    // Re-sealing a document moves every number to the current key.
    const resealed = sealDocument(openDocument({ personal: { passportNumber: old }, _pii: "k1" })) as { personal: { passportNumber: string }; _pii: string };
    expect(kidOfEnvelope(resealed.personal.passportNumber)).toBe("k2");
    expect(resealed._pii).toBe("k2");
    setPiiEncryptionKeys([k2]);
    expect(decryptPii(fresh)).toBe("NEW12345");
    expect(() => decryptPii(old)).toThrow(/encrypted with key "k1", which is not in PII_ENCRYPTION_KEYS/);
    // The same id with another key is detected, not decrypted to garbage.
    setPiiEncryptionKeys([key("k1")]);
    expect(() => decryptPii(old)).toThrow(/failed its integrity check/);
  });

  it("seals every identity number of a document at any depth, leaves the rest and the input alone, and opens it back", () => {
    setPiiEncryptionKeys([key("k1")]);
    const dossier = {
      personal: { fullName: "Ada Okafor", passportNumber: "A12345678", passportCountry: "Nigeria" },
      dependants: [
        { fullName: "Ben", passportNumber: "B7654321" },
        { fullName: "Cy", passportNumber: "" },
      ],
      other: { nationalIdNumber: "900101-1234567", alienRegistrationNumber: "123456-7890123" },
    };
    const copy = structuredClone(dossier);
    const sealed = sealDocument(dossier);
    expect(dossier).toEqual(copy);
    const text = JSON.stringify(sealed);
    for (const clear of ["A12345678", "B7654321", "900101-1234567", "123456-7890123"]) expect(text).not.toContain(clear);
    expect(text).toContain("Ada Okafor");
    expect(text).toContain('"passportNumber":""');
    expect((sealed as { _pii: string })._pii).toBe("k1");
    expect(openDocument(sealed)).toEqual(dossier);
    // A document written before the encryption (clear, no marker) opens as it is.
    expect(openDocument(copy)).toEqual(dossier);
  });
});

describe("PII_ENCRYPTION_KEYS", () => {
  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "postgres://u@db:5432/toptier",
    SMTP_URL: "smtp://mail:25",
    S3_BUCKET: "toptier-docs",
    SESSION_SECRET: "x".repeat(40),
    PII_INDEX_KEY: "k".repeat(40),
  };
  const messageOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    return null;
  };

  it("parses a key ring, the first key current; outside production the development ring is the default", () => {
    const a = randomBytes(32).toString("base64");
    const b = randomBytes(32).toString("base64");
    const c = loadConfig({ ...production, PII_ENCRYPTION_KEYS: `k2:${a}, k1:${b}` });
    expect(c.piiEncryptionKeys.map((k) => k.kid)).toEqual(["k2", "k1"]);
    expect(c.piiEncryptionKeys[0]!.key.equals(Buffer.from(a, "base64"))).toBe(true);
    expect(loadConfig({}).piiEncryptionKeys.map((k) => k.kid)).toEqual(["dev"]);
    expect(loadConfig({}).piiEncryptionKeys[0]!.key).toHaveLength(32);
    // The development key written out in the module is the derivation it documents.
    expect(DEV_PII_ENCRYPTION_KEYS).toBe(`dev:${createHash("sha256").update(DEV_PII_ENCRYPTION_PHRASE).digest("base64")}`);
  });

  it("is required in production, refuses the development key there, and says what is wrong with a bad ring", () => {
    expect(messageOf(production)).toMatch(/PII_ENCRYPTION_KEYS: is required in production/);
    expect(messageOf({ ...production, PII_ENCRYPTION_KEYS: DEV_PII_ENCRYPTION_KEYS })).toMatch(/PII_ENCRYPTION_KEYS: holds the published development key/);
    const good = randomBytes(32).toString("base64");
    const bad = messageOf({ PII_ENCRYPTION_KEYS: `k1:${good},k1:${good},nocolon,bad id:${good},k3:${randomBytes(16).toString("base64")}` })!;
    expect(bad).toContain('key id "k1" appears twice');
    expect(bad).toContain("entry 3 is not kid:base64key");
    expect(bad).toContain("entry 4: the key id must be 1 to 32 letters");
    expect(bad).toContain('key "k3" must be 32 random bytes in base64');
  });
});
