import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIsoDay, parseIsoDay } from "./dates";
import { evaluate, type EligibilityInput, type Status } from "./index";

const day = (lo: string, hi: string) => fc.integer({ min: parseIsoDay(lo), max: parseIsoDay(hi) }).map(formatIsoDay);
const INSTITUTIONS = ["KAIST", "Seoul National University", "MIT", "Hanbit University", "Yonsei University", "Unknown College"];
const ORGS = ["Samsung Electronics", "Kia", "Hanbit Startup", "RIKEN", "Max Planck Institute for Chemistry", "Regional Lab", "Stanford University"];

const dossier: fc.Arbitrary<EligibilityInput> = fc
  .record({
    birthDate: day("1955-01-01", "2004-12-31"),
    degrees: fc.array(
      fc.record({
        level: fc.constantFrom("phd", "master", "bachelor", "associate"),
        field: fc.constantFrom("Computer Science", "History", "Basket Weaving", "Physics"),
        institution: fc.constantFrom(...INSTITUTIONS),
        awarded: day("1995-01-01", "2026-01-01"),
      }),
      { maxLength: 3 },
    ),
    experience: fc.array(
      fc
        .record({
          organization: fc.constantFrom(...ORGS),
          kind: fc.constantFrom("company", "research_institute", "university", "other"),
          postdoc: fc.boolean(),
          start: day("2000-01-01", "2025-05-01"),
          len: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: null }),
        })
        .map(({ len, start, ...rest }) => ({ ...rest, start, end: len === null ? null : formatIsoDay(parseIsoDay(start) + len) })),
      { maxLength: 4 },
    ),
    offer: fc.option(
      fc.record({
        employer: fc.constant("Acme Korea"),
        industry: fc.constantFrom("ai", "semiconductors", "bio", "retail"),
        annualSalaryKrw: fc.integer({ min: 0, max: 400_000_000 }),
      }),
      { nil: null },
    ),
    koreanLevel: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    ruleset: fc.constantFrom("top-tier-f2", "f2-7-points", "e7-1", "d10"),
  })
  .map(({ koreanLevel, ...d }) => ({ asOf: "2025-06-01", ...d, ...(koreanLevel === undefined ? {} : { koreanLevel }) }));

const rank: Record<Status, number> = { not_met: 0, needs_review: 1, met: 2 };
const outcomeRank = { not_eligible: 0, needs_review: 1, eligible: 2 } as const;

describe("properties", () => {
  it("determinism: the same dossier (or a copy) twice gives deep-equal results", () => {
    fc.assert(
      fc.property(dossier, (d) => {
        const a = evaluate(d);
        const b = evaluate(structuredClone(d));
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a)); // same key order too
      }),
      { numRuns: 300 },
    );
  });

  it("evaluation does not mutate its input", () => {
    fc.assert(
      fc.property(dossier, (d) => {
        const copy = structuredClone(d);
        evaluate(d);
        expect(d).toEqual(copy);
      }),
      { numRuns: 100 },
    );
  });

  it("monotonicity: more salary never makes a met income criterion unmet (nor worsens any criterion or outcome)", () => {
    const withOffer = dossier.filter((d) => d.offer !== null);
    fc.assert(
      fc.property(withOffer, fc.integer({ min: 0, max: 300_000_000 }), fc.integer({ min: 0, max: 300_000_000 }), (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const at = (s: number) => evaluate({ ...d, offer: { ...d.offer!, annualSalaryKrw: s } });
        const low = at(lo);
        const high = at(hi);
        for (const c of low.criteria) {
          const h = high.criteria.find((x) => x.id === c.id)!;
          if (c.type === "income_multiple_of_gni" && c.status === "met") expect(h.status, c.id).toBe("met");
          expect(rank[h.status], c.id).toBeGreaterThanOrEqual(rank[c.status]);
          if (c.points !== undefined) expect(h.points!).toBeGreaterThanOrEqual(c.points);
        }
        expect(outcomeRank[high.outcome]).toBeGreaterThanOrEqual(outcomeRank[low.outcome]);
      }),
      { numRuns: 300 },
    );
  });

  it("an unrecognised fact never yields not_met on its own: naming an unknown university instead of a listed one cannot turn met into not_met", () => {
    fc.assert(
      fc.property(dossier, (d) => {
        const known = evaluate({ ...d, ruleset: "top-tier-f2" });
        const unknown = evaluate({ ...d, ruleset: "top-tier-f2", degrees: d.degrees.map((g) => ({ ...g, institution: "Nowhere Institute of Things" })) });
        const e1 = known.criteria.find((c) => c.id === "education")!;
        const e2 = unknown.criteria.find((c) => c.id === "education")!;
        if (e1.status === "met") expect(e2.status).toBe("needs_review");
      }),
      { numRuns: 200 },
    );
  });

  it("every criterion carries a detail in English and Korean", () => {
    fc.assert(
      fc.property(dossier, (d) => {
        for (const c of evaluate(d).criteria) {
          expect(c.detail).not.toBe("");
          expect(c.detailKo).toMatch(/[\uAC00-\uD7A3]/);
        }
      }),
      { numRuns: 100 },
    );
  });
});
