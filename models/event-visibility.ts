/**
 * Timeline events only officers see (pure data: shared by the web and the workers).
 * The SLA crossings are internal. Status changes are public, including the
 * evidence being received and an officer resuming the review (`answer_evidence`,
 * `resume_review`): the applicant's stage changes with them. Claims and
 * assignments are audit records, never timeline events.
 */
export const internalEventTypes: ReadonlySet<string> = new Set(["sla_at_risk", "sla_overdue"]);
