import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { resendVerification } from "../../models/auth";
import { listMyCases } from "../../models/case/drafts";
import { statusLabels } from "../../models/lifecycle";
import { requireRole, caseContext } from "../session.server";
import { StatusTag, formatDateTime } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const cases = await listMyCases(caseContext(context, user));
  return {
    emailVerified: Boolean(user.emailVerifiedAt),
    cases: cases.map((c) => ({ id: c.id, status: c.status, receiptNumber: c.receiptNumber, updatedAt: c.updatedAt.toISOString() })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  await resendVerification(context.services.database.db, user);
  return { resent: true };
}

export const meta: MetaFunction = () => [{ title: "Your applications · TopTier" }];

export default function MyCases() {
  const { cases, emailVerified } = useLoaderData<typeof loader>();
  const resent = useActionData<typeof action>();
  return (
    <section>
      <h1>Your applications</h1>
      {!emailVerified ? (
        <div className="notice" role="status">
          <p>Confirm your e-mail address with the link we sent you. You can prepare a draft now; you need a confirmed address to submit.</p>
          <Form method="post">
            <button type="submit" className="secondary">
              Send the link again
            </button>
          </Form>
          {resent ? <p>A new link is on its way.</p> : null}
        </div>
      ) : null}
      <p>
        <Link className="button" to="/cases/new">
          Start a new application
        </Link>
      </p>
      {cases.length === 0 ? (
        <p>You have no applications yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Your applications</caption>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Stage</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/cases/${c.id}`}>{c.receiptNumber ?? "Draft application"}</Link>
                </td>
                <td>
                  <StatusTag label={statusLabels[c.status].en} ko={statusLabels[c.status].ko} />
                </td>
                <td>{formatDateTime(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
