import { Form } from "@remix-run/react";
import { documentKindLabels, documentKinds } from "../../models/case/document-kinds";
import { fieldId } from "../ui";

/** A5 (first cut): one file with what it is; used on the case page and on the upload page. */
export function UploadForm({ caseId, maxUpload, error }: { caseId: string; maxUpload: string; error?: string }) {
  const id = fieldId("file");
  return (
    <Form method="post" action={`/cases/${caseId}/documents`} encType="multipart/form-data">
      <fieldset>
        <legend>Upload a document</legend>
        <div className="field">
          <label htmlFor="f-kind">What is it?</label>
          <select id="f-kind" name="kind" defaultValue="passport">
            {documentKinds.map((k) => (
              <option key={k} value={k}>
                {documentKindLabels[k].en}
              </option>
            ))}
          </select>
        </div>
        <div className={error ? "field field-error" : "field"}>
          <label htmlFor={id}>File</label>
          <p className="hint" id={`${id}-hint`}>
            PDF, PNG or JPEG, up to {maxUpload}.
          </p>
          {error ? (
            <p className="error-message" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
          <input id={id} name="file" type="file" accept="application/pdf,image/png,image/jpeg" aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid={error ? true : undefined} />
        </div>
        <button type="submit">Upload</button>
      </fieldset>
    </Form>
  );
}
