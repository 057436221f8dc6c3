import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { defineMessages, formatNumber } from "../../models/i18n";
import { statusLabels } from "../../models/lifecycle";
import { latestStatistics, SNAPSHOT_EVERY_MS } from "../../models/stats";
import { throwAsResponse } from "../errors.server";
import { BackOfficeErrorBoundary, BackOfficeNav, metaTitle } from "../components/officer-common";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";

/** O8: intake, backlog, time per stage, SLA compliance and approval rate (senior officers). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["senior_officer"]);
  try {
    // The newest snapshot of the figures (the stats.snapshot job's), one row at any volume (decision 022).
    const s = await latestStatistics(caseContext(context, user));
    return { ...s, asOf: s.asOf.toISOString(), stale: Date.now() - s.asOf.getTime() > 3 * SNAPSHOT_EVERY_MS, everyMinutes: SNAPSHOT_EVERY_MS / 60_000 };
  } catch (err) {
    throwAsResponse(err);
  }
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, text, "title");

const text = defineMessages(
  {
    back: "Back to the queue",
    title: "Statistics",
    asOf: "As of {at}, recomputed every {m} minutes. Weeks are ISO weeks in Korean time.",
    stale: "These figures are older than usual: the background workers may be stopped. Tell the operator.",
    noData: "no data",
    days: "{n} days",
    intake: "Intake: cases submitted per week, last {n} weeks",
    week: "Week",
    startsOn: "Starts on (Monday)",
    submitted: "Cases submitted",
    backlog: "Backlog: open cases by stage ({n} in all)",
    stage: "Stage",
    open: "Open cases",
    stageDays: "Time in stage: median days, stays that ended in the last {n} days",
    median: "Median",
    stays: "Stays measured",
    sla: "SLA compliance of open cases",
    ok: "Within SLA",
    atRisk: "At risk",
    overdue: "Overdue",
    compliance: "Compliance (within SLA / open)",
    decisions: "Decisions in the last {n} days",
    approved: "Approved",
    refused: "Refused",
    rate: "Approval rate (approved / decided)",
  },
  {
    back: "대기열로 돌아가기",
    title: "통계",
    asOf: "{at} 기준이며 {m}분마다 다시 계산합니다. 주는 한국 시간 기준 ISO 주입니다.",
    stale: "평소보다 오래된 수치입니다. 백그라운드 작업이 멈췄을 수 있으니 운영 담당자에게 알려 주세요.",
    noData: "자료 없음",
    days: "{n}일",
    intake: "접수 현황: 최근 {n}주간 주별 접수 건수",
    week: "주",
    startsOn: "시작일 (월요일)",
    submitted: "접수 건수",
    backlog: "처리 대기: 단계별 진행 중 사건 (총 {n}건)",
    stage: "처리 단계",
    open: "진행 중 사건",
    stageDays: "단계별 처리 기간: 최근 {n}일 안에 끝난 체류의 중앙값(일)",
    median: "중앙값",
    stays: "측정 건수",
    sla: "진행 중 사건의 처리 기한 준수율",
    ok: "기한 내",
    atRisk: "기한 임박",
    overdue: "기한 초과",
    compliance: "준수율 (기한 내 / 진행 중)",
    decisions: "최근 {n}일간 결정",
    approved: "승인",
    refused: "불허",
    rate: "승인율 (승인 / 결정)",
  },
);

export default function OfficerStats() {
  const s = useLoaderData<typeof loader>();
  const { t, locale, dateTime } = useT(text);
  const percent = (share: number | null) => (share === null ? t("noData") : `${formatNumber(locale, Number((share * 100).toFixed(1)))}%`);
  const days = (n: number | null) => (n === null ? t("noData") : t("days", { n: n.toFixed(1) }));
  const backlogTotal = s.backlog.reduce((sum, b) => sum + b.cases, 0);
  const n = (v: number) => formatNumber(locale, v);
  return (
    <section className="stats-page">
      <BackOfficeNav current="stats" />
      <h1>{t("title")}</h1>
      <p>{t("asOf", { at: dateTime(s.asOf), m: s.everyMinutes })}</p>
      {s.stale ? (
        <p className="notice" role="status">
          {t("stale")}
        </p>
      ) : null}

      <table>
        <caption>{t("intake", { n: s.intake.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("week")}</th>
            <th scope="col">{t("startsOn")}</th>
            <th scope="col">{t("submitted")}</th>
          </tr>
        </thead>
        <tbody>
          {s.intake.map((w) => (
            <tr key={w.week}>
              <td>{w.week}</td>
              <td>{w.startsOn}</td>
              <td>{n(w.submitted)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>{t("backlog", { n: n(backlogTotal) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("stage")}</th>
            <th scope="col">{t("open")}</th>
          </tr>
        </thead>
        <tbody>
          {s.backlog.map((b) => (
            <tr key={b.stage}>
              <td>{statusLabels[b.stage][locale]}</td>
              <td>{n(b.cases)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>{t("stageDays", { n: s.windowDays })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("stage")}</th>
            <th scope="col">{t("median")}</th>
            <th scope="col">{t("stays")}</th>
          </tr>
        </thead>
        <tbody>
          {s.stageDays.map((d) => (
            <tr key={d.stage}>
              <td>{statusLabels[d.stage][locale]}</td>
              <td>{days(d.medianDays)}</td>
              <td>{n(d.stays)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>{t("sla")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ok")}</th>
            <th scope="col">{t("atRisk")}</th>
            <th scope="col">{t("overdue")}</th>
            <th scope="col">{t("open")}</th>
            <th scope="col">{t("compliance")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{n(s.sla.ok)}</td>
            <td>{n(s.sla.atRisk)}</td>
            <td>{n(s.sla.overdue)}</td>
            <td>{n(s.sla.open)}</td>
            <td>{percent(s.sla.compliance)}</td>
          </tr>
        </tbody>
      </table>

      <table>
        <caption>{t("decisions", { n: s.windowDays })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("approved")}</th>
            <th scope="col">{t("refused")}</th>
            <th scope="col">{t("rate")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{n(s.decisions.approved)}</td>
            <td>{n(s.decisions.refused)}</td>
            <td>{percent(s.decisions.approvalRate)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** A plain officer who opens a senior officer's page gets a page saying so (issue 11 item 9). */
export const ErrorBoundary = BackOfficeErrorBoundary;
