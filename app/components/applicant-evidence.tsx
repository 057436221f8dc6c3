import { Form } from "@remix-run/react";
import type { RequestForView } from "./officer-evidence";
import { fieldId, formatDateTime } from "../ui";

/** A9: answer the open request item by item: files first (each uploads at once), then answers and a note. */
export function AnswerEvidence({ request, caseId, errors, maxUpload }: { request: RequestForView; caseId: string; errors: Record<string, string>; maxUpload: string }) {
  const questions = request.items.filter((i) => i.kind === "question");
  return (
    <section aria-labelledby="answer-evidence" className="notice">
      <h2 id="answer-evidence">
        The officer asks for more evidence <span lang="ko">· 보완요청</span>
      </h2>
      <p>
        <strong>Deadline: {formatDateTime(request.deadline)}.</strong> {request.guidance}
      </p>
      {request.items
        .filter((i) => i.kind === "document")
        .map((i) => (
          <Form key={i.id} method="post" action={`/cases/${caseId}/documents`} encType="multipart/form-data">
            <fieldset className={errors[`file.${i.id}`] ? "field field-error" : "field"}>
              <legend>{i.label}</legend>
              {errors[`file.${i.id}`] ? <p className="error-message">{errors[`file.${i.id}`]}</p> : null}
              {i.files.length ? <p>Uploaded: {i.files.map((f) => f.filename).join(", ")}</p> : null}
              <input type="hidden" name="kind" value={i.documentKind ?? "other"} />
              <input type="hidden" name="requestItemId" value={i.id} />
              <label htmlFor={fieldId(`file.${i.id}`)}>File (PDF, PNG or JPEG, up to {maxUpload})</label>
              <input id={fieldId(`file.${i.id}`)} name="file" type="file" accept="application/pdf,image/png,image/jpeg" />{" "}
              <button type="submit" className="secondary">
                Upload
              </button>
            </fieldset>
          </Form>
        ))}
      <Form method="post">
        <input type="hidden" name="requestId" value={request.id} />
        {questions.map((q) => (
          <div key={q.id} className={errors[`answer.${q.id}`] ? "field field-error" : "field"}>
            <label htmlFor={fieldId(`answer.${q.id}`)}>{q.label}</label>
            {errors[`answer.${q.id}`] ? <p className="error-message">{errors[`answer.${q.id}`]}</p> : null}
            <textarea id={fieldId(`answer.${q.id}`)} name={`answer.${q.id}`} rows={3} />
          </div>
        ))}
        <div className="field">
          <label htmlFor={fieldId("note")}>Note to the officer (optional)</label>
          <textarea id={fieldId("note")} name="note" rows={3} />
        </div>
        <button type="submit" name="intent" value="answer_evidence">
          Send my answer
        </button>
      </Form>
    </section>
  );
}
