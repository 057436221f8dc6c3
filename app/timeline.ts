import type { CaseEvent } from "../models/schema/cases";
import { internalEventTypes } from "../models/event-visibility";

/** Events the applicant and the sponsor see (officers see all). */
export const publicEvents = <E extends Pick<CaseEvent, "type">>(events: E[]) => events.filter((e) => !internalEventTypes.has(e.type));

/** How each timeline event reads to the applicant and the sponsor (internal comments are not shown). */
export function describeEvent(e: Pick<CaseEvent, "type" | "data">): string {
  const d = e.data as Record<string, string | undefined>;
  switch (e.type) {
    case "created":
      return "Draft started";
    case "submit":
      return `Submitted; receipt number ${d.receiptNumber ?? ""}`;
    case "await_sponsor":
      return "Sent to the sponsoring employer for confirmation";
    case "confirm_sponsorship":
      return "The employer confirmed the job offer; automated screening started";
    case "complete_screening":
      return "Automated screening complete; the case is in the officers' queue";
    case "propose_decision":
      return "An officer recorded a decision; a senior officer reviews it";
    case "return_decision":
      return "The decision went back to the officer for another look";
    case "approve":
      return "Approved";
    case "refuse":
      return "Refused";
    case "withdraw":
      return "Withdrawn by the applicant";
    case "request_evidence":
      return `Evidence requested (${d.items ?? ""} item${d.items === "1" || (d.items as unknown) === 1 ? "" : "s"}); the review clock is paused`;
    case "answer_evidence":
      return "Evidence sent by the applicant; back in review";
    case "expire_evidence":
      return "The deadline for evidence passed without an answer; back in review";
    case "sla_at_risk":
      return "At risk of missing the stage target";
    case "sla_overdue":
      return "Past the stage target; escalated to senior officers";
    case "rescreened":
      return `Re-screened under rule set ${d.ruleset ?? ""} after a policy update: ${String(d.outcome ?? "").replace("_", " ")}${d.previousOutcome && d.previousOutcome !== d.outcome ? ` (was ${String(d.previousOutcome).replace("_", " ")})` : ""}`;
    default:
      return e.type.replaceAll("_", " ");
  }
}
