/** Search limits and stages (pure data: the browser bundle uses them too). */
import type { CaseStatus } from "../lifecycle";
export const searchStages = [
  "submitted",
  "awaiting_sponsor",
  "screening",
  "in_review",
  "evidence_requested",
  "decision_pending",
  "approved",
  "refused",
  "withdrawn",
] as const satisfies readonly CaseStatus[];

export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_LIMIT = 50;
