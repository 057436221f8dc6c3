import { and, count, desc, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { UseCaseContext } from "./actor";
import { AppError } from "./errors";
import { pendingStatuses } from "./lifecycle";
import type { Queryable } from "./platform/db";
import { caseEvents, cases } from "./schema/cases";
import { statisticsSnapshots } from "./schema/statistics";

/**
 * O8: figures for senior officers. Every figure is one SQL statement over the
 * cases and their timeline; weeks are ISO weeks in Korean time (Asia/Seoul),
 * the office's calendar. The page reads them from a snapshot the `stats.snapshot`
 * job stores every SNAPSHOT_EVERY_MS (decision 022): at 1,000,000 cases they take
 * seconds to compute, too long for each view.
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

/** The figures now, computed from the tables (the `stats.snapshot` job; tests). Senior officers only. */
export async function caseStatistics(ctx: UseCaseContext, opts: { now?: Date } = {}): Promise<CaseStatistics> {
  if (ctx.actor.role !== "senior_officer") throw new AppError("forbidden", "Statistics are for senior officers.");
  return computeStatistics(ctx.db, opts.now ?? new Date());
}

/** How often the `stats.snapshot` job recomputes the figures; the page says so. */
export const SNAPSHOT_EVERY_MS = 10 * 60_000;
/** Snapshots older than this are removed when a new one is stored (the newest is always kept). */
const KEEP_SNAPSHOTS_MS = 24 * 3600_000;

/** Compute the figures and store them as the newest snapshot (the job; and the page once, before any job ran). */
export async function takeStatisticsSnapshot(q: Queryable, now = new Date()): Promise<{ statistics: CaseStatistics; ms: number }> {
  const started = performance.now();
  const statistics = await computeStatistics(q, now);
  const ms = Math.round(performance.now() - started);
  await q.insert(statisticsSnapshots).values({ asOf: now, figures: { ...statistics, asOf: now.toISOString() }, ms });
  await q.delete(statisticsSnapshots).where(lt(statisticsSnapshots.asOf, new Date(now.getTime() - KEEP_SNAPSHOTS_MS)));
  return { statistics, ms };
}

/**
 * What the statistics page shows: the newest snapshot (one row), or, when no job has stored one yet (a new
 * installation), the figures computed now and stored. Senior officers only.
 */
export async function latestStatistics(ctx: UseCaseContext): Promise<CaseStatistics> {
  if (ctx.actor.role !== "senior_officer") throw new AppError("forbidden", "Statistics are for senior officers.");
  const [row] = await ctx.db.select().from(statisticsSnapshots).orderBy(desc(statisticsSnapshots.asOf)).limit(1);
  if (!row) return (await takeStatisticsSnapshot(ctx.db)).statistics;
  return { ...(row.figures as unknown as Omit<CaseStatistics, "asOf">), asOf: row.asOf };
}

async function computeStatistics(db: Queryable, now: Date): Promise<CaseStatistics> {
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - WINDOW_DAYS * 864e5);

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
    // A stay starts with the event entering a stage and ends with the case's next status change: each status
    // change in the window (case_events_status_changes_at_idx) ends the stay its case's previous one began
    // (case_events_status_changes_case_idx, one lookup), so the cost follows the window, not the whole timeline.
    rowsOf<{ stage: string; median_days: number | string | null; stays: number | string }>(
      db,
      sql`select p.to_status::text as stage,
                 percentile_cont(0.5) within group (order by extract(epoch from e.at - p.at)::float8 / 86400) as median_days,
                 count(*)::int as stays
          from ${caseEvents} e
          cross join lateral (
            select prev.to_status, prev.at
            from ${caseEvents} prev
            where prev.case_id = e.case_id and prev.to_status is not null and (prev.at, prev.id) < (e.at, e.id)
            order by prev.at desc, prev.id desc
            limit 1
          ) p
          where e.to_status is not null and e.at >= ${since.toISOString()}::timestamptz and e.at <= ${nowIso}::timestamptz
          group by p.to_status`,
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
