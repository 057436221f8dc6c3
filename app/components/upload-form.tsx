import { useLocation, useNavigate, useRevalidator } from "@remix-run/react";
import { useRef, useState, type DragEvent, type FormEvent, type ReactNode } from "react";
import { documentKindLabels, documentKinds } from "../../models/case/document-kinds";
import { formatSize } from "../../models/files";
import { defineMessages, localizeMessage, type Locale } from "../../models/i18n";
import { useT } from "../i18n";
import { fieldId } from "../ui";

const text = defineMessages(
  {
    legend: "Upload a document",
    kind: "What is it?",
    file: "File",
    files: "Files",
    hint: "PDF, PNG or JPEG, up to {size} each. You can choose several files at once.",
    hintOne: "PDF, PNG or JPEG, up to {size}.",
    drop: "Or drag files here: they are uploaded at once.",
    dropOne: "Or drag a file here: it is uploaded at once.",
    upload: "Upload",
    replace: "Replace",
    error: "Error:",
    progressTitle: "Uploads",
    waiting: "Waiting",
    sending: "Uploading, {percent}%",
    checking: "Checking the file…",
    uploaded: "Uploaded",
    notUploaded: "Not uploaded",
    refusedOne: "{name} was not uploaded.",
    refusedSome: "{count} of {total} files were not uploaded:",
    tooLargeHere: "The file is larger than {size}. Upload a smaller scan.",
    tooLargeHereField: "The file must be {size} or smaller",
    failed: "The upload did not go through (error {status}). Check your connection and try again.",
    failedField: "The upload did not go through: try again",
  },
  {
    legend: "서류 올리기",
    kind: "어떤 서류인가요?",
    file: "파일",
    files: "파일",
    hint: "PDF, PNG 또는 JPEG, 파일당 {size} 이하. 여러 파일을 한 번에 고를 수 있습니다.",
    hintOne: "PDF, PNG 또는 JPEG, {size} 이하.",
    drop: "또는 파일을 여기로 끌어 놓으세요. 바로 올라갑니다.",
    dropOne: "또는 파일을 여기로 끌어 놓으세요. 바로 올라갑니다.",
    upload: "올리기",
    replace: "바꾸기",
    error: "오류:",
    progressTitle: "올리는 파일",
    waiting: "대기 중",
    sending: "올리는 중, {percent}%",
    checking: "파일을 확인하는 중…",
    uploaded: "올림",
    notUploaded: "올리지 못함",
    refusedOne: "{name} 파일을 올리지 못했습니다.",
    refusedSome: "파일 {total}개 중 {count}개를 올리지 못했습니다:",
    tooLargeHere: "파일이 {size}보다 큽니다. 더 작은 스캔 파일을 올리세요.",
    tooLargeHereField: "파일은 {size} 이하여야 합니다",
    failed: "업로드가 완료되지 않았습니다(오류 {status}). 연결을 확인하고 다시 시도하세요.",
    failedField: "업로드가 완료되지 않았습니다. 다시 시도하세요",
  },
);

/** What the server said about one refused file (the batch answer of the documents and case pages, and of the upload endpoint). */
export interface RefusedFile {
  filename: string;
  /** The refusal in a sentence. */
  message: string;
  /** The refusal in a few words. */
  reason: string;
}

/**
 * The size-limit messages carry a number, so they are not in the exact-text
 * catalogue: they are matched here and said in the reader's language.
 */
export function localiseUploadMessage(locale: Locale, s: string): string {
  if (locale === "en") return s;
  const patterns: [RegExp, string][] = [
    [/^The file is larger than (.+)\. Upload a smaller scan\.$/, "파일이 $1보다 큽니다. 더 작은 스캔 파일을 올리세요."],
    [/^The file must be (.+) or smaller$/, "파일은 $1 이하여야 합니다"],
    [/^The files of this application would add up to more than (.+)\. Replace a large scan with a smaller one, or upload a smaller file\.$/, "이 신청의 파일 합계가 $1를 넘게 됩니다. 큰 스캔 파일을 작은 것으로 바꾸거나 더 작은 파일을 올리세요."],
    [/^All files together must be (.+) or smaller$/, "모든 파일의 합계는 $1 이하여야 합니다"],
  ];
  for (const [re, ko] of patterns) if (re.test(s)) return s.replace(re, ko);
  return localizeMessage(locale, s);
}

type Row = { key: number; name: string; size: number; state: "waiting" | "sending" | "checking" | "done" | "failed"; percent: number; refusal?: RefusedFile };

