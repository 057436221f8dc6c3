import { describe, expect, it } from "vitest";
import { EligibilityError, evaluate, getShippedRuleset, shippedReference, type EligibilityResult, type ReferenceData } from "./index";
import { ASOF, editedRuleset, eligibleDossier, offer, shipped } from "./fixtures";
import type { WaiverNode } from "./schema";

function crit(r: EligibilityResult, id: string) {
  const c = r.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`criterion ${id} not in result (${r.criteria.map((x) => x.id).join(", ")})`);
  return c;
}
const alt = (r: EligibilityResult, visa: string) => {
  const a = r.alternatives.find((x) => x.visa === visa);
  if (!a) throw new Error(`alternative ${visa} missing`);
  return a;
};
const samsung = (start: string, end: string | null) => ({ organization: "Samsung Electronics", kind: "company" as const, start, end });

describe("top-tier-f2: baseline", () => {
  it("a dossier meeting every criterion is eligible, with rule set id@version and asOf", () => {
    const r = evaluate(eligibleDossier());
    expect(r.outcome).toBe("eligible");
    expect(r.ruleset).toBe("top-tier-f2@2025.2");
    expect(r.asOf).toBe(ASOF);
    expect(r.criteria.map((c) => c.id)).toEqual([
      "top_tier",
      "high_earner_waiver",
      "income_4x_gni",
      "education",
      "experience",
      "experience_industry",
      "experience_postdoc",
      "advanced_industry_offer",
      "income_3x_gni",
    ]);
    for (const c of r.criteria) {
      expect(c.detail.length, c.id).toBeGreaterThan(10);
      expect(c.detailKo, c.id).toMatch(/[\uAC00-\uD7A3]/); // Hangul
      expect(typeof c.facts).toBe("object");
    }
  });

  it("is the default and can be chosen by id, id@version, input.ruleset or object", () => {
    const d = eligibleDossier();
    const byDefault = evaluate(d);
    expect(evaluate(d, { ruleset: "top-tier-f2" })).toEqual(byDefault);
    expect(evaluate(d, { ruleset: "top-tier-f2@2025.2" })).toEqual(byDefault);
    expect(evaluate(d, { ruleset: shipped("top-tier-f2") })).toEqual(byDefault);
    expect(evaluate({ ...d, ruleset: "f2-7-points" }).ruleset).toBe("f2-7-points@2025.2");
    expect(evaluate({ ...d, ruleset: "f2-7-points" }, { ruleset: "e7-1" }).ruleset).toBe("e7-1@2025.2");
  });

  it("rejects an unknown rule set and an invalid rule-set object with typed errors", () => {
    expect(() => evaluate(eligibleDossier(), { ruleset: "nope" })).toThrowError(EligibilityError);
    try {
      evaluate(eligibleDossier(), { ruleset: "top-tier-f2@9.9" });
      expect.unreachable();
    } catch (e) {
      expect((e as EligibilityError).code).toBe("unknown_ruleset");
    }
    const bad = editedRuleset("top-tier-f2", (r) => {
      (r.root as { type: string }).type = "one_of";
    });
    try {
      evaluate(eligibleDossier(), { ruleset: bad });
      expect.unreachable();
    } catch (e) {
      expect((e as EligibilityError).code).toBe("invalid_ruleset");
      expect((e as Error).message).toContain("root.type");
    }
  });

  it("takes asOf from the input, else from the option", () => {
    const { asOf: _drop, ...noAsOf } = eligibleDossier();
    expect(evaluate(noAsOf, { asOf: "2025-07-01" }).asOf).toBe("2025-07-01");
    expect(evaluate(eligibleDossier(), { asOf: "2025-07-01" }).asOf).toBe(ASOF);
  });

  it("warns when the rule set is not yet in force on the assessment date", () => {
    const r = evaluate(eligibleDossier({ asOf: "2025-01-15" }));
    expect(r.warnings.join(" ")).toMatch(/takes effect on 2025-04-02/);
    expect(evaluate(eligibleDossier()).warnings).toEqual([]);
  });
});

