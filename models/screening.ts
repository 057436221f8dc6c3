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
    ...(dossier.personal.stayStatus !== undefined ? { stayStatus: dossier.personal.stayStatus } : {}),
    ...(dossier.personal.declaredIncomeKrw !== undefined ? { declaredIncomeKrw: dossier.personal.declaredIncomeKrw } : {}),
  };
}

/** A day in Korea's calendar (the ministry's), YYYY-MM-DD. */
export function koreanDay(at: Date): string {
  return seoulDay.format(at);
}
// Made once: building an Intl formatter costs about 0.4 ms, more than the whole screening of a case.
const seoulDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" });

/**
 * O3: screen a dossier with the reference data in force. The assessment date is
 * the application date (the day the case was submitted, Korean calendar; today
 * for a draft): it picks the rule-set version, the GNI figure and wage floor of
 * that period and the advanced-industry list of that day, so re-screening later
 * never moves a case to another year's figure (issue 14).
 */
export function screenDossier(dossier: Dossier, employerName: string, now: Date, policy: Pick<Policy, "catalog" | "reference">, appliedAt?: Date | null): ScreeningRecord {
  const asOf = koreanDay(appliedAt ?? now);
  const result = evaluate(engineInput(dossier, employerName, asOf), { catalog: policy.catalog, reference: policy.reference });
  return { result, screenedAt: now.toISOString() };
}
