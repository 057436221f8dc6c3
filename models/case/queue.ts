import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { AppError } from "../errors";
import type { CaseStatus } from "../lifecycle";
import type { Queryable } from "../platform/db";
import { fieldErrors } from "../dossier";
import { cases, type Case } from "../schema/cases";
import { users } from "../schema/users";
import { isUuid, loadCaseFor } from "./core";
import { QUEUE_PAGE_SIZE, queueSorts, queueStages, reviewStages, stagesFor, type QueueSort, type QueueStage, type ScreeningOutcome } from "./queue-shared";

export { isQueueStage, QUEUE_PAGE_SIZE, queueSorts, queueStages, reviewStages, screeningOutcomes, stagesFor, type QueueSort, type QueueStage } from "./queue-shared";

/**
 * O1: review queues. A case in a queue stage with no assignee waits in the
 * queue; "take next" claims the most urgent one (highest priority, then the
 * earliest SLA due date, then longest in its stage) atomically: `FOR UPDATE
 * SKIP LOCKED` lets concurrent officers each lock a different row, so two never
 * get the same case. "Evidence received" is a queue of its own: answered
 * requests, taken (or kept by the requesting officer) until an officer resumes
 * the review, asks again or proposes a decision.
 */

/**
 * The queues' order as one ascending key (migration 0006 indexes exactly these
 * expressions): priority (higher first), the stored SLA due date (none last),
 * longest in its stage, id. Keyset pages compare the key as a row.
 */
const keyPriority = sql`(-${cases.priority})`;
const keyDue = sql`coalesce(${cases.slaDueAt}, 'infinity'::timestamptz)`;
/** When the application came in (a case in a queue has always been submitted; created_at only guards the key). */
const keyReceived = sql`coalesce(${cases.submittedAt}, ${cases.createdAt})`;
const urgency = () => [asc(keyPriority), asc(keyDue), asc(cases.statusChangedAt), asc(cases.id)];

