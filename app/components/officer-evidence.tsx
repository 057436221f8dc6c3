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
    checklist: "Items of this case's checklist",
    checklistHint: "Choose exactly whose and which document you need: the degree, the job or the person it is for.",
    onFile: "on file",
    missing: "not on file",
    alreadyOnFile: "already on file: ask again?",
    byKind: "Other documents (by kind)",
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
    checklist: "이 사건의 제출 서류 목록",
    checklistHint: "필요한 서류가 어느 학위, 어느 경력, 어느 사람의 것인지 정확히 고르세요.",
    onFile: "제출됨",
    missing: "미제출",
    alreadyOnFile: "이미 제출됨: 다시 요청할까요?",
    byKind: "기타 서류 (종류별)",
  },
);

/** Loader data keeps Dates (single fetch serialises them), so the view type is the use case's. */
export type RequestForView = EvidenceRequestView;

/** The flat form of an evidence request, as the use case takes it. */
export function evidenceInputFromForm(form: FormData) {
  const items: ({ kind: "document"; documentKind: string; checklistKey?: string } | { kind: "question"; label: string })[] = [];
  // Issue 11 item 8: checklist items by their key (the server takes their kind and labels from the case's checklist).
  for (const [name, value] of form.entries()) {
    if (name.startsWith("item.") && value === "yes") items.push({ kind: "document", documentKind: "other", checklistKey: name.slice("item.".length) });
  }
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
                {locale === "ko" && i.labelKo ? i.labelKo : i.label}
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
export function RequestEvidenceForm({
  errors,
  values,
  minDate,
  checklist = [],
  headingLevel = 2,
}: {
  errors: Record<string, string>;
  values?: Record<string, string>;
  minDate: string;
  /** The case's checklist items, each with whether a file answers it (issue 11 item 8). */
  checklist?: { key: string; documentKind: string; label: { en: string; ko: string }; onFile: boolean }[];
  headingLevel?: 2 | 3;
}) {
  const { t, m, locale } = useT(text);
  const H = headingLevel === 3 ? "h3" : "h2";
  const warned = (name: string) => Boolean(errors[name]);
  return (
    <Form method="post" id="request-evidence-form">
      <H>{t("title")}</H>
      <p>{t("intro")}</p>
      <fieldset className={errors.addressee ? "field field-error" : "field"}>
        <legend>{t("who")}</legend>
        {errors.addressee ? <p className="error-message">{m(errors.addressee)}</p> : null}
        <Choice type="radio" id={fieldId("addressee.applicant")} name="addressee" value="applicant" defaultChecked={values?.addressee !== "employer"} label={t("toApplicant")} />
        <Choice type="radio" id={fieldId("addressee.employer")} name="addressee" value="employer" defaultChecked={values?.addressee === "employer"} label={t("toEmployer")} />
      </fieldset>
      {checklist.length ? (
        <fieldset className={errors.items ? "field field-error" : "field"} aria-describedby="evidence-checklist-hint">
          <legend>{t("checklist")}</legend>
          <p className="hint" id="evidence-checklist-hint">
            {t("checklistHint")}
          </p>
          {errors.items ? <p className="error-message">{m(errors.items)}</p> : null}
          {checklist.map((i) => (
            <div key={i.key} className="evidence-choice" data-item={i.key}>
              <Choice
                type="checkbox"
                id={fieldId(`item.${i.key}`)}
                name={`item.${i.key}`}
                value="yes"
                defaultChecked={values?.[`item.${i.key}`] === "yes"}
                label={
                  <>
                    {i.label[locale]}{" "}
                    <span className={warned(`item.${i.key}`) ? "error-message" : "hint"}>({warned(`item.${i.key}`) ? t("alreadyOnFile") : i.onFile ? t("onFile") : t("missing")})</span>
                  </>
                }
              />
            </div>
          ))}
        </fieldset>
      ) : null}
      <fieldset className={errors.items && !checklist.length ? "field field-error" : "field"}>
        <legend>{checklist.length ? t("byKind") : t("documents")}</legend>
        {errors.items && !checklist.length ? <p className="error-message">{m(errors.items)}</p> : null}
        {documentKinds.map((k) => (
          <Choice
            key={k}
            type="checkbox"
            id={fieldId(`doc.${k}`)}
            name={`doc.${k}`}
            value="yes"
            defaultChecked={values?.[`doc.${k}`] === "yes"}
            label={
              <>
                {documentKindLabels[k][locale]}
                {warned(`doc.${k}`) ? <span className="error-message"> ({t("alreadyOnFile")})</span> : null}
              </>
            }
          />
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
