/**
 * Issue 14: the visa rules as published (see the corrections in domain.md).
 * Boundaries on both sides of every date and threshold.
 */
import { describe, expect, it } from "vitest";
import { evaluate, getShippedRuleset, shippedReference, type EligibilityInput, type EligibilityResult, type ReferenceData } from "./index";
import { eligibleDossier, offer } from "./fixtures";
import type { WaiverNode } from "./schema";

function crit(r: EligibilityResult, id: string) {
  const c = r.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`criterion ${id} not in result (${r.criteria.map((x) => x.id).join(", ")})`);
  return c;
}
const alt = (r: EligibilityResult, visa: string) => r.alternatives.find((x) => x.visa === visa)!;
const at = (asOf: string, overrides: Partial<EligibilityInput> = {}) => eligibleDossier({ asOf, ...overrides });
const top = (d: EligibilityInput) => evaluate(d, { alternatives: false });

describe("GNI per capita by application date (1 April to 31 March)", () => {
  it.each([
    ["2025-04-01", 2024, 149_865_000],
    ["2026-03-31", 2024, 149_865_000],
    ["2026-04-01", 2025, 157_248_000],
    ["2027-03-31", 2025, 157_248_000],
  ])("on %s the %i figure applies: 3x = KRW %i, met at the threshold and not one won below", (asOf, year, threshold) => {
    const ok = top(at(asOf, { offer: offer(threshold) }));
    expect(crit(ok, "income_3x_gni").status).toBe("met");
    expect(crit(ok, "income_3x_gni").facts).toMatchObject({ gniYear: year, thresholdKrw: threshold });
    expect(ok.applied.gni.map((g) => g.year)).toEqual([year]);
    expect(crit(top(at(asOf, { offer: offer(threshold - 1) })), "income_3x_gni").status).toBe("not_met");
  });

  it("the 4x threshold moves too: KRW 199,820,000 until 31 March 2026, KRW 209,664,000 from 1 April 2026", () => {
    expect(crit(top(at("2026-03-31", { offer: offer(199_820_000) })), "income_4x_gni").status).toBe("met");
    expect(crit(top(at("2026-04-01", { offer: offer(199_820_000) })), "income_4x_gni").status).toBe("not_met");
    expect(crit(top(at("2026-04-01", { offer: offer(209_664_000) })), "income_4x_gni").status).toBe("met");
    expect(crit(top(at("2026-04-01", { offer: offer(209_663_999) })), "income_4x_gni").status).toBe("not_met");
  });

  it("the same salary is eligible for an application on 31 March 2026 and not on 1 April 2026", () => {
    expect(top(at("2026-03-31", { offer: offer(150_000_000) })).outcome).toBe("eligible");
    const after = top(at("2026-04-01", { offer: offer(150_000_000) }));
    expect(after.outcome).toBe("not_eligible");
    expect(crit(after, "income_3x_gni").detail).toMatch(/2025 GNI figure, which applies 2026-04-01 to 2027-03-31/);
  });

  it("outside every published period the engine answers needs review, never a guessed figure", () => {
    for (const asOf of ["2025-03-31", "2027-04-01"]) {
      const r = top(at(asOf));
      expect(crit(r, "income_3x_gni").status, asOf).toBe("needs_review");
      expect(crit(r, "income_3x_gni").detail, asOf).toMatch(new RegExp(`in force on ${asOf}`));
      expect(r.applied.gni).toEqual([]);
    }
  });

  it("a figure marked unverified makes the income criteria needs review", () => {
    const base = shippedReference();
    const reference: ReferenceData = { ...base, gni: { ...base.gni, figures: base.gni.figures.map((f) => (f.year === 2025 ? { ...f, status: "unverified" as const } : f)) } };
    const r = evaluate(at("2026-06-01", { offer: offer(300_000_000) }), { reference, alternatives: false });
    expect(crit(r, "income_3x_gni").status).toBe("needs_review");
    expect(r.outcome).toBe("needs_review");
    expect(crit(evaluate(at("2026-03-01"), { reference, alternatives: false }), "income_3x_gni").status).toBe("met");
  });
});