describe("income: multiples of GNI per capita", () => {
  it("exactly 3x GNI (KRW 149,865,000) is met; one won below is not", () => {
    const at = evaluate(eligibleDossier({ offer: offer(149_865_000) }));
    expect(crit(at, "income_3x_gni").status).toBe("met");
    expect(crit(at, "income_3x_gni").facts).toMatchObject({ thresholdKrw: 149_865_000, gniKrw: 49_955_000, gniYear: 2024, multiple: 3 });
    expect(at.outcome).toBe("eligible");
    const below = evaluate(eligibleDossier({ offer: offer(149_864_999) }));
    expect(crit(below, "income_3x_gni").status).toBe("not_met");
    expect(crit(below, "income_3x_gni").detail).toContain("short by KRW 1");
    expect(below.outcome).toBe("not_eligible");
  });

  it("exactly 4x GNI (KRW 199,820,000) meets the waiver condition; one won below does not", () => {
    expect(crit(evaluate(eligibleDossier({ offer: offer(199_820_000) })), "income_4x_gni").status).toBe("met");
    expect(crit(evaluate(eligibleDossier({ offer: offer(199_819_999) })), "income_4x_gni").status).toBe("not_met");
  });

  it("no offer: income and industry are not met", () => {
    const r = evaluate(eligibleDossier({ offer: null }));
    expect(crit(r, "income_3x_gni").status).toBe("not_met");
    expect(crit(r, "advanced_industry_offer").status).toBe("not_met");
    expect(r.outcome).toBe("not_eligible");
  });

  it("uses the GNI figure of the reference object it is given", () => {
    const base = shippedReference();
    const reference: ReferenceData = { ...base, gni: { ...base.gni, version: "test", figures: [{ ...base.gni.figures[0]!, amountKrw: 60_000_000 }] } };
    const r = evaluate(eligibleDossier({ offer: offer(160_000_000) }), { reference });
    expect(crit(r, "income_3x_gni").status).toBe("not_met");
    expect(crit(r, "income_3x_gni").facts).toMatchObject({ thresholdKrw: 180_000_000 });
    expect(r.reference["kr-gni-per-capita"]).toBe("test");
  });

  it("a GNI year missing from the reference data needs review rather than failing", () => {
    const rs = editedRuleset("top-tier-f2", (r) => {
      const income = (r.root as { children: { id: string; gniYear?: number }[] }).children.find((c) => c.id === "income_3x_gni")!;
      income.gniYear = 1999;
    });
    const r = evaluate(eligibleDossier(), { ruleset: rs });
    expect(crit(r, "income_3x_gni").status).toBe("needs_review");
    expect(r.outcome).toBe("needs_review");
  });
});

describe("industry", () => {
  it.each(["ai", "semiconductors", "bio", "secondary_batteries", "displays"])("%s is an advanced industry from launch", (industry) => {
    expect(crit(evaluate(eligibleDossier({ offer: offer(160_000_000, industry) })), "advanced_industry_offer").status).toBe("met");
  });
  it.each(["robotics", "defence", "advanced_mobility"])("%s is an advanced industry on the October 2025 list", (industry) => {
    expect(crit(evaluate(eligibleDossier({ asOf: "2025-11-01", offer: offer(160_000_000, industry) })), "advanced_industry_offer").status).toBe("met");
  });
  it.each(["aerospace", "quantum"])("%s is not on the list (announced, never named)", (industry) => {
    const c = crit(evaluate(eligibleDossier({ asOf: "2026-06-01", offer: offer(170_000_000, industry) })), "advanced_industry_offer");
    expect(c.status).toBe("not_met");
    expect(c.detail).toMatch(/not on the advanced-industry list/);
  });
  it("any other value is not", () => {
    const r = evaluate(eligibleDossier({ offer: offer(160_000_000, "retail") }));
    expect(crit(r, "advanced_industry_offer").status).toBe("not_met");
    expect(r.outcome).toBe("not_eligible");
  });
});

