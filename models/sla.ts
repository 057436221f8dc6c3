import { and, eq, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { auditMany } from "./audit";
import { enqueue } from "./jobs";
import { caseStatuses, type CaseStatus } from "./lifecycle";
import type { Db } from "./platform/db";
import { caseEvents, cases, type Case } from "./schema/cases";
import targetsJson from "./sla-targets.json";

/**
 * O2: service-level targets per stage, as versioned data. A stage's clock runs
 * from entering the stage, minus the time the case waited on the applicant.
 * Some statuses run on another stage's clock (`clocks`): while evidence is
 * requested the review clock is paused, and when the evidence is received it
 * runs on (the officer's review resumes; no fresh target).
 */
const clockStages = ["screening", "in_review", "decision_pending"] as const;
export const slaTargetsSchema = z.object({
  id: z.literal("sla-targets"),
  version: z.string().min(1),
  note: z.string().optional(),
  atRiskShare: z.number().gt(0).lt(1),
  stages: z.record(z.enum(clockStages), z.number().positive()),
  clocks: z.record(z.enum(caseStatuses), z.enum(clockStages)).default({}),
});
export type SlaTargets = z.infer<typeof slaTargetsSchema>;
export const slaTargets: SlaTargets = slaTargetsSchema.parse(targetsJson);

/** The stage whose clock a status runs on (its own unless the targets say otherwise). */
export function clockStage(status: CaseStatus, targets: SlaTargets = slaTargets): CaseStatus {
  return targets.clocks[status] ?? status;
}

/** The target in hours for a case in this status (undefined: no target). */
export function targetHoursFor(status: CaseStatus, targets: SlaTargets = slaTargets): number | undefined {
  return targets.stages[clockStage(status, targets) as keyof SlaTargets["stages"]];
}

/** Every status whose time counts on the clock of `stage`. */
export function statusesOnClock(stage: CaseStatus, targets: SlaTargets = slaTargets): CaseStatus[] {
  return caseStatuses.filter((s) => clockStage(s, targets) === stage);
}

/**
 * How a transition moves the clock (called by `applyTransition`). A request for
 * evidence pauses it; a move between statuses on the same clock (the evidence
 * received, the request expired, an officer resuming review) lets it run on with
 * the pause counted out; any other move starts the new stage's clock afresh.
 */
export function slaOnTransition(c: Pick<Case, "status" | "slaPausedAt" | "slaPausedMs">, to: CaseStatus, now: Date, targets: SlaTargets = slaTargets): Partial<Case> {
  if (to === "evidence_requested") return { slaPausedAt: c.slaPausedAt ?? now };
  if (clockStage(c.status, targets) === clockStage(to, targets)) {
    const paused = c.slaPausedAt ? now.getTime() - c.slaPausedAt.getTime() : 0;
    return { slaPausedAt: null, slaPausedMs: c.slaPausedMs + Math.max(0, paused) };
  }
  return { slaStartedAt: now, slaPausedMs: 0, slaPausedAt: null, slaState: "ok" };
}

/**
 * When the case's running clock falls due: started + target + time paused so
 * far; null while paused (waiting on a party) or without a clock or target.
 * Stored in `cases.sla_due_at` (the queues' order is an index on it):
 * `applyTransition` sets it in the transaction of every move of the clock.
 */
export function slaDueAt(c: Pick<Case, "status" | "slaStartedAt" | "slaPausedMs" | "slaPausedAt">, targets: SlaTargets = slaTargets): Date | null {
  const hours = targetHoursFor(c.status, targets);
  if (!hours || !c.slaStartedAt || c.slaPausedAt) return null;
  return new Date(c.slaStartedAt.getTime() + c.slaPausedMs + Math.round(hours * 3600_000));
}

/**
 * `slaDueAt` as SQL text over four SQL expressions of the clock (the bench
 * seeder's draws, or the row's own columns); migration 0006 has the same for
 * the 2025.2 targets.
 */
export function slaDueAtSqlText(c: { status: string; startedAt: string; pausedMs: string; pausedAt: string }, targets: SlaTargets = slaTargets): string {
  const whens = caseStatuses
    .map((s) => [s, targetHoursFor(s, targets)] as const)
    .filter(([, h]) => h !== undefined)
    .map(([s, h]) => `when '${s}' then ${Math.round(h! * 3600_000)}`)
    .join(" ");
  return `case when ${c.pausedAt} is null then ${c.startedAt} + (${c.pausedMs} + (case ${c.status}::text ${whens} end)) * interval '1 millisecond' end`;
}
const slaDueAtSql = (targets: SlaTargets) =>
  sql.raw(slaDueAtSqlText({ status: '"cases"."status"', startedAt: '"cases"."sla_started_at"', pausedMs: '"cases"."sla_paused_ms"', pausedAt: '"cases"."sla_paused_at"' }, targets));

/**
 * After a new version of the targets: recompute every stored due date (one
 * set-based UPDATE of the cases whose date changes). Returns the rows changed.
 */
export async function recomputeSlaDueAt(db: Db, targets: SlaTargets = slaTargets): Promise<number> {
  const due = slaDueAtSql(targets);
  const rows = await db.update(cases).set({ slaDueAt: due }).where(sql`${cases.slaDueAt} is distinct from ${due}`).returning({ id: cases.id });
  return rows.length;
}

/** Time on the clock of the case's current stage, in ms (the pause so far counts out). */
export function elapsedMs(c: Pick<Case, "slaStartedAt" | "slaPausedMs" | "slaPausedAt">, now: Date): number {
  if (!c.slaStartedAt) return 0;
  const pausedNow = c.slaPausedAt ? now.getTime() - c.slaPausedAt.getTime() : 0;
  return Math.max(0, now.getTime() - c.slaStartedAt.getTime() - c.slaPausedMs - pausedNow);
}

/** What the case page shows: the stage's target, time used, and when it falls due (null when the stage has no target). */
export function slaView(c: Pick<Case, "status" | "slaStartedAt" | "slaPausedMs" | "slaPausedAt" | "slaState">, now: Date, targets = slaTargets) {
  const stage = clockStage(c.status, targets);
  const hours = targetHoursFor(c.status, targets);
  if (!hours || !c.slaStartedAt) return null;
  const used = elapsedMs(c, now);
  const target = hours * 3600_000;
  return { stage, targetHours: hours, usedHours: used / 3600_000, paused: Boolean(c.slaPausedAt), dueAt: c.slaPausedAt ? null : new Date(now.getTime() + target - used).toISOString(), state: c.slaState };
}

/**
 * Scheduled every minute: mark cases whose clock crossed 75% of the target as
 * at risk (the assignee is told) and those past it as overdue (escalated to the
 * senior officers). Each crossing is recorded once, as an event on the case.
 */
export async function scanSla(db: Db, now = new Date(), targets = slaTargets): Promise<{ atRisk: number; overdue: number }> {
  const result = { atRisk: 0, overdue: 0 };
  for (const [stage, hours] of Object.entries(targets.stages) as [CaseStatus, number][]) {
    const statuses = statusesOnClock(stage, targets);
    for (const level of ["overdue", "at_risk"] as const) {
      const ms = Math.round(hours * 3600_000 * (level === "overdue" ? 1 : targets.atRiskShare));
      const crossed = and(
        inArray(cases.status, statuses),
        isNull(cases.slaPausedAt),
        isNotNull(cases.slaStartedAt),
        level === "overdue" ? ne(cases.slaState, "overdue") : eq(cases.slaState, "ok"),
        lt(sql`${cases.slaStartedAt} + (${cases.slaPausedMs} + ${ms}) * interval '1 millisecond'`, now),
      );
      await db.transaction(async (tx) => {
        const rows = await tx.update(cases).set({ slaState: level }).where(crossed).returning({ id: cases.id });
        if (rows.length === 0) return;
        const events = await tx
          .insert(caseEvents)
          .values(rows.map((r) => ({ caseId: r.id, type: `sla_${level}`, data: { stage, targetHours: hours }, at: now })))
          .returning({ id: caseEvents.id });
        await auditMany(tx, rows.map((r) => ({ actor: "system" as const, action: `case.sla_${level}`, caseId: r.id, data: { stage } })));
        for (const e of events) await enqueue(tx, "notify.case_event", { eventId: e.id });
        result[level === "overdue" ? "overdue" : "atRisk"] += rows.length;
      });
    }
  }
  return result;
}

