import { describe, expect, it } from "vitest";
import { generateDossiers, runEligibilityBench } from "../../scripts/bench/eligibility";
import { eligibilityInputSchema } from "./index";

describe("bench harness", () => {
  it("generates valid, deterministic dossiers", () => {
    const a = generateDossiers(200, 7);
    expect(generateDossiers(200, 7)).toEqual(a);
    for (const d of a) expect(eligibilityInputSchema.safeParse(d).success).toBe(true);
  });
  it("returns figures a bench runner can use", () => {
    const r = runEligibilityBench({ count: 300, rounds: 1 });
    expect(r).toMatchObject({ name: "eligibility", dossiers: 300, target: 10_000 });
    expect(r.perSecond).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.perSecond / 10_000, 6);
    expect(Object.values(r.outcomes).reduce((x, y) => x + y, 0)).toBe(300);
  });
});
