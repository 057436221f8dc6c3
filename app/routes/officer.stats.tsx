import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { statusLabels } from "../../models/lifecycle";
import { caseStatistics } from "../../models/stats";
import { throwAsResponse } from "../errors.server";
import { caseContext, requireRole } from "../session.server";
import { formatDateTime } from "../ui";

/** O8: intake, backlog, time per stage, SLA compliance and approval rate (senior officers). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["senior_officer"]);
  try {
    const s = await caseStatistics(caseContext(context, user));
    return { ...s, asOf: s.asOf.toISOString() };
  } catch (err) {
    throwAsResponse(err);
  }
}

export const meta: MetaFunction = () => [{ title: "통계 Statistics · TopTier" }];

const percent = (share: number | null) => (share === null ? "no data" : `${(share * 100).toFixed(1)}%`);
const days = (n: number | null) => (n === null ? "no data" : `${n.toFixed(1)} days`);

export default function OfficerStats() {
  const s = useLoaderData<typeof loader>();
  const backlogTotal = s.backlog.reduce((sum, b) => sum + b.cases, 0);
  return (
    <section>
      <p>
        <Link to="/officer">Back to the queue</Link>
      </p>
      <h1>
        <span lang="ko">통계</span> · Statistics
      </h1>
      <p>As of {formatDateTime(s.asOf)}. Weeks are ISO weeks in Korean time.</p>

      <table>
        <caption>Intake: cases submitted per week, last {s.intake.length} weeks</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Starts on (Monday)</th>
            <th scope="col">Cases submitted</th>
          </tr>
        </thead>
        <tbody>
          {s.intake.map((w) => (
            <tr key={w.week}>
              <td>{w.week}</td>
              <td>{w.startsOn}</td>
              <td>{w.submitted}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>Backlog: open cases by stage ({backlogTotal} in all)</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Open cases</th>
          </tr>
        </thead>
        <tbody>
          {s.backlog.map((b) => (
            <tr key={b.stage}>
              <td>
                {statusLabels[b.stage].en} <span lang="ko">· {statusLabels[b.stage].ko}</span>
              </td>
              <td>{b.cases}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>Time in stage: median days, stays that ended in the last {s.windowDays} days</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Median</th>
            <th scope="col">Stays measured</th>
          </tr>
        </thead>
        <tbody>
          {s.stageDays.map((d) => (
            <tr key={d.stage}>
              <td>
                {statusLabels[d.stage].en} <span lang="ko">· {statusLabels[d.stage].ko}</span>
              </td>
              <td>{days(d.medianDays)}</td>
              <td>{d.stays}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>SLA compliance of open cases</caption>
        <thead>
          <tr>
            <th scope="col">Within SLA</th>
            <th scope="col">At risk</th>
            <th scope="col">Overdue</th>
            <th scope="col">Open cases</th>
            <th scope="col">Compliance (within SLA / open)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{s.sla.ok}</td>
            <td>{s.sla.atRisk}</td>
            <td>{s.sla.overdue}</td>
            <td>{s.sla.open}</td>
            <td>{percent(s.sla.compliance)}</td>
          </tr>
        </tbody>
      </table>

      <table>
        <caption>Decisions in the last {s.windowDays} days</caption>
        <thead>
          <tr>
            <th scope="col">Approved</th>
            <th scope="col">Refused</th>
            <th scope="col">Approval rate (approved / decided)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{s.decisions.approved}</td>
            <td>{s.decisions.refused}</td>
            <td>{percent(s.decisions.approvalRate)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
