import { Form } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import type { RequestForView } from "./officer-evidence";
import { UploadForm, type RefusedFile } from "./upload-form";
import { fieldId } from "../ui";

const text = defineMessages(
  {
    title: "The officer asks for more evidence",
    deadline: "Deadline: {when}.",
    intro: "Answer each item below: upload a file for each document (several files are fine), answer each question, then send your answer. The review clock is paused until you do.",
    uploaded: "Uploaded: {files}",
    notYet: "No file yet.",
    file: "File (PDF, PNG or JPEG, up to {size})",
    upload: "Upload",
    note: "Note to the officer (optional)",
    send: "Send my answer",
    error: "Error:",
    itemDone: "Done",
    itemMissing: "Missing",
  },
  {
    title: "심사관이 보완 서류를 요청했습니다",
    deadline: "기한: {when}.",
    intro: "아래 항목마다 답하세요. 서류는 항목마다 파일을 올리고(여러 개도 됩니다), 질문에는 답을 쓴 뒤 답변을 보내세요. 답변할 때까지 심사 기간은 멈춥니다.",
    uploaded: "올린 파일: {files}",
    notYet: "아직 파일이 없습니다.",
    file: "파일 (PDF, PNG 또는 JPEG, {size} 이하)",
    upload: "올리기",
    note: "심사관에게 남길 메모 (선택)",
    send: "답변 보내기",
    error: "오류:",
    itemDone: "완료",
    itemMissing: "없음",
  },
);

/** A9: answer the open request item by item: files first (several per item, each form uploads at once), then answers and a note. */
export function AnswerEvidence({
  request,
  caseId,
  errors,
  maxUpload,
  maxBytes,
  batch,
}: {
  request: RequestForView;
  caseId: string;
  errors: Record<string, string>;
  maxUpload: string;
  maxBytes?: number;
  /** Issue 11 item 5: the files of a several-file upload the server refused (without JavaScript), by form. */
  batch?: { field: string; refused: RefusedFile[] };
}) {
  const { t, m, dateTime, locale } = useT(text);
  const questions = request.items.filter((i) => i.kind === "question");
  const Err = ({ name }: { name: string }) =>
    errors[name] ? (
      <p className="error-message" id={`${fieldId(name)}-error`}>
        <span className="visually-hidden">{t("error")}</span> {m(errors[name])}
      </p>
    ) : null;
  return (
    <section aria-labelledby="answer-evidence" className="notice">
      <h2 id="answer-evidence">
        {t("title")} <span lang="ko">· 보완요청</span>
      </h2>
      <p>
        <strong>{t("deadline", { when: dateTime(request.deadline) })}</strong> {request.guidance}
      </p>
      <p>{t("intro")}</p>
      {request.items
        .filter((i) => i.kind === "document")
        .map((i) => {
          const name = `file.${i.id}`;
          return (
            <UploadForm
              key={i.id}
              caseId={caseId}
              action={`/cases/${caseId}?index`}
              maxUpload={maxUpload}
              maxBytes={maxBytes}
              name={name}
              requestItemId={i.id}
              returnTo="case"
              legend={locale === "ko" && i.labelKo ? i.labelKo : i.label}
              error={batch?.field === name ? undefined : errors[name]}
              refused={batch?.field === name ? batch.refused : undefined}
              compact
            >
              <p>
                <strong className={i.files.length ? "status-tag status-done" : "status-tag status-missing"}>{i.files.length ? t("itemDone") : t("itemMissing")}</strong>{" "}
                {i.files.length ? t("uploaded", { files: i.files.map((f) => f.filename).join(", ") }) : t("notYet")}
              </p>
            </UploadForm>
          );
        })}
      <Form method="post">
        <input type="hidden" name="requestId" value={request.id} />
        {questions.map((q) => {
          const name = `answer.${q.id}`;
          return (
            <div key={q.id} className={errors[name] ? "field field-error" : "field"}>
              <label htmlFor={fieldId(name)}>{q.label}</label>
              <Err name={name} />
              <textarea
                id={fieldId(name)}
                name={name}
                rows={3}
                maxLength={5000}
                aria-describedby={errors[name] ? `${fieldId(name)}-error` : undefined}
                aria-invalid={errors[name] ? true : undefined}
              />
            </div>
          );
        })}
        <div className={errors.note ? "field field-error" : "field"}>
          <label htmlFor={fieldId("note")}>{t("note")}</label>
          <Err name="note" />
          <textarea id={fieldId("note")} name="note" rows={3} maxLength={5000} />
        </div>
        <button type="submit" name="intent" value="answer_evidence">
          {t("send")}
        </button>
      </Form>
    </section>
  );
}
