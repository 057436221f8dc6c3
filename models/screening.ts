import type { Dossier } from "./dossier";
import { evaluate } from "./eligibility/index";
import type { EligibilityInput, EligibilityResult } from "./eligibility/schema";
import type { Policy } from "./policy";

/** What the screening job stores on a case: the engine's full, explained result. */
export interface ScreeningRecord {
  result: EligibilityResult;
  screenedAt: string;
}

/**
 * The portal's dossier as the engine's input. The skeleton dossier holds the
 * highest degree and the offer; work history arrives with the dossier wizard,
 * so until then the experience criteria come out as not met or needs review.
 */
export function engineInput(dossier: Dossier, employerName: string, asOf: string): EligibilityInput {
  return {
    asOf,
    birthDate: dossier.personal.birthDate,
    degrees: [
      {
        level: dossier.degree.level,
        field: dossier.degree.field,
        institution: dossier.degree.institution,
        ...(dossier.degree.country ? { country: dossier.degree.country } : {}),
        awarded: dossier.degree.awarded,
      },
    ],
    experience: [],
    offer: { employer: employerName, industry: dossier.offer.industry, annualSalaryKrw: dossier.offer.annualSalaryKrw },
  };
}

/**
 * O3: screen a dossier under the default rule set in force on the given day
 * (Korean calendar), with the reference data in force.
 */
export function screenDossier(dossier: Dossier, employerName: string, now: Date, policy: Pick<Policy, "catalog" | "reference">): ScreeningRecord {
  const asOf = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(now);
  const result = evaluate(engineInput(dossier, employerName, asOf), { catalog: policy.catalog, reference: policy.reference });
  return { result, screenedAt: now.toISOString() };
}
