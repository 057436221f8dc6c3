import { completeScreening } from "../../models/case/actions";
import type { JobPayload } from "../../models/jobs";
import type { JobContext } from "../context";
import { defineJob } from "../definition";

/** O3: screen a case once its sponsor has confirmed. A case that moved on is left alone. */
export async function run(payload: JobPayload<"screening.run">, ctx: JobContext) {
  const result = await completeScreening(ctx.db, payload.caseId);
  return result ? ("screened" as const) : ("skipped" as const);
}

export default defineJob({ name: "screening.run", queue: "screening", run });