describe("education", () => {
  it.each([
    "Seoul National University",
    "SNU",
    "서울대학교",
    "KAIST",
    "Korea Advanced Institute of Science & Technology",
    "Yonsei University",
    "korea university",
    "고려대학교",
    "POSTECH",
    "Pohang University of Science and Technology",
    "  massachusetts   INSTITUTE of technology ",
    "The University of Tokyo",
    "University of Tokyo",
    "ETH Zürich",
  ])("%s counts as a top-100 university", (institution) => {
    const r = evaluate(eligibleDossier({ degrees: [{ level: "master", field: "CS", institution, awarded: "2011-02-25" }] }));
    expect(crit(r, "education").status).toBe("met");
  });

  it("an unknown university needs review (never silently not met)", () => {
    const r = evaluate(eligibleDossier({ degrees: [{ level: "phd", field: "CS", institution: "Hanbit University", awarded: "2011-02-25" }] }));
    expect(crit(r, "education").status).toBe("needs_review");
    expect(crit(r, "education").detail).toContain("Hanbit University");
    expect(r.outcome).toBe("needs_review");
  });

  it("a bachelor's from a top-100 university is not enough", () => {
    const r = evaluate(eligibleDossier({ degrees: [{ level: "bachelor", field: "CS", institution: "MIT", awarded: "2011-02-25" }] }));
    expect(crit(r, "education").status).toBe("not_met");
    expect(r.outcome).toBe("not_eligible");
  });

  it("a degree awarded after the assessment date does not count", () => {
    const r = evaluate(eligibleDossier({ degrees: [{ level: "master", field: "CS", institution: "KAIST", awarded: "2025-08-30" }] }));
    expect(crit(r, "education").status).toBe("not_met");
    expect(crit(r, "education").facts).toMatchObject({ notYetAwarded: 1 });
  });

  it("one listed qualifying degree is enough even if another is unknown", () => {
    const r = evaluate(
      eligibleDossier({
        degrees: [
          { level: "master", field: "CS", institution: "Hanbit University", awarded: "2009-02-25" },
          { level: "phd", field: "CS", institution: "KAIST", awarded: "2013-02-25" },
        ],
      }),
    );
    expect(crit(r, "education").status).toBe("met");
  });
});

describe("experience (industry track)", () => {
  it("exactly 8 calendar years (end date = start + 8 years) counts as 8", () => {
    const r = evaluate(eligibleDossier({ experience: [samsung("2017-06-01", "2025-06-01")] }));
    expect(crit(r, "experience_industry").status).toBe("met");
    expect(crit(r, "experience_industry").facts).toMatchObject({ years: 8 });
  });

  it("one day short of 8 years is not met", () => {
    const r = evaluate(eligibleDossier({ experience: [samsung("2017-06-02", "2025-06-01")] }));
    expect(crit(r, "experience_industry").status).toBe("not_met");
    expect(r.outcome).toBe("not_eligible");
  });

  it("an open-ended job counts up to the assessment date", () => {
    expect(crit(evaluate(eligibleDossier({ experience: [samsung("2017-06-01", null)] })), "experience_industry").status).toBe("met");
    expect(crit(evaluate(eligibleDossier({ experience: [samsung("2017-06-02", null)] })), "experience_industry").status).toBe("not_met");
    // the same open-ended job reaches 8 years one day later
    expect(crit(evaluate(eligibleDossier({ asOf: "2025-06-02", experience: [samsung("2017-06-02", null)] })), "experience_industry").status).toBe("met");
  });

  it("overlapping jobs are counted once", () => {
    const r = evaluate(
      eligibleDossier({
        experience: [samsung("2015-01-01", "2020-01-01"), { organization: "Hyundai Motor Company", kind: "company", start: "2017-01-01", end: "2021-01-01" }],
      }),
    );
    // 5 + 4 = 9 years if summed; 6 years once merged
    expect(crit(r, "experience_industry").facts).toMatchObject({ years: 6 });
    expect(crit(r, "experience_industry").status).toBe("not_met");
  });

  it("needs 3 of the 8 years at a Global-500 company", () => {
    const uni = { organization: "Seoul National University", kind: "university" as const, start: "2013-01-01", end: "2023-01-01" };
    const twoYears = evaluate(eligibleDossier({ experience: [uni, samsung("2023-01-01", "2025-01-01")] }));
    expect(crit(twoYears, "experience_industry").status).toBe("not_met");
    const threeYears = evaluate(eligibleDossier({ experience: [uni, samsung("2022-01-01", "2025-01-01")] }));
    expect(crit(threeYears, "experience_industry").status).toBe("met");
  });

  it("recognises listed companies by alias and legal-form variants", () => {
    for (const organization of ["Samsung Electronics Co., Ltd.", "삼성전자", "Kia Corp.", "Hyundai Motor", "POSCO", "Hyundai Mobis", "Samsung C&T Corporation"]) {
      const r = evaluate(eligibleDossier({ experience: [{ organization, kind: "company", start: "2015-01-01", end: null }] }));
      expect(crit(r, "experience_industry").status, organization).toBe("met");
    }
  });

  it("an unknown company needs review when it could make up the Global-500 years", () => {
    const r = evaluate(
      eligibleDossier({
        experience: [samsung("2015-01-01", "2017-01-01"), { organization: "Hanbit Startup", kind: "company", start: "2017-01-01", end: null }],
      }),
    );
    const c = crit(r, "experience_industry");
    expect(c.status).toBe("needs_review");
    expect(c.facts).toMatchObject({ subset: { unrecognised: ["Hanbit Startup"] } });
    expect(c.detail).toContain("Hanbit Startup");
    expect(r.outcome).toBe("needs_review");
  });

  it("an unknown company needs review but the outcome is not eligible when another criterion fails", () => {
    const r = evaluate(
      eligibleDossier({
        offer: offer(100_000_000),
        experience: [samsung("2015-01-01", "2017-01-01"), { organization: "Hanbit Startup", kind: "company", start: "2017-01-01", end: null }],
      }),
    );
    expect(crit(r, "experience_industry").status).toBe("needs_review");
    expect(crit(r, "income_3x_gni").status).toBe("not_met");
    expect(r.outcome).toBe("not_eligible");
  });
});

