import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUri, totpAt, verifyTotp } from "./totp";

// RFC 6238 appendix B: SHA-1 key "12345678901234567890", 8 digits.
const rfcSecret = base32Encode(new TextEncoder().encode("12345678901234567890"));

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) expect(totpAt(rfcSecret, new Date(seconds * 1000), 8)).toBe(code);
  });

  it("matches the RFC 4226 HOTP vectors", () => {
    const key = new TextEncoder().encode("12345678901234567890");
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("round-trips base32 and makes 32-character secrets", () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(s))).toBe(s);
  });

  it("accepts the current code and one step of drift, nothing else", () => {
    const s = newTotpSecret();
    const now = new Date("2026-11-28T12:00:10Z");
    expect(verifyTotp(s, totpAt(s, now), now)).toBe(true);
    expect(verifyTotp(s, totpAt(s, new Date(now.getTime() - 30_000)), now)).toBe(true);
    expect(verifyTotp(s, totpAt(s, new Date(now.getTime() - 90_000)), now)).toBe(false);
    expect(verifyTotp(s, "12345", now)).toBe(false);
    expect(verifyTotp(s, "abcdef", now)).toBe(false);
  });

  it("writes an otpauth URI apps understand", () => {
    const secret = newTotpSecret();
    const uri = new URL(otpauthUri(secret, "officer@x.kr"));
    // Key URI format: otpauth://totp/<issuer>:<account>?secret=…&issuer=…, read here by the WHATWG URL parser.
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/TopTier:officer@x.kr");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret, issuer: "TopTier", algorithm: "SHA1", digits: "6", period: "30" });
  });
});