function requireOfficer(ctx: UseCaseContext) {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", "Only officers work the review queues.");
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
    // One index lookup per stage (cases_waiting_queue_idx: status, then the urgency key), each locking
    // its first free row; the most urgent of them is claimed, the other lock ends with the transaction.
    const candidates = [];
    for (const s of stages) {
        const [row] = await tx
          .select({ id: cases.id, status: cases.status, priority: cases.priority, dueUs: usOf(cases.slaDueAt), changedUs: usOf(cases.statusChangedAt) })
          .from(cases)
          .where(
            and(
              eq(cases.status, s),
              isNull(cases.assignedOfficerId),
              // Nobody takes the second review of their own decision.
              s === "decision_pending" ? sql`coalesce(${cases.decision}->>'proposedBy', '') <> ${ctx.actor.id}` : undefined,
            ),
          )
          .orderBy(...urgency())
          .limit(1)
          .for("update", { skipLocked: true });
        if (row) candidates.push({ ...row, key: orders.urgency.key({ ...row, receivedUs: null }) });
    }
    const next = candidates.sort((a, b) => compareAsc(a.key, b.key))[0];
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


/** A row of a queue list: what the page shows, without the dossier or the screening documents. */
export interface QueueRow {
  id: string;
  receiptNumber: string | null;
  applicant: string;
  status: CaseStatus;
  priority: number;
  statusChangedAt: Date;
  /** The stored SLA due date (null while paused or without a clock). */
  slaDueAt: Date | null;
  outcome: ScreeningOutcome | null;
  flags: number;
  assignedOfficerId: string | null;
}

/** The queue list's filters, order and page, as the page's URL carries them (`?stage=&assignee=&flags=&outcome=&sort=&after=&size=`). */
export const queueFilterSchema = z.object({
  stage: z.union([z.literal(""), z.enum(queueStages, { errorMap: () => ({ message: "Choose a stage from the list" }) })]).optional().transform((v) => v || undefined),
  /** "unassigned" (the waiting cases, default), "me", or an officer's id. */
  assignee: z
    .string()
    .optional()
    .transform((v) => v || "unassigned")
    .refine((v) => v === "unassigned" || v === "me" || isUuid(v), "Choose an officer from the list"),
  flags: z.enum(["", "any", "flagged", "none"], { errorMap: () => ({ message: "Choose flagged or not flagged" }) }).optional().transform((v) => (v === "flagged" || v === "none" ? v : undefined)),
  outcome: z
    .enum(["", "eligible", "not_eligible", "needs_review", "not_screened"], { errorMap: () => ({ message: "Choose a screening outcome from the list" }) })
    .optional()
    .transform((v) => v || undefined),
  /** The list's order: most urgent first (default), longest in its stage first, or the newest received first. */
  sort: z
    .enum(["", ...queueSorts], { errorMap: () => ({ message: "Choose an order from the list" }) })
    .optional()
    .transform((v) => (v || "urgency") as QueueSort),
  after: z.string().max(300).optional().transform((v) => v || undefined),
  size: z.coerce.number({ invalid_type_error: "The page size is a number" }).int("The page size is a whole number").min(1, "The page size is 1 to 200").max(200, "The page size is 1 to 200").optional(),
});
export type QueueFilter = z.input<typeof queueFilterSchema>;

/**
 * A list order as keyset pages need it: the key's SQL expressions (the columns of an index of migrations 0006 and
 * 0011, after the stage and the assignee), its direction, the key of a fetched row, and the key as SQL literals for
 * the row comparison. Every key ends with the id, so it is unique and a page boundary is exact.
 */
type KeyPart = number | null | string;
interface ListOrder {
  dir: "asc" | "desc";
  exprs: (SQL | AnyColumn)[];
  key(r: { priority: number; dueUs: number | string | null; changedUs: number | string | null; receivedUs: number | string | null; id: string }): KeyPart[];
  literals(k: KeyPart[]): SQL[];
  cursor: z.ZodType<KeyPart[]>;
}
const uuidPart = z.string().refine(isUuid);
const finite = (v: number | string | null) => (v === null || !Number.isFinite(Number(v)) ? null : Number(v));
const orders: Record<QueueSort, ListOrder> = {
  // Priority (higher first), the stored SLA due date (none last), longest in its stage, id.
  urgency: {
    dir: "asc",
    exprs: [keyPriority, keyDue, cases.statusChangedAt, cases.id],
    key: (r) => [-r.priority, finite(r.dueUs), Number(r.changedUs), r.id],
    literals: (k) => [sql`${k[0]}::int`, k[1] === null ? sql`'infinity'::timestamptz` : fromUs(k[1] as number), fromUs(k[2] as number), sql`${k[3]}::uuid`],
    cursor: z.tuple([z.number().int(), z.number().int().nullable(), z.number().int(), uuidPart]),
  },
  // Longest in its stage first (cases_waiting_since_idx / cases_assigned_since_idx).
  longest: {
    dir: "asc",
    exprs: [cases.statusChangedAt, cases.id],
    key: (r) => [Number(r.changedUs), r.id],
    literals: (k) => [fromUs(k[0] as number), sql`${k[1]}::uuid`],
    cursor: z.tuple([z.number().int(), uuidPart]),
  },
  // The newest application first (cases_waiting_received_idx / cases_assigned_received_idx).
  newest: {
    dir: "desc",
    exprs: [keyReceived, cases.id],
    key: (r) => [Number(r.receivedUs), r.id],
    literals: (k) => [fromUs(k[0] as number), sql`${k[1]}::uuid`],
    cursor: z.tuple([z.number().int(), uuidPart]),
  },
};

/** Ascending comparison of two keys of one order (a null due date counts as none: last). */
function compareAsc(a: KeyPart[], b: KeyPart[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? Number.POSITIVE_INFINITY;
    const y = b[i] ?? Number.POSITIVE_INFINITY;
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}
const compareIn = (o: ListOrder) => (a: KeyPart[], b: KeyPart[]) => (o.dir === "asc" ? compareAsc(a, b) : compareAsc(b, a));

// A page link carries its order: a link made for one order is refused by another, not misread.
const encodeCursor = (sort: QueueSort, k: KeyPart[]) => Buffer.from(JSON.stringify([sort, ...k])).toString("base64url");
function decodeCursor(sort: QueueSort, s: string): KeyPart[] {
  try {
    const [madeFor, ...k] = z.array(z.unknown()).min(2).parse(JSON.parse(Buffer.from(s, "base64url").toString("utf8")));
    if (madeFor !== sort) throw new Error("another order");
    return orders[sort].cursor.parse(k);
  } catch {
    throw new AppError("validation", "This page link is not valid any more: start again from the first page.", { after: "Start from the first page" });
  }
}
/** Microseconds since the epoch, exact (timestamps keep microseconds, a JS Date only milliseconds). */
const usOf = (e: SQL | AnyColumn) => sql<string | null>`(extract(epoch from ${e}) * 1000000)::bigint`.mapWith((v: string | null) => (v === null ? null : Number(v)));
const fromUs = (us: number) => sql`('epoch'::timestamptz + ${us}::bigint * interval '1 microsecond')`;

const queueColumns = {
  id: cases.id,
  receiptNumber: cases.receiptNumber,
  applicant: sql<string>`coalesce(${cases.dossier}->'personal'->>'fullName', '')`,
  status: cases.status,
  priority: cases.priority,
  statusChangedAt: cases.statusChangedAt,
  slaDueAt: cases.slaDueAt,
  outcome: sql<ScreeningOutcome | null>`${cases.screening}->'result'->>'outcome'`,
  flags: sql<number>`jsonb_array_length(${cases.flags})`.mapWith(Number),
  assignedOfficerId: cases.assignedOfficerId,
  dueUs: usOf(cases.slaDueAt),
  changedUs: usOf(cases.statusChangedAt),
  receivedUs: usOf(keyReceived),
};

/**
 * One page of a queue list in the chosen order (most urgent first by default): per stage one index range scan
 * (waiting cases on the cases_waiting_* indexes, an officer's on cases_assigned_*) from the cursor on, merged. The
 * flag and outcome filters are checked on the rows the scan meets.
 */
export async function queuePage(
  q: Queryable,
  stages: readonly QueueStage[],
  f: { assigneeId: string | null; flags?: "flagged" | "none"; outcome?: string; after?: string; size: number; sort?: QueueSort },
): Promise<{ rows: QueueRow[]; next: string | null }> {
  const sort = f.sort ?? "urgency";
  const order = orders[sort];
  const after = f.after ? decodeCursor(sort, f.after) : null;
  const direction = order.dir === "asc" ? asc : desc;
  const past = after ? sql`(${sql.join(order.exprs, sql`, `)}) ${order.dir === "asc" ? sql`>` : sql`<`} (${sql.join(order.literals(after), sql`, `)})` : undefined;
  const perStage = await Promise.all(
    stages.map((stage) =>
      q
        .select(queueColumns)
        .from(cases)
        .where(
          and(
            f.assigneeId ? eq(cases.assignedOfficerId, f.assigneeId) : isNull(cases.assignedOfficerId),
            eq(cases.status, stage),
            f.flags === "flagged" ? sql`jsonb_array_length(${cases.flags}) > 0` : f.flags === "none" ? sql`jsonb_array_length(${cases.flags}) = 0` : undefined,
            f.outcome === "not_screened" ? sql`${cases.screening} is null` : f.outcome ? sql`${cases.screening}->'result'->>'outcome' = ${f.outcome}` : undefined,
            past,
          ),
        )
        .orderBy(...order.exprs.map((e) => direction(e)))
        .limit(f.size + 1),
    ),
  );
  const compare = compareIn(order);
  const merged = perStage
    .flat()
    .map((r) => ({ r, key: order.key(r) }))
    .sort((a, b) => compare(a.key, b.key));
  const page = merged.slice(0, f.size);
  const more = merged.length > f.size;
  return {
    rows: page.map(({ r }) => ({
      id: r.id,
      receiptNumber: r.receiptNumber,
      applicant: r.applicant,
      status: r.status,
      priority: r.priority,
      statusChangedAt: r.statusChangedAt,
      slaDueAt: r.slaDueAt,
      outcome: r.outcome,
      flags: r.flags,
      assignedOfficerId: r.assignedOfficerId,
    })),
    next: more ? encodeCursor(sort, page[page.length - 1]!.key) : null,
  };
}

/** The queue page counts waiting cases up to this many per stage ("1,000+"). */
export const COUNT_CAP = 1000;

export interface QueueOverview {
  counts: { stage: QueueStage; waiting: number; waitingMore: boolean; assigned: number }[];
  mine: QueueRow[];
  /** The filtered list (waiting cases unless another assignee is chosen), one page. */
  waiting: QueueRow[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
  filter: { stage?: QueueStage; assignee: string; flags?: "flagged" | "none"; outcome?: string; size: number; sort: QueueSort };
  /** Senior officers: open assigned cases per officer. */
  loads: { officerId: string; name: string; role: string; cases: number }[] | null;
  colleagues: { id: string; name: string; role: string }[];
}

/** How many of an officer's own cases the page lists (an officer holds a few dozen at most). */
const MINE_LIMIT = 100;

/**
 * What the queue page shows: counts per stage, my cases, one page of the
 * filtered list (the most urgent waiting cases by default), and (seniors) each
 * officer's load. Each part is an index lookup (plans in docs/PERFORMANCE.md).
 */
export async function queueOverview(ctx: UseCaseContext, filter: QueueFilter = {}): Promise<QueueOverview> {
  requireOfficer(ctx);
  const parsed = queueFilterSchema.safeParse(filter);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    throw new AppError("validation", Object.values(errors)[0] ?? "Check the filters.", errors);
  }
  const f = parsed.data;
  const allowed = stagesFor(ctx.actor.role);
  if (f.stage && !allowed.includes(f.stage)) throw new AppError("forbidden", "Second reviews are listed for senior officers.");
  const assigneeId = f.assignee === "unassigned" ? null : f.assignee === "me" ? ctx.actor.id : f.assignee;
  const size = f.size ?? QUEUE_PAGE_SIZE;
  const [waitingCounts, assignedCounts, mine, list, colleagues] = await Promise.all([
    // Waiting cases per stage, counted up to COUNT_CAP (an index-only range of at most that many entries,
    // whatever the backlog: the statistics page has the exact backlog).
    Promise.all(
      queueStages.map(async (stage) => {
        const [r] = await ctx.db.select({ n: count() }).from(
          ctx.db.select({ one: sql`1`.as("one") }).from(cases).where(and(eq(cases.status, stage), isNull(cases.assignedOfficerId))).limit(COUNT_CAP + 1).as("w"),
        );
        return Number(r?.n ?? 0);
      }),
    ),
    // Cases with officers: bounded by the staff's workload, not by the table (cases_assigned_queue_idx, index only).
    ctx.db
      .select({ stage: cases.status, n: count() })
      .from(cases)
      .where(and(isNotNull(cases.assignedOfficerId), inArray(cases.status, [...queueStages])))
      .groupBy(cases.status),
    queuePage(ctx.db, queueStages, { assigneeId: ctx.actor.id, size: MINE_LIMIT }),
    queuePage(ctx.db, f.stage ? [f.stage] : allowed, { assigneeId, flags: f.flags, outcome: f.outcome, after: f.after, size, sort: f.sort }),
    listOfficers(ctx.db),
  ]);
  const counts = queueStages.map((stage, i) => {
    const waiting = waitingCounts[i]!;
    return { stage, waiting: Math.min(waiting, COUNT_CAP), waitingMore: waiting > COUNT_CAP, assigned: Number(assignedCounts.find((r) => r.stage === stage)?.n ?? 0) };
  });
  let loads: QueueOverview["loads"] = null;
  if (ctx.actor.role === "senior_officer") {
    // Counted from the assigned cases alone (cases_assigned_queue_idx, index only: bounded by the staff's workload),
    // then put beside every officer: a join from the users to all cases let the planner read the whole table
    // (599 ms for the page alone at 1,000,000 cases, against 262 ms at 100,000).
    const held = ctx.db
      .select({ officerId: sql<string>`${cases.assignedOfficerId}`.as("officer_id"), n: sql<number>`count(*)::int`.as("n") })
      .from(cases)
      .where(and(isNotNull(cases.assignedOfficerId), inArray(cases.status, [...queueStages])))
      .groupBy(cases.assignedOfficerId)
      .as("held");
    const rows = await ctx.db
      .select({ officerId: users.id, name: users.name, role: users.role, cases: sql<number>`coalesce(${held.n}, 0)` })
      .from(users)
      .leftJoin(held, eq(held.officerId, users.id))
      .where(or(eq(users.role, "officer"), eq(users.role, "senior_officer")))
      .orderBy(desc(sql`coalesce(${held.n}, 0)`), asc(users.name));
    loads = rows.map((r) => ({ ...r, cases: Number(r.cases) }));
  }
  return {
    counts,
    mine: mine.rows,
    waiting: list.rows,
    next: list.next,
    filter: { stage: f.stage, assignee: f.assignee, flags: f.flags, outcome: f.outcome, size, sort: f.sort },
    loads,
    colleagues: colleagues.filter((o) => o.id !== ctx.actor.id),
  };
}
