import { useEffect, useRef } from "react";
import { defineMessages } from "../models/i18n";
import { statusLabels, type CaseStatus } from "../models/lifecycle";
import { useLocale, useT } from "./i18n";

const text = defineMessages(
  { problem: "There is a problem", error: "Error:", choose: "Choose…", timeline: "Timeline", comment: "comment: {text}" },
  { problem: "확인이 필요한 항목이 있습니다", error: "오류:", choose: "선택하세요…", timeline: "진행 기록", comment: "의견: {text}" },
);

/** An error summary at the top of a form, linking to each field (focused when it appears). */
export function ErrorSummary({ error, fieldErrors }: { error?: string; fieldErrors?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const { t, m } = useT(text);
  const entries = Object.entries(fieldErrors ?? {});
  useEffect(() => {
    if (error || entries.length) ref.current?.focus();
  });
  if (!error && entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("problem")}</h2>
      {error ? <p>{m(error)}</p> : null}
      {entries.length ? (
        <ul>
          {entries.map(([field, message]) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`}>{m(message)}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, "-")}`;

/** Label, hint and error message of a form field, tied to the control for assistive technology. */
function FieldShell({ name, label, hint, error, children }: { name: string; label: string; hint?: string; error?: string; children: (a11y: { id: string; describedBy?: string }) => React.ReactNode }) {
  const id = fieldId(name);
  const { t, m } = useT(text);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t("error")}</span> {m(error)}
        </p>
      ) : null}
      {children({ id, describedBy })}
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string | number | null;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: "numeric" | "text" | "email";
};

/** A labelled input with its hint and error message. */
export function Field({ name, label, hint, error, defaultValue, type = "text", autoComplete, required, inputMode }: FieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue ?? undefined}
          autoComplete={autoComplete}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          inputMode={inputMode}
        />
      )}
    </FieldShell>
  );
}

/**
 * A radio button or checkbox with its label beside it: the control at the left, the whole
 * label clickable, a target of at least 44 px. Group several in a fieldset (and wrap them in
 * `<div className="choices-inline">` for a short yes/no row).
 */
export function Choice({
  type,
  id,
  name,
  value,
  label,
  defaultChecked,
  required,
  describedBy,
  onChange,
}: {
  type: "radio" | "checkbox";
  id: string;
  name: string;
  value: string;
  label: React.ReactNode;
  defaultChecked?: boolean;
  required?: boolean;
  describedBy?: string;
  onChange?: (e: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <div className="choice">
      <input type={type} id={id} name={name} value={value} defaultChecked={defaultChecked} required={required} aria-describedby={describedBy} onChange={onChange} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A labelled select with a "Choose…" first option. */
export function SelectField(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  error?: string;
  defaultValue?: string | null;
  hint?: string;
}) {
  const { t } = useT(text);
  return <SelectFieldInner {...props} chooseLabel={t("choose")} />;
}

function SelectFieldInner({
  name,
  label,
  options,
  error,
  defaultValue,
  hint,
  chooseLabel,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  error?: string;
  defaultValue?: string | null;
  hint?: string;
  chooseLabel: string;
}) {
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <select id={id} name={name} defaultValue={defaultValue ?? ""} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
          <option value="">{chooseLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** The case timeline as the parties see it. */
export function Timeline({ events }: { events: { id: number; at: string; text: string; comment?: string }[] }) {
  const { t, dateTime } = useT(text);
  return (
    <>
      <h2>{t("timeline")}</h2>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{dateTime(e.at)}</time>: {e.text}
            {e.comment ? ` (${t("comment", { text: e.comment })})` : null}
          </li>
        ))}
      </ol>
    </>
  );
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Seoul" });
export const formatDateTime = (d: string | Date) => `${dateFormat.format(new Date(d))} KST`;
export const formatKrw = (n: number) => `₩${new Intl.NumberFormat("en-US").format(n)}`;

/**
 * Status shown as words (never colour alone). Given a `status`, its name in the
 * page's language; given `label` and `ko`, both names side by side.
 */
export function StatusTag(props: { status: CaseStatus } | { label: string; ko: string }) {
  const locale = useLocale();
  if ("status" in props) {
    return (
      <strong className="status-tag" data-status={props.status}>
        {statusLabels[props.status][locale]}
      </strong>
    );
  }
  return (
    <strong className="status-tag">
      {props.label} <span lang="ko">· {props.ko}</span>
    </strong>
  );
}
