import type { JobName } from "../models/jobs";
import type { JobDefinition, QueueName } from "./definition";
import auditCheckpoint from "./jobs/audit-checkpoint";
import { candidateInvitation, employerAlerts, memberInvitation } from "./jobs/employer-alerts";
import makeLetter from "./jobs/make-letter";
import notifyCaseEvent from "./jobs/notify-case-event";
import notifyMessage from "./jobs/notify-message";
import { rescreenAll, rescreenBatch } from "./jobs/rescreen";
import runScreening from "./jobs/run-screening";
import { evidenceExpire, slaScan, statsSnapshot, sweepOrphans } from "./jobs/scheduled";
import sendAccountExists from "./jobs/send-account-exists";
import sendPasswordReset, { sendPasswordChanged } from "./jobs/send-password-reset";
import sendVerification from "./jobs/send-verification";

/** The one list of jobs: the relay routes by it, the worker runs by it. */
export const jobs: { [N in JobName]: JobDefinition<N> } = {
  "screening.run": runScreening,
  "notify.case_event": notifyCaseEvent,
  "notify.message": notifyMessage,
  "auth.send_verification": sendVerification,
  "auth.send_account_exists": sendAccountExists,
  "auth.send_password_reset": sendPasswordReset,
  "auth.send_password_changed": sendPasswordChanged,
  "screening.rescreen_all": rescreenAll,
  "screening.rescreen_batch": rescreenBatch,
  "letter.make": makeLetter,
  "sla.scan": slaScan,
  "evidence.expire": evidenceExpire,
  "storage.sweep_orphans": sweepOrphans,
  "employer.send_member_invitation": memberInvitation,
  "employer.send_candidate_invitation": candidateInvitation,
  "employer.alerts": employerAlerts,
  "audit.checkpoint": auditCheckpoint,
  "stats.snapshot": statsSnapshot,
};

export const queueNames: QueueName[] = ["screening", "notifications"];

export function definitionFor(name: string): JobDefinition | undefined {
  return (jobs as Record<string, JobDefinition>)[name];
}
