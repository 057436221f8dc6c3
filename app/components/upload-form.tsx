import { Form } from "@remix-run/react";
import { documentKindLabels, documentKinds } from "../../models/case/document-kinds";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { fieldId } from "../ui";

const text = defineMessages(
  {
    legend: "Upload a document",
    kind: "What is it?",
    file: "File",
    hint: "PDF, PNG or JPEG, up to {size}. You can add several files, one at a time.",
    upload: "Upload",
    replace: "Replace",
    error: "Error:",
  },
  {
    legend: "서류 올리기",
    kind: "어떤 서류인가요?",
    file: "파일",
    hint: "PDF, PNG 또는 JPEG, {size} 이하. 여러 파일을 하나씩 올릴 수 있습니다.",
    upload: "올리기",
    replace: "바꾸기",
    error: "오류:",
  },
);

/**
 * A5: one file, checked on the server by content and size. Without a target it
 * asks what the document is; with a checklist item, a request item or a file to
 * replace, the server takes the kind from there. `name` makes the field ids
 * unique when a page has several forms.
 */
export function UploadForm({
  caseId,
  maxUpload,
  error,
  name = "file",
  legend,
  checklistItem,
  replaces,
  requestItemId,
  returnTo,
  compact = false,
}: {
  caseId: string;
  maxUpload: string;
  error?: string;
  /** Field id suffix (several forms on one page). */
  name?: string;
  legend?: string;
  checklistItem?: string;
  replaces?: string;
  requestItemId?: string;
  /** "documents" comes back to the documents page; the default is the case page. */
  returnTo?: "documents" | "case";
  compact?: boolean;
}) {
  const { t, m, locale } = useT(text);
  const id = fieldId(name);
  const kindId = fieldId(`${name}-kind`);
  const targeted = Boolean(checklistItem || replaces || requestItemId);
  return (
    <Form method="post" action={`/cases/${caseId}/documents`} encType="multipart/form-data" className={compact ? "upload-form compact" : "upload-form"}>
      <fieldset>
        <legend>{legend ?? t("legend")}</legend>
        {checklistItem ? <input type="hidden" name="checklistItem" value={checklistItem} /> : null}
        {replaces ? <input type="hidden" name="replaces" value={replaces} /> : null}
        {requestItemId ? <input type="hidden" name="requestItemId" value={requestItemId} /> : null}
        {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
        <input type="hidden" name="field" value={name} />
        {targeted ? null : (
          <div className="field">
            <label htmlFor={kindId}>{t("kind")}</label>
            <select id={kindId} name="kind" defaultValue="passport">
              {documentKinds.map((k) => (
                <option key={k} value={k}>
                  {documentKindLabels[k][locale]}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className={error ? "field field-error" : "field"}>
          <label htmlFor={id}>{t("file")}</label>
          <p className="hint" id={`${id}-hint`}>
            {t("hint", { size: maxUpload })}
          </p>
          {error ? (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">{t("error")}</span> {m(error)}
            </p>
          ) : null}
          <input
            id={id}
            name="file"
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className={replaces ? "secondary" : undefined}>
          {replaces ? t("replace") : t("upload")}
        </button>
      </fieldset>
    </Form>
  );
}
