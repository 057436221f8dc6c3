import { renderEmail, type Locale, type RenderedEmail } from "./layout";

/** E5: a deadline is coming for the employer: a request for evidence to answer, or an employee's visa running out. */
export interface DeadlineAlertProps {
  kind: "evidence_due" | "visa_expiry";
  name: string;
  applicantName: string;
  receiptNumber: string;
  /** The deadline, already formatted for the reader. */
  dueOn: string;
  daysLeft: number;
  url: string;
}

export const previewProps: DeadlineAlertProps = {
  kind: "evidence_due",
  name: "Kim Minji",
  applicantName: "Ada Lovelace",
  receiptNumber: "TT-2026-000042",
  dueOn: "12 December 2026",
  daysLeft: 7,
  url: "http://localhost:3000/employer/cases/example",
};

export function deadlineAlert(p: DeadlineAlertProps, locale: Locale): RenderedEmail {
  if (locale === "ko") {
    const left = p.daysLeft <= 0 ? "오늘까지입니다" : `${p.daysLeft}일 남았습니다`;
    return p.kind === "evidence_due"
      ? renderEmail(
          locale,
          `보완 요청 기한 임박: ${p.receiptNumber}`,
          [`${p.name}님, 안녕하세요.`, `심사관이 귀사에 요청한 ${p.applicantName}님(${p.receiptNumber}) 사건의 보완 요청 기한은 ${p.dueOn}입니다(${left}).`, "기한이 지나면 답변 없이 심사가 계속됩니다."],
          { label: "보완 요청에 답하기", url: p.url },
        )
      : renderEmail(
          locale,
          `비자 만료 예정: ${p.applicantName}`,
          [`${p.name}님, 안녕하세요.`, `${p.applicantName}님(${p.receiptNumber})의 최우수인재 비자가 ${p.dueOn}에 만료됩니다(${left}).`, "연장 신청을 제때 준비하세요."],
          { label: "사건 보기", url: p.url },
        );
  }
  const left = p.daysLeft <= 0 ? "today" : `in ${p.daysLeft} day${p.daysLeft === 1 ? "" : "s"}`;
  return p.kind === "evidence_due"
    ? renderEmail(
        locale,
        `Evidence due soon: ${p.receiptNumber}`,
        [`Hello ${p.name},`, `The officer's request for evidence to your company on the case of ${p.applicantName} (${p.receiptNumber}) is due on ${p.dueOn} (${left}).`, "After the deadline the review goes on without your answer."],
        { label: "Answer the request", url: p.url },
      )
    : renderEmail(
        locale,
        `Visa expiring: ${p.applicantName}`,
        [`Hello ${p.name},`, `The Top-Tier visa of ${p.applicantName} (${p.receiptNumber}) expires on ${p.dueOn} (${left}).`, "Plan the extension in good time."],
        { label: "View the case", url: p.url },
      );
}
