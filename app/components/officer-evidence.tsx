import { Form } from "@remix-run/react";
import { documentKindLabels, documentKinds } from "../../models/case/document-kinds";
import type { EvidenceRequestView } from "../../models/case/evidence";
import { Field, fieldId, formatDateTime } from "../ui";

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
  };
}

/** Earlier requests and their answers, for officers and applicants alike. */
export function EvidenceHistory({ requests, caseId }: { requests: RequestForView[]; caseId: string }) {
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="evidence-history">
      <h2 id="evidence-history">
        Requests for evidence <span lang="ko">· 보완요청</span>
      </h2>
      {requests.map((r) => (
        <article key={r.id} className="notice">
          <p>
            Asked {formatDateTime(r.createdAt)}, due {formatDateTime(r.deadline)}: <strong>{r.status}</strong>
            {r.answeredAt ? `, answered ${formatDateTime(r.answeredAt)}` : ""}
          </p>
          <p>{r.guidance}</p>
          <ul>
            {r.items.map((i) => (
              <li key={i.id}>
                {i.label}
                {i.answerText ? `: "${i.answerText}"` : ""}
                {i.files.map((f) => (
                  <span key={f.id}>
                    {" "}
                    <a href={`/cases/${caseId}/documents/${f.id}`}>{f.filename}</a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {r.answerNote ? <p>Note from the applicant: {r.answerNote}</p> : null}
        </article>
      ))}
    </section>
  );
}

/** O5: the officer's request form; asks to confirm when an item is already on file. */
export function RequestEvidenceForm({ errors, values, minDate }: { errors: Record<string, string>; values?: Record<string, string>; minDate: string }) {
  return (
    <Form method="post">
      <h2>
        Request evidence <span lang="ko">· 보완요청</span>
      </h2>
      <p>The review clock pauses until the applicant answers or the deadline passes; the applicant and the employer are notified.</p>
      <fieldset className={errors.items ? "field field-error" : "field"}>
        <legend>Documents to ask for</legend>
        {errors.items ? <p className="error-message">{errors.items}</p> : null}
        {documentKinds.map((k) => (
          <div key={k}>
            <input type="checkbox" id={fieldId(`doc.${k}`)} name={`doc.${k}`} value="yes" defaultChecked={values?.[`doc.${k}`] === "yes"} />{" "}
            <label htmlFor={fieldId(`doc.${k}`)}>{documentKindLabels[k].en}</label>
          </div>
        ))}
      </fieldset>
      {[0, 1, 2].map((i) => (
        <Field key={i} name={`question.${i}`} label={`Question ${i + 1} (optional)`} defaultValue={values?.[`question.${i}`]} error={errors[`items.${i}.label`]} />
      ))}
      <div className={errors.guidance ? "field field-error" : "field"}>
        <label htmlFor={fieldId("guidance")}>Guidance for the applicant</label>
        {errors.guidance ? <p className="error-message">{errors.guidance}</p> : null}
        <textarea id={fieldId("guidance")} name="guidance" rows={4} defaultValue={values?.guidance} />
      </div>
      <Field name="deadline" label="Deadline" type="date" hint={`From ${minDate}; at most 90 days away`} defaultValue={values?.deadline} error={errors.deadline} />
      {errors.confirmOnFile ? (
        <div className="field field-error">
          <p className="error-message">{errors.confirmOnFile}</p>
          <input type="checkbox" id={fieldId("confirmOnFile")} name="confirmOnFile" value="yes" />{" "}
          <label htmlFor={fieldId("confirmOnFile")}>Ask for these items again anyway</label>
        </div>
      ) : null}
      <button type="submit" name="intent" value="request_evidence">
        Send the request
      </button>
    </Form>
  );
}
