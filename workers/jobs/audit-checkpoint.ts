import { checkpointAudit } from "../../models/audit";
import { logger } from "../../models/platform/log";
import type { JobContext } from "../context";
import { defineJob } from "../definition";

/**
 * O9, decision 015: publish the heads of the audit chains every minute. The checkpoint
 * is stored (verification recomputes it) and logged, so a copy leaves the database:
 * records up to it can no longer be removed from the end of a chain unnoticed.
 */
export default defineJob({
  name: "audit.checkpoint",
  queue: "screening",
  attempts: 1,
  run: async (_p, ctx: JobContext) => {
    const cp = await checkpointAudit(ctx.db);
    if (cp) (ctx.log ?? logger()).info({ checkpoint: cp.id, at: cp.at.toISOString(), upToId: cp.upToId, digest: cp.digest }, "audit checkpoint published");
    return cp ? { id: cp.id, upToId: cp.upToId, digest: cp.digest } : null;
  },
});

/** Registered by the worker runtime as a BullMQ job scheduler, like the other repeatable jobs. */
export const auditSchedules = [{ name: "audit.checkpoint", everyMs: 60_000 }] as const;
