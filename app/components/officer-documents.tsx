import { Form } from "@remix-run/react";
import { documentKindLabels, type DocumentKind } from "../../models/case/document-kinds";
import type { CaseNoteView, EvidenceChoice, ReviewedDocument } from "../../models/case/review";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { fieldId } from "../ui";

const text = defineMessages(
  {
    cannotShow: "This file type cannot be shown here; open it in a new tab.",
    pdf: "{label}: {file} (PDF)",
    reasonLabel: "Reason for rejecting (10 to 1,000 characters; not needed to verify)",
    error: "Error:",
    verify: "Mark verified",
    reject: "Reject",
    documents: "Documents",
    none: "No documents on this case.",
    notNow: "Documents are reviewed while the case is in review, waiting for evidence, with evidence received or waiting for the decision.",
    open: "Open {file} in a new tab",
    review: "Review:",
    by: " by {name}, {at}",
    anOfficer: "an officer",
    reason: ". Reason: {reason}",
    view: "View the file",
    current: "(current document)",
    counts: "{verified} of {n} verified, {rejected} rejected",
  },
  {
    cannotShow: "이 파일 형식은 여기에서 볼 수 없습니다. 새 탭에서 여세요.",
    pdf: "{label}: {file} (PDF)",
    reasonLabel: "반려 사유 (10~1,000자, 확인 처리에는 필요 없음)",
    error: "오류:",
    verify: "확인 완료",
    reject: "반려",
    documents: "제출 서류",
    none: "이 사건에 제출된 서류가 없습니다.",
    notNow: "서류 검토는 심사 중, 보완 대기, 보완서류 접수, 결정 대기 단계에서만 할 수 있습니다.",
    open: "{file} 새 탭에서 열기",
    review: "검토:",
    by: " ({name}, {at})",
    anOfficer: "심사관",
    reason: ". 사유: {reason}",
    view: "파일 보기",
    current: "(현재 서류)",
    counts: "{n}건 중 {verified}건 확인, {rejected}건 반려",
  },
);

/**
 * O4: the documents of the case file, each shown inline (PDF in a frame, image as an
 * image) from the download route, which serves it sandboxed (see its loader), with
 * the latest review and the form to verify or reject it.
 */

export const reviewStatusLabels: Record<ReviewedDocument["reviewStatus"], { en: string; ko: string }> = {
  pending: { en: "Not reviewed yet", ko: "미검토" },
  verified: { en: "Verified", ko: "확인됨" },
  rejected: { en: "Rejected", ko: "반려" },
};

/** What the loader hands the page: dates as ISO strings (pure, no server imports). */
export function caseFileData(r: { documents: ReviewedDocument[]; notes: CaseNoteView[]; canReview: boolean; checklist: EvidenceChoice[] }) {
  return {
    canReview: r.canReview,
    checklist: r.checklist,
    documents: r.documents.map((d) => ({ ...d, kind: d.kind as DocumentKind, reviewedAt: d.reviewedAt?.toISOString() ?? null })),
    notes: r.notes.map((n) => ({ id: n.id, body: n.body, authorName: n.authorName, createdAt: n.createdAt.toISOString() })),
  };
}
export type CaseFileData = ReturnType<typeof caseFileData>;

type Doc = CaseFileData["documents"][number];

function DocumentViewer({ caseId, doc, label }: { caseId: string; doc: Doc; label: string }) {
  const { t } = useT(text);
  const src = `/cases/${caseId}/documents/${doc.id}?inline=1`;
  if (doc.contentType === "application/pdf") {
    return <iframe className="document-frame" src={src} title={t("pdf", { label, file: doc.filename })} loading="lazy" width="100%" height="600" />;
  }
  if (doc.contentType.startsWith("image/")) {
    return <img className="document-image" src={src} alt={`${label}: ${doc.filename}`} loading="lazy" style={{ maxWidth: "100%", height: "auto" }} />;
  }
  return <p>{t("cannotShow")}</p>;
}

