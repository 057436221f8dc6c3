import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listDashboard } from "../../models/case/employer-dashboard";
import { dashboardSorts } from "../../models/employer-shared";
import { defineMessages } from "../../models/i18n";
import { submittedStatuses } from "../../models/lifecycle";
import { getOrganization, listPreparing } from "../../models/organization";
import { actorKey, deadlineKey, EmployerNav, employerLabels, stageLabel } from "../components/employer";
import { throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";

const text = defineMessages(
  {
    title: "Cases your company sponsors",
    welcome: "You are signed in. Your company's sponsored cases appear here.",
    welcomeAdmin: "You are signed in. Invite colleagues from Members and candidates from Candidates.",
    org: "{name}",
    waiting: "{n} case(s) wait for your confirmation.",
    filters: "Filter and sort",
    stage: "Stage",
    allStages: "All stages",
    search: "Name or receipt number",
    sort: "Sort by",
    sort_days: "Longest in stage first",
    sort_deadline: "Next deadline first",
    sort_name: "Applicant name",
    sort_receipt: "Receipt number",
    apply: "Show",
    csv: "Download as CSV (Excel)",
    none: "No submitted cases name your company yet.",
    noMatch: "No case matches these filters.",
    caption: "Sponsored cases",
    receipt: "Receipt",
    applicant: "Applicant",
    job: "Job title",
    days: "Days in stage",
    deadline: "Next deadline",
    actsNext: "Who acts next",
    preparing: "Candidates preparing their application",
    preparingHint: "Drafts linked to your company. You see them once they are submitted.",
    since: "linked since {date}",
  },
  {
    title: "귀사가 초청한 사건",
    welcome: "로그인되었습니다. 회사가 초청한 사건이 여기에 표시됩니다.",
    welcomeAdmin: "로그인되었습니다. 구성원 메뉴에서 동료를, 후보자 메뉴에서 후보자를 초대하세요.",
    org: "{name}",
    waiting: "귀사의 확인을 기다리는 사건이 {n}건 있습니다.",
    filters: "필터 및 정렬",
    stage: "단계",
    allStages: "모든 단계",
    search: "이름 또는 접수번호",
    sort: "정렬",
    sort_days: "현 단계에 오래 머문 순",
    sort_deadline: "기한이 가까운 순",
    sort_name: "신청인 이름순",
    sort_receipt: "접수번호순",
    apply: "보기",
    csv: "CSV로 내려받기(엑셀용)",
    none: "아직 귀사를 초청 기업으로 지정해 제출된 사건이 없습니다.",
    noMatch: "조건에 맞는 사건이 없습니다.",
    caption: "초청 사건",
    receipt: "접수번호",
    applicant: "신청인",
    job: "직무",
    days: "현 단계 경과일",
    deadline: "다음 기한",
    actsNext: "다음 조치",
    preparing: "신청서를 준비 중인 후보자",
    preparingHint: "귀사와 연결된 작성 중 신청서입니다. 제출되면 내용을 볼 수 있습니다.",
    since: "{date}부터 연결됨",
  },
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const ctx = caseContext(context, user);
  const url = new URL(request.url);
  const filter = { stage: url.searchParams.get("stage"), q: url.searchParams.get("q"), sort: url.searchParams.get("sort") };
  const [org, cases, preparing] = await Promise.all([getOrganization(ctx), listDashboard(ctx, filter), listPreparing(ctx)]).catch(throwAsResponse);
  const waiting = cases.filter((c) => c.status === "awaiting_sponsor").length;
  return { org: { name: org.name }, cases, preparing, filter, waiting, isAdmin: user.role === "employer_admin", filtered: Boolean(filter.stage || filter.q), welcome: url.searchParams.get("welcome") === "1" };
}

export const meta: MetaFunction = () => [{ title: "Sponsored cases · TopTier" }];

export default function EmployerHome() {
  const { org, cases, preparing, filter, waiting, isAdmin, filtered, welcome } = useLoaderData<typeof loader>();
  const { t, locale, date, dateTime } = useT(text);
  const labels = useT(employerLabels);
  const csvHref = `/employer/cases.csv?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString()}`;
  return (
    <section>
      <EmployerNav isAdmin={isAdmin} />
      <p>{t("org", { name: org.name })}</p>
      <h1>{t("title")}</h1>
      {welcome ? (
        <p className="notice" role="status">
          {t(isAdmin ? "welcomeAdmin" : "welcome")}
        </p>
      ) : null}
      {waiting > 0 ? (
        <p className="notice" role="status">
          {t("waiting", { n: waiting })}
        </p>
      ) : null}
      <Form method="get" aria-labelledby="filters">
        <h2 id="filters">{t("filters")}</h2>
        <div className="field">
          <label htmlFor="f-stage">{t("stage")}</label>
          <select id="f-stage" name="stage" defaultValue={filter.stage ?? ""}>
            <option value="">{t("allStages")}</option>
            {submittedStatuses.map((s) => (
              <option key={s} value={s}>
                {stageLabel(locale, s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">{t("search")}</label>
          <input id="f-q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-sort">{t("sort")}</label>
          <select id="f-sort" name="sort" defaultValue={filter.sort ?? "days"}>
            {dashboardSorts.map((s) => (
              <option key={s} value={s}>
                {t(`sort_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("apply")}</button>
      </Form>
      <p>
        <a href={csvHref} download>
          {t("csv")}
        </a>
      </p>
      {cases.length === 0 ? (
        <p>{filtered ? t("noMatch") : t("none")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("receipt")}</th>
              <th scope="col">{t("applicant")}</th>
              <th scope="col">{t("job")}</th>
              <th scope="col">{t("stage")}</th>
              <th scope="col">{t("days")}</th>
              <th scope="col">{t("deadline")}</th>
              <th scope="col">{t("actsNext")}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/employer/cases/${c.id}`}>{c.receiptNumber}</Link>
                </td>
                <td>{c.applicant}</td>
                <td>{c.jobTitle}</td>
                <td>
                  <strong className="status-tag">{stageLabel(locale, c.status)}</strong>
                </td>
                <td title={dateTime(c.since)}>{c.daysInStage}</td>
                <td>
                  {c.nextDeadline ? (
                    <>
                      {labels.t(deadlineKey(c.nextDeadline.kind))}: {c.nextDeadline.kind === "visa_expiry" ? date(c.nextDeadline.at) : dateTime(c.nextDeadline.at)}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{labels.t(actorKey(c.actsNext))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preparing.length ? (
        <section aria-labelledby="preparing">
          <h2 id="preparing">{t("preparing")}</h2>
          <p className="hint">{t("preparingHint")}</p>
          <ul>
            {preparing.map((p) => (
              <li key={p.id}>
                {p.name || "—"} · {p.jobTitle} ({t("since", { date: date(p.since) })})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
