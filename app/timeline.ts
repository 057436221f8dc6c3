import type { CaseEvent } from "../models/schema/cases";
import { internalEventTypes } from "../models/event-visibility";
import { defineMessages, translator, type Locale } from "../models/i18n";

/** Events the applicant and the sponsor see (officers see all). */
export const publicEvents = <E extends Pick<CaseEvent, "type">>(events: E[]) => events.filter((e) => !internalEventTypes.has(e.type));

const text = defineMessages(
  {
    created: "Draft started",
    submit: "Submitted; receipt number {receipt}",
    await_sponsor: "Sent to the sponsoring employer for confirmation",
    confirm_sponsorship: "The employer confirmed the job offer; automated screening started",
    complete_screening: "Automated screening complete; the case is in the officers' queue",
    propose_decision: "An officer recorded a decision; a senior officer reviews it",
    return_decision: "The decision went back to the officer for another look",
    approve: "Approved",
    refuse: "Refused",
    withdraw: "Withdrawn by the applicant",
    request_evidence_one: "Evidence requested (1 item); the review clock is paused",
    request_evidence_many: "Evidence requested ({items} items); the review clock is paused",
    answer_evidence: "Evidence sent by the applicant; the officer checks it",
    request_evidence_employer: "Evidence requested from the sponsoring employer ({items} item(s)); the review clock is paused",
    answer_evidence_employer: "Evidence sent by the sponsoring employer; the officer checks it",
    expire_evidence_employer: "The employer's deadline for evidence passed without an answer; back in review",
    sponsorship_changed: "The employer changed the confirmed job offer; the case is screened again",
    sponsor_link_accepted: "The employer accepted to sponsor this application",
    sponsor_link_declined: "The employer declined to sponsor this application",
    resume_review: "An officer took up the evidence; back in review",
    expire_evidence: "The deadline for evidence passed without an answer; back in review",
    sla_at_risk: "At risk of missing the stage target",
    sla_overdue: "Past the stage target; escalated to senior officers",
    rescreened: "Re-screened under rule set {ruleset} after a policy update: {outcome}",
    rescreenedWas: "Re-screened under rule set {ruleset} after a policy update: {outcome} (was {previous})",
    outcome_eligible: "eligible",
    outcome_not_eligible: "not eligible",
    outcome_needs_review: "needs review",
  },
  {
    created: "초안 작성 시작",
    submit: "제출됨, 접수번호 {receipt}",
    await_sponsor: "초청 기업에 확인 요청",
    confirm_sponsorship: "기업이 고용 제안을 확인했고 자동 심사가 시작됨",
    complete_screening: "자동 심사 완료, 심사관 대기열에 배정됨",
    propose_decision: "심사관이 결정을 기록했고 상급 심사관이 검토함",
    return_decision: "결정이 재검토를 위해 심사관에게 돌아감",
    approve: "승인",
    refuse: "불허",
    withdraw: "신청인이 철회함",
    request_evidence_one: "보완 요청 (1개 항목), 심사 기간 일시 정지",
    request_evidence_many: "보완 요청 ({items}개 항목), 심사 기간 일시 정지",
    answer_evidence: "신청인이 보완 서류를 제출함, 심사관이 확인함",
    request_evidence_employer: "초청 기업에 보완 요청 ({items}개 항목), 심사 기간 일시 정지",
    answer_evidence_employer: "초청 기업이 보완 서류를 제출함, 심사관이 확인함",
    expire_evidence_employer: "초청 기업의 보완 기한이 답변 없이 지나 심사로 돌아감",
    sponsorship_changed: "기업이 확인한 고용 조건을 변경함, 다시 심사함",
    sponsor_link_accepted: "기업이 이 신청의 초청을 수락함",
    sponsor_link_declined: "기업이 이 신청의 초청을 거절함",
    resume_review: "심사관이 보완 서류를 확인하고 심사를 재개함",
    expire_evidence: "보완 기한이 답변 없이 지나 심사로 돌아감",
    sla_at_risk: "단계 목표 기간을 넘길 위험",
    sla_overdue: "단계 목표 기간 초과, 상급 심사관에게 보고됨",
    rescreened: "정책 변경으로 규칙 {ruleset}에 따라 다시 심사됨: {outcome}",
    rescreenedWas: "정책 변경으로 규칙 {ruleset}에 따라 다시 심사됨: {outcome} (이전: {previous})",
    outcome_eligible: "요건 충족",
    outcome_not_eligible: "요건 미충족",
    outcome_needs_review: "검토 필요",
  },
);

type Key = Extract<keyof typeof text.en, string>;

/** How each timeline event reads to the applicant and the sponsor, in their language (internal comments are not shown). */
export function describeEvent(e: Pick<CaseEvent, "type" | "data">, locale: Locale = "en"): string {
  const t = translator(locale, text);
  const d = e.data as Record<string, unknown>;
  const outcome = (v: unknown) => {
    const key = `outcome_${String(v ?? "")}` as Key;
    return key in text.en ? t(key) : String(v ?? "").replaceAll("_", " ");
  };
  switch (e.type) {
    case "submit":
      return t("submit", { receipt: String(d.receiptNumber ?? "") });
    case "request_evidence":
      if (d.addressee === "employer") return t("request_evidence_employer", { items: String(d.items ?? "") });
      return Number(d.items) === 1 ? t("request_evidence_one") : t("request_evidence_many", { items: String(d.items ?? "") });
    case "rescreened":
      return d.previousOutcome && d.previousOutcome !== d.outcome
        ? t("rescreenedWas", { ruleset: String(d.ruleset ?? ""), outcome: outcome(d.outcome), previous: outcome(d.previousOutcome) })
        : t("rescreened", { ruleset: String(d.ruleset ?? ""), outcome: outcome(d.outcome) });
    case "answer_evidence":
    case "expire_evidence":
      return t(d.addressee === "employer" ? `${e.type}_employer` : e.type);
    default:
      return e.type in text.en ? t(e.type as Key) : e.type.replaceAll("_", " ");
  }
}
