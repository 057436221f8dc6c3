import type { Role } from "./schema/users";

/**
 * The case lifecycle as an explicit transition table. Every status change goes
 * through `planTransition`, and every action is one use case in models/case/.
 *
 * draft -> submitted -> awaiting_sponsor -> screening -> in_review -> evidence_requested
 *   -> evidence_received (the applicant answered: its own queue) -> in_review | decision_pending | evidence_requested;
 * an unanswered request expires back to in_review; in_review -> decision_pending (second review)
 *   -> approved | refused; withdrawn from any open state.
 */
export const caseStatuses = [
  "draft",
  "submitted",
  "awaiting_sponsor",
  "screening",
  "in_review",
  "evidence_requested",
  "evidence_received",
  "decision_pending",
  "approved",
  "refused",
  "withdrawn",
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const finalStatuses: readonly CaseStatus[] = ["approved", "refused", "withdrawn"];
export const openStatuses: readonly CaseStatus[] = caseStatuses.filter((s) => !finalStatuses.includes(s));
/** Every status a submitted case can have (officers and sponsors never see drafts). */
type NonEmpty<T> = [T, ...T[]];
export const submittedStatuses = caseStatuses.filter((s) => s !== "draft") as NonEmpty<Exclude<CaseStatus, "draft">>;
/** Submitted and not yet decided: the backlog. */
export const pendingStatuses = submittedStatuses.filter((s) => !finalStatuses.includes(s)) as NonEmpty<Exclude<CaseStatus, "draft" | "approved" | "refused" | "withdrawn">>;

/** Who performs an action: a user role, or the system (a background job). */
export type Actor = Role | "system";

export interface TransitionRule {
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: readonly Actor[];
}

const officers = ["officer", "senior_officer"] as const;

export const transitions = {
  submit: { from: ["draft"], to: "submitted", by: ["applicant"] },
  await_sponsor: { from: ["submitted"], to: "awaiting_sponsor", by: ["system"] },
  confirm_sponsorship: { from: ["awaiting_sponsor"], to: "screening", by: ["employer_admin"] },
  complete_screening: { from: ["screening"], to: "in_review", by: ["system"] },
  request_evidence: { from: ["in_review", "evidence_received"], to: "evidence_requested", by: officers },
  /** The addressee answers: the applicant, or the sponsor for a request addressed to the employer (E4). */
  answer_evidence: { from: ["evidence_requested"], to: "evidence_received", by: ["applicant", "employer_admin", "employer_member"] },
  expire_evidence: { from: ["evidence_requested"], to: "in_review", by: ["system"] },
  /** An officer picks up an answered request and goes on reviewing (the review clock runs on). */
  resume_review: { from: ["evidence_received"], to: "in_review", by: officers },
  propose_decision: { from: ["in_review", "evidence_received"], to: "decision_pending", by: officers },
  return_decision: { from: ["decision_pending"], to: "in_review", by: ["senior_officer"] },
  approve: { from: ["decision_pending"], to: "approved", by: ["senior_officer"] },
  refuse: { from: ["decision_pending"], to: "refused", by: ["senior_officer"] },
  withdraw: { from: openStatuses.filter((s) => s !== "draft"), to: "withdrawn", by: ["applicant"] },
} as const satisfies Record<string, TransitionRule>;

export type CaseAction = keyof typeof transitions;

export type TransitionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; reason: "wrong_state" | "wrong_actor"; message: string };

/** Pure check: may `actor` perform `action` on a case in status `from`? */
export function planTransition(action: CaseAction, from: CaseStatus, actor: Actor): TransitionCheck {
  const rule: TransitionRule = transitions[action];
  if (!rule.by.includes(actor)) {
    return { ok: false, reason: "wrong_actor", message: `A ${actor.replace("_", " ")} cannot ${describeAction(action)}.` };
  }
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      reason: "wrong_state",
      message: `This case is ${statusLabels[from].en.toLowerCase()}; it cannot ${describeAction(action)} now.`,
    };
  }
  return { ok: true, to: rule.to };
}

/** Every action allowed from a status, for a given actor (drives which buttons a page shows). */
export function availableActions(from: CaseStatus, actor: Actor): CaseAction[] {
  return (Object.keys(transitions) as CaseAction[]).filter((a) => planTransition(a, from, actor).ok);
}

/** An action in words, as the refusal messages use it (their Korean is in models/i18n/ko/officer.ts). */
export function describeAction(action: CaseAction): string {
  return action.replaceAll("_", " ").replace(/^await sponsor$/, "wait for the sponsor") + (action === "submit" ? " the case" : "");
}

/** Plain-words stage names and what happens next, in English and Korean. */
export const statusLabels: Record<CaseStatus, { en: string; ko: string; next: { en: string; ko: string } }> = {
  draft: {
    en: "Draft",
    ko: "작성 중",
    next: { en: "Finish your dossier, upload your documents and submit.", ko: "신청서를 완성하고 서류를 올린 뒤 제출하세요." },
  },
  submitted: {
    en: "Submitted",
    ko: "제출됨",
    next: { en: "Your sponsoring employer is asked to confirm the job offer.", ko: "초청 기업에 고용 제안 확인을 요청합니다." },
  },
  awaiting_sponsor: {
    en: "Waiting for sponsor confirmation",
    ko: "기업 확인 대기",
    next: {
      en: "Your sponsoring employer confirms the job offer; screening starts right after.",
      ko: "초청 기업이 고용 제안을 확인하면 바로 자동 심사가 시작됩니다.",
    },
  },
  screening: {
    en: "Automated screening",
    ko: "자동 심사 중",
    next: { en: "The eligibility check runs in minutes; then an officer reviews your file.", ko: "자격 확인은 몇 분 안에 끝나며, 이후 심사관이 검토합니다." },
  },
  in_review: {
    en: "In review by an officer",
    ko: "심사관 검토 중",
    next: { en: "An officer reviews your file and may ask for more evidence.", ko: "심사관이 서류를 검토하며 보완을 요청할 수 있습니다." },
  },
  evidence_requested: {
    en: "Evidence requested",
    ko: "보완 요청",
    next: { en: "Answer the request before its deadline; the review clock is paused.", ko: "기한 안에 보완 요청에 답하세요. 그동안 심사 기간은 멈춥니다." },
  },
  evidence_received: {
    en: "Evidence received",
    ko: "보완서류 접수",
    next: {
      en: "Your answer is with the officer, who goes on with the review.",
      ko: "제출하신 보완 서류를 심사관이 확인하고 심사를 이어갑니다.",
    },
  },
  decision_pending: {
    en: "Decision in second review",
    ko: "결정 2차 검토 중",
    next: { en: "A senior officer confirms the decision; you are told at once.", ko: "상급 심사관이 결정을 확인하면 바로 알려 드립니다." },
  },
  approved: {
    en: "Approved",
    ko: "승인",
    next: { en: "Your visa is approved. Follow the instructions in the decision.", ko: "비자가 승인되었습니다. 결정 안내를 따르세요." },
  },
  refused: {
    en: "Refused",
    ko: "불허",
    next: { en: "Read the reasons. You may re-apply or ask about an appeal.", ko: "사유를 확인하세요. 재신청하거나 이의 신청을 문의할 수 있습니다." },
  },
  withdrawn: {
    en: "Withdrawn",
    ko: "철회됨",
    next: { en: "This case is closed at your request.", ko: "요청에 따라 사건이 종결되었습니다." },
  },
};
