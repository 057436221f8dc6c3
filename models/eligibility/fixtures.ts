/** Test factories: a valid dossier that meets every top-tier criterion, to vary one fact at a time. */
import type { EligibilityInput, RuleSet } from "./schema";
import { getShippedRuleset } from "./rulesets";

export const ASOF = "2025-06-01";

export function eligibleDossier(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    asOf: ASOF,
    birthDate: "1985-05-10",
    degrees: [{ level: "master", field: "Electrical Engineering", institution: "Seoul National University", country: "KR", awarded: "2011-02-25" }],
    experience: [
      { organization: "Samsung Electronics", kind: "company", start: "2011-03-01", end: "2016-03-01" },
      { organization: "NVIDIA", kind: "company", start: "2016-03-01", end: null },
    ],
    offer: { employer: "Hanbit Semiconductor", industry: "semiconductors", annualSalaryKrw: 160_000_000 },
    koreanLevel: 3,
    ...overrides,
  };
}

export function offer(annualSalaryKrw: number, industry = "semiconductors"): NonNullable<EligibilityInput["offer"]> {
  return { employer: "Hanbit Semiconductor", industry, annualSalaryKrw };
}

export function shipped(id: string): RuleSet {
  const r = getShippedRuleset(id);
  if (!r) throw new Error(`no shipped rule set ${id}`);
  return r;
}

/** A deep copy of a shipped rule set, edited by `edit`. */
export function editedRuleset(id: string, edit: (r: RuleSet) => void): RuleSet {
  const copy = structuredClone(shipped(id));
  edit(copy);
  return copy;
}
