import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EligibilityError, eligibilityInputSchema, evaluate, formatValidationError, invalidFields } from "./index";
import { isCanonicalInput } from "./input-fastpath";
import { eligibleDossier } from "./fixtures";

function errorOf(raw: unknown) {
  const r = eligibilityInputSchema.safeParse(raw);
  if (r.success) throw new Error("expected a validation error");
  return r.error;
}

describe("eligibilityInputSchema", () => {
  it("accepts the fixture", () => {
    expect(eligibilityInputSchema.safeParse(eligibleDossier()).success).toBe(true);
  });

  it("rejects impossible dates and names the field", () => {
    const e = errorOf(eligibleDossier({ birthDate: "2025-02-30" }));
    expect(invalidFields(e)).toEqual(["birthDate"]);
    expect(formatValidationError(e)).toContain("- birthDate: birthDate must be a real calendar date written YYYY-MM-DD");
  });

  it("rejects an end before the start", () => {
    const d = eligibleDossier();
    const e = errorOf({ ...d, experience: [{ ...d.experience[0]!, start: "2020-01-01", end: "2019-12-31" }] });
    expect(invalidFields(e)).toEqual(["experience[0].end"]);
    expect(formatValidationError(e)).toMatch(/end \(2019-12-31\) must not be before start \(2020-01-01\)/);
  });

  it("rejects unknown keys at every level, naming them", () => {
    const d = eligibleDossier();
    const e = errorOf({ ...d, nickname: "x", degrees: [{ ...d.degrees[0]!, gpa: 4 }], offer: { ...d.offer!, bonus: 1 } });
    expect(invalidFields(e).sort()).toEqual(["degrees[0].gpa", "nickname", "offer.bonus"]);
    expect(formatValidationError(e)).toContain("- nickname: unknown field (not allowed)");
  });

  it("names missing and mistyped fields", () => {
    const e = errorOf({ birthDate: "1990-01-01", degrees: [{ level: "doctorate", field: "", institution: "X", awarded: "2010-01-01" }], experience: "none", koreanLevel: 7 });
    const msg = formatValidationError(e);
    expect(invalidFields(e).sort()).toEqual(["degrees[0].field", "degrees[0].level", "experience", "koreanLevel", "offer"]);
    expect(msg).toContain("- offer: offer is required (use null when there is none)");
    expect(msg).toContain("- degrees[0].level: level must be one of phd, master, bachelor, associate");
    expect(msg).toContain("- koreanLevel: koreanLevel must be a whole number from 0 to 6");
    expect(msg).toMatch(/^Invalid input \(5 problems\):/);
  });

  it("rejects a birth date after asOf", () => {
    expect(invalidFields(errorOf(eligibleDossier({ birthDate: "2026-01-01" })))).toEqual(["birthDate"]);
  });

  it("evaluate throws an EligibilityError naming the fields", () => {
    try {
      evaluate({ ...eligibleDossier(), asOf: "2025-13-01" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EligibilityError);
      expect((e as EligibilityError).code).toBe("invalid_input");
      expect((e as EligibilityError).fields).toEqual(["asOf"]);
    }
  });

  it("trims text fields", () => {
    const d = eligibleDossier();
    const r = eligibilityInputSchema.parse({ ...d, degrees: [{ ...d.degrees[0]!, institution: "  KAIST " }] });
    expect(r.degrees[0]!.institution).toBe("KAIST");
  });
});

describe("validation fast path", () => {
  it("accepts the canonical fixture and rejects what needs the schema", () => {
    const d = eligibleDossier();
    expect(isCanonicalInput(d)).toBe(true);
    expect(isCanonicalInput({ ...d, extra: 1 })).toBe(false);
    expect(isCanonicalInput({ ...d, birthDate: "2025-02-30" })).toBe(false);
    expect(isCanonicalInput({ ...d, offer: { ...d.offer!, employer: " padded" } })).toBe(false);
    const { offer: _o, ...noOffer } = d;
    expect(isCanonicalInput(noOffer)).toBe(false);
  });

  // Values close to the valid space, so both branches are exercised.
  const text = fc.oneof(fc.constantFrom("KAIST", " KAIST", "KAIST\u00a0", "", "x".repeat(301), "삼성전자"), fc.string({ maxLength: 5 }));
  const date = fc.oneof(fc.constantFrom("2020-01-01", "2025-02-30", "2024-02-29", "2021-13-01", "bad"), fc.integer({ min: 0, max: 20000 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10)));
  const maybe = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const input = fc.record(
    {
      asOf: maybe(date),
      birthDate: date,
      degrees: fc.array(fc.record({ level: fc.constantFrom("phd", "master", "bachelor", "associate", "doctor"), field: text, institution: text, country: maybe(text), awarded: date }, { requiredKeys: ["level", "field", "institution", "awarded"] }), { maxLength: 2 }),
      experience: fc.array(
        fc.record({ organization: text, kind: fc.constantFrom("company", "research_institute", "university", "other", "club"), postdoc: maybe(fc.oneof(fc.boolean(), fc.constant("yes"))), start: date, end: fc.oneof(date, fc.constant(null)) }, { requiredKeys: ["organization", "kind", "start", "end"] }),
        { maxLength: 2 },
      ),
      offer: fc.oneof(fc.constant(null), fc.record({ employer: text, industry: text, annualSalaryKrw: fc.oneof(fc.integer({ min: -5, max: 300_000_000 }), fc.double()) })),
      koreanLevel: maybe(fc.oneof(fc.integer({ min: -1, max: 7 }), fc.double())),
      extra: maybe(fc.constant(1)),
    },
    { requiredKeys: ["birthDate", "degrees", "experience", "offer"] },
  );

  it("property: whatever the fast path accepts, the schema accepts unchanged", () => {
    let accepted = 0;
    fc.assert(
      fc.property(input, (raw) => {
        if (!isCanonicalInput(raw)) return;
        accepted++;
        const r = eligibilityInputSchema.safeParse(raw);
        expect(r.success).toBe(true);
        expect(r.success && r.data).toEqual(raw);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it("property: what the schema accepts unchanged, the fast path accepts", () => {
    fc.assert(
      fc.property(input, (raw) => {
        const r = eligibilityInputSchema.safeParse(raw);
        if (r.success && JSON.stringify(r.data) === JSON.stringify(raw)) expect(isCanonicalInput(raw)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
