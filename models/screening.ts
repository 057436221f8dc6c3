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
 * The portal's dossier as the engine's input: every degree and every job (the
 * experience rules count years of work and of postdoctoral research, by kind of
 * employer), and the offer with the sponsor's registered name.
 */
export function engineInput(dossier: Dossier, employerName: string, asOf: string): EligibilityInput {
  return {
    asOf,
    birthDate: dossier.personal.birthDate,
    degrees: dossier.education.map((d) => ({
      level: d.level,
      field: d.field,
      institution: d.institution,
      ...(d.country ? { country: d.country } : {}),
      awarded: d.awarded,
    })),
    experience: dossier.work
      .filter((j) => j.current || j.end)
      .map((j) => ({
        organization: j.employer,
        kind: j.kind,
        postdoc: j.postdoc,
        start: j.start,
        // A current job counts up to the day of screening; an end before the start is refused by the dossier schema.
        end: j.current ? null : j.end!,
      })),
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
