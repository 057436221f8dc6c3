import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { searchCases, type SearchCriterion } from "../../models/case/search";
import { SEARCH_MAX_LENGTH, searchStages } from "../../models/case/search-options";
import { AppError } from "../../models/errors";
import { statusLabels } from "../../models/lifecycle";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, StatusTag, fieldId, formatDateTime } from "../ui";

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

export const meta: MetaFunction = () => [{ title: "사건 검색 Search cases · TopTier" }];

const criterionLabels: Record<SearchCriterion, string> = {
  receipt: "receipt number",
  name: "applicant name",
  passport: "passport number",
  employer: "employer",
};

export default function OfficerSearch() {
  const d = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  const qError = d.fieldErrors.q;
  const stageError = d.fieldErrors.stage;
  return (
    <section>
      <p>
        <Link to="/officer">Back to the queue</Link>
      </p>
      <h1>
        <span lang="ko">사건 검색</span> · Search cases
      </h1>
      <ErrorSummary error={d.error} fieldErrors={d.fieldErrors} />
      <Form method="get" role="search">
        <div className={qError ? "field field-error" : "field"}>
          <label htmlFor={fieldId("q")}>Receipt number, applicant name, passport number or employer</label>
          <p className="hint" id={`${fieldId("q")}-hint`}>
            A receipt number may be given in part from its start (TT-2026-00). Names and employers match on any part. Drafts are not shown.
          </p>
          {qError ? (
            <p className="error-message" id={`${fieldId("q")}-error`}>
              <span className="visually-hidden">Error:</span> {qError}
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
          <label htmlFor={fieldId("stage")}>Stage</label>
          {stageError ? (
            <p className="error-message" id={`${fieldId("stage")}-error`}>
              <span className="visually-hidden">Error:</span> {stageError}
            </p>
          ) : null}
          <select id={fieldId("stage")} name="stage" defaultValue={d.stage} aria-invalid={stageError ? true : undefined}>
            <option value="">Any stage</option>
            {searchStages.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s].en} · {statusLabels[s].ko}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={searching}>
          <span lang="ko">검색</span> · Search
        </button>
      </Form>

      {d.result ? (
        <>
          <p role="status">
            {d.result.hits.length === 0
              ? "No case matches this search."
              : d.result.more
                ? `Showing the ${d.result.limit} newest matching cases. More cases match: add to the search or choose a stage to narrow it.`
                : `${d.result.hits.length} matching ${d.result.hits.length === 1 ? "case" : "cases"}, newest first.`}
          </p>
          {d.result.hits.length ? (
            <table>
              <caption>Search results, newest submission first</caption>
              <thead>
                <tr>
                  <th scope="col">Receipt</th>
                  <th scope="col">Applicant</th>
                  <th scope="col">Employer</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Matched on</th>
                </tr>
              </thead>
              <tbody>
                {d.result.hits.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <Link to={`/officer/cases/${h.id}`}>{h.receiptNumber ?? "(no receipt)"}</Link>
                    </td>
                    <td>{h.applicant}</td>
                    <td>{h.employer ?? "none"}</td>
                    <td>
                      <StatusTag label={statusLabels[h.status].en} ko={statusLabels[h.status].ko} />
                    </td>
                    <td>{h.submittedAt ? formatDateTime(h.submittedAt) : ""}</td>
                    <td>{h.matched.map((m) => criterionLabels[m]).join(", ")}</td>
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
