import { z } from "zod";
import type { Queryable } from "./platform/db";
import { currentRequestId } from "./platform/log";
import { outbox } from "./schema/outbox";

/**
 * The jobs use cases may ask for, with their payload schemas. Payloads carry ids
 * only, never personal data (BullMQ keeps payloads in Redis as clear text).
 * Queue, retry policy and handler of each job live in workers/.
 */
export const jobPayloads = {
  "screening.run": z.object({ caseId: z.string().uuid() }),
  "notify.case_event": z.object({ eventId: z.number().int().positive() }),
  "auth.send_verification": z.object({ userId: z.string().uuid() }),
  /** Issue 17 item 7: someone signed up with this account's address; tell the owner (once per account and hour). */
  "auth.send_account_exists": z.object({ userId: z.string().uuid(), hour: z.number().int().nonnegative() }),
  /** A1: e-mail a password-reset link (the handler makes the token) and the "password changed" notice. */
  "auth.send_password_reset": z.object({ userId: z.string().uuid() }),
  "auth.send_password_changed": z.object({ userId: z.string().uuid() }),
  /** A new policy version was published: re-screen every case not yet decided. */
  "screening.rescreen_all": z.object({ policyVersionId: z.string().uuid() }),
  "screening.rescreen_batch": z.object({ caseIds: z.array(z.string().uuid()).min(1).max(500) }),
  /** Scheduled (every minute, not through the outbox): SLA clocks and evidence deadlines. */
  "sla.scan": z.object({}),
  "evidence.expire": z.object({}),
  /** Issue 17 item 6 (scheduled, hourly): remove stored files no row points at, after a grace period. */
  "storage.sweep_orphans": z.object({}),
  /** O6: make the decision letter (PDF) of a confirmed decision. */
  "letter.make": z.object({ caseId: z.string().uuid() }),
  /** A10: tell the other side of a case conversation that a message arrived. */
  "notify.message": z.object({ messageId: z.string().uuid() }),
  /** E1 / E2: e-mail an invitation (the link token is made by the job). */
  "employer.send_member_invitation": z.object({ invitationId: z.string().uuid() }),
  "employer.send_candidate_invitation": z.object({ invitationId: z.string().uuid() }),
  /** E5 (scheduled, hourly): deadline alerts and the weekly digest to employer admins. */
  "employer.alerts": z.object({}),
  /** O9 (scheduled, every minute): publish a checkpoint of the audit chains' heads (decision 015). */
  "audit.checkpoint": z.object({}),
  /** O8 (scheduled, every 10 minutes): compute the senior officers' statistics into a snapshot the page reads. */
  "stats.snapshot": z.object({}),
} as const;
export type JobName = keyof typeof jobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>;

/**
 * Record a job in the outbox, inside the caller's transaction. The id of the request (or job) that
 * causes it rides along as `requestId` (issue 12): the worker's log lines for the job carry it.
 * Payload schemas strip it again before a handler sees the payload.
 */
export async function enqueue<N extends JobName>(q: Queryable, job: N, payload: JobPayload<N>): Promise<void> {
  const parsed = jobPayloads[job].parse(payload) as Record<string, unknown>;
  const requestId = currentRequestId();
  await q.insert(outbox).values({ job, payload: requestId ? { ...parsed, requestId } : parsed });
}
