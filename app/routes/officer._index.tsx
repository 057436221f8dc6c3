import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { officerQueue } from "../../models/case/actions";
import { statusLabels } from "../../models/lifecycle";
import { requireRole, caseContext } from "../session.server";
import { StatusTag, formatDateTime } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const queue = await officerQueue(caseContext(context, user));
  return {
    senior: user.role === "senior_officer",
    cases: queue.map((c) => ({
      id: c.id,
      receiptNumber: c.receiptNumber,
      applicant: c.dossier.personal?.fullName ?? "",
      status: c.status,
      since: c.statusChangedAt.toISOString(),
      outcome: c.screening?.result.outcome ?? null,
    })),
  };
}

export const meta: MetaFunction = () => [{ title: "심사 대기열 Review queue · TopTier" }];

export default function OfficerQueue() {
  const { cases, senior } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>
        <span lang="ko">심사 대기열</span> · Review queue
      </h1>
      <p>{senior ? "Cases in review and decisions waiting for your second signature, oldest first." : "Cases in review, oldest first."}</p>
      {cases.length === 0 ? (
        <p>The queue is empty.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Review queue</caption>
          <thead>
            <tr>
              <th scope="col">Receipt</th>
              <th scope="col">Applicant</th>
              <th scope="col">Stage</th>
              <th scope="col">Screening</th>
              <th scope="col">In stage since</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/officer/cases/${c.id}`}>{c.receiptNumber}</Link>
                </td>
                <td>{c.applicant}</td>
                <td>
                  <StatusTag label={statusLabels[c.status].en} ko={statusLabels[c.status].ko} />
                </td>
                <td>{c.outcome?.replace("_", " ") ?? "not screened"}</td>
                <td>{formatDateTime(c.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
