import { Form } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { fieldId } from "../ui";

const text = defineMessages(
  {
    notes: "Officer notes",
    notesHint: "Only officers see these notes; the applicant and the sponsor never do.",
    newNote: "New note",
    error: "Error:",
    add: "Add note",
    none: "No notes yet.",
    flags: "Risk flags",
    noFlags: "No risk flags were raised at screening.",
    raised: "(raised {at})",
  },
  {
    notes: "심사관 메모",
    notesHint: "심사관만 볼 수 있는 메모입니다. 신청인과 초청 기업에는 보이지 않습니다.",
    newNote: "새 메모",
    error: "오류:",
    add: "메모 추가",
    none: "메모가 없습니다.",
    flags: "위험 신호",
    noFlags: "자동 심사에서 발견된 위험 신호가 없습니다.",
    raised: "({at} 발견)",
  },
);

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
  const { t, m, dateTime } = useT(text);
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t("notes")}</h2>
      <p className="hint">{t("notesHint")}</p>
      <Form method="post">
        <div className={error ? "field field-error" : "field"}>
          <label htmlFor={id}>{t("newNote")}</label>
          {error ? (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">{t("error")}</span> {m(error)}
            </p>
          ) : null}
          <textarea id={id} name="body" rows={3} maxLength={5000} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        <button type="submit" name="intent" value="note_add">
          {t("add")}
        </button>
      </Form>
      {notes.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ol className="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p>
                <strong>{n.authorName}</strong>, <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
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
  const { t, locale, dateTime } = useT(text);
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">{t("flags")}</h2>
      {flags.length === 0 ? (
        <p>{t("noFlags")}</p>
      ) : (
        <ul className="risk-flags">
          {flags.map((f, i) => (
            <li key={`${f.code}-${i}`}>
              <strong>{f.label[locale]}</strong>: {f.detail} <small>{t("raised", { at: dateTime(f.raisedAt) })}</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
