import { Form } from "@remix-run/react";
import { documentKindLabels, type DocumentKind } from "../../models/case/document-kinds";
import type { CaseNoteView, ReviewedDocument } from "../../models/case/review";
import { fieldId, formatDateTime } from "../ui";

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
export function caseFileData(r: { documents: ReviewedDocument[]; notes: CaseNoteView[]; canReview: boolean }) {
  return {
    canReview: r.canReview,
    documents: r.documents.map((d) => ({ ...d, kind: d.kind as DocumentKind, reviewedAt: d.reviewedAt?.toISOString() ?? null })),
    notes: r.notes.map((n) => ({ id: n.id, body: n.body, authorName: n.authorName, createdAt: n.createdAt.toISOString() })),
  };
}
export type CaseFileData = ReturnType<typeof caseFileData>;

type Doc = CaseFileData["documents"][number];

function DocumentViewer({ caseId, doc, label }: { caseId: string; doc: Doc; label: string }) {
  const src = `/cases/${caseId}/documents/${doc.id}?inline=1`;
  if (doc.contentType === "application/pdf") {
    return <iframe className="document-frame" src={src} title={`${label}: ${doc.filename} (PDF)`} loading="lazy" width="100%" height="600" />;
  }
  if (doc.contentType.startsWith("image/")) {
    return <img className="document-image" src={src} alt={`${label}: ${doc.filename}`} loading="lazy" style={{ maxWidth: "100%", height: "auto" }} />;
  }
  return <p>This file type cannot be shown here; open it in a new tab.</p>;
}

function ReviewForm({ doc, error, values }: { doc: Doc; error?: string; values?: string }) {
  // The field of the document that failed gets the id the error summary links to.
  const id = error ? fieldId("reason") : `${fieldId("reason")}-${doc.id}`;
  return (
    <Form method="post" className="document-review">
      <input type="hidden" name="documentId" value={doc.id} />
      <div className={error ? "field field-error" : "field"}>
        <label htmlFor={id}>Reason for rejecting (10 to 1,000 characters; not needed to verify)</label>
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <textarea id={id} name="reason" rows={2} maxLength={1000} defaultValue={values} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <button type="submit" name="intent" value="document_verify">
        Mark verified
      </button>{" "}
      <button type="submit" name="intent" value="document_reject" className="secondary">
        Reject
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
}: {
  caseId: string;
  documents: Doc[];
  canReview: boolean;
  /** The document whose review form was sent back with an error, if any. */
  failedDocumentId?: string;
  reasonError?: string;
  reasonValue?: string;
}) {
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">
        Documents <span lang="ko">· 제출 서류</span>
      </h2>
      {documents.length === 0 ? <p>No documents on this case.</p> : null}
      {!canReview && documents.length ? <p className="hint">Documents are reviewed while the case is in review, waiting for evidence or waiting for the decision.</p> : null}
      {documents.map((doc) => {
        const kind = documentKindLabels[doc.kind];
        const label = kind?.en ?? doc.kind;
        const status = reviewStatusLabels[doc.reviewStatus];
        const failed = failedDocumentId === doc.id;
        return (
          <article key={doc.id} className="document" aria-labelledby={`doc-${doc.id}`}>
            <h3 id={`doc-${doc.id}`}>
              {label} {kind ? <span lang="ko">· {kind.ko}</span> : null}
            </h3>
            <p>
              {doc.filename} ({Math.ceil(doc.sizeBytes / 1024)} KB, SHA-256 <code>{doc.sha256.slice(0, 12)}…</code>) ·{" "}
              <a href={`/cases/${caseId}/documents/${doc.id}?inline=1`} target="_blank" rel="noreferrer">
                Open {doc.filename} in a new tab
              </a>
            </p>
            <p>
              Review:{" "}
              <strong className="status-tag">
                {status.en} <span lang="ko">· {status.ko}</span>
              </strong>
              {doc.reviewedAt ? ` by ${doc.reviewerName ?? "an officer"}, ${formatDateTime(doc.reviewedAt)}` : null}
              {doc.reviewStatus === "rejected" && doc.reviewReason ? <>. Reason: {doc.reviewReason}</> : null}
            </p>
            <DocumentViewer caseId={caseId} doc={doc} label={label} />
            {canReview ? <ReviewForm doc={doc} error={failed ? reasonError : undefined} values={failed ? reasonValue : undefined} /> : null}
          </article>
        );
      })}
    </section>
  );
}