describe("top-100: QS or U.S. News Best Global Universities", () => {
  const master = (institution: string) => [{ level: "master" as const, field: "Computer Science", institution, awarded: "2011-02-25" }];
  it("a university ranked by QS only counts (Yonsei University)", () => {
    const c = crit(top(at("2026-06-01", { degrees: master("Yonsei University"), offer: offer(170_000_000) })), "education");
    expect(c.status).toBe("met");
    expect(c.detail).toMatch(/QS World University Rankings 2025/);
  });
  it("a university ranked by U.S. News only counts (UCSF, Karolinska Institutet)", () => {
    for (const u of ["University of California, San Francisco", "Karolinska Institutet"]) {
      const c = crit(top(at("2026-06-01", { degrees: master(u), offer: offer(170_000_000) })), "education");
      expect(c.status, u).toBe("met");
      expect(c.detail, u).toMatch(/U\.S\. News Best Global Universities 2025-2026/);
      expect(c.facts.degrees).toEqual([expect.objectContaining({ list: "usnews_top100", edition: "U.S. News Best Global Universities 2025-2026" })]);
    }
  });
  it("a university on neither partial list stays needs review (as before)", () => {
    const c = crit(top(at("2026-06-01", { degrees: master("Hanbit University") })), "education");
    expect(c.status).toBe("needs_review");
    expect(c.detail).toMatch(/QS top 100 \(QS World University Rankings 2025\) or U\.S\. News top 100 \(U\.S\. News Best Global Universities 2025-2026\)/);
  });
  it("the result records both ranking editions it consulted", () => {
    const r = evaluate(at("2026-06-01"));
    const editions = r.applied.lists.map((l) => l.edition);
    expect(editions).toEqual(expect.arrayContaining(["QS World University Rankings 2025", "U.S. News Best Global Universities 2025-2026", "Fortune Global 500 2024"]));
  });
  it("D-10 and the F-2-7 prestige bonus read both lists too", () => {
    const r = evaluate(at("2026-06-01", { offer: null, experience: [], degrees: master("Washington University in St. Louis"), stayStatus: "D-10" }));
    expect(alt(r, "D-10").outcome).toBe("eligible");
    const f = evaluate(at("2026-06-01", { degrees: master("Washington University in St. Louis") }), { ruleset: "f2-7-points", alternatives: false });
    expect(crit(f, "prestigious_university_bonus").points).toBe(30);
  });
});

describe("the 4x waiver lifts one requirement, never both", () => {
  const noEdu = [{ level: "bachelor" as const, field: "Physics", institution: "MIT", awarded: "2008-02-25" }];
  const noExp = [{ organization: "Small Startup Ltd", kind: "other" as const, start: "2022-01-01", end: null }];
  it("is a rule-set setting of 'one' in the shipped version", () => {
    const w = (getShippedRuleset("top-tier-f2")!.root as { children: WaiverNode[] }).children.find((c) => c.type === "waiver")!;
    expect(w.waives).toBe("one");
  });
  it.each([
    ["education missing", { degrees: noEdu }, "eligible"],
    ["experience missing", { experience: noExp }, "eligible"],
    ["both missing", { degrees: noEdu, experience: noExp }, "not_eligible"],
  ] as const)("at 4x GNI with %s: %s", (_label, o, outcome) => {
    const r = top(at("2026-06-01", { ...o, offer: offer(209_664_000) }));
    expect(r.outcome).toBe(outcome);
  });
  it("one won below 4x nothing is waived", () => {
    expect(top(at("2026-06-01", { degrees: noEdu, offer: offer(209_663_999) })).outcome).toBe("not_eligible");
  });
});

