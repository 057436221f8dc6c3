import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listSponsoredCases } from "../../models/case/actions";
import { statusLabels } from "../../models/lifecycle";
import { requireRole, caseContext } from "../session.server";
import { StatusTag, formatDateTime } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const cases = await listSponsoredCases(caseContext(context, user));
  return {
    cases: cases.map((c) => ({
      id: c.id,
      receiptNumber: c.receiptNumber,
      applicant: c.dossier.personal?.fullName ?? "",
      status: c.status,
      since: c.statusChangedAt.toISOString(),
      days: Math.floor((Date.now() - c.statusChangedAt.getTime()) / 864e5),
    })),
  };
}

export const meta: MetaFunction = () => [{ title: "Sponsored cases · TopTier" }];

export default function EmployerHome() {
  const { cases } = useLoaderData<typeof loader>();
  const waiting = cases.filter((c) => c.status === "awaiting_sponsor").length;
  return (
    <section>
      <h1>Cases your company sponsors</h1>
      {waiting > 0 ? (
        <p className="notice" role="status">
          {waiting} {waiting === 1 ? "case waits" : "cases wait"} for your confirmation.
        </p>
      ) : null}
      {cases.length === 0 ? (
        <p>No submitted cases name your company yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Sponsored cases</caption>
          <thead>
            <tr>
              <th scope="col">Receipt</th>
              <th scope="col">Applicant</th>
              <th scope="col">Stage</th>
              <th scope="col">Days in stage</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/employer/cases/${c.id}`}>{c.receiptNumber}</Link>
                </td>
                <td>{c.applicant}</td>
                <td>
                  <StatusTag label={statusLabels[c.status].en} ko={statusLabels[c.status].ko} />
                </td>
                <td title={formatDateTime(c.since)}>{c.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