describe("experience (postdoc track)", () => {
  const phd = [{ level: "phd" as const, field: "Biology", institution: "University of Cambridge", awarded: "2015-06-30" }];
  const pd = (organization: string, start: string, end: string | null) => ({ organization, kind: "research_institute" as const, postdoc: true, start, end });

  it("5 years of postdoc research with 3 at a world-class institute is met", () => {
    const r = evaluate(eligibleDossier({ degrees: phd, experience: [pd("Max Planck Institute for Biology Tübingen", "2015-09-01", "2018-09-01"), pd("Hanbit Bio Lab", "2018-09-01", "2020-09-01")] }));
    expect(crit(r, "experience_postdoc").status).toBe("met");
    expect(crit(r, "experience_industry").status).toBe("not_met");
    expect(crit(r, "experience").status).toBe("met");
    expect(r.outcome).toBe("eligible");
  });

  it("under 5 years of postdoc is not met", () => {
    const r = evaluate(eligibleDossier({ degrees: phd, experience: [pd("RIKEN", "2015-09-01", "2020-08-31")] }));
    expect(crit(r, "experience_postdoc").status).toBe("not_met");
    expect(r.outcome).toBe("not_eligible");
  });

  it("jobs without the postdoc flag do not count as postdoc research", () => {
    const r = evaluate(eligibleDossier({ degrees: phd, experience: [{ organization: "RIKEN", kind: "research_institute", start: "2015-09-01", end: null }] }));
    expect(crit(r, "experience_postdoc").status).toBe("not_met");
  });

  it("an unknown institute that could make up the 3 years needs review", () => {
    const r = evaluate(eligibleDossier({ degrees: phd, experience: [pd("RIKEN", "2015-09-01", "2017-09-01"), pd("Hanbit Bio Lab", "2017-09-01", "2021-09-01")] }));
    expect(crit(r, "experience_postdoc").status).toBe("needs_review");
    expect(r.outcome).toBe("needs_review");
  });

  it("a top-100 university counts as a world-class institution for the postdoc subset", () => {
    const r = evaluate(eligibleDossier({ degrees: phd, experience: [{ ...pd("Stanford University", "2015-09-01", "2020-09-01"), kind: "university" }] }));
    expect(crit(r, "experience_postdoc").status).toBe("met");
  });
});

