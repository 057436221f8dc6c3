import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { confirmSponsorship } from "../../models/case/actions";
import { getCaseView } from "../../models/case/drafts";
import { statusLabels } from "../../models/lifecycle";
import { industryLabels } from "../components/dossier-form";
import { asFormError, throwAsResponse } from "../errors.server";
import { requireRole, caseContext } from "../session.server";
import { describeEvent, publicEvents } from "../timeline";
import { ErrorSummary, fieldId, formatKrw, StatusTag, Timeline } from "../ui";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const view = await getCaseView(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  const c = view.case;
  // The sponsor sees what the sponsorship needs: who, which job, the stage. Not the passport or documents.
  return {
    case: { id: c.id, receiptNumber: c.receiptNumber, status: c.status, decision: c.status === "approved" || c.status === "refused" ? c.decision?.reasons : null },
    applicant: c.dossier.personal?.fullName ?? "",
    offer: c.dossier.offer ?? null,
    canConfirm: user.role === "employer_admin" && c.status === "awaiting_sponsor",
    events: publicEvents(view.events).map((e) => ({ id: e.id, at: e.at.toISOString(), text: describeEvent(e) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const form = await request.formData();
  try {
    await confirmSponsorship(caseContext(context, user), params.caseId!, { attest: form.get("attest") === "yes" });
    return redirect(`/employer/cases/${params.caseId}`);
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.receiptNumber ?? "Case"} · TopTier employer` }];

export default function EmployerCase() {
  const { case: c, applicant, offer, canConfirm, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const status = statusLabels[c.status];
  return (
    <section>
      <p>
        <Link to="/employer">All sponsored cases</Link>
      </p>
      <h1>
        {applicant} · {c.receiptNumber}
      </h1>
      <p>
        Stage: <StatusTag label={status.en} ko={status.ko} />
      </p>
      {c.decision ? (
        <p>
          <strong>Decision reasons:</strong> {c.decision}
        </p>
      ) : null}
      {offer ? (
        <dl className="summary">
          <dt>Job title</dt>
          <dd>{offer.jobTitle}</dd>
          <dt>Industry</dt>
          <dd>{offer.industry ? industryLabels[offer.industry] : ""}</dd>
          <dt>Annual salary</dt>
          <dd>{offer.annualSalaryKrw ? formatKrw(offer.annualSalaryKrw) : ""}</dd>
        </dl>
      ) : null}
      <ErrorSummary error={result?.error} fieldErrors={result?.fieldErrors} />
      {canConfirm ? (
        <Form method="post">
          <h2>Confirm sponsorship</h2>
          <div className="field">
            <input type="checkbox" id={fieldId("attest")} name="attest" value="yes" />{" "}
            <label htmlFor={fieldId("attest")} style={{ display: "inline" }}>
              On behalf of my company I confirm this job offer, its salary and industry are true.
            </label>
          </div>
          <button type="submit">Confirm sponsorship</button>
        </Form>
      ) : c.status === "awaiting_sponsor" ? (
        <p className="notice">An administrator of your company confirms the sponsorship.</p>
      ) : null}
      <Timeline events={events} />
    </section>
  );
}
