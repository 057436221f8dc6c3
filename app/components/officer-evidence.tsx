import { Form } from "@remix-run/react";
import { documentKindLabels, documentKinds } from "../../models/case/document-kinds";
import type { EvidenceRequestView } from "../../models/case/evidence";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { Choice, Field, fieldId } from "../ui";

const text = defineMessages(
  {
    history: "Requests for evidence",
    asked: "Asked {asked}, due {due}:",
    answeredAt: ", answered {at}",
    status_open: "open",
    status_answered: "answered",
    status_expired: "expired",
    status_closed: "closed (case withdrawn)",
    note: "Note from the applicant: {note}",
    title: "Request evidence",
    intro: "The review clock pauses until the applicant answers or the deadline passes; the applicant and the employer are notified.",
    who: "Who must answer",
    toApplicant: "The applicant",
    toEmployer: "The sponsoring employer (questions only)",
    documents: "Documents to ask for",
    question: "Question {n} (optional)",
    guidance: "Guidance for the applicant",
    deadline: "Deadline",
    deadlineHint: "From {min}; at most 90 days away",
    again: "Ask for these items again anyway",
    send: "Send the request",
  },
  {
    history: "보완요청 내역",
    asked: "요청 {asked}, 기한 {due}:",
    answeredAt: ", 답변 {at}",
    status_open: "답변 대기",
    status_answered: "답변 완료",
    status_expired: "기한 경과",
    status_closed: "종결 (신청 철회)",
    note: "신청인 메모: {note}",
    title: "보완요청",
    intro: "신청인이 답하거나 기한이 지날 때까지 처리 기한이 정지됩니다. 신청인과 초청 기업에 통지됩니다.",
    who: "답변 대상",
    toApplicant: "신청인",
    toEmployer: "초청 기업 (질문만 가능)",
    documents: "요청할 서류",
    question: "질문 {n} (선택)",
    guidance: "신청인 안내문",
    deadline: "제출 기한",
    deadlineHint: "{min}부터, 최대 90일 이내",
    again: "이미 제출된 항목이지만 다시 요청합니다",
    send: "보완요청 보내기",
  },
);

/** Loader data keeps Dates (single fetch serialises them), so the view type is the use case's. */
export type RequestForView = EvidenceRequestView;

/** The flat form of an evidence request, as the use case takes it. */
export function evidenceInputFromForm(form: FormData) {
  const items: ({ kind: "document"; documentKind: string } | { kind: "question"; label: string })[] = [];
  for (const k of documentKinds) if (form.get(`doc.${k}`) === "yes") items.push({ kind: "document", documentKind: k });
  for (let i = 0; i < 3; i++) {
    const q = String(form.get(`question.${i}`) ?? "").trim();
    if (q) items.push({ kind: "question", label: q });
  }
  return {
    guidance: String(form.get("guidance") ?? ""),
    deadline: String(form.get("deadline") ?? ""),
    items: items as never,
    confirmOnFile: form.get("confirmOnFile") === "yes",
    addressee: (form.get("addressee") === "employer" ? "employer" : "applicant") as "applicant" | "employer",
  };
}

/** Earlier requests and their answers, for officers and applicants alike. */
export function EvidenceHistory({ requests, caseId }: { requests: RequestForView[]; caseId: string }) {
  const { t, dateTime, locale } = useT(text);
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="evidence-history">
      <h2 id="evidence-history">{t("history")}</h2>
      {requests.map((r) => (
        <article key={r.id} className="notice">
          <p>
            {t("asked", { asked: dateTime(r.createdAt), due: dateTime(r.deadline) })} <strong>{t(`status_${r.status}`)}</strong>
            {r.answeredAt ? t("answeredAt", { at: dateTime(r.answeredAt) }) : ""}
          </p>
          <p>{r.guidance}</p>
          <ul>
            {r.items.map((i) => (
              <li key={i.id}>
                {i.label}
                {i.answerText ? (locale === "ko" ? `: “${i.answerText}”` : `: "${i.answerText}"`) : ""}
                {i.files.map((f) => (
                  <span key={f.id}>
                    {" "}
                    <a href={`/cases/${caseId}/documents/${f.id}`}>{f.filename}</a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {r.answerNote ? <p>{t("note", { note: r.answerNote })}</p> : null}
        </article>
      ))}
    </section>
  );
}

/** O5: the officer's request form; asks to confirm when an item is already on file. */
export function RequestEvidenceForm({ errors, values, minDate }: { errors: Record<string, string>; values?: Record<string, string>; minDate: string }) {
  const { t, m, locale } = useT(text);
  return (
    <Form method="post">
      <h2>{t("title")}</h2>
      <p>{t("intro")}</p>
      <fieldset className={errors.addressee ? "field field-error" : "field"}>
        <legend>{t("who")}</legend>
        {errors.addressee ? <p className="error-message">{m(errors.addressee)}</p> : null}
        <Choice type="radio" id={fieldId("addressee.applicant")} name="addressee" value="applicant" defaultChecked={values?.addressee !== "employer"} label={t("toApplicant")} />
        <Choice type="radio" id={fieldId("addressee.employer")} name="addressee" value="employer" defaultChecked={values?.addressee === "employer"} label={t("toEmployer")} />
      </fieldset>
      <fieldset className={errors.items ? "field field-error" : "field"}>
        <legend>{t("documents")}</legend>
        {errors.items ? <p className="error-message">{m(errors.items)}</p> : null}
        {documentKinds.map((k) => (
          <Choice key={k} type="checkbox" id={fieldId(`doc.${k}`)} name={`doc.${k}`} value="yes" defaultChecked={values?.[`doc.${k}`] === "yes"} label={documentKindLabels[k][locale]} />
        ))}
      </fieldset>
      {[0, 1, 2].map((i) => (
        <Field key={i} name={`question.${i}`} label={t("question", { n: i + 1 })} defaultValue={values?.[`question.${i}`]} error={errors[`items.${i}.label`]} />
      ))}
      <div className={errors.guidance ? "field field-error" : "field"}>
        <label htmlFor={fieldId("guidance")}>{t("guidance")}</label>
        {errors.guidance ? <p className="error-message">{m(errors.guidance)}</p> : null}
        <textarea id={fieldId("guidance")} name="guidance" rows={4} defaultValue={values?.guidance} />
      </div>
      <Field name="deadline" label={t("deadline")} type="date" hint={t("deadlineHint", { min: minDate })} defaultValue={values?.deadline} error={errors.deadline} />
      {errors.confirmOnFile ? (
        <div className="field field-error">
          <p className="error-message">{m(errors.confirmOnFile)}</p>
          <Choice type="checkbox" id={fieldId("confirmOnFile")} name="confirmOnFile" value="yes" label={t("again")} />
        </div>
      ) : null}
      <button type="submit" name="intent" value="request_evidence">
        {t("send")}
      </button>
    </Form>
  );
}