function ReviewForm({ doc, error, values }: { doc: Doc; error?: string; values?: string }) {
  // The field of the document that failed gets the id the error summary links to.
  const id = error ? fieldId("reason") : `${fieldId("reason")}-${doc.id}`;
  const { t, m } = useT(text);
  return (
    <Form method="post" className="document-review">
      <input type="hidden" name="documentId" value={doc.id} />
      <div className={error ? "field field-error" : "field"}>
        <label htmlFor={id}>{t("reasonLabel")}</label>
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">{t("error")}</span> {m(error)}
          </p>
        ) : null}
        <textarea id={id} name="reason" rows={2} maxLength={1000} defaultValue={values} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <button type="submit" name="intent" value="document_verify">
        {t("verify")}
      </button>{" "}
      <button type="submit" name="intent" value="document_reject" className="secondary">
        {t("reject")}
      </button>
    </Form>
  );
}

export function OfficerDocuments({
  caseId,
  documents,
  canReview,
  failedDocumentId,
  reasonError,
  reasonValue,
  currentId,
  onSelect,
  viewerOpen = true,
}: {
  /** Whether the current document's viewer is open (the others' are folded). */
  viewerOpen?: boolean;
  /** Issue 11 item 2: the document the workbench's shortcuts act on (its viewer is open); the others' viewers are folded. */
  currentId?: string;
  onSelect?: (id: string) => void;
  caseId: string;
  documents: Doc[];
  canReview: boolean;
  /** The document whose review form was sent back with an error, if any. */
  failedDocumentId?: string;
  reasonError?: string;
  reasonValue?: string;
}) {
  const { t, locale, dateTime } = useT(text);
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t("documents")}</h2>
      {documents.length ? (
        <p className="hint">
          {t("counts", { n: documents.length, verified: documents.filter((x) => x.reviewStatus === "verified").length, rejected: documents.filter((x) => x.reviewStatus === "rejected").length })}
        </p>
      ) : null}
      {documents.length === 0 ? <p>{t("none")}</p> : null}
      {!canReview && documents.length ? <p className="hint">{t("notNow")}</p> : null}
      {documents.map((doc) => {
        const kind = documentKindLabels[doc.kind];
        // A file for one entry of the dossier (a degree, a job, a dependant) says which (issue 12).
        const label = [kind?.[locale] ?? doc.kind, doc.entry?.[locale]].filter(Boolean).join(": ");
        const status = reviewStatusLabels[doc.reviewStatus];
        const failed = failedDocumentId === doc.id;
        const isCurrent = currentId === doc.id;
        return (
          <article
            key={doc.id}
            className={isCurrent ? "document is-current" : "document"}
            aria-labelledby={`doc-${doc.id}`}
            data-document-id={doc.id}
            data-review-status={doc.reviewStatus}
            onFocus={onSelect ? () => onSelect(doc.id) : undefined}
          >
            <h3 id={`doc-${doc.id}`} tabIndex={-1}>
              {label}
              {isCurrent ? <span className="visually-hidden"> {t("current")}</span> : null}
            </h3>
            <p>
              {doc.filename} ({Math.ceil(doc.sizeBytes / 1024)} KB, SHA-256 <code>{doc.sha256.slice(0, 12)}…</code>) ·{" "}
              <a href={`/cases/${caseId}/documents/${doc.id}?inline=1`} target="_blank" rel="noreferrer">
                {t("open", { file: doc.filename })}
              </a>
            </p>
            <p>
              {t("review")} <strong className="status-tag">{status[locale]}</strong>
              {doc.reviewedAt ? t("by", { name: doc.reviewerName ?? t("anOfficer"), at: dateTime(doc.reviewedAt) }) : null}
              {doc.reviewStatus === "rejected" && doc.reviewReason ? t("reason", { reason: doc.reviewReason }) : null}
            </p>
            {currentId === undefined ? (
              <DocumentViewer caseId={caseId} doc={doc} label={label} />
            ) : (
              <details className="document-view" open={isCurrent && viewerOpen}>
                <summary>{t("view")}</summary>
                <DocumentViewer caseId={caseId} doc={doc} label={label} />
              </details>
            )}
            {canReview ? <ReviewForm doc={doc} error={failed ? reasonError : undefined} values={failed ? reasonValue : undefined} /> : null}
          </article>
        );
      })}
    </section>
  );
}