describe("advanced industries by date (since / until, reported windows)", () => {
  const ind = (asOf: string, industry: string) => crit(top(at(asOf, { offer: offer(170_000_000, industry) })), "advanced_industry_offer");
  it.each([
    ["semiconductors", "2025-04-01", "not_met"],
    ["semiconductors", "2025-04-02", "met"],
    ["robotics", "2025-04-01", "not_met"],
    ["robotics", "2025-04-02", "needs_review"],
    ["robotics", "2025-10-31", "needs_review"],
    ["robotics", "2025-11-01", "met"],
    ["defence", "2025-10-31", "needs_review"],
    ["defence", "2025-11-01", "met"],
    ["advanced_mobility", "2025-09-30", "not_met"],
    ["advanced_mobility", "2025-10-01", "needs_review"],
    ["advanced_mobility", "2025-11-01", "met"],
    ["quantum", "2026-06-01", "not_met"],
    ["aerospace", "2026-06-01", "not_met"],
  ])("%s on %s: %s", (industry, asOf, status) => {
    expect(ind(asOf, industry).status).toBe(status);
  });
  it("an industry with an `until` date stops counting the day after", () => {
    const base = shippedReference();
    const reference: ReferenceData = {
      ...base,
      industries: { ...base.industries, industries: base.industries.industries.map((i) => (i.id === "displays" ? { ...i, until: "2026-06-30" } : i)) },
    };
    const on = (asOf: string) => crit(evaluate(at(asOf, { offer: offer(170_000_000, "displays") }), { reference, alternatives: false }), "advanced_industry_offer");
    expect(on("2026-06-30").status).toBe("met");
    expect(on("2026-07-01").status).toBe("not_met");
    expect(evaluate(at("2026-07-01"), { reference }).applied.industries?.inForce).not.toContain("displays");
  });
});

describe("E-7-1: fixed wage floor per period and the special routes", () => {
  const e7 = (d: EligibilityInput) => evaluate(d, { ruleset: "e7-1", alternatives: false });
  it.each([
    ["2025-04-01", 28_670_000, "met"],
    ["2025-04-01", 28_669_999, "not_met"],
    ["2025-12-31", 28_670_000, "met"],
    ["2026-01-01", 28_670_000, "not_met"],
    // 2026: about KRW 31.12 million, ± 10,000 needs review
    ["2026-01-01", 31_130_000, "met"],
    ["2026-01-01", 31_129_999, "needs_review"],
    ["2026-12-31", 31_110_000, "needs_review"],
    ["2026-12-31", 31_109_999, "not_met"],
  ])("on %s a wage of KRW %i: %s", (asOf, wage, status) => {
    expect(crit(e7(at(asOf, { offer: offer(wage) })), "e7_wage").status).toBe(status);
  });
  it("no floor outside the published periods: needs review", () => {
    expect(crit(e7(at("2025-03-31", { offer: offer(90_000_000) })), "e7_wage").status).toBe("needs_review");
    expect(crit(e7(at("2027-01-01", { offer: offer(90_000_000) })), "e7_wage").status).toBe("needs_review");
    expect(e7(at("2025-06-01", { offer: offer(40_000_000) })).applied.wageFloors).toEqual([
      { series: "e7-1", amountKrw: 28_670_000, appliesFrom: "2025-04-01", appliesTo: "2025-12-31", status: "reported" },
    ]);
  });
  it("1 year at a Global-500 company qualifies without a degree; a day less does not", () => {
    const samsung = (start: string) => [{ organization: "Samsung Electronics", kind: "company" as const, start, end: null }];
    const yes = e7(at("2025-06-01", { degrees: [], experience: samsung("2024-06-01"), offer: offer(40_000_000) }));
    expect([crit(yes, "e7_global500_year").status, yes.outcome]).toEqual(["met", "eligible"]);
    const no = e7(at("2025-06-01", { degrees: [], experience: samsung("2024-06-02"), offer: offer(40_000_000) }));
    expect([crit(no, "e7_global500_year").status, no.outcome]).toEqual(["not_met", "not_eligible"]);
  });
  it("a bachelor's from a QS top-500 or THE top-200 university qualifies without experience", () => {
    const bach = (institution: string, level: "bachelor" | "associate" = "bachelor") => [{ level, field: "Physics", institution, awarded: "2024-02-25" }];
    for (const u of ["Sungkyunkwan University", "MIT", "Karolinska Institutet"]) {
      const r = e7(at("2025-06-01", { degrees: bach(u), experience: [], offer: offer(40_000_000) }));
      expect([crit(r, "e7_top_bachelor").status, r.outcome], u).toEqual(["met", "eligible"]);
    }
    // an unlisted university: the partial lists cannot rule it out
    const unknown = e7(at("2025-06-01", { degrees: bach("Hanbit University"), experience: [], offer: offer(40_000_000) }));
    expect([crit(unknown, "e7_top_bachelor").status, unknown.outcome]).toEqual(["needs_review", "needs_review"]);
    // an associate degree is below a bachelor's
    expect(crit(e7(at("2025-06-01", { degrees: bach("Sungkyunkwan University", "associate"), experience: [], offer: offer(40_000_000) })), "e7_top_bachelor").status).toBe("not_met");
  });
});

