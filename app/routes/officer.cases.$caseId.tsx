import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef, useState } from "react";
import { audit } from "../../models/audit";
import { proposeDecision, reviewDecision } from "../../models/case/actions";
import { listActiveTemplates, templateReasons } from "../../models/case/decision-templates";
import { assignCase, listOfficers, releaseCase } from "../../models/case/queue";
import { getCaseView } from "../../models/case/drafts";
import { listEvidenceRequests, requestEvidence } from "../../models/case/evidence";
import { slaView } from "../../models/sla";
import { EvidenceHistory, RequestEvidenceForm, evidenceInputFromForm } from "../components/officer-evidence";
import { addCaseNote, caseFileReview, reviewDocument } from "../../models/case/review";
import { riskFlagLabels } from "../../models/case/risk";
import { toActor } from "../../models/auth";
import { AppError } from "../../models/errors";
import { statusLabels } from "../../models/lifecycle";
import { degreeLabels, industryLabels } from "../components/dossier-form";
import { caseFileData, OfficerDocuments } from "../components/officer-documents";
import { OfficerNotes, RiskFlagList } from "../components/officer-notes";
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
    events: view.events.map((e) => ({ id: e.id, at: e.at.toISOString(), text: describeEvent(e), comment: (e.data as { comment?: string }).comment })),
    assignee: officers.find((o) => o.id === c.assignedOfficerId)?.name ?? null,
    mine: c.assignedOfficerId === user.id,
    canAssign: (c.status === "in_review" || c.status === "decision_pending") && (user.role === "senior_officer" || !c.assignedOfficerId || c.assignedOfficerId === user.id),
    colleagues: officers.filter((o) => o.id !== c.assignedOfficerId),
    canPropose: c.status === "in_review",
    canRequestEvidence: c.status === "in_review",
    requests: await listEvidenceRequests(caseContext(context, user), c.id),
    sla: slaView(c, new Date()),
    minDeadline: new Date(Date.now() + 2 * 864e5).toISOString().slice(0, 10),
    // O6: the reasons templates offered in the decision form, and the decision letter once made.
    templates:
      c.status === "in_review"
        ? (await listActiveTemplates(caseContext(context, user))).map((t) => ({ code: t.code, outcome: t.outcome, title: `${t.titleEn} · ${t.titleKo}`, text: templateReasons(t) }))
        : [],
    isSenior: user.role === "senior_officer",
    hasLetter: Boolean(c.letterKey) && (c.status === "approved" || c.status === "refused"),
    canReview: user.role === "senior_officer" && c.status === "decision_pending" && c.decision?.proposedBy !== user.id,
    ownDecisionPending: c.status === "decision_pending" && c.decision?.proposedBy === user.id,
    // O4 / O3: the documents with their latest review, the officer-only notes, and the risk flags from screening.
    caseFile: caseFileData(await caseFileReview(caseContext(context, user), c.id)),
    flags: c.flags.map((f) => ({ ...f, label: riskFlagLabels[f.code] })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const form = await request.formData();
  const ctx = caseContext(context, user);
  const intent = form.get("intent");
  try {
    if (intent === "propose") {
      await proposeDecision(ctx, params.caseId!, {
        outcome: String(form.get("outcome") ?? ""),
        reasons: String(form.get("reasons") ?? ""),
        templateCode: String(form.get("templateCode") ?? ""),
      });
    } else if (intent === "document_verify" || intent === "document_reject") {
      await reviewDocument(ctx, {
        caseId: params.caseId!,
        documentId: String(form.get("documentId") ?? ""),
        verdict: intent === "document_verify" ? "verified" : "rejected",
        reason: String(form.get("reason") ?? ""),
      });
    } else if (intent === "note_add") {
      await addCaseNote(ctx, params.caseId!, String(form.get("body") ?? ""));
    } else if (intent === "request_evidence") {
      await requestEvidence(ctx, params.caseId!, evidenceInputFromForm(form));
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
    // Everything typed comes back, so no form loses its answers.
    return asFormError(err, Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>);
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
        {d.isSenior ? (
          <>
            {" "}
            · <Link to={`/officer/cases/${d.case.id}/audit`}>Audit history of this case</Link>
          </>
        ) : null}
      </p>
      <h1>
        {d.case.receiptNumber} · {p?.fullName}
      </h1>
      <p>
        Stage: <StatusTag label={status.en} ko={status.ko} /> {d.case.submittedAt ? `· submitted ${formatDateTime(d.case.submittedAt)}` : null}
        {d.sla ? (
          <>
            {" "}
            · SLA <span lang="ko">처리 기한</span>: {Math.round(d.sla.usedHours)} of {d.sla.targetHours} hours used
            {d.sla.paused ? " (paused: waiting on the applicant)" : d.sla.dueAt ? `, due ${formatDateTime(d.sla.dueAt)}` : ""}
            {d.sla.state !== "ok" ? <strong> ({d.sla.state === "overdue" ? "overdue" : "at risk"})</strong> : null}
          </>
        ) : null}
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

      <RiskFlagList flags={d.flags} />
      <OfficerDocuments
        caseId={d.case.id}
        documents={d.caseFile.documents}
        canReview={d.caseFile.canReview}
        failedDocumentId={result?.values?.documentId}
        reasonError={errors.reason}
        reasonValue={result?.values?.reason}
      />
      <OfficerNotes notes={d.caseFile.notes} error={errors.body} value={result?.values?.body} />

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

      {d.canRequestEvidence ? <RequestEvidenceForm errors={errors} values={result?.values} minDate={d.minDeadline} /> : null}
      <EvidenceHistory requests={d.requests} caseId={d.case.id} />
      {d.canPropose ? <DecisionForm templates={d.templates} isSenior={d.isSenior} errors={errors} values={result?.values} /> : null}

      {d.hasLetter ? (
        <p>
          <a href={`/cases/${d.case.id}/letter`}>Download the decision letter (PDF)</a>
        </p>
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

type TemplateOption = { code: string; outcome: "approve" | "refuse"; title: string; text: string };

/**
 * O6: record a decision. Choosing a template adds its text to the reasons (with
 * JavaScript); without JavaScript the chosen template's text is used when the reasons
 * are left empty (the server does it). The list follows the chosen outcome.
 */
function DecisionForm({
  templates,
  isSenior,
  errors,
  values,
}: {
  templates: TemplateOption[];
  isSenior: boolean;
  errors: Record<string, string>;
  values?: { reasons?: string; outcome?: string; templateCode?: string };
}) {
  const [outcome, setOutcome] = useState(values?.outcome ?? "");
  const [templateCode, setTemplateCode] = useState(values?.templateCode ?? "");
  const reasons = useRef<HTMLTextAreaElement>(null);
  const offered = templates.filter((t) => !outcome || t.outcome === outcome);
  const chooseOutcome = (o: string) => {
    setOutcome(o);
    if (templates.find((t) => t.code === templateCode)?.outcome !== o) setTemplateCode("");
  };
  const chooseTemplate = (code: string) => {
    setTemplateCode(code);
    const t = templates.find((x) => x.code === code);
    const area = reasons.current;
    if (!t || !area) return;
    const typed = area.value.trim();
    if (!typed.includes(t.text)) area.value = typed ? `${typed}\n\n${t.text}` : t.text;
  };
  const group = (o: "approve" | "refuse", label: string) => {
    const list = offered.filter((t) => t.outcome === o);
    return list.length ? (
      <optgroup label={label}>
        {list.map((t) => (
          <option key={t.code} value={t.code}>
            {t.title}
          </option>
        ))}
      </optgroup>
    ) : null;
  };
  return (
    <Form method="post">
      <h2>Record a decision</h2>
      <p>A senior officer confirms the decision before the applicant is told.</p>
      <fieldset className={errors.outcome ? "field field-error" : "field"}>
        <legend>Decision</legend>
        {errors.outcome ? <p className="error-message">{errors.outcome}</p> : null}
        <input type="radio" id={fieldId("outcome")} name="outcome" value="approve" defaultChecked={outcome === "approve"} onChange={() => chooseOutcome("approve")} />{" "}
        <label htmlFor={fieldId("outcome")}>Approve</label>{" "}
        <input type="radio" id="f-outcome-refuse" name="outcome" value="refuse" defaultChecked={outcome === "refuse"} onChange={() => chooseOutcome("refuse")} />{" "}
        <label htmlFor="f-outcome-refuse">Refuse</label>
      </fieldset>
      <div className={errors.templateCode ? "field field-error" : "field"}>
        <label htmlFor={fieldId("templateCode")}>Reasons template (optional)</label>
        <p className="hint" id={`${fieldId("templateCode")}-hint`}>
          Its English and Korean text is added to the reasons; if you leave the reasons empty, the template&apos;s text is used.
          {isSenior ? (
            <>
              {" "}
              <Link to="/officer/templates">Manage templates</Link>
            </>
          ) : null}
        </p>
        {errors.templateCode ? <p className="error-message">{errors.templateCode}</p> : null}
        <select
          id={fieldId("templateCode")}
          name="templateCode"
          value={templateCode}
          onChange={(e) => chooseTemplate(e.target.value)}
          aria-describedby={`${fieldId("templateCode")}-hint`}
        >
          <option value="">No template</option>
          {group("approve", "Approve")}
          {group("refuse", "Refuse")}
        </select>
      </div>
      <div className={errors.reasons ? "field field-error" : "field"}>
        <label htmlFor={fieldId("reasons")}>Reasons</label>
        {errors.reasons ? <p className="error-message">{errors.reasons}</p> : null}
        <textarea id={fieldId("reasons")} name="reasons" rows={8} ref={reasons} defaultValue={values?.reasons} />
      </div>
      <button type="submit" name="intent" value="propose">
        Record decision
      </button>
    </Form>
  );
}
