import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { queueOverview, takeNextCase, type QueueFilter, type QueueRow } from "../../models/case/queue";
import { isQueueStage, QUEUE_PAGE_SIZE, queueSorts, reviewStages, screeningOutcomes, stagesFor, type QueueStage } from "../../models/case/queue-shared";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { statusLabels } from "../../models/lifecycle";
import { BackOfficeNav, metaTitle, officerCommon } from "../components/officer-common";
import { asFormError } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, fieldId, StatusTag } from "../ui";

const row = (c: QueueRow) => ({
  id: c.id,
  receiptNumber: c.receiptNumber,
  applicant: c.applicant,
  status: c.status,
  priority: c.priority,
  since: c.statusChangedAt.toISOString(),
  dueAt: c.slaDueAt?.toISOString() ?? null,
  outcome: c.outcome,
  flags: c.flags,
});

const filterKeys = ["stage", "assignee", "flags", "outcome", "sort", "after", "size"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const params = new URL(request.url).searchParams;
  const asked = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? undefined])) as QueueFilter;
  const ctx = caseContext(context, user);
  // A bad filter or a stale page link shows its message above the first page, unfiltered (never a 500).
  let problem: { error: string; fieldErrors: Record<string, string> } | null = null;
  const q = await queueOverview(ctx, asked).catch(async (err: unknown) => {
    if (!(err instanceof AppError) || (err.code !== "validation" && err.code !== "forbidden")) throw err;
    problem = { error: err.message, fieldErrors: err.fieldErrors ?? {} };
    return queueOverview(ctx);
  });
  const empty = params.get("empty");
  const nextParams = new URLSearchParams();
  if (q.next) {
    for (const [k, v] of Object.entries({
      ...q.filter,
      assignee: q.filter.assignee === "unassigned" ? undefined : q.filter.assignee,
      size: q.filter.size === QUEUE_PAGE_SIZE ? undefined : q.filter.size,
      sort: q.filter.sort === "urgency" ? undefined : q.filter.sort,
      after: q.next,
    })) {
      if (v !== undefined && v !== null && v !== "") nextParams.set(k, String(v));
    }
  }
  const firstParams = new URLSearchParams(nextParams);
  firstParams.delete("after");
  const p = problem as { error: string; fieldErrors: Record<string, string> } | null;
  return data(
    {
      stages: stagesFor(user.role),
      counts: q.counts,
      mine: q.mine.map(row),
      waiting: q.waiting.map(row),
      filter: { stage: q.filter.stage ?? "", assignee: q.filter.assignee, flags: q.filter.flags ?? "", outcome: q.filter.outcome ?? "", sort: q.filter.sort, size: String(q.filter.size) },
      filtered: Boolean(q.filter.stage || q.filter.flags || q.filter.outcome || q.filter.assignee !== "unassigned" || q.filter.size !== QUEUE_PAGE_SIZE || q.filter.sort !== "urgency"),
      sort: q.filter.sort,
      nextPage: q.next ? `?${nextParams.toString()}` : null,
      firstPage: params.get("after") && !p ? `?${firstParams.toString()}` : null,
      colleagues: q.colleagues,
      loads: q.loads,
      senior: user.role === "senior_officer",
      empty: (empty === "review" || isQueueStage(empty) ? empty : null) as QueueStage | "review" | null,
      error: p?.error,
      fieldErrors: p?.fieldErrors ?? {},
    },
    { status: p ? 400 : 200 },
  );
}