/** Send one file to the upload endpoint, reporting progress; resolves with the endpoint's JSON (or a made-up refusal). */
function send(url: string, body: FormData, fileName: string, onProgress: (percent: number, sent: boolean) => void): Promise<{ stored: { filename: string; checklistItem: string | null }[]; refused: RefusedFile[]; status: number }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    // The endpoint names the file in a refusal it finds before reading the body (a file over the limit).
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(fileName));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100), e.loaded >= e.total);
    };
    xhr.upload.onload = () => onProgress(100, true);
    const fail = (status: number) => resolve({ stored: [], refused: [], status });
    xhr.onerror = () => fail(0);
    xhr.onload = () => {
      try {
        const json = JSON.parse(xhr.responseText) as { stored?: { filename: string; checklistItem: string | null }[]; refused?: RefusedFile[] };
        resolve({ stored: json.stored ?? [], refused: json.refused ?? [], status: xhr.status });
      } catch {
        fail(xhr.status);
      }
    };
    xhr.send(body);
  });
}

/**
 * A5: an upload form, checked on the server by content and size. Without a
 * target it asks what the document is; with a checklist item, a request item
 * or a file to replace, the server takes the kind from there. `name` makes the
 * field ids unique when a page has several forms.
 *
 * Issue 11 item 5: several files at once (`multiple`, except to replace one).
 * Without JavaScript it is a plain multipart form: the page's action stores the
 * good files and names the refused ones. With JavaScript each file is sent on
 * its own to /cases/:id/documents/upload with a progress bar, files can be
 * dropped on the form (uploaded at once), a refusal is shown by its file's
 * name, and the input is cleared after the upload.
 */
