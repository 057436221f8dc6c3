import { renderEmail, type Locale, type RenderedEmail } from "./layout";

/**
 * One template for every stage change a party hears of: what happened, in plain
 * words, what happens next, and a link to the case page.
 */
export type CaseUpdateKind =
  | "submitted"
  | "sponsor_requested"
  | "sponsor_confirmed"
  | "screened"
  | "approved"
  | "refused"
  | "withdrawn"
  | "evidence_requested"
  | "evidence_answered"
  | "evidence_expired"
  | "sla_at_risk"
  | "sla_overdue";

export interface CaseUpdateProps {
  kind: CaseUpdateKind;
  name: string;
  receiptNumber: string;
  applicantName: string;
  url: string;
  reasons?: string;
  /** Evidence requests: the deadline, already formatted for the reader. */
  deadline?: string;
}

export const previewProps: CaseUpdateProps = {
  kind: "submitted",
  name: "Ada Lovelace",
  receiptNumber: "TT-2026-000001",
  applicantName: "Ada Lovelace",
  url: "http://localhost:3000/cases/00000000-0000-0000-0000-000000000000",
};

const officerCopy = (en: string, ko: string) => ({
  en: (p: CaseUpdateProps) => ({ subject: `${en}: ${p.receiptNumber}`, body: [`${p.applicantName} (${p.receiptNumber}): ${en.toLowerCase()}.`] }),
  ko: (p: CaseUpdateProps) => ({ subject: `${ko}: ${p.receiptNumber}`, body: [`${p.applicantName} (${p.receiptNumber}): ${ko}.`] }),
});

