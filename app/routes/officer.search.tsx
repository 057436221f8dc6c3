import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { searchCases, type SearchCriterion } from "../../models/case/search";
import { SEARCH_MAX_LENGTH, searchStages } from "../../models/case/search-options";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { statusLabels } from "../../models/lifecycle";
import { BackOfficeErrorBoundary, BackOfficeNav, metaTitle } from "../components/officer-common";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, StatusTag, fieldId } from "../ui";

/**
 * O7: search cases by receipt number, applicant name, passport number or employer.
 * A GET form, so that a search is a link an officer can share or come back to.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const params = new URL(request.url).searchParams;
  const q = params.get("q");
  const stage = params.get("stage") ?? "";
  // Nothing asked yet: just the form.
  if (q === null) return data({ q: "", stage, result: null, error: undefined, fieldErrors: {} as Record<string, string> });
  try {
    const result = await searchCases(caseContext(context, user), { q, stage });
    return data({
      q,
      stage,
      result: { ...result, hits: result.hits.map((h) => ({ ...h, submittedAt: h.submittedAt?.toISOString() ?? null })) },
      error: undefined,
      fieldErrors: {} as Record<string, string>,
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "validation") {
      return data({ q, stage, result: null, error: err.message, fieldErrors: err.fieldErrors }, { status: 400 });
    }
    throw err;
  }
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, text, "title");

const text = defineMessages(
  {
    back: "Back to the queue",
    title: "Search cases",
    q: "Receipt number, applicant name, passport number or employer",
    qHint: "A receipt number may be given in part from its start (TT-2026-00). Names and employers match on any part. Drafts are not shown.",
    error: "Error:",
    stage: "Stage",
    anyStage: "Any stage",
    search: "Search",
    noMatch: "No case matches this search.",
    more: "Showing the {n} newest matching cases. More cases match: add to the search or choose a stage to narrow it.",
    count: "{n} matching cases, newest first.",
    countOne: "1 matching case.",
    caption: "Search results, newest submission first",
    receipt: "Receipt number",
    applicant: "Applicant",
    employer: "Employer",
    submitted: "Submitted",
    matched: "Matched on",
    noReceipt: "(no receipt)",
    none: "none",
    crit_receipt: "receipt number",
    crit_name: "applicant name",
    crit_passport: "passport number",
    crit_employer: "employer",
  },
  {
    back: "대기열로 돌아가기",
    title: "사건 검색",
    q: "접수번호, 신청인 성명, 여권번호 또는 초청 기업",
    qHint: "접수번호는 앞부분만 입력해도 됩니다(TT-2026-00). 성명과 기업명은 일부만 입력해도 찾습니다. 작성 중인 신청서는 나오지 않습니다.",
    error: "오류:",
    stage: "처리 단계",
    anyStage: "모든 단계",
    search: "검색",
    noMatch: "검색 조건에 맞는 사건이 없습니다.",
    more: "조건에 맞는 최신 사건 {n}건을 보여 줍니다. 더 있으니 검색어를 추가하거나 단계를 골라 범위를 좁히세요.",
    count: "조건에 맞는 사건 {n}건 (최신순).",
    countOne: "조건에 맞는 사건 1건.",
    caption: "검색 결과 (최근 접수순)",
    receipt: "접수번호",
    applicant: "신청인",
    employer: "초청 기업",
    submitted: "접수일시",
    matched: "일치 항목",
    noReceipt: "(접수번호 없음)",
    none: "없음",
    crit_receipt: "접수번호",
    crit_name: "신청인 성명",
    crit_passport: "여권번호",
    crit_employer: "초청 기업",
  },
);

const criterionKey = (c: SearchCriterion) => `crit_${c}` as const;

export default function OfficerSearch() {
  const d = useLoaderData<typeof loader>();
  const { t, m, locale, dateTime } = useT(text);
  const searching = useNavigation().state === "loading";
  const qError = d.fieldErrors.q;
  const stageError = d.fieldErrors.stage;
  return (
    <section>
      <BackOfficeNav current="search" />
      <h1>{t("title")}</h1>
      <ErrorSummary error={d.error} fieldErrors={d.fieldErrors} />
      <Form method="get" role="search">
        <div className={qError ? "field field-error" : "field"}>
          <label htmlFor={fieldId("q")}>{t("q")}</label>
          <p className="hint" id={`${fieldId("q")}-hint`}>
            {t("qHint")}
          </p>
          {qError ? (
            <p className="error-message" id={`${fieldId("q")}-error`}>
              <span className="visually-hidden">{t("error")}</span> {m(qError)}
            </p>
          ) : null}
          <input
            id={fieldId("q")}
            name="q"
            type="search"
            defaultValue={d.q}
            maxLength={SEARCH_MAX_LENGTH}
            aria-invalid={qError ? true : undefined}
            aria-describedby={[`${fieldId("q")}-hint`, qError ? `${fieldId("q")}-error` : null].filter(Boolean).join(" ")}
          />
        </div>
        <div className={stageError ? "field field-error" : "field"}>
          <label htmlFor={fieldId("stage")}>{t("stage")}</label>
          {stageError ? (
            <p className="error-message" id={`${fieldId("stage")}-error`}>
              <span className="visually-hidden">{t("error")}</span> {m(stageError)}
            </p>
          ) : null}
          <select id={fieldId("stage")} name="stage" defaultValue={d.stage} aria-invalid={stageError ? true : undefined}>
            <option value="">{t("anyStage")}</option>
            {searchStages.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s][locale]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={searching}>
          {t("search")}
        </button>
      </Form>

      {d.result ? (
        <>
          <p role="status">
            {d.result.hits.length === 0
              ? t("noMatch")
              : d.result.more
                ? t("more", { n: d.result.limit })
                : d.result.hits.length === 1
                  ? t("countOne")
                  : t("count", { n: d.result.hits.length })}
          </p>
          {d.result.hits.length ? (
            <table>
              <caption>{t("caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("receipt")}</th>
                  <th scope="col">{t("applicant")}</th>
                  <th scope="col">{t("employer")}</th>
                  <th scope="col">{t("stage")}</th>
                  <th scope="col">{t("submitted")}</th>
                  <th scope="col">{t("matched")}</th>
                </tr>
              </thead>
              <tbody>
                {d.result.hits.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <Link to={`/officer/cases/${h.id}`}>{h.receiptNumber ?? t("noReceipt")}</Link>
                    </td>
                    <td>{h.applicant}</td>
                    <td>{h.employer ?? t("none")}</td>
                    <td>
                      <StatusTag status={h.status} />
                    </td>
                    <td>{h.submittedAt ? dateTime(h.submittedAt) : ""}</td>
                    <td>{h.matched.map((c) => t(criterionKey(c))).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** A plain officer who opens a senior officer's page gets a page saying so (issue 11 item 9). */
export const ErrorBoundary = BackOfficeErrorBoundary;
