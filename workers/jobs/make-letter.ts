import { makeDecisionLetter } from "../../models/case/letter";
import type { JobPayload } from "../../models/jobs";
import type { JobContext } from "../context";
import { defineJob } from "../definition";

/** O6: make the decision letter of a confirmed decision. Idempotent: a case with a letter is skipped. */
export async function run(payload: JobPayload<"letter.make">, ctx: JobContext) {
  return makeDecisionLetter({ db: ctx.db, storage: ctx.storage }, payload.caseId);
}

export default defineJob({ name: "letter.make", queue: "notifications", run });
