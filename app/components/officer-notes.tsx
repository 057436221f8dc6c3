import { Form } from "@remix-run/react";
import { fieldId, formatDateTime } from "../ui";

/** O4: officer-only working notes on a case, newest first, and the form to add one. Never rendered for applicants or sponsors. */
export function OfficerNotes({
  notes,
  error,
  value,
}: {
  notes: { id: string; body: string; authorName: string; createdAt: string }[];
  error?: string;
  value?: string;
}) {
  const id = fieldId("body");
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">
        Officer notes <span lang="ko">· 심사관 메모</span>
      </h2>
      <p className="hint">Only officers see these notes; the applicant and the sponsor never do.</p>
      <Form method="post">
        <div className={error ? "field field-error" : "field"}>
          <label htmlFor={id}>New note</label>
          {error ? (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <textarea id={id} name="body" rows={3} maxLength={5000} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        <button type="submit" name="intent" value="note_add">
          Add note
        </button>
      </Form>
      {notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ol className="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p>
                <strong>{n.authorName}</strong>, <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </p>
              <p style={{ whiteSpace: "pre-wrap" }}>{n.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** O3: the risk flags screening raised, worded in Korean and English (labels come from the loader). */
export function RiskFlagList({ flags }: { flags: { code: string; detail: string; raisedAt: string; label: { en: string; ko: string } }[] }) {
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">
        Risk flags <span lang="ko">· 위험 신호</span>
      </h2>
      {flags.length === 0 ? (
        <p>
          No risk flags were raised at screening. <span lang="ko">심사 시 발견된 위험 신호가 없습니다.</span>
        </p>
      ) : (
        <ul className="risk-flags">
          {flags.map((f, i) => (
            <li key={`${f.code}-${i}`}>
              <strong>
                {f.label.en} <span lang="ko">· {f.label.ko}</span>
              </strong>
              : {f.detail} <small>(raised {formatDateTime(f.raisedAt)})</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
