import type { JobName } from "../models/jobs";
import type { JobDefinition, QueueName } from "./definition";
import makeLetter from "./jobs/make-letter";
import notifyCaseEvent from "./jobs/notify-case-event";
import { rescreenAll, rescreenBatch } from "./jobs/rescreen";
import runScreening from "./jobs/run-screening";
import { evidenceExpire, slaScan } from "./jobs/scheduled";
import sendVerification from "./jobs/send-verification";

/** The one list of jobs: the relay routes by it, the worker runs by it. */
export const jobs: { [N in JobName]: JobDefinition<N> } = {
  "screening.run": runScreening,
  "notify.case_event": notifyCaseEvent,
  "auth.send_verification": sendVerification,
  "screening.rescreen_all": rescreenAll,
  "screening.rescreen_batch": rescreenBatch,
  "letter.make": makeLetter,
  "sla.scan": slaScan,
  "evidence.expire": evidenceExpire,
};

export const queueNames: QueueName[] = ["screening", "notifications"];

export function definitionFor(name: string): JobDefinition | undefined {
  return (jobs as Record<string, JobDefinition>)[name];
}
