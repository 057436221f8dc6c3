import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { AppError } from "../errors";
import type { CaseStatus } from "../lifecycle";
import type { Queryable } from "../platform/db";
import { slaTargets, targetHoursFor } from "../sla";
import { cases, type Case } from "../schema/cases";
import { users } from "../schema/users";
import { loadCaseFor } from "./core";

/**
 * O1: review queues. A case in a queue stage with no assignee waits in the
 * queue; "take next" claims the most urgent one (highest priority, then the
 * earliest SLA due date, then longest in its stage) atomically: `FOR UPDATE
 * SKIP LOCKED` lets concurrent officers each lock a different row, so two never
 * get the same case. "Evidence received" is a queue of its own: answered
 * requests, taken (or kept by the requesting officer) until an officer resumes
 * the review, asks again or proposes a decision.
 */
export const queueStages = ["in_review", "evidence_received", "decision_pending"] as const satisfies readonly CaseStatus[];
export type QueueStage = (typeof queueStages)[number];
/** The first-review stages: "take next case" draws from all of them at once. */
export const reviewStages = ["in_review", "evidence_received"] as const satisfies readonly QueueStage[];
export const isQueueStage = (v: unknown): v is QueueStage => (queueStages as readonly unknown[]).includes(v);

/**
 * When the case's SLA clock falls due (null without a clock): started + target
 * + time paused. Statuses sharing a clock share its target (models/sla.ts).
 */
function dueAtSql(targets = slaTargets) {
  const whens = queueStages
    .map((s) => [s, targetHoursFor(s, targets)] as const)
    .filter(([, h]) => h !== undefined)
    .map(([s, h]) => `when '${s}' then ${Math.round(h! * 3600_000)}`)
    .join(" ");
  return sql`(${cases.slaStartedAt} + (${cases.slaPausedMs} + (case ${cases.status}::text ${sql.raw(whens)} end)) * interval '1 millisecond')`;
}
/** Most urgent first: priority, then due date, then longest in the stage. */
const urgency = () => [desc(cases.priority), sql`${dueAtSql()} asc nulls last`, asc(cases.statusChangedAt), asc(cases.id)];

function requireOfficer(ctx: UseCaseContext) {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", "Only officers work the review queues.");
}

/** Which stages an officer may take from: second reviews are for senior officers. */
export function stagesFor(role: UseCaseContext["actor"]["role"]): QueueStage[] {
  return role === "senior_officer" ? [...queueStages] : [...reviewStages];
}

/**
 * Claim the most urgent unassigned case of a stage, or (no stage) of every
 * first-review stage at once (in review and evidence received); null when the
 * queue is empty.
 */
export async function takeNextCase(ctx: UseCaseContext, stage?: QueueStage): Promise<Case | null> {
  requireOfficer(ctx);
  if (stage && !stagesFor(ctx.actor.role).includes(stage)) throw new AppError("forbidden", "Second reviews are taken by senior officers.");
  const stages: readonly QueueStage[] = stage ? [stage] : reviewStages;
  return ctx.db.transaction(async (tx) => {
    const eligible = and(
      inArray(cases.status, [...stages]),
      isNull(cases.assignedOfficerId),
      // Nobody takes the second review of their own decision.
      stage === "decision_pending" ? sql`coalesce(${cases.decision}->>'proposedBy', '') <> ${ctx.actor.id}` : undefined,
    );
    const [next] = await tx
      .select({ id: cases.id, status: cases.status })
      .from(cases)
      .where(eligible)
      .orderBy(...urgency())
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next) return null;
    const [claimed] = await tx
      .update(cases)
      .set({ assignedOfficerId: ctx.actor.id, assignedAt: new Date() })
      .where(eq(cases.id, next.id))
      .returning();
    await audit(tx, { actor: ctx.actor, action: "case.claim", caseId: next.id, ip: ctx.ip, data: { stage: next.status } });
    return claimed!;
  });
}