/** "Take next": claim the most urgent unclaimed case (of one stage, or of every review stage) and open it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const form = await request.formData();
  const chosen = form.get("stage");
  const stage = isQueueStage(chosen) ? chosen : undefined;
  try {
    const c = await takeNextCase(caseContext(context, user), stage);
    return redirect(c ? `/officer/cases/${c.id}` : `/officer?empty=${stage ?? "review"}`);
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, text, "title");

const text = defineMessages(
  {
    title: "Review queue",
    receipt: "Receipt number",
    applicant: "Applicant",
    stage: "Stage",
    screening: "Screening",
    flags: "Risk flags",
    since: "In stage since",
    due: "SLA due",
    priority: "(priority {n})",
    none: "none",
    noneYet: "No cases.",
    emptyStage: "No case is waiting in “{stage}”.",
    emptyReview: "No case is waiting for review.",
    queues: "Queues",
    waitingCount: "{n} waiting, {m} with officers",
    takeNext: "Take next case",
    takeNextHint: "The most urgent waiting case in review or with evidence received: highest priority first, then the earliest SLA due date.",
    takeFrom: "Take next: {stage}",
    takeSecond: "Take next second review",
    mine: "My cases ({n})",
    waiting: "Waiting, most urgent first",
    loads: "Load per officer (open cases assigned)",
    officer: "Officer",
    role: "Role",
    cases: "Cases",
    paused: "paused",
    filters: "Filter the list",
    filterStage: "Stage",
    anyStage: "Every stage I take from",
    filterAssignee: "Assigned to",
    unassigned: "Nobody (waiting)",
    me: "Me",
    filterFlags: "Risk flags",
    anyFlags: "Any",
    flagged: "Flagged",
    notFlagged: "Not flagged",
    filterOutcome: "Screening",
    anyOutcome: "Any",
    apply: "Show",
    clear: "Clear the filters",
    listFiltered: "Cases, most urgent first (filtered)",
    nextPage: "Next page",
    firstPage: "First page",
    pages: "Pages of the list",
    pageSize: "Cases per page",
    order: "Most urgent first: highest priority, then the earliest SLA due date, then longest in its stage.",
    sortBy: "Order",
    sort_urgency: "Most urgent first",
    sort_longest: "Longest in stage first",
    sort_newest: "Newest first",
    order_longest: "Longest in its stage first: the case that entered its stage earliest comes first.",
    order_newest: "Newest application first: the latest submission comes first.",
    listIn: "Cases: {order}",
    takeNextOrder: "“Take next” always takes the most urgent case, whatever the list's order.",
  },
  {
    title: "심사 대기열",
    receipt: "접수번호",
    applicant: "신청인",
    stage: "처리 단계",
    screening: "자동 심사",
    flags: "위험 신호",
    since: "단계 진입",
    due: "처리 기한",
    priority: "(우선순위 {n})",
    none: "없음",
    noneYet: "사건이 없습니다.",
    emptyStage: "‘{stage}’ 단계에 대기 중인 사건이 없습니다.",
    emptyReview: "심사 대기 중인 사건이 없습니다.",
    queues: "단계별 대기열",
    waitingCount: "대기 {n}건, 담당 중 {m}건",
    takeNext: "다음 사건 맡기",
    takeNextHint: "심사 중 또는 보완서류 접수 단계에서 가장 급한 대기 사건을 맡습니다. 우선순위가 높은 순, 다음으로 처리 기한이 빠른 순입니다.",
    takeFrom: "다음 사건 맡기: {stage}",
    takeSecond: "다음 2차 검토(결재) 맡기",
    mine: "내 담당 사건 ({n}건)",
    waiting: "대기 중인 사건 (급한 순)",
    loads: "심사관별 담당 건수 (진행 중 사건)",
    officer: "심사관",
    role: "직위",
    cases: "건수",
    paused: "정지",
    filters: "목록 필터",
    filterStage: "처리 단계",
    anyStage: "맡을 수 있는 모든 단계",
    filterAssignee: "담당자",
    unassigned: "없음 (대기)",
    me: "나",
    filterFlags: "위험 신호",
    anyFlags: "전체",
    flagged: "있음",
    notFlagged: "없음",
    filterOutcome: "자동 심사",
    anyOutcome: "전체",
    apply: "보기",
    clear: "필터 지우기",
    listFiltered: "사건 목록 (급한 순, 필터 적용)",
    nextPage: "다음 쪽",
    firstPage: "첫 쪽",
    pages: "목록 쪽 이동",
    pageSize: "쪽당 사건 수",
    order: "급한 순: 우선순위가 높은 순, 다음으로 처리 기한이 빠른 순, 단계에 오래 머문 순입니다.",
    sortBy: "정렬",
    sort_urgency: "급한 순",
    sort_longest: "단계에 오래 머문 순",
    sort_newest: "최근 신청 순",
    order_longest: "단계에 오래 머문 순: 현재 단계에 가장 먼저 들어온 사건이 맨 위에 옵니다.",
    order_newest: "최근 신청 순: 가장 최근에 제출된 신청이 맨 위에 옵니다.",
    listIn: "사건 목록: {order}",
    takeNextOrder: "‘다음 사건 맡기’는 목록의 정렬과 관계없이 언제나 가장 급한 사건을 맡습니다.",
  },
);

type Row = ReturnType<typeof row>;

function CaseTable({ caption, cases }: { caption: string; cases: Row[] }) {
  const { t, dateTime } = useT(text);
  const common = useT(officerCommon).t;
  // Issue 11 item 9: on a narrow screen the table scrolls inside its own box (focusable, named), not the page.
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
    <table className="queue-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("receipt")}</th>
          <th scope="col">{t("applicant")}</th>
          <th scope="col">{t("stage")}</th>
          <th scope="col">{t("screening")}</th>
          <th scope="col">{t("flags")}</th>
          <th scope="col">{t("since")}</th>
          <th scope="col">{t("due")}</th>
        </tr>
      </thead>
      <tbody>
        {cases.length === 0 ? (
          <tr>
            <td colSpan={7}>{t("noneYet")}</td>
          </tr>
        ) : null}
        {cases.map((c) => (
          <tr key={c.id}>
            <td className="receipt">
              <Link to={`/officer/cases/${c.id}`}>{c.receiptNumber}</Link>
              {c.priority > 0 ? <strong> {t("priority", { n: c.priority })}</strong> : null}
            </td>
            <td>{c.applicant}</td>
            <td>
              <StatusTag status={c.status} />
            </td>
            <td>{c.outcome ? common(`outcome_${c.outcome}`) : common("notScreened")}</td>
            <td>{c.flags > 0 ? <strong>{c.flags}</strong> : t("none")}</td>
            <td>{dateTime(c.since)}</td>
            <td>{c.dueAt ? dateTime(c.dueAt) : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

/** The list's filters: a GET form, so a filtered list is a link (keyset pages follow from it). */
function QueueFilters() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useT(text);
  const common = useT(officerCommon).t;
  const select = (name: keyof typeof d.filter, label: string, options: { value: string; label: string }[]) => (
    <div className={d.fieldErrors[name] ? "field field-error" : "field"}>
      <label htmlFor={fieldId(name)}>{label}</label>
      <select id={fieldId(name)} name={name} defaultValue={d.filter[name]} aria-invalid={d.fieldErrors[name] ? true : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form method="get" className="queue-filters" aria-label={t("filters")}>
      <fieldset>
        <legend>{t("filters")}</legend>
        {select("stage", t("filterStage"), [{ value: "", label: t("anyStage") }, ...d.stages.map((s) => ({ value: s, label: statusLabels[s][locale] }))])}
        {select("assignee", t("filterAssignee"), [
          { value: "unassigned", label: t("unassigned") },
          { value: "me", label: t("me") },
          ...d.colleagues.map((o) => ({ value: o.id, label: o.name })),
        ])}
        {select("flags", t("filterFlags"), [
          { value: "", label: t("anyFlags") },
          { value: "flagged", label: t("flagged") },
          { value: "none", label: t("notFlagged") },
        ])}
        {select("outcome", t("filterOutcome"), [
          { value: "", label: t("anyOutcome") },
          ...screeningOutcomes.map((o) => ({ value: o, label: common(`outcome_${o}`) })),
          { value: "not_screened", label: common("notScreened") },
        ])}
        {select("sort", t("sortBy"), queueSorts.map((o) => ({ value: o, label: t(`sort_${o}`) })))}
        {select("size", t("pageSize"), ["25", "50", "100", "200"].map((n) => ({ value: n, label: n })))}
        <div className="queue-filter-actions">
          <button type="submit" className="secondary">
            {t("apply")}
          </button>
          {d.filtered ? <Link to="/officer">{t("clear")}</Link> : null}
        </div>
        <p className="hint queue-order">
          {d.sort === "urgency" ? t("order") : t(`order_${d.sort}`)} {d.sort === "urgency" ? null : t("takeNextOrder")}
        </p>
      </fieldset>
    </Form>
  );
}

