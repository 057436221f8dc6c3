import { josa } from "../models/i18n/josa";
import { renderEmail, type Locale, type RenderedEmail } from "./layout";

/**
 * A10: a new message on a case, to the other side of the conversation. The
 * message itself is not in the e-mail (e-mail is not a safe place for what an
 * applicant and an officer discuss): the reader follows the link and signs in.
 */
export interface NewMessageProps {
  name: string;
  receiptNumber: string;
  /** Who wrote: the applicant (to officers) or the immigration office (to the applicant). */
  from: "applicant" | "officer";
  applicantName: string;
  /** The request item the message is about, if any. */
  about?: string | null;
  url: string;
}

export const previewProps: NewMessageProps = {
  name: "Ada Lovelace",
  receiptNumber: "TT-2026-000042",
  from: "officer",
  applicantName: "Ada Lovelace",
  about: "Degree certificate",
  url: "http://localhost:3000/cases/00000000-0000-0000-0000-000000000000#messages",
};

export function newMessage(p: NewMessageProps, locale: Locale): RenderedEmail {
  if (locale === "ko") {
    const who = p.from === "officer" ? "출입국 심사관" : `신청인 ${p.applicantName}`;
    return renderEmail(
      locale,
      `새 메시지: ${p.receiptNumber}`,
      [
        `${p.name}님, 안녕하세요.`,
        `${josa(who, "이/가")} 신청 ${p.receiptNumber}에 대해 메시지를 보냈습니다.${p.about ? ` 관련 보완 항목: ${p.about}.` : ""}`,
        "보안을 위해 메시지 내용은 이메일에 담지 않습니다. 로그인하여 읽고 답하세요.",
      ],
      { label: "메시지 읽기", url: p.url },
    );
  }
  const who = p.from === "officer" ? "The immigration officer" : `The applicant, ${p.applicantName},`;
  return renderEmail(
    locale,
    `New message: ${p.receiptNumber}`,
    [
      `Hello ${p.name},`,
      `${who} sent a message about application ${p.receiptNumber}.${p.about ? ` It is about the request item: ${p.about}.` : ""}`,
      "For your privacy the message is not in this e-mail. Sign in to read it and reply.",
    ],
    { label: "Read the message", url: p.url },
  );
}
