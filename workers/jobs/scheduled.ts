import { expireOverdueRequests } from "../../models/case/evidence";
import { sweepOrphanFiles } from "../../models/orphan-files";
import { scanSla } from "../../models/sla";
import { SNAPSHOT_EVERY_MS, takeStatisticsSnapshot } from "../../models/stats";
import type { JobContext } from "../context";
import { defineJob } from "../definition";

/** O2: mark cases at risk or overdue and notify (every minute). */
export const slaScan = defineJob({ name: "sla.scan", queue: "screening", attempts: 1, run: (_p, ctx: JobContext) => scanSla(ctx.db) });

/** O5: expire requests for evidence whose deadline passed (every minute). */
export const evidenceExpire = defineJob({ name: "evidence.expire", queue: "screening", attempts: 1, run: (_p, ctx: JobContext) => expireOverdueRequests(ctx.db) });

/** Issue 17 item 6: remove stored files that no row points at, older than a day (every hour). */
export const sweepOrphans = defineJob({ name: "storage.sweep_orphans", queue: "screening", attempts: 1, run: (_p, ctx: JobContext) => sweepOrphanFiles(ctx) });

/** O8: the statistics page's figures, computed into a snapshot (every 10 minutes; decision 022). */
export const statsSnapshot = defineJob({
  name: "stats.snapshot",
  queue: "screening",
  attempts: 1,
  run: async (_p, ctx: JobContext) => {
    const { ms } = await takeStatisticsSnapshot(ctx.db);
    ctx.log?.info({ ms }, "statistics snapshot stored");
    return { ms };
  },
});

/** Repeatable jobs and their period; registered by the worker runtime as BullMQ job schedulers. */
export const schedules = [
  { name: "sla.scan", everyMs: 60_000 },
  { name: "evidence.expire", everyMs: 60_000 },
  { name: "storage.sweep_orphans", everyMs: 60 * 60_000 },
  { name: "stats.snapshot", everyMs: SNAPSHOT_EVERY_MS },
] as const;
