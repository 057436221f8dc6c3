import { and, eq, sql } from "drizzle-orm";
import { audit } from "../audit";
import { isEmployer, isOfficer, type ActorRef } from "../actor";
import { AppError, notFound } from "../errors";
import { enqueue, type JobName, type JobPayload } from "../jobs";
import { planTransition, type CaseAction } from "../lifecycle";
import { slaDueAt as dueAtOf, slaOnTransition } from "../sla"; // O2: the SLA clock follows the stage
import type { Queryable, Tx } from "../platform/db";
import { caseEvents, cases, type Case } from "../schema/cases";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from a URL or form is looked up only if it is one (the database refuses anything else with an error). */
export const isUuid = (s: string) => uuidPattern.test(s);

/** May this actor see this case at all? Anything else is answered 404, never 403. */
export function canSeeCase(actor: ActorRef, c: Pick<Case, "applicantId" | "organizationId" | "status">): boolean {
  if (actor.role === "applicant") return c.applicantId === actor.id;
  if (isEmployer(actor.role)) return c.status !== "draft" && c.organizationId !== null && c.organizationId === actor.organizationId;
  if (isOfficer(actor.role)) return c.status !== "draft";
  return false;
}

/** Load a case the actor may see, optionally locking the row for this transaction. */
export async function loadCaseFor(q: Queryable, actor: ActorRef, caseId: string, opts: { forUpdate?: boolean } = {}): Promise<Case> {
  if (!uuidPattern.test(caseId)) throw notFound();
  const query = q.select().from(cases).where(eq(cases.id, caseId));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row || !canSeeCase(actor, row)) throw notFound();
  return row;
}

/** A case the caller already loaded for this actor (a page loads it once), or its id to load now. */
export type CaseRef = string | Case;

/** The case of a `CaseRef`, authorised for the actor either way (a loaded case is checked again, without a query). */
export async function resolveCase(q: Queryable, actor: ActorRef, ref: CaseRef): Promise<Case> {
  if (typeof ref === "string") return loadCaseFor(q, actor, ref);
  if (!canSeeCase(actor, ref)) throw notFound();
  return ref;
}

export async function loadCaseForSystem(q: Queryable, caseId: string, opts: { forUpdate?: boolean } = {}): Promise<Case | null> {
  const query = q.select().from(cases).where(eq(cases.id, caseId));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

type JobRequest = { [N in JobName]: { job: N; payload: JobPayload<N> } }[JobName];

/**
 * Move a case through one row of the transition table, in the caller's transaction:
 * check the table, update the status (guarded by the row version), append the
 * timeline event, write the audit record, and put the follow-up jobs in the outbox.
 * A `notify.case_event` job is always recorded so the parties hear of it.
 */
export async function applyTransition(
  tx: Tx,
  c: Case,
  action: CaseAction,
  who: ActorRef | "system",
  opts: {
    set?: Partial<Omit<Case, "id" | "status" | "version">>;
    eventData?: Record<string, unknown>;
    jobs?: JobRequest[];
    ip?: string | null;
    /** The clock (tests and scheduled jobs pass it). */
    now?: Date;
  } = {},
): Promise<Case> {
  const plan = planTransition(action, c.status, who === "system" ? "system" : who.role);
  if (!plan.ok) {
    throw new AppError(plan.reason === "wrong_actor" ? "forbidden" : "invalid_state", plan.message);
  }
  const now = opts.now ?? new Date();
  const moved = { ...slaOnTransition(c, plan.to, now), ...opts.set };
  // The stored due date follows the clock in the same statement (the queues' order is an index on it).
  const slaDueAt = dueAtOf({ ...c, ...moved, status: plan.to });
  const [updated] = await tx
    .update(cases)
    .set({ ...moved, slaDueAt, status: plan.to, version: sql`${cases.version} + 1`, updatedAt: now, statusChangedAt: now })
    .where(and(eq(cases.id, c.id), eq(cases.version, c.version)))
    .returning();
  if (!updated) throw new AppError("conflict", "This case was changed by someone else meanwhile. Reload the page and try again.");
  const actorId = who === "system" ? null : who.id;
  const [event] = await tx
    .insert(caseEvents)
    .values({ caseId: c.id, actorId, type: action, fromStatus: c.status, toStatus: plan.to, data: opts.eventData ?? {}, at: now })
    .returning({ id: caseEvents.id });
  await audit(tx, { actor: who, action: `case.${action}`, caseId: c.id, ip: opts.ip, data: { from: c.status, to: plan.to, ...opts.eventData } });
  await enqueue(tx, "notify.case_event", { eventId: event!.id });
  for (const j of opts.jobs ?? []) await enqueue(tx, j.job, j.payload as never);
  return updated;
}
