import { and, asc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { cleanTextFilter } from "../text-filter";
import type { UseCaseContext } from "../actor";
import { kstDay } from "../employer-alerts";
import { dashboardSorts, type DashboardSort, type DeadlineKind, type NextActor } from "../employer-shared";
import { AppError } from "../errors";
import { finalStatuses, statusLabels, type CaseStatus } from "../lifecycle";
import { requireOrgMember } from "../organization";
import { slaView } from "../sla";
import { cases, evidenceRequests, type Case } from "../schema/cases";

/**
 * E4: every case the organisation sponsors at a glance: stage, days in stage,
 * the next deadline and who acts next; filtered, sorted, searched; exported as
 * CSV. Only what the sponsorship needs leaves this module (no passport, no
 * documents, no other case of the applicant).
 */

export { dashboardSorts, type DashboardSort, type DeadlineKind, type NextActor } from "../employer-shared";

export interface DashboardRow {
  id: string;
  receiptNumber: string;
  applicant: string;
  jobTitle: string;
  status: CaseStatus;
  since: string;
  daysInStage: number;
  nextDeadline: { kind: DeadlineKind; at: string } | null;
  actsNext: NextActor;
  submittedAt: string | null;
  visaExpiresOn: string | null;
}


export interface DashboardFilter {
  stage?: string | null;
  q?: string | null;
  sort?: string | null;
}

/** Who must move a case next, given its stage and the addressee of its open request. */
export function actsNextFor(status: CaseStatus, openAddressee: "applicant" | "employer" | null): NextActor {
  if (finalStatuses.includes(status)) return "none";
  switch (status) {
    case "draft":
      return "applicant";
    case "submitted":
    case "awaiting_sponsor":
      return "employer";
    case "evidence_requested":
      return openAddressee ?? "applicant";
    default:
      return "office";
  }
}

/** The next date that matters for the case: an open request's deadline, the office's stage target, or the visa expiry. */
export function nextDeadlineFor(
  c: Pick<Case, "status" | "slaStartedAt" | "slaPausedMs" | "slaPausedAt" | "slaState" | "visaExpiresOn">,
  openDeadline: Date | null,
  now: Date,
): DashboardRow["nextDeadline"] {
  if (c.status === "evidence_requested" && openDeadline) return { kind: "evidence", at: openDeadline.toISOString() };
  if (c.status === "approved" && c.visaExpiresOn) return { kind: "visa_expiry", at: c.visaExpiresOn };
  if (finalStatuses.includes(c.status)) return null;
  const sla = slaView(c, now);
  return sla?.dueAt ? { kind: "office_target", at: sla.dueAt } : null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function listDashboard(ctx: UseCaseContext, filter: DashboardFilter = {}, now = new Date()): Promise<DashboardRow[]> {
  const orgId = requireOrgMember(ctx.actor);
  // Own keys only: "toString" or "constructor" are not stages (they would reach the SQL enum and fail).
  const stage = filter.stage && Object.hasOwn(statusLabels, filter.stage) && filter.stage !== "draft" ? (filter.stage as CaseStatus) : null;
  const q = cleanTextFilter(filter.q, 100);
  const where = and(
    eq(cases.organizationId, orgId),
    ne(cases.status, "draft"),
    stage ? eq(cases.status, stage) : undefined,
    q ? or(ilike(cases.receiptNumber, `%${escapeLike(q)}%`), ilike(sql`${cases.dossier}->'personal'->>'fullName'`, `%${escapeLike(q)}%`)) : undefined,
  );
  // Open cases first, so a large sponsor's newest work is never cut off by years of decided cases;
  // within each group, longest in its stage first. (Sorting for display happens below.)
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(where)
    .orderBy(sql`${cases.status} in ('approved', 'refused', 'withdrawn')`, asc(cases.statusChangedAt))
    .limit(2000);
  const open = rows.length
    ? await ctx.db
        .select({ caseId: evidenceRequests.caseId, deadline: evidenceRequests.deadline, addressee: evidenceRequests.addressee })
        .from(evidenceRequests)
        .where(and(inArray(evidenceRequests.caseId, rows.map((r) => r.id)), eq(evidenceRequests.status, "open")))
    : [];
  const result = rows.map((c): DashboardRow => {
    const req = open.filter((o) => o.caseId === c.id).sort((a, b) => a.deadline.getTime() - b.deadline.getTime())[0] ?? null;
    return {
      id: c.id,
      receiptNumber: c.receiptNumber ?? "",
      applicant: c.dossier.personal?.fullName ?? "",
      jobTitle: c.sponsorship?.jobTitle ?? c.dossier.offer?.jobTitle ?? "",
      status: c.status,
      since: c.statusChangedAt.toISOString(),
      daysInStage: Math.max(0, Math.floor((now.getTime() - c.statusChangedAt.getTime()) / 864e5)),
      nextDeadline: nextDeadlineFor(c, req?.deadline ?? null, now),
      actsNext: actsNextFor(c.status, req?.addressee ?? null),
      submittedAt: c.submittedAt?.toISOString() ?? null,
      visaExpiresOn: c.visaExpiresOn,
    };
  });
  return sortDashboard(result, filter.sort);
}

export function sortDashboard(rows: DashboardRow[], sort: string | null | undefined): DashboardRow[] {
  const by = (dashboardSorts as readonly string[]).includes(sort ?? "") ? (sort as DashboardSort) : "days";
  const deadline = (r: DashboardRow) => (r.nextDeadline ? Date.parse(r.nextDeadline.at) : Number.POSITIVE_INFINITY);
  const cmp: Record<DashboardSort, (a: DashboardRow, b: DashboardRow) => number> = {
    days: (a, b) => b.daysInStage - a.daysInStage || a.receiptNumber.localeCompare(b.receiptNumber),
    deadline: (a, b) => deadline(a) - deadline(b) || a.receiptNumber.localeCompare(b.receiptNumber),
    name: (a, b) => a.applicant.localeCompare(b.applicant) || a.receiptNumber.localeCompare(b.receiptNumber),
    receipt: (a, b) => a.receiptNumber.localeCompare(b.receiptNumber),
  };
  return [...rows].sort(cmp[by]);
}

// ---------------------------------------------------------------------------
// CSV

/**
 * One CSV cell: quoted when needed, and a cell a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) is prefixed with
 * an apostrophe so it stays text.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvLabels {
  headers: [string, string, string, string, string, string, string, string, string];
  stage: (s: CaseStatus) => string;
  actor: (a: NextActor) => string;
  deadlineKind: (k: DeadlineKind) => string;
}

/** The dashboard as CSV: UTF-8 with a byte-order mark (Excel then reads Korean names right), CRLF line ends, dates as Korean days. */
export function dashboardCsv(rows: DashboardRow[], labels: CsvLabels): string {
  const lines = [labels.headers.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.receiptNumber,
        r.applicant,
        r.jobTitle,
        labels.stage(r.status),
        r.daysInStage,
        r.nextDeadline ? (r.nextDeadline.kind === "visa_expiry" ? r.nextDeadline.at : kstDay(new Date(r.nextDeadline.at))) : "",
        r.nextDeadline ? labels.deadlineKind(r.nextDeadline.kind) : "",
        labels.actor(r.actsNext),
        r.submittedAt ? kstDay(new Date(r.submittedAt)) : "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Guard for the CSV route and others: only employer accounts of an organisation. */
export function assertEmployer(ctx: UseCaseContext) {
  try {
    requireOrgMember(ctx.actor);
  } catch {
    throw new AppError("forbidden", "Only employer accounts have sponsored cases.");
  }
}
