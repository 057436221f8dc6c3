import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Queryable } from "./platform/db";
import { cases, evidenceRequests } from "./schema/cases";
import { defaultAlertSettings, type AlertSettings } from "./schema/organizations";

/**
 * E5: what an organisation's admins must be warned of at a given moment. The
 * decisions are pure functions of "now" (tests pass a clock); the scheduled job
 * (workers/jobs/employer-alerts.ts) gathers the facts, asks, and sends each
 * alert once, keyed by what it is about and which lead time it crossed.
 */

export interface EvidenceFact {
  requestId: string;
  caseId: string;
  receiptNumber: string;
  applicantName: string;
  deadline: Date;
}

export interface VisaFact {
  caseId: string;
  receiptNumber: string;
  applicantName: string;
  /** YYYY-MM-DD, the last day of validity (Korean calendar). */
  expiresOn: string;
}

export interface DueAlert {
  kind: "evidence_due" | "visa_expiry";
  /** Idempotency key without the recipient: the same alert is never sent twice. */
  key: string;
  caseId: string;
  receiptNumber: string;
  applicantName: string;
  /** YYYY-MM-DD (Korean calendar day). */
  dueOn: string;
  daysLeft: number;
  leadDays: number;
}

const DAY = 864e5;
const KST = 9 * 3600_000;

/** The Korean calendar day of a moment, YYYY-MM-DD. */
export const kstDay = (d: Date) => new Date(d.getTime() + KST).toISOString().slice(0, 10);
/** Whole calendar days from one YYYY-MM-DD to another. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The smallest lead time (days) the deadline is already within, or null when it
 * is further than every lead time, or passed. Crossing 7 then 2 days gives two
 * alerts; a deadline first seen 1 day ahead gives one (the 2-day one).
 */
export function crossedLeadTime(leadDays: readonly number[], dueAt: Date, now: Date): number | null {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const within = leadDays.filter((d) => left <= d * DAY);
  return within.length ? Math.min(...within) : null;
}

export function dueAlerts(now: Date, settings: AlertSettings | null | undefined, facts: { evidence: EvidenceFact[]; visas: VisaFact[] }): DueAlert[] {
  const s = settings ?? defaultAlertSettings;
  const today = kstDay(now);
  const out: DueAlert[] = [];
  for (const e of facts.evidence) {
    const lead = crossedLeadTime(s.evidenceDueDays, e.deadline, now);
    if (lead === null) continue;
    const dueOn = kstDay(e.deadline);
    out.push({ kind: "evidence_due", key: `employer-alert:evidence:${e.requestId}:${lead}`, caseId: e.caseId, receiptNumber: e.receiptNumber, applicantName: e.applicantName, dueOn, daysLeft: daysBetween(today, dueOn), leadDays: lead });
  }
  for (const v of facts.visas) {
    // Valid through the whole last day, Korean time.
    const lead = crossedLeadTime(s.visaExpiryDays, new Date(`${v.expiresOn}T23:59:59+09:00`), now);
    if (lead === null) continue;
    out.push({ kind: "visa_expiry", key: `employer-alert:visa:${v.caseId}:${v.expiresOn}:${lead}`, caseId: v.caseId, receiptNumber: v.receiptNumber, applicantName: v.applicantName, dueOn: v.expiresOn, daysLeft: daysBetween(today, v.expiresOn), leadDays: lead });
  }
  return out;
}

/** ISO week of a YYYY-MM-DD date, like "2026-W48". */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - dow + 3); // the week's Thursday decides its year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * The weekly digest goes out once per ISO week (Korean time), from Monday 09:00
 * KST on: returns the week's key when it is due, null before Monday 09:00.
 */
export function digestWeekDue(now: Date): string | null {
  const local = new Date(now.getTime() + KST);
  const monday = local.getUTCDay() === 1;
  if (monday && local.getUTCHours() < 9) return null;
  return isoWeek(kstDay(now));
}

/** The facts of one organisation: open requests to the employer, and approved cases with an expiry date. */
export async function alertFacts(
  q: Queryable,
  organizationId: string,
  /** Only visas expiring by this day (YYYY-MM-DD, the furthest lead time ahead) matter; the rest are not loaded. */
  visasUntil?: string,
): Promise<{ evidence: EvidenceFact[]; visas: VisaFact[] }> {
  const [evidence, visas] = await Promise.all([
    q
      .select({ requestId: evidenceRequests.id, caseId: cases.id, receiptNumber: cases.receiptNumber, dossier: cases.dossier, deadline: evidenceRequests.deadline })
      .from(evidenceRequests)
      .innerJoin(cases, eq(cases.id, evidenceRequests.caseId))
      .where(
        and(eq(cases.organizationId, organizationId), eq(cases.status, "evidence_requested"), eq(evidenceRequests.status, "open"), eq(evidenceRequests.addressee, "employer")),
      ),
    q
      // The name only, not the whole dossier: an organisation may have thousands of approved employees.
      .select({ caseId: cases.id, receiptNumber: cases.receiptNumber, fullName: sql<string | null>`${cases.dossier}->'personal'->>'fullName'`, expiresOn: cases.visaExpiresOn })
      .from(cases)
      .where(
        and(
          eq(cases.organizationId, organizationId),
          eq(cases.status, "approved"),
          isNotNull(cases.visaExpiresOn),
          visasUntil ? lte(cases.visaExpiresOn, visasUntil) : undefined,
        ),
      ),
  ]);
  return {
    evidence: evidence.map((e) => ({ requestId: e.requestId, caseId: e.caseId, receiptNumber: e.receiptNumber ?? "", applicantName: e.dossier.personal?.fullName ?? "", deadline: e.deadline })),
    visas: visas.map((v) => ({ caseId: v.caseId, receiptNumber: v.receiptNumber ?? "", applicantName: v.fullName ?? "", expiresOn: v.expiresOn! })),
  };
}

/** The last day whose visa expiry can be due for an alert now: today (Korea) plus the longest lead time. */
export function visaHorizon(now: Date, settings: AlertSettings | null | undefined): string {
  const days = Math.max(0, ...(settings ?? defaultAlertSettings).visaExpiryDays);
  return kstDay(new Date(now.getTime() + (days + 1) * 864e5));
}