const copy: Record<CaseUpdateKind, Record<Locale, (p: CaseUpdateProps) => { subject: string; body: string[] }>> = {
  submitted: {
    en: (p) => ({
      subject: `Application received: ${p.receiptNumber}`,
      body: [`Your Top-Tier visa application has been received. Your receipt number is ${p.receiptNumber}.`, "Next, your sponsoring employer confirms the job offer. We will e-mail you at every stage."],
    }),
    ko: (p) => ({
      subject: `신청 접수 완료: ${p.receiptNumber}`,
      body: [`최우수인재 비자 신청이 접수되었습니다. 접수 번호는 ${p.receiptNumber}입니다.`, "다음으로 초청 기업이 고용 제안을 확인합니다. 단계마다 이메일로 알려 드립니다."],
    }),
  },
  sponsor_requested: {
    en: (p) => ({
      subject: `Please confirm sponsorship: ${p.receiptNumber}`,
      body: [`${p.applicantName} has submitted a Top-Tier visa application naming your company as sponsor (receipt ${p.receiptNumber}).`, "Screening starts once an administrator of your company confirms the job offer."],
    }),
    ko: (p) => ({
      subject: `초청 확인 요청: ${p.receiptNumber}`,
      body: [`${p.applicantName}님이 귀사를 초청 기업으로 하여 최우수인재 비자를 신청했습니다 (접수 번호 ${p.receiptNumber}).`, "귀사 관리자가 고용 제안을 확인하면 심사가 시작됩니다."],
    }),
  },
  sponsor_confirmed: {
    en: (p) => ({ subject: `Sponsor confirmed: ${p.receiptNumber}`, body: ["Your employer has confirmed the job offer. Automated screening has started."] }),
    ko: (p) => ({ subject: `기업 확인 완료: ${p.receiptNumber}`, body: ["초청 기업이 고용 제안을 확인했습니다. 자동 심사가 시작되었습니다."] }),
  },
  screened: {
    en: (p) => ({ subject: `Your case is with an officer: ${p.receiptNumber}`, body: ["Automated screening is complete. An immigration officer now reviews your file."] }),
    ko: (p) => ({ subject: `심사관 검토 시작: ${p.receiptNumber}`, body: ["자동 심사가 끝났습니다. 이제 출입국 심사관이 서류를 검토합니다."] }),
  },
  approved: {
    en: (p) => ({ subject: `Decision: approved (${p.receiptNumber})`, body: [`The Top-Tier visa application of ${p.applicantName} has been approved.`, ...(p.reasons ? [p.reasons] : [])] }),
    ko: (p) => ({ subject: `결정: 승인 (${p.receiptNumber})`, body: [`${p.applicantName}님의 최우수인재 비자 신청이 승인되었습니다.`, ...(p.reasons ? [p.reasons] : [])] }),
  },
  refused: {
    en: (p) => ({
      subject: `Decision: refused (${p.receiptNumber})`,
      body: [`The Top-Tier visa application of ${p.applicantName} has been refused.`, `Reasons: ${p.reasons ?? ""}`, "The case page explains the reasons and your options to re-apply."],
    }),
    ko: (p) => ({
      subject: `결정: 불허 (${p.receiptNumber})`,
      body: [`${p.applicantName}님의 최우수인재 비자 신청이 불허되었습니다.`, `사유: ${p.reasons ?? ""}`, "사건 페이지에서 사유와 재신청 방법을 확인하세요."],
    }),
  },
  evidence_requested: {
    en: (p) => ({
      subject: `More evidence needed by ${p.deadline ?? "the deadline"}: ${p.receiptNumber}`,
      body: [`The officer reviewing the application of ${p.applicantName} asks for more evidence. Answer each item on the case page by ${p.deadline ?? "the deadline"}.`, "The review clock is paused until the answer arrives."],
    }),
    ko: (p) => ({
      subject: `보완요청 (기한 ${p.deadline ?? ""}): ${p.receiptNumber}`,
      body: [`${p.applicantName}님의 신청을 검토하는 심사관이 추가 서류를 요청했습니다. ${p.deadline ?? "기한"}까지 사건 페이지에서 항목별로 답해 주세요.`, "답변이 도착할 때까지 심사 기간은 멈춥니다."],
    }),
  },
  evidence_answered: {
    en: (p) => ({
      subject: `Evidence received: ${p.receiptNumber}`,
      body: [`${p.applicantName} (${p.receiptNumber}) answered your request for evidence.`, "The case is in the evidence-received queue; the review clock runs again."],
    }),
    ko: (p) => ({
      subject: `보완서류 접수: ${p.receiptNumber}`,
      body: [`${p.applicantName} (${p.receiptNumber})님이 보완요청에 답했습니다.`, "사건이 보완서류 접수 대기열에 있으며, 처리 기한이 다시 진행됩니다."],
    }),
  },
  evidence_expired: {
    en: (p) => ({ subject: `Deadline passed: ${p.receiptNumber}`, body: ["The deadline of the request for evidence passed without an answer. The officer continues the review with what is on file."] }),
    ko: (p) => ({ subject: `보완 기한 경과: ${p.receiptNumber}`, body: ["보완요청 기한이 답변 없이 지났습니다. 심사관이 제출된 서류로 검토를 계속합니다."] }),
  },
  sla_at_risk: officerCopy("Case at risk of missing its target", "처리 기한 임박"),
  sla_overdue: officerCopy("Case overdue (escalated)", "처리 기한 초과 (상급자 보고)"),
  withdrawn: {
    en: (p) => ({ subject: `Application withdrawn: ${p.receiptNumber}`, body: [`The application of ${p.applicantName} has been withdrawn at the applicant's request.`] }),
    ko: (p) => ({ subject: `신청 철회: ${p.receiptNumber}`, body: [`${p.applicantName}님의 신청이 신청인의 요청으로 철회되었습니다.`] }),
  },
};

export function caseUpdate(p: CaseUpdateProps, locale: Locale): RenderedEmail {
  const c = copy[p.kind][locale](p);
  const greeting = locale === "ko" ? `${p.name}님, 안녕하세요.` : `Hello ${p.name},`;
  return renderEmail(locale, c.subject, [greeting, ...c.body], { label: locale === "ko" ? "사건 보기" : "View the case", url: p.url });
}
