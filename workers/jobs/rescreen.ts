import { planRescreening, rescreenCases } from "../../models/case/rescreen";
import type { JobPayload } from "../../models/jobs";
import type { JobContext } from "../context";
import { defineJob } from "../definition";

/** A policy version was published: plan the re-screening of open cases in batches. */
export async function runAll(_payload: JobPayload<"screening.rescreen_all">, ctx: JobContext) {
  return planRescreening(ctx.db);
}

/** Re-screen one batch; idempotent (an unchanged result writes nothing). */
export async function runBatch(payload: JobPayload<"screening.rescreen_batch">, ctx: JobContext) {
  return rescreenCases(ctx.db, payload.caseIds);
}

export const rescreenAll = defineJob({ name: "screening.rescreen_all", queue: "screening", run: runAll });
export const rescreenBatch = defineJob({ name: "screening.rescreen_batch", queue: "screening", run: runBatch });