export default function OfficerQueue() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const { t, locale } = useT(text);
  const common = useT(officerCommon).t;
  const stageName = (s: QueueStage) => statusLabels[s][locale];
  const reviewWaiting = d.counts.filter((c) => (reviewStages as readonly string[]).includes(c.stage)).reduce((n, c) => n + c.waiting, 0);
  return (
    <section>
      <BackOfficeNav senior={d.senior} current="queue" />
      <h1>{t("title")}</h1>
      <ErrorSummary error={r?.error ?? d.error} fieldErrors={d.fieldErrors} />
      {d.empty ? (
        <p className="notice" role="status">
          {d.empty === "review" ? t("emptyReview") : t("emptyStage", { stage: stageName(d.empty) })}
        </p>
      ) : null}
      <Form method="post" className="take-next">
        <button type="submit" disabled={reviewWaiting === 0} aria-describedby="take-next-hint">
          {t("takeNext")}
        </button>
        <p className="hint" id="take-next-hint">
          {t("takeNextHint")}
        </p>
      </Form>
      <h2>{t("queues")}</h2>
      {/* One card per queue, each with its one "Take next" (issue 11 item 9). */}
      <ul className="queue-counts queue-cards">
        {d.counts
          .filter((c) => d.stages.includes(c.stage))
          .map((c) => (
            <li key={c.stage} data-stage={c.stage}>
              <Form method="post">
                <p>
                  <strong>{stageName(c.stage)}</strong>: {t("waitingCount", { n: c.waitingMore ? `${c.waiting.toLocaleString(locale)}+` : c.waiting, m: c.assigned })}
                </p>
                <input type="hidden" name="stage" value={c.stage} />
                <button type="submit" className="secondary" disabled={c.waiting === 0}>
                  {c.stage === "decision_pending" ? t("takeSecond") : t("takeFrom", { stage: stageName(c.stage) })}
                </button>
              </Form>
            </li>
          ))}
      </ul>
      <CaseTable caption={t("mine", { n: d.mine.length })} cases={d.mine} />
      <QueueFilters />
      <CaseTable caption={d.sort !== "urgency" ? t("listIn", { order: t(`sort_${d.sort}`) }) : d.filtered ? t("listFiltered") : t("waiting")} cases={d.waiting} />
      {d.nextPage || d.firstPage ? (
        <nav aria-label={t("pages")} className="pager">
          {d.firstPage ? <Link to={d.firstPage}>{t("firstPage")}</Link> : null} {d.nextPage ? <Link to={d.nextPage} rel="next">{t("nextPage")}</Link> : null}
        </nav>
      ) : null}
      {d.loads ? (
        <table className="loads">
          <caption>{t("loads")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("officer")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("cases")}</th>
            </tr>
          </thead>
          <tbody>
            {d.loads.map((l) => (
              <tr key={l.officerId}>
                <td>{l.name}</td>
                <td>{l.role === "senior_officer" ? common("role_senior_officer") : common("role_officer")}</td>
                <td>{l.cases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