describe("4x GNI waiver", () => {
  const both = (waives: "one" | "all") =>
    editedRuleset("top-tier-f2", (r) => {
      const w = (r.root as { children: WaiverNode[] }).children[0]!;
      expect(w.id).toBe("high_earner_waiver");
      w.waives = waives;
    });
  const noEducation = { degrees: [{ level: "bachelor" as const, field: "CS", institution: "MIT", awarded: "2008-02-25" }] };
  const noExperience = { experience: [samsung("2023-01-01", null)] };

  it("ships with 'one': 4x GNI waives education OR experience", () => {
    expect(((getShippedRuleset("top-tier-f2")!.root as { children: WaiverNode[] }).children[0]!).waives).toBe("one");
  });

  it("'one': education missing is waived at 4x GNI, and the waived criterion says so", () => {
    const r = evaluate(eligibleDossier({ ...noEducation, offer: offer(199_820_000) }), { ruleset: both("one") });
    expect(r.outcome).toBe("eligible");
    expect(crit(r, "education").status).toBe("not_met");
    expect(crit(r, "education").waivedBy).toBe("high_earner_waiver");
    expect(crit(r, "high_earner_waiver").facts).toMatchObject({ waiverApplied: true });
  });

  it("'one': experience missing is waived at 4x GNI", () => {
    expect(evaluate(eligibleDossier({ ...noExperience, offer: offer(199_820_000) })).outcome).toBe("eligible");
  });

  it("'one': both missing is not eligible even at 4x GNI", () => {
    const r = evaluate(eligibleDossier({ ...noEducation, ...noExperience, offer: offer(250_000_000) }), { ruleset: both("one") });
    expect(r.outcome).toBe("not_eligible");
    expect(crit(r, "education").waivedBy).toBeUndefined();
  });

  it("'all': both missing is eligible at 4x GNI", () => {
    const r = evaluate(eligibleDossier({ ...noEducation, ...noExperience, offer: offer(199_820_000) }), { ruleset: both("all") });
    expect(r.outcome).toBe("eligible");
    expect(crit(r, "experience").waivedBy).toBe("high_earner_waiver");
  });

  it("below 4x GNI nothing is waived, in either configuration", () => {
    for (const w of ["one", "all"] as const) {
      expect(evaluate(eligibleDossier({ ...noEducation, offer: offer(199_819_999) }), { ruleset: both(w) }).outcome).toBe("not_eligible");
    }
  });

  it("'one': an unknown university plus missing experience at 4x GNI needs review", () => {
    const r = evaluate(
      eligibleDossier({
        degrees: [{ level: "master", field: "CS", institution: "Hanbit University", awarded: "2011-02-25" }],
        ...noExperience,
        offer: offer(200_000_000),
      }),
    );
    expect(r.outcome).toBe("needs_review");
  });
});

