import { describe, expect, it } from "vitest";
import { evaluate, type EligibilityInput, type EligibilityResult } from "./index";
import { ASOF, offer } from "./fixtures";

const F27 = { ruleset: "f2-7-points", alternatives: false } as const;
/** A dossier scoring only what the test adds: no degree, no offer, Korean level 0, no declared income; staying in Korea on E-7-1. */
function base(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return { asOf: ASOF, birthDate: "1980-01-01", degrees: [], experience: [], offer: null, koreanLevel: 0, declaredIncomeKrw: 0, stayStatus: "E-7-1", ...overrides };
}
const points = (r: EligibilityResult, id: string) => {
  const c = r.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id}`);
  return c;
};
/** birth date making the applicant exactly `age` on ASOF (birthday today) */
const bornAge = (age: number) => `${2025 - age}-06-01`;

describe("F-2-7 age points", () => {
  it.each([
    [17, 0],
    [18, 23],
    [24, 23],
    [25, 25],
    [29, 25],
    [30, 23],
    [34, 23],
    [35, 20],
    [39, 20],
    [40, 12],
    [44, 12],
    [45, 8],
    [50, 8],
    [51, 3],
    [70, 3],
  ])("age %i scores %i", (age, pts) => {
    const c = points(evaluate(base({ birthDate: bornAge(age) }), F27), "age");
    expect(c.facts).toMatchObject({ age });
    expect(c.points).toBe(pts);
  });

  it("the age changes on the birthday, not a day before", () => {
    expect(points(evaluate(base({ birthDate: "2000-06-02" }), F27), "age").facts).toMatchObject({ age: 24 });
    expect(points(evaluate(base({ birthDate: "2000-06-01" }), F27), "age").facts).toMatchObject({ age: 25 });
  });
});

describe("F-2-7 education points", () => {
  const deg = (level: "phd" | "master" | "bachelor" | "associate", field: string) => ({ level, field, institution: "Hanbit University", awarded: "2010-02-25" });
  it.each([
    ["phd", "Computer Science", 25],
    ["phd", "History", 20],
    ["master", "Electrical Engineering", 20],
    ["master", "Business Administration", 17],
    ["bachelor", "Physics", 17],
    ["bachelor", "Law", 15],
    ["associate", "Mechanical Engineering", 15],
    ["associate", "Tourism", 10],
  ] as const)("%s in %s scores %i", (level, field, pts) => {
    const c = points(evaluate(base({ degrees: [deg(level, field)] }), F27), "education_level");
    expect(c.points).toBe(pts);
    expect(c.status).toBe("met");
  });

  it("two degrees score the STEM/two-degree column", () => {
    const c = points(evaluate(base({ degrees: [deg("master", "Business Administration"), deg("bachelor", "Economics")] }), F27), "education_level");
    expect(c.points).toBe(20);
  });

  it("an unclassifiable field gives a range and needs review", () => {
    const c = points(evaluate(base({ degrees: [deg("master", "Underwater Basket Weaving")] }), F27), "education_level");
    expect(c.status).toBe("needs_review");
    expect([c.points, c.pointsMax]).toEqual([17, 20]);
  });

  it("no degree scores 0", () => {
    expect(points(evaluate(base(), F27), "education_level").points).toBe(0);
  });
});

describe("F-2-7 Korean and income points", () => {
  it.each([
    [6, 20],
    [5, 20],
    [4, 15],
    [3, 10],
    [2, 5],
    [1, 3],
    [0, 0],
  ])("Korean level %i scores %i", (koreanLevel, pts) => {
    expect(points(evaluate(base({ koreanLevel }), F27), "korean").points).toBe(pts);
  });

  it("a missing Korean level is 0 to 20 points and needs review", () => {
    const { koreanLevel: _k, ...noKorean } = base();
    const c = points(evaluate(noKorean, F27), "korean");
    expect([c.status, c.points, c.pointsMax]).toEqual(["needs_review", 0, 20]);
  });

  it.each([
    [150_000_000, 60],
    [100_000_000, 60],
    [99_999_999, 58],
    [90_000_000, 58],
    [89_999_999, 56],
    [80_000_000, 56],
    [70_000_000, 53],
    [60_000_000, 50],
    [50_000_000, 45],
    [40_000_000, 40],
    [39_999_999, 0],
  ])("declared income %i scores %i", (income, pts) => {
    expect(points(evaluate(base({ declaredIncomeKrw: income }), F27), "income").points).toBe(pts);
  });

  it("the offered salary never scores income points: only the declared income does", () => {
    expect(points(evaluate(base({ offer: offer(150_000_000) }), F27), "income").points).toBe(0);
    const c = points(evaluate(base({ offer: offer(150_000_000), declaredIncomeKrw: 50_000_000 }), F27), "income");
    expect([c.points, c.facts]).toEqual([45, expect.objectContaining({ source: "declared", declaredIncomeKrw: 50_000_000 })]);
  });

  it("no declared income is 0 to 60 points and needs review", () => {
    const { declaredIncomeKrw: _d, ...d } = base({ offer: offer(150_000_000) });
    const c = points(evaluate(d, F27), "income");
    expect([c.status, c.points, c.pointsMax]).toEqual(["needs_review", 0, 60]);
    expect(c.detail).toMatch(/tax-office income certificate/);
  });
});

describe("F-2-7 bonuses and pass mark", () => {
  it("a Korean master's adds 7; a Korean PhD and master's add only the highest (10)", () => {
    const km = { level: "master" as const, field: "Physics", institution: "Hanbit University", country: "Korea", awarded: "2010-02-25" };
    expect(points(evaluate(base({ degrees: [km] }), F27), "korean_degree_bonus").points).toBe(7);
    const kp = { ...km, level: "phd" as const, awarded: "2014-02-25" };
    expect(points(evaluate(base({ degrees: [km, kp] }), F27), "korean_degree_bonus").points).toBe(10);
  });

  it("a Korean university on the top-100 list is recognised as Korean without a country", () => {
    const r = evaluate(base({ degrees: [{ level: "master", field: "Physics", institution: "Yonsei University", awarded: "2010-02-25" }] }), F27);
    expect(points(r, "korean_degree_bonus").points).toBe(7);
    expect(points(r, "prestigious_university_bonus").points).toBe(30);
    expect(points(r, "bonuses").points).toBe(37);
  });

  it("bonuses are capped at 40", () => {
    const r = evaluate(base({ degrees: [{ level: "phd", field: "Physics", institution: "KAIST", awarded: "2010-02-25" }] }), F27);
    expect(points(r, "bonuses").points).toBe(40); // 10 + 30
    expect(points(r, "bonuses").facts).toMatchObject({ cap: 40, uncapped: 40 });
  });

  it("an unknown university makes the prestige bonus uncertain (0 to 30)", () => {
    const r = evaluate(base({ degrees: [{ level: "master", field: "Physics", institution: "Hanbit University", country: "US", awarded: "2010-02-25" }] }), F27);
    const c = points(r, "prestigious_university_bonus");
    expect([c.status, c.points, c.pointsMax]).toEqual(["needs_review", 0, 30]);
  });

  // MIT bachelor's in business: education 15 + prestige bonus 30; Korean 3: 10.
  const mitBusiness = [{ level: "bachelor" as const, field: "Business Administration", institution: "MIT", country: "US", awarded: "2018-02-25" }];
  it("exactly the pass mark (80) is eligible", () => {
    const r = evaluate(base({ birthDate: bornAge(27), degrees: mitBusiness, koreanLevel: 3 }), F27);
    expect([r.score, r.passMark, r.outcome]).toEqual([80, 80, "eligible"]);
  });

  it("below the pass mark (78) is not eligible", () => {
    const r = evaluate(base({ birthDate: bornAge(31), degrees: mitBusiness, koreanLevel: 3 }), F27);
    expect([r.score, r.outcome]).toEqual([78, "not_eligible"]);
  });

  it("an uncertain item decides: needs review when the range straddles the pass mark", () => {
    const { koreanLevel: _k, ...d } = base({ birthDate: bornAge(27), degrees: mitBusiness });
    const r = evaluate(d, F27);
    expect([r.score, r.scoreMax, r.outcome]).toEqual([70, 90, "needs_review"]);
    // far above the pass mark, the unknown Korean level does not matter
    const rich = evaluate({ ...d, declaredIncomeKrw: 120_000_000 }, F27);
    expect(rich.outcome).toBe("eligible");
  });

  it("is listed as an alternative with its score and pass mark", () => {
    const r = evaluate(base({ birthDate: bornAge(27), degrees: mitBusiness, koreanLevel: 3 }));
    const a = r.alternatives.find((x) => x.visa === "F-2-7")!;
    expect(a).toMatchObject({ outcome: "eligible", score: 80, passMark: 80, recommended: true });
  });
});
