import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { submitCase, withdrawCase } from "../../models/case/actions";
import { documentKindLabels, type DocumentKind } from "../../models/case/document-kinds";
import { getCaseView } from "../../models/case/drafts";
import { answerEvidence, listEvidenceRequests } from "../../models/case/evidence";
import { AnswerEvidence } from "../components/applicant-evidence";
import { EvidenceHistory } from "../components/officer-evidence";
import { missingForSubmission, type DraftDossier } from "../../models/dossier";
import { AppError } from "../../models/errors";
import { formatSize } from "../../models/files";
import { statusLabels } from "../../models/lifecycle";
import { degreeLabels, industryLabels } from "../components/dossier-form";
import { UploadForm } from "../components/upload-form";
import { asFormError, throwAsResponse } from "../errors.server";
import { requireRole, caseContext } from "../session.server";
import { describeEvent, publicEvents } from "../timeline";
import { ErrorSummary, fieldId, formatDateTime, formatKrw, StatusTag, Timeline } from "../ui";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const view = await getCaseView(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  const c = view.case;
  const requests = await listEvidenceRequests(caseContext(context, user), c.id);
  return {
    case: { id: c.id, status: c.status, receiptNumber: c.receiptNumber, submittedAt: c.submittedAt?.toISOString() ?? null, decision: c.decision },
    /** O6: the decision letter (PDF), once the background job has made it. */
    hasLetter: Boolean(c.letterKey) && (c.status === "approved" || c.status === "refused"),
    dossier: c.dossier as DraftDossier,
    missing: c.status === "draft" ? missingForSubmission(c.dossier as DraftDossier) : {},
    organization: view.organization?.name ?? null,
    documents: view.documents.map((d) => ({ id: d.id, kind: d.kind as DocumentKind, filename: d.filename, sizeBytes: d.sizeBytes, createdAt: d.createdAt.toISOString() })),
    events: publicEvents(view.events).map((e) => ({ id: e.id, at: e.at.toISOString(), text: describeEvent(e) })),
    maxUpload: formatSize(context.services.config.maxUploadBytes),
    requests,
    openRequest: c.status === "evidence_requested" ? (requests.find((r) => r.status === "open") ?? null) : null,
    uploaded: new URL(request.url).searchParams.get("uploaded"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const form = await request.formData();
  const ctx = caseContext(context, user);
  try {
    if (form.get("intent") === "submit") {
      if (form.get("declaration") !== "yes") {
        throw new AppError("validation", "Confirm the declaration to submit.", {
          declaration: "Tick the box to confirm that the information is true",
        });
      }
      await submitCase(ctx, params.caseId!);
      return redirect(`/cases/${params.caseId}?submitted=1`);
    }
    if (form.get("intent") === "answer_evidence") {
      const answers: Record<string, string> = {};
      for (const [k, v] of form.entries()) if (k.startsWith("answer.") && typeof v === "string") answers[k.slice("answer.".length)] = v;
      await answerEvidence(ctx, params.caseId!, { requestId: String(form.get("requestId") ?? ""), answers, note: String(form.get("note") ?? "") });
      return redirect(`/cases/${params.caseId}?answered=1`);
    }
    if (form.get("intent") === "withdraw") {
      if (form.get("confirmWithdraw") !== "yes") {
        throw new AppError("validation", "Confirm that you want to withdraw.", { confirmWithdraw: "Tick the box to confirm the withdrawal" });
      }
      await withdrawCase(ctx, params.caseId!);
      return redirect(`/cases/${params.caseId}`);
    }
    throw new Response("Unknown action", { status: 400 });
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.receiptNumber ?? "Draft application"} · TopTier` }];

export default function CasePage() {
  const { case: c, hasLetter, dossier, missing, organization, documents, events, maxUpload, uploaded, requests, openRequest } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const status = statusLabels[c.status];
  const open = !["approved", "refused", "withdrawn", "draft"].includes(c.status);
  return (
    <section>
      <p>
        <Link to="/cases">All your applications</Link>
      </p>
      <h1>{c.receiptNumber ? `Application ${c.receiptNumber}` : "Draft application"}</h1>
      <p>
        Stage: <StatusTag label={status.en} ko={status.ko} />
      </p>
      <p className="notice">
        <strong>What happens next:</strong> {status.next.en}
      </p>
      <ErrorSummary error={result?.error} fieldErrors={result?.fieldErrors} />
      {uploaded ? (
        <p role="status" className="notice">
          Uploaded {uploaded}.
        </p>
      ) : null}
      {c.decision && (c.status === "approved" || c.status === "refused") ? (
        <section aria-labelledby="decision">
          <h2 id="decision">Decision</h2>
          <p>{c.status === "approved" ? "Your application is approved." : "Your application is refused."}</p>
          <p>
            <strong>Reasons:</strong> {c.decision.reasons}
          </p>
          {hasLetter ? (
            <p>
              <a href={`/cases/${c.id}/letter`}>Download the decision letter (PDF)</a>
            </p>
          ) : (
            <p>Your decision letter (PDF, in English and Korean) is being prepared. Reload this page in a minute to download it.</p>
          )}
        </section>
      ) : null}

      {openRequest ? <AnswerEvidence request={openRequest} caseId={c.id} errors={result?.fieldErrors ?? {}} maxUpload={maxUpload} /> : null}
      <EvidenceHistory requests={requests.filter((r) => r.id !== openRequest?.id)} caseId={c.id} />

      <h2>Your answers</h2>
      <dl className="summary">
        <dt>Full name</dt>
        <dd>{dossier.personal?.fullName ?? "Not given yet"}</dd>
        <dt>Nationality</dt>
        <dd>{dossier.personal?.nationality ?? "Not given yet"}</dd>
        <dt>Date of birth</dt>
        <dd>{dossier.personal?.birthDate ?? "Not given yet"}</dd>
        <dt>Passport number</dt>
        <dd>{dossier.personal?.passportNumber ?? "Not given yet"}</dd>
        <dt>Highest degree</dt>
        <dd>
          {dossier.degree?.level ? degreeLabels[dossier.degree.level] : "Not given yet"}
          {dossier.degree?.field ? `, ${dossier.degree.field}` : ""}
          {dossier.degree?.institution ? `, ${dossier.degree.institution}` : ""}
        </dd>
        <dt>Sponsoring employer</dt>
        <dd>{organization ?? "Not chosen yet"}</dd>
        <dt>Job</dt>
        <dd>
          {dossier.offer?.jobTitle ?? "Not given yet"}
          {dossier.offer?.industry ? ` (${industryLabels[dossier.offer.industry]})` : ""}
          {dossier.offer?.annualSalaryKrw ? `, ${formatKrw(dossier.offer.annualSalaryKrw)} a year` : ""}
        </dd>
      </dl>
      {c.status === "draft" ? (
        <p>
          <Link to={`/cases/${c.id}/edit`}>Change your answers</Link>
        </p>
      ) : null}

      <h2>Documents</h2>
      {documents.length === 0 ? <p>No documents yet.</p> : null}
      <ul>
        {documents.map((d) => (
          <li key={d.id}>
            {documentKindLabels[d.kind]?.en ?? d.kind}: <a href={`/cases/${c.id}/documents/${d.id}`}>{d.filename}</a> ({Math.ceil(d.sizeBytes / 1024)} KB, {formatDateTime(d.createdAt)})
          </li>
        ))}
      </ul>
      {c.status === "draft" ? (
        <UploadForm caseId={c.id} maxUpload={maxUpload} />
      ) : null}

      {c.status === "draft" ? (
        <Form method="post">
          <h2>Submit</h2>
          {Object.keys(missing).length > 0 ? (
            <div className="notice">
              <p>Before you can submit, complete these answers:</p>
              <ul>
                {Object.values(missing).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="field">
            <input type="checkbox" id={fieldId("declaration")} name="declaration" value="yes" />{" "}
            <label htmlFor={fieldId("declaration")} style={{ display: "inline" }}>
              I declare that the information in this application is true and complete.
            </label>
          </div>
          <button type="submit" name="intent" value="submit">
            Submit application
          </button>
        </Form>
      ) : null}

      <Timeline events={events} />

      {open ? (
        <Form method="post">
          <h2>Withdraw</h2>
          <p>Withdrawing closes the application. You can apply again later.</p>
          <div className="field">
            <input type="checkbox" id={fieldId("confirmWithdraw")} name="confirmWithdraw" value="yes" />{" "}
            <label htmlFor={fieldId("confirmWithdraw")} style={{ display: "inline" }}>
              I want to withdraw this application.
            </label>
          </div>
          <button type="submit" name="intent" value="withdraw" className="danger">
            Withdraw application
          </button>
        </Form>
      ) : null}
    </section>
  );
}
