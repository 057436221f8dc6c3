import type { Role } from "../schema/users";
import type { CaseStatus } from "../lifecycle";

/**
 * The review queues' plain facts, shared by the queue use cases (./queue.ts) and the
 * officer's queue page in the browser. No database or server imports here: a browser
 * module that imported ./queue.ts for these would pull the audit trail (node:crypto)
 * and the logger (node:async_hooks) into the client bundle.
 */
export const queueStages = ["in_review", "evidence_received", "decision_pending"] as const satisfies readonly CaseStatus[];
export type QueueStage = (typeof queueStages)[number];
/** The first-review stages: "take next case" draws from all of them at once. */
export const reviewStages = ["in_review", "evidence_received"] as const satisfies readonly QueueStage[];
export const isQueueStage = (v: unknown): v is QueueStage => (queueStages as readonly unknown[]).includes(v);

/** Which stages an officer may take from: second reviews are for senior officers. */
export function stagesFor(role: Role): QueueStage[] {
  return role === "senior_officer" ? [...queueStages] : [...reviewStages];
}

export const screeningOutcomes = ["eligible", "not_eligible", "needs_review"] as const;
export type ScreeningOutcome = (typeof screeningOutcomes)[number];

export const QUEUE_PAGE_SIZE = 50;

/** The queue list's orders: most urgent first (the order "Take next" follows), longest in its stage, newest received. */
export const queueSorts = ["urgency", "longest", "newest"] as const;
export type QueueSort = (typeof queueSorts)[number];
