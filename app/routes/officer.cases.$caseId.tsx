import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { audit } from "../../models/audit";
import { proposeDecision, reviewDecision } from "../../models/case/actions";
import { assignCase, listOfficers, releaseCase } from "../../models/case/queue";
import { documentKindLabels, type DocumentKind } from "../../models/case/document-kinds";
import { getCaseView } from "../../models/case/drafts";
import { toActor } from "../../models/auth";
import { AppError } from "../../models/errors";
import { statusLabels } from "../../models/lifecycle";
import { degreeLabels, industryLabels } from "../components/dossier-form";
import { asFormError, throwAsResponse } from "../errors.server";
import { requireRole, caseContext } from "../session.server";
import { describeEvent } from "../timeline";
import { ErrorSummary, Field, fieldId, formatDateTime, formatKrw, StatusTag, Timeline } from "../ui";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const view = await getCaseView(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  const c = view.case;
  const db = context.services.database.db;
  await audit(db, { actor: toActor(user), action: "case.view", caseId: c.id, ip: context.ip });
  const officers = await listOfficers(db);
  return {
    case: { id: c.id, receiptNumber: c.receiptNumber, status: c.status, decision: c.decision, submittedAt: c.submittedAt?.toISOString() ?? null },
    dossier: c.dossier,
    organization: view.organization?.name ?? null,
    screening: c.screening,
    documents: view.documents.map((d) => ({ id: d.id, kind: d.kind as DocumentKind, filename: d.filename, sizeBytes: d.sizeBytes, sha256: d.sha256 })),
    events: view.events.map((e) => ({ id: e.id, at: e.at.toISOString(), text: describeEvent(e), comment: (e.data as { comment?: string }).comment })),
    assignee: officers.find((o) => o.id === c.assignedOfficerId)?.name ?? null,
    mine: c.assignedOfficerId === user.id,
    canAssign: (c.status === "in_review" || c.status === "decision_pending") && (user.role === "senior_officer" || !c.assignedOfficerId || c.assignedOfficerId === user.id),
    colleagues: officers.filter((o) => o.id !== c.assignedOfficerId),
    canPropose: c.status === "in_review",
    canReview: user.role === "senior_officer" && c.status === "decision_pending" && c.decision?.proposedBy !== user.id,
    ownDecisionPending: c.status === "decision_pending" && c.decision?.proposedBy === user.id,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const form = await request.formData();
  const ctx = caseContext(context, user);
  const intent = form.get("intent");
  try {
    if (intent === "propose") {
      await proposeDecision(ctx, params.caseId!, { outcome: String(form.get("outcome") ?? ""), reasons: String(form.get("reasons") ?? "") });
    } else if (intent === "release") {
      await releaseCase(ctx, params.caseId!);
      return redirect("/officer");
    } else if (intent === "assign") {
      await assignCase(ctx, params.caseId!, String(form.get("officerId") ?? ""));
    } else if (intent === "confirm" || intent === "return") {
      await reviewDecision(ctx, params.caseId!, { confirm: intent === "confirm", comment: String(form.get("comment") ?? "") });
    } else {
      throw new AppError("validation", "Choose what to do.");
    }
    return redirect(`/officer/cases/${params.caseId}`);
  } catch (err) {
    return asFormError(err, { reasons: String(form.get("reasons") ?? ""), comment: String(form.get("comment") ?? "") });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.receiptNumber ?? "Case"} · 심사 · TopTier` }];

export default function OfficerCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  const status = statusLabels[d.case.status];
  const p = d.dossier.personal;
  return (
    <section>
      <p>
        <Link to="/officer">Back to the queue</Link>
      </p>
      <h1>
        {d.case.receiptNumber} · {p?.fullName}
      </h1>
      <p>
        Stage: <StatusTag label={status.en} ko={status.ko} /> {d.case.submittedAt ? `· submitted ${formatDateTime(d.case.submittedAt)}` : null}
      </p>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      <p>
        {d.assignee ? (
          <>
            With <strong>{d.mine ? "you" : d.assignee}</strong>.
          </>
        ) : (
          "Not assigned: waiting in the queue."
        )}
      </p>
      {d.canAssign ? (
        <Form method="post" className="inline">
          <label htmlFor={fieldId("officerId")}>Assign to</label>{" "}
          <select id={fieldId("officerId")} name="officerId" defaultValue="">
            <option value="">Choose…</option>
            {d.colleagues.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.role.replace("_", " ")})
              </option>
            ))}
          </select>{" "}
          <button type="submit" name="intent" value="assign" className="secondary">
            Assign
          </button>
          {d.assignee ? (
            <>
              {" "}
              <button type="submit" name="intent" value="release" className="secondary">
                Release to the queue
              </button>
            </>
          ) : null}
        </Form>
      ) : null}

      <h2>Dossier</h2>
      <dl className="summary">
        <dt>Full name</dt>
        <dd>{p?.fullName}</dd>
        <dt>Nationality</dt>
        <dd>{p?.nationality}</dd>
        <dt>Date of birth</dt>
        <dd>{p?.birthDate}</dd>
        <dt>Passport number</dt>
        <dd>{p?.passportNumber}</dd>
        <dt>Highest degree</dt>
        <dd>
          {d.dossier.degree ? `${degreeLabels[d.dossier.degree.level]}, ${d.dossier.degree.field}, ${d.dossier.degree.institution} (${d.dossier.degree.awarded})` : ""}
        </dd>
        <dt>Sponsor</dt>
        <dd>{d.organization}</dd>
        <dt>Job offer</dt>
        <dd>
          {d.dossier.offer ? `${d.dossier.offer.jobTitle}, ${industryLabels[d.dossier.offer.industry]}, ${formatKrw(d.dossier.offer.annualSalaryKrw)} a year` : ""}
        </dd>
      </dl>

      <h2>Documents</h2>
      <ul>
        {d.documents.map((doc) => (
          <li key={doc.id}>
            {documentKindLabels[doc.kind]?.en ?? doc.kind}:{" "}
            <a href={`/cases/${d.case.id}/documents/${doc.id}?inline=1`} target="_blank" rel="noreferrer">
              {doc.filename}
            </a>{" "}
            ({Math.ceil(doc.sizeBytes / 1024)} KB, SHA-256 <code>{doc.sha256.slice(0, 12)}…</code>)
          </li>
        ))}
      </ul>

      <h2>Screening</h2>
      {d.screening ? (
        <>
          <p>
            Outcome: <strong>{d.screening.result.outcome.replace("_", " ")}</strong> under rule set <code>{d.screening.result.ruleset}</code>, screened{" "}
            {formatDateTime(d.screening.screenedAt)}.
          </p>
          <ul className="criteria">
            {d.screening.result.criteria.map((c) => (
              <li key={c.id} className={c.status}>
                <strong>{c.id}</strong> ({c.status.replace("_", " ")}): {c.detail}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Not screened yet.</p>
      )}

      {d.canPropose ? (
        <Form method="post">
          <h2>Record a decision</h2>
          <p>A senior officer confirms the decision before the applicant is told.</p>
          <fieldset className={errors.outcome ? "field field-error" : "field"}>
            <legend>Decision</legend>
            {errors.outcome ? <p className="error-message">{errors.outcome}</p> : null}
            <input type="radio" id={fieldId("outcome")} name="outcome" value="approve" /> <label htmlFor={fieldId("outcome")}>Approve</label>{" "}
            <input type="radio" id="f-outcome-refuse" name="outcome" value="refuse" /> <label htmlFor="f-outcome-refuse">Refuse</label>
          </fieldset>
          <div className={errors.reasons ? "field field-error" : "field"}>
            <label htmlFor={fieldId("reasons")}>Reasons</label>
            {errors.reasons ? <p className="error-message">{errors.reasons}</p> : null}
            <textarea id={fieldId("reasons")} name="reasons" rows={5} defaultValue={result?.values?.reasons} />
          </div>
          <button type="submit" name="intent" value="propose">
            Record decision
          </button>
        </Form>
      ) : null}

      {d.case.status === "decision_pending" && d.case.decision ? (
        <section aria-labelledby="pending">
          <h2 id="pending">Decision waiting for second review</h2>
          <p>
            Proposed: <strong>{d.case.decision.outcome}</strong>. Reasons: {d.case.decision.reasons}
          </p>
          {d.ownDecisionPending ? <p className="notice">You recorded this decision; another senior officer confirms it.</p> : null}
          {d.canReview ? (
            <Form method="post">
              <Field name="comment" label="Comment (required to send it back)" defaultValue={result?.values?.comment} error={errors.comment} />
              <button type="submit" name="intent" value="confirm">
                Confirm decision
              </button>{" "}
              <button type="submit" name="intent" value="return" className="secondary">
                Send back to the officer
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <Timeline events={d.events} />
    </section>
  );
}
