import { and, eq, ne, notInArray } from "drizzle-orm";
import { openStatuses } from "../lifecycle";
import type { Queryable } from "../platform/db";
import { cases, type Case, type RiskFlag } from "../schema/cases";
import { organizations } from "../schema/organizations";
import { passportIndex } from "./passport-index";

/**
 * O3: risk flags raised when screening completes. They do not decide anything:
 * they tell the officer where to look harder. Stored on the case (`cases.flags`).
 *
 * - passport_on_other_case: the same passport number (spaces and hyphens removed,
 *   upper case; compared through its blind index `cases.passport_index`) is on another submitted, non-withdrawn case of a different applicant,
 *   or on another open case of the same applicant. Drafts do not count: nobody has
 *   vouched for them, officers cannot open them, and counting them would let anyone
 *   raise a flag against someone else's case by typing their passport number into a draft.
 * - dates_contradict: the degree was awarded before the applicant's 15th birthday,
 *   after the case was submitted, or before the applicant was born.
 * - employer_not_registered: the sponsoring organisation has no business
 *   registration number (or the case has no sponsor at all).
 */

export const riskFlagLabels: Record<RiskFlag["code"], { en: string; ko: string }> = {
  passport_on_other_case: { en: "Same passport number on another case", ko: "다른 신청 건에 동일한 여권번호" },
  dates_contradict: { en: "Dates contradict each other", ko: "날짜 간 모순" },
  employer_not_registered: { en: "Sponsoring employer not registered", ko: "미등록 초청 기업" },
};

/** A flag's detail reads in English, then in Korean (the flag is stored as one string). */
const bilingual = (en: string, ko: string) => `${en} / ${ko}`;


const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: unknown): s is string => typeof s === "string" && isoDate.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The date `years` after an ISO date (29 February rolls over to 1 March). */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The calendar date at `at` in the time zone furthest ahead (UTC+14): a degree dated
 * on or before it cannot have been "in the future" anywhere on Earth at that moment.
 */
const latestCalendarDate = (at: Date) => new Date(at.getTime() + 14 * 3600_000).toISOString().slice(0, 10);

/** The contradicting-dates checks, pure (exported for unit tests). */
export function dateContradictions(c: Pick<Case, "dossier" | "submittedAt">, now: Date): string[] {
  const birth = c.dossier?.personal?.birthDate;
  const raw = c.dossier as unknown as { degree?: unknown; education?: unknown; work?: unknown } | null;
  // Every degree (dossiers from before the wizard held a single `degree`).
  const listed = Array.isArray(raw?.education) ? raw.education : raw?.degree ? [raw.degree] : [];
  const degrees = listed.filter((d) => d && typeof d === "object" && validDate((d as { awarded?: unknown }).awarded)) as { awarded: string; institution?: string }[];
  const jobs = (Array.isArray(raw?.work) ? raw.work : []).filter((j) => j && typeof j === "object" && validDate((j as { start?: unknown }).start)) as { start: string; employer?: string }[];
  const submitted = latestCalendarDate(c.submittedAt ?? now);
  const out: string[] = [];
  for (const d of degrees) {
    const what = d.institution ? `The degree from ${d.institution}` : "The degree";
    if (validDate(birth) && birth > d.awarded) {
      out.push(bilingual(`The birth date (${birth}) is after the degree award date (${d.awarded}).`, `생년월일(${birth})이 학위 수여일(${d.awarded})보다 늦습니다.`));
    } else if (validDate(birth) && d.awarded < addYears(birth, 15)) {
      const fifteen = addYears(birth, 15);
      out.push(bilingual(`${what} was awarded on ${d.awarded}, before the applicant's 15th birthday (${fifteen}).`, `학위 수여일(${d.awarded})이 만 15세 생일(${fifteen}) 이전입니다.`));
    }
    if (d.awarded > submitted) {
      const on = (c.submittedAt ?? now).toISOString().slice(0, 10);
      out.push(bilingual(`${what} is dated ${d.awarded}, after the case was submitted (${on}).`, `학위 수여일(${d.awarded})이 신청일(${on}) 이후입니다.`));
    }
  }
  for (const j of jobs) {
    if (validDate(birth) && j.start < addYears(birth, 14)) {
      const fourteen = addYears(birth, 14);
      const what = j.employer ? `The job at ${j.employer}` : "A job";
      out.push(bilingual(`${what} starts on ${j.start}, before the applicant's 14th birthday (${fourteen}).`, `경력 시작일(${j.start})이 만 14세 생일(${fourteen}) 이전입니다.`));
    }
  }
  return out;
}

/** O3: the risk flags of a case, computed in the caller's transaction. */
export async function riskFlags(tx: Queryable, c: Case, now: Date): Promise<RiskFlag[]> {
  const raisedAt = now.toISOString();
  const flags: RiskFlag[] = [];

  // The blind index (migration 0006): one b-tree lookup, not a normalisation of every case's dossier.
  const index = passportIndex(c.dossier?.personal?.passportNumber);
  if (index) {
    const others = await tx
      .select({ id: cases.id, receiptNumber: cases.receiptNumber, applicantId: cases.applicantId, status: cases.status })
      .from(cases)
      .where(and(eq(cases.passportIndex, index), ne(cases.id, c.id), notInArray(cases.status, ["draft", "withdrawn"])))
      .orderBy(cases.submittedAt)
      .limit(20);
    for (const o of others) {
      const ref = o.receiptNumber ?? o.id;
      if (o.applicantId !== c.applicantId) {
        flags.push({
          code: "passport_on_other_case",
          detail: bilingual(`The passport number is also on case ${ref} of another applicant.`, `다른 신청인의 ${ref} 건에 같은 여권번호가 있습니다.`),
          raisedAt,
        });
      } else if (openStatuses.includes(o.status)) {
        flags.push({
          code: "passport_on_other_case",
          detail: bilingual(`The same applicant has another open case with this passport number: ${ref}.`, `같은 신청인이 이 여권번호로 진행 중인 다른 건(${ref})이 있습니다.`),
          raisedAt,
        });
      }
    }
  }

  for (const detail of dateContradictions(c, now)) flags.push({ code: "dates_contradict", detail, raisedAt });

  if (!c.organizationId) {
    flags.push({ code: "employer_not_registered", detail: bilingual("The case names no sponsoring employer.", "초청 기업이 지정되지 않았습니다."), raisedAt });
  } else {
    const [org] = await tx.select({ name: organizations.name, registrationNumber: organizations.registrationNumber }).from(organizations).where(eq(organizations.id, c.organizationId));
    if (!org?.registrationNumber?.trim()) {
      const name = org?.name ?? "The sponsoring employer";
      flags.push({
        code: "employer_not_registered",
        detail: bilingual(`${name} has no business registration number on file.`, `${org?.name ?? "초청 기업"}의 사업자등록번호가 등록되어 있지 않습니다.`),
        raisedAt,
      });
    }
  }
  return flags;
}
