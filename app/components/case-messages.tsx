import { Form } from "@remix-run/react";
import type { MessageView } from "../../models/case/messages";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { fieldId } from "../ui";

const text = defineMessages(
  {
    title: "Messages",
    introApplicant: "Write to the officers handling your application. You get an e-mail when they answer.",
    introOfficer: "The conversation with the applicant. The applicant sees your messages as from the immigration office, not by name.",
    none: "No messages yet.",
    you: "You",
    officeName: "Immigration officer",
    applicant: "Applicant",
    about: "About: {item}",
    read: "Read",
    unread: "Not read yet",
    body: "Your message",
    bodyHint: "Up to 4,000 characters. Do not send documents here: upload them in answer to a request.",
    topic: "About a request item (optional)",
    noTopic: "Not about a particular item",
    send: "Send message",
    closed: "Messages open once the application is submitted.",
    sentAt: "sent {when}",
  },
  {
    title: "메시지",
    introApplicant: "신청을 담당하는 심사관에게 메시지를 보내세요. 답장이 오면 이메일로 알려 드립니다.",
    introOfficer: "신청인과의 대화입니다. 신청인에게는 이름 대신 출입국 심사관으로 표시됩니다.",
    none: "아직 메시지가 없습니다.",
    you: "나",
    officeName: "출입국 심사관",
    applicant: "신청인",
    about: "관련 항목: {item}",
    read: "읽음",
    unread: "읽지 않음",
    body: "메시지",
    bodyHint: "4,000자 이내. 서류는 여기에 보내지 말고 보완 요청에 답하며 올리세요.",
    topic: "관련 보완 항목 (선택)",
    noTopic: "특정 항목과 관계없음",
    send: "메시지 보내기",
    closed: "신청서를 제출하면 메시지를 주고받을 수 있습니다.",
    sentAt: "{when} 보냄",
  },
);

export interface CaseMessagesProps {
  caseId: string;
  /** Whose page this is: the applicant's case page or the officer's case file. */
  side: "applicant" | "officer";
  messages: MessageView[];
  topics: { id: string; label: string }[];
  /** False on a draft: the conversation opens on submission. */
  canSend: boolean;
  /** Where to come back after sending (a path on this site); defaults to the case page of `side`. */
  returnTo?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What was typed, kept when the message was refused. */
  defaultBody?: string;
}

/**
 * A10: the conversation on a case and a form to write. Used on the applicant's
 * case page and the officer's case file; the form posts to /cases/:id/messages,
 * which checks the sender's role and returns to the page it came from.
 */
export function CaseMessages({ caseId, side, messages, topics, canSend, returnTo, error, fieldErrors = {}, defaultBody }: CaseMessagesProps) {
  const { t, m, dateTime } = useT(text);
  const bodyId = fieldId("body");
  const topicId = fieldId("requestItemId");
  const bodyError = fieldErrors.body;
  const topicError = fieldErrors.requestItemId;
  return (
    <section aria-labelledby="messages-title" id="messages" className="messages">
      <h2 id="messages-title">{t("title")}</h2>
      <p>{side === "applicant" ? t("introApplicant") : t("introOfficer")}</p>
      {messages.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ol className="message-list">
          {messages.map((msg) => {
            const who = msg.mine ? t("you") : msg.side === "officer" ? (side === "officer" && msg.author ? `${msg.author} (${t("officeName")})` : t("officeName")) : `${msg.author ?? ""} (${t("applicant")})`;
            return (
              <li key={msg.id} className={msg.mine ? "message message-mine" : "message"}>
                <p className="message-meta">
                  <strong>{who}</strong>, <time dateTime={msg.createdAt}>{t("sentAt", { when: dateTime(msg.createdAt) })}</time>
                  {msg.mine ? <> · {msg.readAt ? t("read") : t("unread")}</> : null}
                </p>
                {msg.requestItemLabel ? <p className="hint">{t("about", { item: msg.requestItemLabel })}</p> : null}
                <p className="message-body">{msg.body}</p>
              </li>
            );
          })}
        </ol>
      )}
      {canSend ? (
        <Form method="post" action={`/cases/${caseId}/messages`}>
          <input type="hidden" name="returnTo" value={returnTo ?? (side === "officer" ? `/officer/cases/${caseId}` : `/cases/${caseId}`)} />
          {error && !bodyError && !topicError ? (
            <p className="error-message" role="alert">
              {m(error)}
            </p>
          ) : null}
          {topics.length ? (
            <div className={topicError ? "field field-error" : "field"}>
              <label htmlFor={topicId}>{t("topic")}</label>
              {topicError ? (
                <p className="error-message" id={`${topicId}-error`}>
                  {m(topicError)}
                </p>
              ) : null}
              <select id={topicId} name="requestItemId" defaultValue="" aria-describedby={topicError ? `${topicId}-error` : undefined} aria-invalid={topicError ? true : undefined}>
                <option value="">{t("noTopic")}</option>
                {topics.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className={bodyError ? "field field-error" : "field"}>
            <label htmlFor={bodyId}>{t("body")}</label>
            <p className="hint" id={`${bodyId}-hint`}>
              {t("bodyHint")}
            </p>
            {bodyError ? (
              <p className="error-message" id={`${bodyId}-error`}>
                {m(bodyError)}
              </p>
            ) : null}
            <textarea
              id={bodyId}
              name="body"
              rows={4}
              maxLength={4000}
              defaultValue={defaultBody}
              aria-describedby={bodyError ? `${bodyId}-hint ${bodyId}-error` : `${bodyId}-hint`}
              aria-invalid={bodyError ? true : undefined}
            />
          </div>
          <button type="submit" name="intent" value="send_message">
            {t("send")}
          </button>
        </Form>
      ) : (
        <p>{t("closed")}</p>
      )}
    </section>
  );
}
