import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { documentsOverview } from "../../models/case/documents";
import { caseTooLarge, fileTooLarge } from "../../models/case/upload-limits";
import { documentKindLabels, type DocumentKind } from "../../models/case/document-kinds";
import { readDraft } from "../../models/dossier";
import { formatSize } from "../../models/files";
import { defineMessages, type Locale, type Translate } from "../../models/i18n";
import { UploadForm, type RefusedFile } from "../components/upload-form";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { batchResponse, receiveUploads } from "../upload.server";
import { ErrorSummary } from "../ui";

/**
 * A4/A5: the applicant's documents. The checklist derived from the dossier,
 * grouped by person, says why each document is needed and whether it has files
 * (in words); each item takes several files; a file can be replaced while the
 * application is a draft (its form folded under "Replace this file…") and the old
 * one stays, downloadable, under "earlier versions". The POST takes one file (also from the case page and the evidence
 * answer), refusing what is empty, too large, not a PDF/PNG/JPEG by content, or
 * over the case's total, with a message; nothing else changes.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const { maxUploadBytes, maxCaseBytes } = context.services.config;
  const o = await documentsOverview(caseContext(context, user), params.caseId!, maxCaseBytes).catch(throwAsResponse);
  const dossier = readDraft(o.case.dossier);
  const dependants = (dossier.dependants ?? []).map((d) => d?.fullName ?? null);
  return {
    caseId: o.case.id,
    receiptNumber: o.case.receiptNumber,
    status: o.case.status,
    canUpload: o.case.status === "draft",
    checklist: o.checklist.map((i) => ({
      key: i.key,
      person: i.person,
      dependantIndex: i.dependantIndex ?? null,
      required: i.required,
      label: i.label,
      reason: i.reason,
      done: i.done,
      files: i.fileList,
    })),
    otherFiles: o.otherFiles,
    dependants,
    usedBytes: o.usedBytes,
    maxCaseBytes,
    maxUploadBytes,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const caseId = params.caseId!;
  try {
    const batch = await receiveUploads(request, context, user, caseId);
    return batchResponse(batch, (uploaded, stored) => {
      const item = stored[0]?.checklistItem;
      return batch.returnTo === "documents" ? `/cases/${caseId}/documents?${uploaded}${item ? `#item-${encodeURIComponent(item)}` : ""}` : `/cases/${caseId}?${uploaded}`;
    });
  } catch (err) {
    return asFormError(err);
  }
}

const text = defineMessages(
  {
    back: "Back to the application",
    title: "Your documents",
    intro: "What your application needs, worked out from your answers. Each item says why it is needed. You can upload several files for an item; replacing a file keeps the earlier version.",
    readOnly: "Your application is submitted: its documents can no longer be changed here. If an officer needs more, they send a request for evidence.",
    summary: "{done} of {total} required items have files.",
    space: "Files use {used} of the {max} this application may hold (each file up to {file}).",
    you: "You",
    dependant: "Dependant {n}",
    dependantNamed: "Dependant {n}: {name}",
    why: "Why:",
    statusDone: "Done",
    statusMissing: "Missing",
    statusOptional: "Optional",
    fileOne: "1 file",
    fileMany: "{count} files",
    noFiles: "No file yet.",
    uploaded: "Uploaded {when}",
    checkVerified: "Checked by an officer: verified",
    checkRejected: "Checked by an officer: not accepted. Reason: {reason}",
    checkPending: "Not checked yet",
    earlier: "Earlier versions ({count})",
    replacedOn: "replaced {when}",
    addFile: "Add a file for: {item}",
    replace: "Replace this file…",
    replaceFile: "Replace {name}",
    other: "Other files",
    otherIntro: "Files not tied to a checklist item: general uploads, and answers to requests for evidence.",
    uploadedNotice: "Uploaded {name}.",
    partialNotice: "Uploaded {names}. The files named below were not uploaded.",
    pdf: "PDF",
    general: "Upload another document",
    fileTooLarge: "The file is larger than {size}. Upload a smaller scan.",
    fileTooLargeField: "The file must be {size} or smaller",
    caseTooLarge: "The files of this application would add up to more than {size}. Replace a large scan with a smaller one, or upload a smaller file.",
    caseTooLargeField: "All files together must be {size} or smaller",
  },
  {
    back: "신청서로 돌아가기",
    title: "내 서류",
    intro: "답변을 바탕으로 정리한 신청에 필요한 서류입니다. 항목마다 필요한 이유를 알려 드립니다. 한 항목에 여러 파일을 올릴 수 있고, 파일을 바꿔도 이전 버전은 보관됩니다.",
    readOnly: "신청서가 제출되어 여기에서는 서류를 더 이상 바꿀 수 없습니다. 심사관이 추가 서류가 필요하면 보완 요청을 보냅니다.",
    summary: "필수 항목 {total}개 중 {done}개에 파일이 있습니다.",
    space: "파일이 이 신청의 한도 {max} 중 {used}를 사용합니다 (파일당 최대 {file}).",
    you: "본인",
    dependant: "동반 가족 {n}",
    dependantNamed: "동반 가족 {n}: {name}",
    why: "필요한 이유:",
    statusDone: "완료",
    statusMissing: "없음",
    statusOptional: "선택",
    fileOne: "파일 1개",
    fileMany: "파일 {count}개",
    noFiles: "아직 파일이 없습니다.",
    uploaded: "{when} 올림",
    checkVerified: "심사관 확인: 확인됨",
    checkRejected: "심사관 확인: 인정되지 않음. 사유: {reason}",
    checkPending: "아직 확인 전",
    earlier: "이전 버전 ({count})",
    replacedOn: "{when} 대체됨",
    addFile: "파일 추가: {item}",
    replace: "이 파일 바꾸기…",
    replaceFile: "{name} 바꾸기",
    other: "기타 파일",
    otherIntro: "체크리스트 항목과 연결되지 않은 파일: 일반 업로드와 보완 요청에 대한 답변.",
    uploadedNotice: "{name} 파일을 올렸습니다.",
    partialNotice: "{names} 파일을 올렸습니다. 아래에 표시된 파일은 올리지 못했습니다.",
    pdf: "PDF",
    general: "다른 서류 올리기",
    fileTooLarge: "파일이 {size}보다 큽니다. 더 작은 스캔 파일을 올리세요.",
    fileTooLargeField: "파일은 {size} 이하여야 합니다",
    caseTooLarge: "이 신청의 파일 합계가 {size}를 넘게 됩니다. 큰 스캔 파일을 작은 것으로 바꾸거나 더 작은 파일을 올리세요.",
    caseTooLargeField: "모든 파일의 합계는 {size} 이하여야 합니다",
  },
);

type T = Translate<Extract<keyof typeof text.en, string>>;

/** The size-limit messages carry a number, so they are translated here rather than by the exact-text catalogue. */
function localiseUploadResult(
  result: { error?: string; fieldErrors?: Record<string, string> } | undefined,
  limits: { maxUploadBytes: number; maxCaseBytes: number },
  t: T,
) {
  if (!result) return { error: undefined, fieldErrors: undefined };
  const file = fileTooLarge(limits.maxUploadBytes);
  const whole = caseTooLarge(limits.maxCaseBytes);
  const fileSize = formatSize(limits.maxUploadBytes);
  const caseSize = formatSize(limits.maxCaseBytes);
  const swap = (s: string) =>
    s === file.message
      ? t("fileTooLarge", { size: fileSize })
      : s === file.fieldErrors.file
        ? t("fileTooLargeField", { size: fileSize })
        : s === whole.message
          ? t("caseTooLarge", { size: caseSize })
          : s === whole.fieldErrors.file
            ? t("caseTooLargeField", { size: caseSize })
            : s;
  return {
    error: result.error === undefined ? undefined : swap(result.error),
    fieldErrors: result.fieldErrors ? Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, swap(v)])) : undefined,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `Documents · ${d?.receiptNumber ?? "Draft application"} · TopTier` }];

