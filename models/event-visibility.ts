/**
 * Timeline events only officers see (pure data: shared by the web and the workers).
 * The SLA crossings are internal. Status changes are public, including the
 * evidence being received and an officer resuming the review (`answer_evidence`,
 * `resume_review`): the applicant's stage changes with them. Claims and
 * assignments are audit records, never timeline events.
 */
export const internalEventTypes: ReadonlySet<string> = new Set(["sla_at_risk", "sla_overdue"]);

/**
 * What of an event's data the applicant may read: an allow-list, so that officers' internal data
 * (a proposed decision before its second review, a senior officer's comment on returning it) stays inside.
 */
const publicDetailKeys: Record<string, readonly string[]> = {
  submit: ["receiptNumber"],
  request_evidence: ["deadline", "items", "addressee"],
  answer_evidence: ["addressee"],
  expire_evidence: ["addressee"],
  rescreened: ["ruleset", "outcome", "previousOutcome"],
  sponsorship_changed: ["fields"],
};
export function publicEventDetails(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const keys = publicDetailKeys[type] ?? [];
  return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]]));
}