describe("alternatives", () => {
  it("are always listed; not recommended when the main outcome is eligible", () => {
    const r = evaluate(eligibleDossier());
    expect(r.alternatives.map((a) => a.visa)).toEqual(["F-2-7", "E-7-1", "D-10"]);
    expect(r.alternatives.every((a) => !a.recommended)).toBe(true);
  });

  it("suggest E-7-1 for a master's graduate whose salary is too low for top-tier", () => {
    const r = evaluate(eligibleDossier({ offer: offer(62_000_000, "ai"), experience: [samsung("2023-09-01", null)] }));
    expect(r.outcome).toBe("not_eligible");
    const e7 = alt(r, "E-7-1");
    expect(e7).toMatchObject({ outcome: "eligible", recommended: true, ruleset: "e7-1@2025.2" });
    expect(e7.summaryKo).toMatch(/[\uAC00-\uD7A3]/);
    expect(alt(r, "D-10").outcome).toBe("not_eligible"); // has an offer
  });

  it("E-7-1 wage is the fixed floor in force (KRW 28,670,000 in 2025) with a boundary", () => {
    const at = evaluate(eligibleDossier({ offer: offer(28_670_000) }), { ruleset: "e7-1" });
    expect(crit(at, "e7_wage").status).toBe("met");
    expect(crit(at, "e7_wage").facts).toMatchObject({ floorKrw: 28_670_000, appliesFrom: "2025-04-01", appliesTo: "2025-12-31" });
    expect(at.outcome).toBe("eligible");
    expect(crit(evaluate(eligibleDossier({ offer: offer(28_669_999) }), { ruleset: "e7-1" }), "e7_wage").status).toBe("not_met");
  });

  it("E-7-1 accepts a bachelor's with 1 year, or 5 years without a degree", () => {
    const bachelor = [{ level: "bachelor" as const, field: "CS", institution: "Hanbit University", awarded: "2015-02-25" }];
    const lab = (start: string) => ({ organization: "Hanbit Institute", kind: "research_institute" as const, start, end: null });
    const e7 = (degrees: typeof bachelor, start: string) => evaluate(eligibleDossier({ degrees, experience: [lab(start)], offer: offer(50_000_000) }), { ruleset: "e7-1" });
    expect(e7(bachelor, "2024-06-01").outcome).toBe("eligible");
    // a day short of 1 year: that route fails; the bachelor's from an unlisted university might still be a QS-500/THE-200 one
    const short = e7(bachelor, "2024-06-02");
    expect(crit(short, "e7_bachelor_plus_experience").status).toBe("not_met");
    expect([crit(short, "e7_top_bachelor").status, short.outcome]).toEqual(["needs_review", "needs_review"]);
    expect(e7([], "2020-06-01").outcome).toBe("eligible");
    expect(e7([], "2020-06-02").outcome).toBe("not_eligible");
  });

  it("suggest D-10 for a top-100 master's graduate without a job offer", () => {
    const r = evaluate(eligibleDossier({ offer: null, experience: [] }));
    expect(r.outcome).toBe("not_eligible");
    expect(alt(r, "D-10")).toMatchObject({ outcome: "eligible", recommended: true });
    expect(alt(r, "E-7-1").outcome).toBe("not_eligible");
  });

  it("D-10 with an unknown university needs review", () => {
    const r = evaluate(eligibleDossier({ offer: null, degrees: [{ level: "master", field: "CS", institution: "Hanbit University", awarded: "2024-02-25" }] }));
    expect(alt(r, "D-10")).toMatchObject({ outcome: "needs_review", recommended: true });
  });

  it("can be switched off", () => {
    expect(evaluate(eligibleDossier(), { alternatives: false }).alternatives).toEqual([]);
  });
});

describe("three-valued logic through the tree", () => {
  it("needs_review propagates up all_of/any_of/waiver but a failure wins", () => {
    const unknownUni = { degrees: [{ level: "master" as const, field: "CS", institution: "Hanbit University", awarded: "2011-02-25" }] };
    const r = evaluate(eligibleDossier(unknownUni));
    expect(["education", "high_earner_waiver", "top_tier"].map((id) => crit(r, id).status)).toEqual(["needs_review", "needs_review", "needs_review"]);
    const failing = evaluate(eligibleDossier({ ...unknownUni, offer: offer(160_000_000, "retail") }));
    expect(crit(failing, "top_tier").status).toBe("not_met");
    expect(crit(failing, "education").status).toBe("needs_review");
  });

  it("at_least counts met and needs-review children", () => {
    const rs = editedRuleset("top-tier-f2", (r) => {
      const root = r.root as unknown as { type: string; n?: number };
      root.type = "at_least";
      root.n = 2;
    });
    // industry fails, income and education/experience hold: 2 of 3
    expect(evaluate(eligibleDossier({ offer: offer(160_000_000, "retail") }), { ruleset: rs }).outcome).toBe("eligible");
    // industry fails, education needs review: 1 met + 1 review of 3
    const r = evaluate(
      eligibleDossier({ offer: offer(160_000_000, "retail"), degrees: [{ level: "master", field: "CS", institution: "Hanbit University", awarded: "2011-02-25" }] }),
      { ruleset: rs },
    );
    expect(r.outcome).toBe("needs_review");
    // industry and income fail: 1 of 3
    expect(evaluate(eligibleDossier({ offer: offer(100_000_000, "retail") }), { ruleset: rs }).outcome).toBe("not_eligible");
  });
});