type FileItem = ReturnType<typeof useLoaderData<typeof loader>>["otherFiles"][number];
type Refused = NonNullable<ReturnType<typeof refusedOf>>;
const refusedOf = (raw: unknown, field: string) => {
  const b = (raw as { batch?: { field: string; refused: RefusedFile[] } } | undefined)?.batch;
  return b && b.field === field ? b.refused : undefined;
};

/**
 * A file as the applicant sees it (issue 11 item 5): a thumbnail of an image
 * (served by the authorised document route) or a PDF badge, the name, size
 * and date, and whether an officer checked it; no hashes.
 */
function FileEntry({ f, caseId, canReplace, maxUpload, maxBytes, errors, refused, t, dateTime, locale }: { f: FileItem; caseId: string; canReplace: boolean; maxUpload: string; maxBytes: number; errors: Record<string, string>; refused: (field: string) => Refused | undefined; t: T; dateTime: (d: string) => string; locale: Locale }) {
  const replaceField = `replace-${f.id}`;
  const href = `/cases/${caseId}/documents/${f.id}`;
  const image = f.contentType === "image/png" || f.contentType === "image/jpeg";
  return (
    <li className="file-card" data-testid="file-card">
      <a className="file-thumb" href={`${href}?inline=1`} target="_blank" rel="noreferrer" aria-hidden="true" tabIndex={-1}>
        {image ? <img src={`${href}?inline=1`} alt="" loading="lazy" width={72} height={72} data-testid="thumbnail" /> : <span className="file-icon">{t("pdf")}</span>}
      </a>
      <div className="file-body">
        <a href={href} className="file-name">
          {f.filename}
        </a>
        <div className="file-meta">
          {formatSize(f.sizeBytes)} · {t("uploaded", { when: dateTime(f.createdAt) })}
          {f.kind && f.kind in documentKindLabels ? <> · {documentKindLabels[f.kind as DocumentKind][locale]}</> : null}
        </div>
        <div className="file-meta">{f.reviewStatus === "verified" ? t("checkVerified") : f.reviewStatus === "rejected" ? t("checkRejected", { reason: f.reviewReason ?? "" }) : t("checkPending")}</div>
        {f.versions.length ? (
          <details>
            <summary>{t("earlier", { count: f.versions.length })}</summary>
            <ul>
              {f.versions.map((v) => (
                <li key={v.id}>
                  <a href={`/cases/${caseId}/documents/${v.id}`}>{v.filename}</a> ({formatSize(v.sizeBytes)}, {t("uploaded", { when: dateTime(v.createdAt) })}, {t("replacedOn", { when: dateTime(v.supersededAt) })})
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {canReplace ? (
          // Issue 11 item 5: folded until asked for (a <details>: keyboard and no-JavaScript alike), open when its upload was refused.
          <details className="replace-file" open={Boolean(errors[replaceField] || refused(replaceField)) || undefined}>
            <summary>
              {t("replace")}
              <span className="visually-hidden"> {f.filename}</span>
            </summary>
            <UploadForm caseId={caseId} maxUpload={maxUpload} maxBytes={maxBytes} name={replaceField} replaces={f.id} returnTo="documents" legend={t("replaceFile", { name: f.filename })} error={errors[replaceField]} refused={refused(replaceField)} compact />
          </details>
        ) : null}
      </div>
    </li>
  );
}

export default function DocumentsPage() {
  const d = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const { t, dateTime, locale } = useT(text);
  const [params] = useSearchParams();
  const result = localiseUploadResult(raw, d, t);
  const errors = result.fieldErrors ?? {};
  const refused = (field: string) => refusedOf(raw, field);
  const batchUploaded = (raw as { batch?: { uploaded: string[] } } | undefined)?.batch?.uploaded ?? [];
  const maxUpload = formatSize(d.maxUploadBytes);
  const required = d.checklist.filter((i) => i.required);
  const persons = [...new Set(d.checklist.map((i) => i.person))];
  const personLabel = (p: string) => {
    if (p === "self") return t("you");
    // The person of a dependant's items is their stable id (issue 12); their number is their place in the dossier.
    const n = d.checklist.find((i) => i.person === p)?.dependantIndex ?? 0;
    const name = d.dependants[n];
    return name ? t("dependantNamed", { n: n + 1, name }) : t("dependant", { n: n + 1 });
  };
  const uploaded = params.getAll("uploaded");
  const files = (n: number) => (n === 1 ? t("fileOne") : t("fileMany", { count: n }));
  const entry = (f: FileItem, canReplace: boolean) => (
    <FileEntry key={f.id} f={f} caseId={d.caseId} canReplace={canReplace} maxUpload={maxUpload} maxBytes={d.maxUploadBytes} errors={errors} refused={refused} t={t} dateTime={dateTime} locale={locale} />
  );
  return (
    <section>
      <p>
        <Link to={`/cases/${d.caseId}`}>{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <ErrorSummary error={result.error} fieldErrors={result.fieldErrors} />
      {batchUploaded.length ? (
        <p role="status" className="notice">
          {t("partialNotice", { names: batchUploaded.join(", ") })}
        </p>
      ) : uploaded.length ? (
        <p role="status" className="notice">
          {t("uploadedNotice", { name: uploaded.join(", ") })}
        </p>
      ) : null}
      <p>{d.canUpload ? t("intro") : t("readOnly")}</p>
      <p>
        <strong>{t("summary", { done: required.filter((i) => i.done).length, total: required.length })}</strong>{" "}
        {t("space", { used: formatSize(d.usedBytes), max: formatSize(d.maxCaseBytes), file: maxUpload })}
      </p>
      {persons.map((p) => (
        <section key={p} aria-labelledby={`person-${p.replace(/\W/g, "-")}`}>
          <h2 id={`person-${p.replace(/\W/g, "-")}`}>{personLabel(p)}</h2>
          <ul className="checklist">
            {d.checklist
              .filter((i) => i.person === p)
              .map((i) => {
                const field = `item-${i.key}`;
                return (
                  <li key={i.key} id={`item-${i.key}`} className="checklist-item">
                    <h3>
                      {i.label[locale]}{" "}
                      <span className={i.done ? "status-tag status-done" : i.required ? "status-tag status-missing" : "status-tag status-optional"}>
                        {i.done ? `${t("statusDone")} · ${files(i.files.length)}` : i.required ? t("statusMissing") : t("statusOptional")}
                      </span>
                    </h3>
                    <p>
                      <strong>{t("why")}</strong> {i.reason[locale]}
                    </p>
                    {i.files.length === 0 ? <p>{t("noFiles")}</p> : <ul className="file-list">{i.files.map((f) => entry(f, d.canUpload))}</ul>}
                    {d.canUpload ? (
                      <UploadForm caseId={d.caseId} maxUpload={maxUpload} maxBytes={d.maxUploadBytes} name={field} checklistItem={i.key} returnTo="documents" legend={t("addFile", { item: i.label[locale] })} error={errors[field]} refused={refused(field)} compact />
                    ) : null}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
      <section aria-labelledby="other-files">
        <h2 id="other-files">{t("other")}</h2>
        <p>{t("otherIntro")}</p>
        {d.otherFiles.length === 0 ? <p>{t("noFiles")}</p> : <ul className="file-list">{d.otherFiles.map((f) => entry(f, d.canUpload && !f.requestItemId))}</ul>}
        {d.canUpload ? <UploadForm caseId={d.caseId} maxUpload={maxUpload} maxBytes={d.maxUploadBytes} name="file" returnTo="documents" legend={t("general")} error={errors.file} refused={refused("file")} /> : null}
      </section>
    </section>
  );
}
