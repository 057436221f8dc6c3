import { and, count, eq, gt, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import type { UseCaseContext } from "../actor";
import type { CaseStatus } from "../lifecycle";
import { clockStage, elapsedMs, slaTargets, statusesOnClock, type SlaTargets } from "../sla";
import { caseEvents, cases, evidenceRequests, type Case } from "../schema/cases";
import { loadCaseFor } from "./core";

/**
 * A8: an estimate for THIS case, stated as a range, with its basis. Built from
 * the stage targets (models/sla-targets.json) and the current queue: how many
 * cases are ahead of this one in its stage, and how many the officers finished in
 * that stage over the last four weeks. The pure core (`estimateRange`) takes
 * those facts and a clock; `estimateForCase` gathers them from the database.
 *
 * How the range is made, in days from now:
 * - the current stage: the time left on its target, and (when the case waits in
 *   a queue and there is recent throughput) the time the queue ahead needs at the
 *   recent pace, (ahead + 1) / finished-per-day; the range spans the two. With no
 *   throughput to go on, it spans half the time left to all of it.
 * - each later stage: half its target to all of it.
 * - waiting on the applicant (evidence requested): from now to the deadline is
 *   added to the late end only (an early answer costs nothing).
 * - waiting on the sponsor: not counted (it is not the office's time); the basis says so.
 */

/** The stages a case still passes through after its current one, in order (by their clocks). */
const flow: CaseStatus[] = ["screening", "in_review", "decision_pending"];

export const THROUGHPUT_WINDOW_DAYS = 28;
const DAY = 864e5;

export interface EstimateFacts {
  status: CaseStatus;
  /** Time on the current stage's clock so far (ms, pauses counted out). */
  elapsedMs: number;
  /** Cases ahead of this one in its stage (0 when an officer is already on it). */
  ahead: number;
  /** An officer is working on the case (no queue wait). */
  assigned: boolean;
  /** Cases that left this stage in the last `windowDays`. */
  finishedInWindow: number;
  windowDays: number;
  /** The deadline of the open request for evidence, if the case waits on the applicant. */
  evidenceDeadline: Date | null;
}

export interface Estimate {
  earliest: string;
  latest: string;
  /** Whole days from now, low and high end. */
  fromDays: number;
  toDays: number;
  basis: {
    /** The clock stage the case is on now. */
    stage: CaseStatus;
    /** Target of the current stage in days (null: the stage has none, e.g. waiting for the sponsor). */
    stageTargetDays: number | null;
    /** Queue facts used, or null when the queue did not count (assigned, no throughput, no queue). */
    queue: { ahead: number; finished: number; windowDays: number } | null;
    assigned: boolean;
    /** Later stages counted with their targets in days. */
    later: { stage: CaseStatus; targetDays: number }[];
    waitingOn: "sponsor" | "applicant" | "office";
    targetsVersion: string;
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Pure: the range for a case from its facts, at `now`. Null for drafts and closed cases. */
export function estimateRange(f: EstimateFacts, now: Date, targets: SlaTargets = slaTargets): Estimate | null {
  if (["draft", "approved", "refused", "withdrawn"].includes(f.status)) return null;
  const targetDays = (s: CaseStatus) => {
    const h = targets.stages[s as keyof SlaTargets["stages"]];
    return h === undefined ? null : h / 24;
  };
  const waitingOnSponsor = f.status === "submitted" || f.status === "awaiting_sponsor";
  const stage = waitingOnSponsor ? "awaiting_sponsor" : clockStage(f.status, targets);
  let low = 0;
  let high = 0;
  let queue: Estimate["basis"]["queue"] = null;
  const stageTarget = targetDays(stage);

  if (!waitingOnSponsor && stageTarget !== null) {
    const left = Math.max(0, stageTarget - f.elapsedMs / DAY);
    const rate = f.windowDays > 0 ? f.finishedInWindow / f.windowDays : 0;
    const inQueue = !f.assigned && f.status !== "evidence_requested" && rate > 0;
    if (inQueue) {
      const q = (f.ahead + 1) / rate;
      queue = { ahead: f.ahead, finished: f.finishedInWindow, windowDays: f.windowDays };
      low += Math.min(q, left);
      high += Math.max(q, left);
    } else {
      low += left / 2;
      high += left;
    }
  }
  if (f.status === "evidence_requested" && f.evidenceDeadline) high += Math.max(0, (f.evidenceDeadline.getTime() - now.getTime()) / DAY);

  const next = waitingOnSponsor ? 0 : flow.indexOf(stage) + 1;
  const later = flow.slice(Math.max(0, next)).flatMap((s) => {
    const d = targetDays(s);
    return d === null ? [] : [{ stage: s, targetDays: round1(d) }];
  });
  for (const l of later) {
    low += l.targetDays / 2;
    high += l.targetDays;
  }
  const fromDays = Math.max(0, Math.floor(low));
  const toDays = Math.max(fromDays + 1, Math.ceil(high));
  return {
    earliest: new Date(now.getTime() + fromDays * DAY).toISOString(),
    latest: new Date(now.getTime() + toDays * DAY).toISOString(),
    fromDays,
    toDays,
    basis: {
      stage,
      stageTargetDays: stageTarget === null ? null : round1(stageTarget),
      queue,
      assigned: f.assigned,
      later,
      waitingOn: waitingOnSponsor ? "sponsor" : f.status === "evidence_requested" ? "applicant" : "office",
      targetsVersion: targets.version,
    },
  };
}

/** The queue facts of a case: cases ahead of it in its stage, and the stage's recent throughput. */
export async function estimateFacts(db: UseCaseContext["db"], c: Case, now: Date, targets: SlaTargets = slaTargets): Promise<EstimateFacts> {
  const stage = clockStage(c.status, targets);
  const statuses = statusesOnClock(stage, targets);
  const waiting = statuses.filter((s): s is Exclude<CaseStatus, "evidence_requested"> => s !== "evidence_requested") as CaseStatus[];
  const assigned = Boolean(c.assignedOfficerId);
  let ahead = 0;
  if (!assigned && waiting.length && waiting.includes(c.status)) {
    const entered = c.slaStartedAt ?? c.statusChangedAt;
    const [row] = await db
      .select({ n: count() })
      .from(cases)
      .where(
        and(
          inArray(cases.status, waiting),
          ne(cases.id, c.id),
          or(
            gt(cases.priority, c.priority),
            and(eq(cases.priority, c.priority), sql`coalesce(${cases.slaStartedAt}, ${cases.statusChangedAt}) < ${entered.toISOString()}`),
          ),
        ),
      );
    ahead = row?.n ?? 0;
  }
  const since = new Date(now.getTime() - THROUGHPUT_WINDOW_DAYS * DAY);
  const [done] = await db
    .select({ n: count() })
    .from(caseEvents)
    .where(and(inArray(caseEvents.fromStatus, statuses), notInArray(caseEvents.toStatus, statuses), gt(caseEvents.at, since)));
  const [open] =
    c.status === "evidence_requested"
      ? await db
          .select({ deadline: evidenceRequests.deadline })
          .from(evidenceRequests)
          .where(and(eq(evidenceRequests.caseId, c.id), eq(evidenceRequests.status, "open")))
      : [];
  return {
    status: c.status,
    elapsedMs: elapsedMs(c, now),
    ahead,
    assigned,
    finishedInWindow: done?.n ?? 0,
    windowDays: THROUGHPUT_WINDOW_DAYS,
    evidenceDeadline: open?.deadline ?? null,
  };
}

/** A8: the estimate for a case the actor may see (null for drafts and closed cases). */
export async function estimateForCase(ctx: UseCaseContext, caseId: string, now = new Date()): Promise<Estimate | null> {
  const c = await loadCaseFor(ctx.db, ctx.actor, caseId);
  if (estimateRange({ status: c.status, elapsedMs: 0, ahead: 0, assigned: false, finishedInWindow: 0, windowDays: 0, evidenceDeadline: null }, now) === null) return null;
  return estimateRange(await estimateFacts(ctx.db, c, now), now);
}
