import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { queueOverview, stagesFor, takeNextCase, type QueueStage } from "../../models/case/queue";
import type { Case } from "../../models/schema/cases";
import { statusLabels } from "../../models/lifecycle";
import { asFormError } from "../errors.server";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, StatusTag, formatDateTime } from "../ui";

const row = (c: Case) => ({
  id: c.id,
  receiptNumber: c.receiptNumber,
  applicant: c.dossier.personal?.fullName ?? "",
  status: c.status,
  priority: c.priority,
  since: c.statusChangedAt.toISOString(),
  outcome: c.screening?.result.outcome ?? null,
  flags: c.flags.length,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const q = await queueOverview(caseContext(context, user));
  return {
    stages: stagesFor(user.role),
    counts: q.counts,
    mine: q.mine.map(row),
    waiting: q.waiting.map(row),
    loads: q.loads,
    empty: new URL(request.url).searchParams.get("empty"),
  };
}

/** "Take next": claim the most urgent unclaimed case of a stage and open it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const form = await request.formData();
  const stage = (form.get("stage") === "decision_pending" ? "decision_pending" : "in_review") as QueueStage;
  try {
    const c = await takeNextCase(caseContext(context, user), stage);
    return redirect(c ? `/officer/cases/${c.id}` : `/officer?empty=${stage}`);
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction = () => [{ title: "심사 대기열 Review queue · TopTier" }];

function CaseTable({ caption, cases }: { caption: string; cases: ReturnType<typeof row>[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Receipt</th>
          <th scope="col">Applicant</th>
          <th scope="col">Stage</th>
          <th scope="col">Screening</th>
          <th scope="col">Risk flags</th>
          <th scope="col">In stage since</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/officer/cases/${c.id}`}>{c.receiptNumber}</Link>
              {c.priority > 0 ? <strong> (priority {c.priority})</strong> : null}
            </td>
            <td>{c.applicant}</td>
            <td>
              <StatusTag label={statusLabels[c.status].en} ko={statusLabels[c.status].ko} />
            </td>
            <td>{c.outcome?.replace("_", " ") ?? "not screened"}</td>
            <td>{c.flags > 0 ? <strong>{c.flags}</strong> : "none"}</td>
            <td>{formatDateTime(c.since)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function OfficerQueue() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <section>
      <h1>
        <span lang="ko">심사 대기열</span> · Review queue
      </h1>
      <nav aria-label="Back office">
        <Link to="/officer/search">Search</Link>
        {d.loads ? (
          <>
            {" "}
            · <Link to="/officer/stats">Statistics</Link> · <Link to="/officer/templates">Decision templates</Link> · <Link to="/officer/audit">Audit trail</Link>
          </>
        ) : null}
      </nav>
      <ErrorSummary error={r?.error} />
      {d.empty ? (
        <p className="notice" role="status">
          No case is waiting in {statusLabels[d.empty as QueueStage]?.en.toLowerCase() ?? "this queue"}.
        </p>
      ) : null}
      <ul>
        {d.counts
          .filter((c) => d.stages.includes(c.stage))
          .map((c) => (
            <li key={c.stage}>
              <Form method="post" className="inline">
                {statusLabels[c.stage].en} (<span lang="ko">{statusLabels[c.stage].ko}</span>): <strong>{c.waiting}</strong> waiting, {c.assigned} with officers{" "}
                <input type="hidden" name="stage" value={c.stage} />
                <button type="submit" disabled={c.waiting === 0}>
                  Take next {c.stage === "decision_pending" ? "second review" : "case"}
                </button>
              </Form>
            </li>
          ))}
      </ul>
      <CaseTable caption={`My cases (${d.mine.length})`} cases={d.mine} />
      <CaseTable caption="Waiting, most urgent first" cases={d.waiting} />
      {d.loads ? (
        <table>
          <caption>Load per officer (open cases assigned)</caption>
          <thead>
            <tr>
              <th scope="col">Officer</th>
              <th scope="col">Role</th>
              <th scope="col">Cases</th>
            </tr>
          </thead>
          <tbody>
            {d.loads.map((l) => (
              <tr key={l.officerId}>
                <td>{l.name}</td>
                <td>{l.role.replace("_", " ")}</td>
                <td>{l.cases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