/** Hand a case to a colleague (or to oneself). Officers move their own or unassigned cases; senior officers any. */
export async function assignCase(ctx: UseCaseContext, caseId: string, officerId: string): Promise<Case> {
  requireOfficer(ctx);
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (!(queueStages as readonly string[]).includes(c.status)) throw new AppError("invalid_state", "Only cases in review, with evidence received or in second review are assigned.");
    if (ctx.actor.role !== "senior_officer" && c.assignedOfficerId && c.assignedOfficerId !== ctx.actor.id) {
      throw new AppError("forbidden", "This case is with another officer; a senior officer can reassign it.");
    }
    const [target] = await tx.select().from(users).where(eq(users.id, officerId));
    if (!target || !isOfficer(target.role)) throw new AppError("validation", "Choose an officer.", { officerId: "Choose an officer" });
    if (c.status === "decision_pending" && (target.role !== "senior_officer" || c.decision?.proposedBy === target.id)) {
      throw new AppError("validation", "A second review goes to a senior officer other than the one who proposed the decision.", { officerId: "Choose another senior officer" });
    }
    const [row] = await tx.update(cases).set({ assignedOfficerId: target.id, assignedAt: new Date() }).where(eq(cases.id, c.id)).returning();
    await audit(tx, { actor: ctx.actor, action: "case.assign", caseId: c.id, ip: ctx.ip, data: { from: c.assignedOfficerId, to: target.id } });
    return row!;
  });
}

/** Put a case back in the queue. The assignee or a senior officer may. */
export async function releaseCase(ctx: UseCaseContext, caseId: string): Promise<Case> {
  requireOfficer(ctx);
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (!c.assignedOfficerId) return c;
    if (c.assignedOfficerId !== ctx.actor.id && ctx.actor.role !== "senior_officer") {
      throw new AppError("forbidden", "Only the assigned officer or a senior officer can release this case.");
    }
    const [row] = await tx.update(cases).set({ assignedOfficerId: null, assignedAt: null }).where(eq(cases.id, c.id)).returning();
    await audit(tx, { actor: ctx.actor, action: "case.release", caseId: c.id, ip: ctx.ip, data: { from: c.assignedOfficerId } });
    return row!;
  });
}

/** Every officer and senior officer, for assignment choices. */
export async function listOfficers(q: Queryable) {
  return q
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.role, ["officer", "senior_officer"]))
    .orderBy(asc(users.name));
}

export interface QueueOverview {
  counts: { stage: QueueStage; waiting: number; assigned: number }[];
  mine: Case[];
  waiting: Case[];
  /** Senior officers: open assigned cases per officer. */
  loads: { officerId: string; name: string; role: string; cases: number }[] | null;
  colleagues: { id: string; name: string; role: string }[];
}

/** What the queue page shows: counts per stage, my cases, the most urgent waiting cases, and (seniors) each officer's load. */
export async function queueOverview(ctx: UseCaseContext, limit = 50): Promise<QueueOverview> {
  requireOfficer(ctx);
  const stages = stagesFor(ctx.actor.role);
  const [countRows, mine, waiting, colleagues] = await Promise.all([
    ctx.db
      .select({ stage: cases.status, assigned: sql<boolean>`${cases.assignedOfficerId} is not null`, n: count() })
      .from(cases)
      .where(inArray(cases.status, [...queueStages]))
      .groupBy(cases.status, sql`${cases.assignedOfficerId} is not null`),
    ctx.db
      .select()
      .from(cases)
      .where(and(eq(cases.assignedOfficerId, ctx.actor.id), inArray(cases.status, [...queueStages])))
      .orderBy(...urgency()),
    ctx.db
      .select()
      .from(cases)
      .where(and(inArray(cases.status, stages), isNull(cases.assignedOfficerId)))
      .orderBy(...urgency())
      .limit(limit),
    listOfficers(ctx.db),
  ]);
  const counts = queueStages.map((stage) => ({
    stage,
    waiting: Number(countRows.find((r) => r.stage === stage && !r.assigned)?.n ?? 0),
    assigned: Number(countRows.find((r) => r.stage === stage && r.assigned)?.n ?? 0),
  }));
  let loads: QueueOverview["loads"] = null;
  if (ctx.actor.role === "senior_officer") {
    const rows = await ctx.db
      .select({ officerId: users.id, name: users.name, role: users.role, cases: sql<number>`count(${cases.id})::int` })
      .from(users)
      .leftJoin(cases, and(eq(cases.assignedOfficerId, users.id), inArray(cases.status, [...queueStages])))
      .where(or(eq(users.role, "officer"), eq(users.role, "senior_officer")))
      .groupBy(users.id, users.name, users.role)
      .orderBy(desc(sql`count(${cases.id})`), asc(users.name));
    loads = rows.map((r) => ({ ...r, cases: Number(r.cases) }));
  }
  return { counts, mine, waiting, loads, colleagues: colleagues.filter((o) => o.id !== ctx.actor.id) };
}