export function UploadForm({
  caseId,
  maxUpload,
  maxBytes,
  error,
  refused,
  name = "file",
  legend,
  checklistItem,
  replaces,
  requestItemId,
  returnTo,
  compact = false,
  action,
  children,
}: {
  caseId: string;
  maxUpload: string;
  /** The per-file limit in bytes: with JavaScript a larger file is refused before it is sent. */
  maxBytes?: number;
  error?: string;
  /** The files of this form the server refused (no-JavaScript batch). */
  refused?: RefusedFile[];
  /** Field id suffix (several forms on one page). */
  name?: string;
  legend?: string;
  checklistItem?: string;
  replaces?: string;
  requestItemId?: string;
  /** "documents" comes back to the documents page; the default is the case page. */
  returnTo?: "documents" | "case";
  compact?: boolean;
  /** Where the form posts without JavaScript (default: the documents page). */
  action?: string;
  /** Shown under the legend (e.g. what the item already has). */
  children?: ReactNode;
}) {
  const { t, locale } = useT(text);
  const lm = (s: string) => localiseUploadMessage(locale, s);
  const navigate = useNavigate();
  const location = useLocation();
  const revalidator = useRevalidator();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const id = fieldId(name);
  const kindId = fieldId(`${name}-kind`);
  const targeted = Boolean(checklistItem || replaces || requestItemId);
  const multiple = !replaces;
  const shownRefusals: RefusedFile[] = rows.length ? rows.flatMap((r) => (r.refusal ? [r.refusal] : [])) : (refused ?? []);
  const total = rows.length || (refused?.length ?? 0);
  const errorText = shownRefusals.length ? undefined : error;
  const describedBy = [`${id}-hint`, errorText || shownRefusals.length ? `${id}-error` : null].filter(Boolean).join(" ");

  async function upload(files: File[]) {
    const form = formRef.current;
    if (!form || busy) return;
    setBusy(true);
    const base = new FormData(form);
    base.delete("file");
    const list: Row[] = files.map((f, i) => ({ key: Date.now() + i, name: f.name, size: f.size, state: "waiting", percent: 0 }));
    setRows(list);
    const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    const stored: { filename: string; checklistItem: string | null }[] = [];
    for (const [i, file] of files.entries()) {
      if (maxBytes !== undefined && file.size > maxBytes) {
        const size = formatSize(maxBytes);
        update(i, { state: "failed", refusal: { filename: file.name, message: t("tooLargeHere", { size }), reason: t("tooLargeHereField", { size }) } });
        continue;
      }
      update(i, { state: "sending" });
      const body = new FormData();
      for (const [k, v] of base.entries()) body.append(k, v);
      body.append("file", file);
      const res = await send(`/cases/${caseId}/documents/upload`, body, file.name, (percent, sent) => update(i, { percent, state: sent ? "checking" : "sending" }));
      stored.push(...res.stored);
      if (res.stored.length) update(i, { state: "done", percent: 100 });
      else update(i, { state: "failed", refusal: res.refused[0] ?? { filename: file.name, message: t("failed", { status: res.status }), reason: t("failedField") } });
    }
    // The input is cleared: what was chosen is either stored or listed as refused.
    if (inputRef.current) inputRef.current.value = "";
    setBusy(false);
    if (stored.length) {
      const query = stored.map((s) => `uploaded=${encodeURIComponent(s.filename)}`).join("&");
      const item = stored[0]!.checklistItem ?? checklistItem;
      const to = returnTo === "documents" ? `/cases/${caseId}/documents?${query}${item ? `#item-${encodeURIComponent(item)}` : ""}` : `/cases/${caseId}?${query}#answer-evidence`;
      navigate(to, { preventScrollReset: true });
      // The same page and query with another #item is a hash change, which loads nothing: reload the data.
      if (to.split("#")[0] === `${location.pathname}${location.search}`) revalidator.revalidate();
    }
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const files = [...(inputRef.current?.files ?? [])];
    // Nothing chosen: the plain form goes, and the page says what is missing.
    if (!files.length || typeof XMLHttpRequest === "undefined") return;
    e.preventDefault();
    void upload(files);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files].slice(0, multiple ? undefined : 1);
    if (!files.length) return;
    void upload(files);
  }

  const dragProps = {
    onDragOver: (e: DragEvent<HTMLDivElement>) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      if (!dragging) setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop,
  };

  return (
    <form
      ref={formRef}
      method="post"
      action={action ?? `/cases/${caseId}/documents`}
      encType="multipart/form-data"
      className={compact ? "upload-form compact" : "upload-form"}
      onSubmit={onSubmit}
      data-busy={busy ? "true" : undefined}
    >
      <fieldset>
        <legend>{legend ?? t("legend")}</legend>
        {children}
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
        <div className={errorText || shownRefusals.length ? "field field-error" : "field"}>
          <label htmlFor={id}>{multiple ? t("files") : t("file")}</label>
          <p className="hint" id={`${id}-hint`}>
            {multiple ? t("hint", { size: maxUpload }) : t("hintOne", { size: maxUpload })}
          </p>
          {errorText ? (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">{t("error")}</span> {lm(errorText)}
            </p>
          ) : null}
          {shownRefusals.length ? (
            <div className="error-message" id={`${id}-error`} role="alert" data-testid="upload-refusals">
              <p>
                <span className="visually-hidden">{t("error")}</span>{" "}
                {shownRefusals.length === 1 && total <= 1 ? lm(shownRefusals[0]!.message) : t("refusedSome", { count: shownRefusals.length, total })}
              </p>
              <ul className="upload-failures">
                {shownRefusals.map((r, i) => (
                  <li key={`${r.filename}-${i}`}>
                    <strong>{r.filename}</strong>: {lm(r.reason)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className={dragging ? "drop-zone dragging" : "drop-zone"} {...dragProps} data-testid="drop-zone">
            <input
              ref={inputRef}
              id={id}
              name="file"
              type="file"
              multiple={multiple}
              accept="application/pdf,image/png,image/jpeg"
              aria-describedby={describedBy}
              aria-invalid={errorText || shownRefusals.length ? true : undefined}
            />
            <p className="drop-hint" aria-hidden="true">
              {multiple ? t("drop") : t("dropOne")}
            </p>
          </div>
        </div>
        {rows.length ? (
          <ul className="upload-progress" aria-live="polite" aria-label={t("progressTitle")}>
            {rows.map((r) => (
              <li key={r.key}>
                <span>
                  {r.name} ({formatSize(r.size)})
                </span>
                <span className={r.state === "done" ? "ok" : r.state === "failed" ? "failed" : undefined}>
                  {r.state === "done" ? `✓ ${t("uploaded")}` : r.state === "failed" ? `✘ ${t("notUploaded")}` : r.state === "waiting" ? t("waiting") : r.state === "checking" ? t("checking") : t("sending", { percent: r.percent })}
                </span>
                {r.state === "sending" || r.state === "checking" || r.state === "waiting" ? <progress max={100} value={r.percent} aria-label={`${r.name}: ${t("sending", { percent: r.percent })}`} /> : null}
              </li>
            ))}
          </ul>
        ) : null}
        <button type="submit" className={replaces ? "secondary" : undefined} disabled={busy}>
          {replaces ? t("replace") : t("upload")}
        </button>
      </fieldset>
    </form>
  );
}