describe("F-2-7: current status of stay in Korea", () => {
  const f27 = (o: Partial<EligibilityInput>) =>
    evaluate(at("2026-06-01", { birthDate: "1996-01-01", koreanLevel: 5, declaredIncomeKrw: 100_000_000, ...o }), { ruleset: "f2-7-points", alternatives: false });
  it.each([
    ["E-7-1", "met", "eligible"],
    ["D-9", "met", "eligible"],
    ["E-1", "met", "eligible"],
    ["D-5", "met", "eligible"],
    ["D-10", "not_met", "not_eligible"],
    ["F-4", "not_met", "not_eligible"],
    ["E-7-2", "not_met", "not_eligible"],
    ["E-6-2", "needs_review", "needs_review"],
  ])("status %s: %s", (stayStatus, status, outcome) => {
    const r = f27({ stayStatus });
    expect([crit(r, "f2_7_stay_status").status, r.outcome]).toEqual([status, outcome]);
  });
  it("a person abroad is not eligible for F-2-7, with the reason, whatever the points", () => {
    const r = f27({ stayStatus: "abroad" });
    expect(r.outcome).toBe("not_eligible");
    expect(r.score).toBeGreaterThanOrEqual(80);
    expect(crit(r, "f2_7_stay_status").detail).toMatch(/abroad.*cannot be applied for directly from abroad/);
    const main = evaluate(at("2026-06-01", { stayStatus: "abroad", offer: offer(100_000_000) }));
    expect(alt(main, "F-2-7")).toMatchObject({ outcome: "not_eligible", recommended: false });
    expect(alt(main, "F-2-7").summary).toMatch(/status of stay/);
  });
  it("a status not given needs review", () => {
    const { stayStatus: _s, ...d } = at("2026-06-01", { birthDate: "1996-01-01", koreanLevel: 5, declaredIncomeKrw: 100_000_000 });
    expect(crit(evaluate(d, { ruleset: "f2-7-points", alternatives: false }), "f2_7_stay_status").status).toBe("needs_review");
  });
  it("rejects a malformed status and an implausible declared income with clear messages", () => {
    expect(() => evaluate({ ...at("2026-06-01"), stayStatus: "e71" })).toThrowError(/stayStatus must be a status of stay/);
    expect(() => evaluate({ ...at("2026-06-01"), declaredIncomeKrw: -1 })).toThrowError(/declaredIncomeKrw must not be negative/);
    expect(() => evaluate({ ...at("2026-06-01"), declaredIncomeKrw: 1e12 })).toThrowError(/declaredIncomeKrw is not plausible/);
  });
});
