import { and, count, gte, inArray, lte, sql } from "drizzle-orm";
import type { UseCaseContext } from "./actor";
import { AppError } from "./errors";
import { pendingStatuses } from "./lifecycle";
import type { Queryable } from "./platform/db";
import { caseEvents, cases } from "./schema/cases";

/**
 * O8: figures for senior officers. Every figure is one SQL statement over the
 * cases and their timeline; weeks are ISO weeks in Korean time (Asia/Seoul),
 * the office's calendar.
 */
export const backlogStages = pendingStatuses;
export type BacklogStage = (typeof backlogStages)[number];

export const INTAKE_WEEKS = 12;
export const WINDOW_DAYS = 90;
const TIME_ZONE = "Asia/Seoul";

export interface CaseStatistics {
  asOf: Date;
  windowDays: number;
  /** Submissions per ISO week, oldest first, the current week last (weeks without any included). */
  intake: { week: string; startsOn: string; submitted: number }[];
  /** Open cases (drafts excluded) per stage, in lifecycle order. */
  backlog: { stage: BacklogStage; cases: number }[];
  /** Median days a case stayed in a stage, over the stays that ended in the window; null without any. */
  stageDays: { stage: BacklogStage; medianDays: number | null; stays: number }[];
  /** Open cases by SLA state; compliance = ok / open, null when nothing is open. */
  sla: { open: number; ok: number; atRisk: number; overdue: number; compliance: number | null };
  /** Decisions made in the window; rate = approved / (approved + refused), null without decisions. */
  decisions: { approved: number; refused: number; approvalRate: number | null };
}

/** Rows of a raw statement, whichever driver ran it (node-postgres and PGlite both answer `{ rows }`). */
async function rowsOf<T>(q: Queryable, statement: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await q.execute(statement)) as unknown as { rows: T[] };
  return res.rows;
}

export async function caseStatistics(ctx: UseCaseContext, opts: { now?: Date } = {}): Promise<CaseStatistics> {
  if (ctx.actor.role !== "senior_officer") throw new AppError("forbidden", "Statistics are for senior officers.");
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - WINDOW_DAYS * 864e5);
  const db = ctx.db;

  const [intake, backlogRows, stayRows, slaRows, decisionRows] = await Promise.all([
    rowsOf<{ week: string; starts_on: string; submitted: number | string }>(
      db,
      sql`with weeks as (
            select generate_series(
              date_trunc('week', ${nowIso}::timestamptz at time zone ${TIME_ZONE}) - interval '${sql.raw(String(INTAKE_WEEKS - 1))} weeks',
              date_trunc('week', ${nowIso}::timestamptz at time zone ${TIME_ZONE}),
              interval '1 week') as wk
          )
          select to_char(wk, 'IYYY-"W"IW') as week, to_char(wk, 'YYYY-MM-DD') as starts_on, count(c.id)::int as submitted
          from weeks
          left join ${cases} c
            on c.submitted_at >= (wk at time zone ${TIME_ZONE})
           and c.submitted_at < ((wk + interval '1 week') at time zone ${TIME_ZONE})
           and c.submitted_at <= ${nowIso}::timestamptz
          group by wk
          order by wk`,
    ),
    db
      .select({ stage: cases.status, n: count() })
      .from(cases)
      .where(inArray(cases.status, [...backlogStages]))
      .groupBy(cases.status),
    // A stay starts with the event entering a stage and ends with the case's next status change.
    rowsOf<{ stage: string; median_days: number | string | null; stays: number | string }>(
      db,
      sql`with stays as (
            select to_status as stage, at as entered,
                   lead(at) over (partition by case_id order by at, id) as left_at
            from ${caseEvents}
            where to_status is not null
          )
          select stage::text as stage,
                 percentile_cont(0.5) within group (order by extract(epoch from left_at - entered)::float8 / 86400) as median_days,
                 count(*)::int as stays
          from stays
          where left_at is not null and left_at >= ${since.toISOString()}::timestamptz and left_at <= ${nowIso}::timestamptz
          group by stage`,
    ),
    db
      .select({ state: cases.slaState, n: count() })
      .from(cases)
      .where(inArray(cases.status, [...backlogStages]))
      .groupBy(cases.slaState),
    db
      .select({ status: cases.status, n: count() })
      .from(cases)
      .where(and(inArray(cases.status, ["approved", "refused"]), gte(cases.statusChangedAt, since), lte(cases.statusChangedAt, now)))
      .groupBy(cases.status),
  ]);

  const slaCount = (s: string) => Number(slaRows.find((r) => r.state === s)?.n ?? 0);
  const open = slaRows.reduce((sum, r) => sum + Number(r.n), 0);
  const approved = Number(decisionRows.find((r) => r.status === "approved")?.n ?? 0);
  const refused = Number(decisionRows.find((r) => r.status === "refused")?.n ?? 0);
  return {
    asOf: now,
    windowDays: WINDOW_DAYS,
    intake: intake.map((r) => ({ week: r.week, startsOn: r.starts_on, submitted: Number(r.submitted) })),
    backlog: backlogStages.map((stage) => ({ stage, cases: Number(backlogRows.find((r) => r.stage === stage)?.n ?? 0) })),
    stageDays: backlogStages.map((stage) => {
      const r = stayRows.find((row) => row.stage === stage);
      return { stage, medianDays: r?.median_days == null ? null : Number(r.median_days), stays: Number(r?.stays ?? 0) };
    }),
    sla: { open, ok: slaCount("ok"), atRisk: slaCount("at_risk"), overdue: slaCount("overdue"), compliance: open ? slaCount("ok") / open : null },
    decisions: { approved, refused, approvalRate: approved + refused ? approved / (approved + refused) : null },
  };
}
