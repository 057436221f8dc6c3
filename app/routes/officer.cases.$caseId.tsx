import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef, useState } from "react";
import { proposeDecision, reviewDecision } from "../../models/case/actions";
import { templateReasons } from "../../models/case/decision-templates";
import { assignCase, releaseCase } from "../../models/case/queue";
import { officerCaseFile } from "../../models/case/case-file";
import { requestEvidence } from "../../models/case/evidence";
import { slaView } from "../../models/sla";
import { EvidenceHistory, RequestEvidenceForm, evidenceInputFromForm } from "../components/officer-evidence";
import { addCaseNote, resumeReview, reviewDocument } from "../../models/case/review";
import { riskFlagLabels } from "../../models/case/risk";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { availableActions } from "../../models/lifecycle";
import type { dependantRelations } from "../../models/dossier";
import { metaTitle, officerCommon } from "../components/officer-common";
import { caseFileData, OfficerDocuments } from "../components/officer-documents";
import { CaseMessages } from "../components/case-messages";
import { degreeLevelText, industryText } from "../components/dossier-form";
import { OfficerNotes, RiskFlagList } from "../components/officer-notes";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { getLocale } from "../locale.server";
import { requireRole, caseContext } from "../session.server";
import { describeEvent } from "../timeline";
import { AppliedBasis } from "../components/eligibility-basis";
import { Choice, ErrorSummary, Field, fieldId, StatusTag, Timeline } from "../ui";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["officer", "senior_officer"]);
  const ctx = caseContext(context, user);
  // Issue 10: one transaction, the case loaded and authorised once (models/case/case-file.ts).
  const file = await officerCaseFile(ctx, params.caseId!).catch(throwAsResponse);
  const c = file.case;
  const officers = file.officers;
  const locale = await getLocale(request, user);
  const actions = availableActions(c.status, user.role);
  return {
    case: { id: c.id, receiptNumber: c.receiptNumber, status: c.status, decision: c.decision, submittedAt: c.submittedAt?.toISOString() ?? null },
    dossier: c.dossier,
    organization: file.organization?.name ?? null,
    screening: c.screening,
    events: file.events.map((e) => ({ id: e.id, at: e.at.toISOString(), text: describeEvent(e, locale), comment: (e.data as { comment?: string }).comment })),
    assignee: officers.find((o) => o.id === c.assignedOfficerId)?.name ?? null,
    mine: c.assignedOfficerId === user.id,
    canAssign:
      (c.status === "in_review" || c.status === "evidence_received" || c.status === "decision_pending") &&
      (user.role === "senior_officer" || !c.assignedOfficerId || c.assignedOfficerId === user.id),
    colleagues: officers.filter((o) => o.id !== c.assignedOfficerId),
    canPropose: actions.includes("propose_decision"),
    canRequestEvidence: actions.includes("request_evidence"),
    canResume: actions.includes("resume_review") && (user.role === "senior_officer" || !c.assignedOfficerId || c.assignedOfficerId === user.id),
    requests: file.requests,
    sla: slaView(c, new Date()),
    minDeadline: new Date(Date.now() + 2 * 864e5).toISOString().slice(0, 10),
    // O6: the reasons templates offered in the decision form, and the decision letter once made.
    templates: file.templates.map((t) => ({ code: t.code, outcome: t.outcome, titleEn: t.titleEn, titleKo: t.titleKo, text: templateReasons(t) })),
    isSenior: user.role === "senior_officer",
    hasLetter: Boolean(c.letterKey) && (c.status === "approved" || c.status === "refused"),
    canReview: user.role === "senior_officer" && c.status === "decision_pending" && c.decision?.proposedBy !== user.id,
    ownDecisionPending: c.status === "decision_pending" && c.decision?.proposedBy === user.id,
    // O4 / O3: the documents with their latest review, the officer-only notes, and the risk flags from screening.
    caseFile: caseFileData(file.review),
    flags: c.flags.map((f) => ({ ...f, label: riskFlagLabels[f.code] })),
    // A10: the conversation with the applicant (shown messages are marked read for the office).
    messages: file.messages,
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
    } else if (intent === "resume_review") {
      await resumeReview(ctx, params.caseId!);
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

const relationNames: Record<(typeof dependantRelations)[number], { en: string; ko: string }> = {
  spouse: { en: "spouse", ko: "배우자" },
  child: { en: "child", ko: "자녀" },
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => metaTitle(matches, text, "pageTitle", data?.case.receiptNumber ?? undefined);

const text = defineMessages(
  {
    pageTitle: "Case review",
    back: "Back to the queue",
    auditLink: "Audit history of this case",
    stage: "Stage:",
    submitted: "· submitted {at}",
    sla: "SLA:",
    slaUsed: "{used} of {target} hours used",
    slaPaused: " (paused: waiting on the applicant)",
    slaDue: ", due {at}",
    overdue: "overdue",
    atRisk: "at risk",
    withYou: "With you.",
    withOfficer: "With {name}.",
    unassigned: "Not assigned: waiting in the queue.",
    assignTo: "Assign to",
    choose: "Choose…",
    assign: "Assign",
    release: "Release to the queue",
    received: "Evidence received",
    receivedBody: "The applicant answered the request for evidence (below). Resume the review, ask again, or record a decision.",
    resume: "Resume review",
    dossier: "Dossier",
    fullName: "Full name",
    nationality: "Nationality",
    birthDate: "Date of birth",
    passport: "Passport number",
    degrees: "Degrees",
    work: "Work history",
    now: "now",
    postdoc: ", postdoctoral",
    dependants: "Dependants",
    noneDependants: "None",
    sponsor: "Sponsor",
    offer: "Job offer",
    perYear: "{amount} a year",
    screening: "Screening",
    screeningOutcome: "Outcome: {outcome} under rule set {ruleset}, screened {at}.",
    notScreened: "Not screened yet.",
    letter: "Download the decision letter (PDF)",
    pending: "Decision waiting for second review",
    proposed: "Proposed: {outcome}. Reasons: {reasons}",
    approve: "Approve",
    refuse: "Refuse",
    ownPending: "You recorded this decision; another senior officer confirms it.",
    comment: "Comment (required to send it back)",
    confirm: "Confirm decision",
    sendBack: "Send back to the officer",
    recordTitle: "Record a decision",
    recordIntro: "A senior officer confirms the decision before the applicant is told.",
    decision: "Decision",
    template: "Reasons template (optional)",
    templateHint: "Its English and Korean text is added to the reasons; if you leave the reasons empty, the template's text is used.",
    manageTemplates: "Manage templates",
    noTemplate: "No template",
    reasons: "Reasons",
    record: "Record decision",
  },
  {
    pageTitle: "사건 심사",
    back: "대기열로 돌아가기",
    auditLink: "이 사건의 감사 기록",
    stage: "처리 단계:",
    submitted: "· 접수 {at}",
    sla: "처리 기한:",
    slaUsed: "{target}시간 중 {used}시간 경과",
    slaPaused: " (정지: 신청인 답변 대기 중)",
    slaDue: ", 기한 {at}",
    overdue: "기한 초과",
    atRisk: "기한 임박",
    withYou: "내 담당 사건입니다.",
    withOfficer: "담당: {name}",
    unassigned: "담당자 없음: 대기열에서 기다리는 중입니다.",
    assignTo: "배정할 심사관",
    choose: "선택하세요…",
    assign: "배정",
    release: "대기열로 반환",
    received: "보완서류 접수",
    receivedBody: "신청인이 보완요청에 답했습니다(아래 참조). 심사를 재개하거나, 다시 보완요청하거나, 결정을 기록하세요.",
    resume: "심사 재개",
    dossier: "신청 내용",
    fullName: "성명",
    nationality: "국적",
    birthDate: "생년월일",
    passport: "여권번호",
    degrees: "학위",
    work: "경력",
    now: "현재",
    postdoc: ", 박사후연구원",
    dependants: "동반 가족",
    noneDependants: "없음",
    sponsor: "초청 기업",
    offer: "고용 제안",
    perYear: "연 {amount}",
    screening: "자동 심사",
    screeningOutcome: "결과: {outcome} (규칙 {ruleset}, {at} 심사).",
    notScreened: "아직 자동 심사 전입니다.",
    letter: "결정 통지서 내려받기 (PDF)",
    pending: "2차 검토(결재) 대기 중인 결정",
    proposed: "제안된 결정: {outcome}. 사유: {reasons}",
    approve: "승인",
    refuse: "불허",
    ownPending: "직접 기록한 결정입니다. 다른 선임 심사관이 결재합니다.",
    comment: "의견 (반려 시 필수)",
    confirm: "결재 (결정 확정)",
    sendBack: "심사관에게 반려",
    recordTitle: "결정 기록",
    recordIntro: "신청인에게 알리기 전에 선임 심사관이 결정을 결재합니다.",
    decision: "결정",
    template: "결정 사유 서식 (선택)",
    templateHint: "서식의 영문과 국문 내용이 사유에 추가됩니다. 사유를 비워 두면 서식 내용이 사용됩니다.",
    manageTemplates: "서식 관리",
    noTemplate: "서식 없음",
    reasons: "사유",
    record: "결정 기록",
  },
);

export default function OfficerCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, dateTime, krw } = useT(text);
  const common = useT(officerCommon).t;
  const errors = result?.fieldErrors ?? {};
  const p = d.dossier.personal;
  const offer = d.dossier.offer as { jobTitle?: string; industry?: keyof typeof industryText; annualSalaryKrw?: number } | undefined;
  return (
    <section>
      <p>
        <Link to="/officer">{t("back")}</Link>
        {d.isSenior ? (
          <>
            {" "}
            · <Link to={`/officer/cases/${d.case.id}/audit`}>{t("auditLink")}</Link>
          </>
        ) : null}
      </p>
      <h1>
        {d.case.receiptNumber} · {p?.fullName}
      </h1>
      <p>
        {t("stage")} <StatusTag status={d.case.status} /> {d.case.submittedAt ? t("submitted", { at: dateTime(d.case.submittedAt) }) : null}
        {d.sla ? (
          <>
            {" "}
            · {t("sla")} {t("slaUsed", { used: Math.round(d.sla.usedHours), target: d.sla.targetHours })}
            {d.sla.paused ? t("slaPaused") : d.sla.dueAt ? t("slaDue", { at: dateTime(d.sla.dueAt) }) : ""}
            {d.sla.state !== "ok" ? <strong> ({d.sla.state === "overdue" ? t("overdue") : t("atRisk")})</strong> : null}
          </>
        ) : null}
      </p>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      <p>{d.assignee ? d.mine ? <strong>{t("withYou")}</strong> : t("withOfficer", { name: d.assignee }) : t("unassigned")}</p>
      {d.canAssign ? (
        <Form method="post" className="inline">
          <label htmlFor={fieldId("officerId")}>{t("assignTo")}</label>{" "}
          <select id={fieldId("officerId")} name="officerId" defaultValue="">
            <option value="">{t("choose")}</option>
            {d.colleagues.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.role === "senior_officer" ? common("role_senior_officer") : common("role_officer")})
              </option>
            ))}
          </select>{" "}
          <button type="submit" name="intent" value="assign" className="secondary">
            {t("assign")}
          </button>
          {d.assignee ? (
            <>
              {" "}
              <button type="submit" name="intent" value="release" className="secondary">
                {t("release")}
              </button>
            </>
          ) : null}
        </Form>
      ) : null}

      {d.case.status === "evidence_received" ? (
        <section className="notice" aria-labelledby="received-heading">
          <h2 id="received-heading">{t("received")}</h2>
          <p>{t("receivedBody")}</p>
          {d.canResume ? (
            <Form method="post">
              <button type="submit" name="intent" value="resume_review">
                {t("resume")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <h2>{t("dossier")}</h2>
      <dl className="summary">
        <dt>{t("fullName")}</dt>
        <dd>{p?.fullName}</dd>
        <dt>{t("nationality")}</dt>
        <dd>{p?.nationality}</dd>
        <dt>{t("birthDate")}</dt>
        <dd>{p?.birthDate}</dd>
        <dt>{t("passport")}</dt>
        <dd>{p?.passportNumber}</dd>
        <dt>{t("degrees")}</dt>
        <dd>{(d.dossier.education ?? []).map((g) => `${degreeLevelText[g.level]?.[locale] ?? g.level}, ${g.field}, ${g.institution} (${g.awarded})`).join("; ")}</dd>
        <dt>{t("work")}</dt>
        <dd>
          {(d.dossier.work ?? []).map((j) => `${j.title}, ${j.employer} (${j.start} – ${j.current ? t("now") : j.end}${j.postdoc ? t("postdoc") : ""})`).join("; ")}
        </dd>
        <dt>{t("dependants")}</dt>
        <dd>
          {(d.dossier.dependants ?? []).map((x) => `${x.fullName} (${relationNames[x.relation]?.[locale] ?? x.relation}, ${x.birthDate}, ${x.passportNumber})`).join("; ") ||
            t("noneDependants")}
        </dd>
        <dt>{t("sponsor")}</dt>
        <dd>{d.organization}</dd>
        <dt>{t("offer")}</dt>
        <dd>
          {offer?.jobTitle
            ? `${offer.jobTitle}, ${offer.industry ? (industryText[offer.industry]?.[locale] ?? offer.industry) : ""}, ${t("perYear", { amount: krw(offer.annualSalaryKrw ?? 0) })}`
            : ""}
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
      <CaseMessages caseId={d.case.id} side="officer" messages={d.messages.messages} topics={d.messages.topics} canSend />

      <h2>{t("screening")}</h2>
      {d.screening ? (
        <>
          <p>
            {t("screeningOutcome", { outcome: common(`outcome_${d.screening.result.outcome}`), ruleset: d.screening.result.ruleset, at: dateTime(d.screening.screenedAt) })}
          </p>
          <AppliedBasis applied={d.screening.result.applied} lang={locale} />
          <ul className="criteria">
            {d.screening.result.criteria.map((c) => (
              <li key={c.id} className={c.status}>
                <strong>{c.title?.[locale] ?? c.id}</strong> ({common(`criterion_${c.status}`)}): {locale === "ko" ? c.detailKo : c.detail}
              </li>
            ))}
          </ul>
          {d.screening.result.notes?.length ? (
            <ul className="hint" data-testid="screening-notes">
              {d.screening.result.notes.map((n) => (
                <li key={n.en}>{n[locale]}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p>{t("notScreened")}</p>
      )}

      {d.canRequestEvidence ? <RequestEvidenceForm errors={errors} values={result?.values} minDate={d.minDeadline} /> : null}
      <EvidenceHistory requests={d.requests} caseId={d.case.id} />
      {d.canPropose ? <DecisionForm templates={d.templates} isSenior={d.isSenior} errors={errors} values={result?.values} /> : null}

      {d.hasLetter ? (
        <p>
          <a href={`/cases/${d.case.id}/letter`}>{t("letter")}</a>
        </p>
      ) : null}

      {d.case.status === "decision_pending" && d.case.decision ? (
        <section aria-labelledby="pending">
          <h2 id="pending">{t("pending")}</h2>
          <p>{t("proposed", { outcome: d.case.decision.outcome === "approve" ? t("approve") : t("refuse"), reasons: d.case.decision.reasons })}</p>
          {d.ownDecisionPending ? <p className="notice">{t("ownPending")}</p> : null}
          {d.canReview ? (
            <Form method="post">
              <Field name="comment" label={t("comment")} defaultValue={result?.values?.comment} error={errors.comment} />
              <button type="submit" name="intent" value="confirm">
                {t("confirm")}
              </button>{" "}
              <button type="submit" name="intent" value="return" className="secondary">
                {t("sendBack")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <Timeline events={d.events} />
    </section>
  );
}

type TemplateOption = { code: string; outcome: "approve" | "refuse"; titleEn: string; titleKo: string; text: string };

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
  const { t, m, locale } = useT(text);
  const [outcome, setOutcome] = useState(values?.outcome ?? "");
  const [templateCode, setTemplateCode] = useState(values?.templateCode ?? "");
  const reasons = useRef<HTMLTextAreaElement>(null);
  const offered = templates.filter((x) => !outcome || x.outcome === outcome);
  const chooseOutcome = (o: string) => {
    setOutcome(o);
    if (templates.find((x) => x.code === templateCode)?.outcome !== o) setTemplateCode("");
  };
  const chooseTemplate = (code: string) => {
    setTemplateCode(code);
    const tpl = templates.find((x) => x.code === code);
    const area = reasons.current;
    if (!tpl || !area) return;
    const typed = area.value.trim();
    if (!typed.includes(tpl.text)) area.value = typed ? `${typed}\n\n${tpl.text}` : tpl.text;
  };
  const group = (o: "approve" | "refuse", label: string) => {
    const list = offered.filter((x) => x.outcome === o);
    return list.length ? (
      <optgroup label={label}>
        {list.map((x) => (
          <option key={x.code} value={x.code}>
            {locale === "ko" ? `${x.titleKo} · ${x.titleEn}` : `${x.titleEn} · ${x.titleKo}`}
          </option>
        ))}
      </optgroup>
    ) : null;
  };
  return (
    <Form method="post">
      <h2>{t("recordTitle")}</h2>
      <p>{t("recordIntro")}</p>
      <fieldset className={errors.outcome ? "field field-error" : "field"}>
        <legend>{t("decision")}</legend>
        {errors.outcome ? <p className="error-message">{m(errors.outcome)}</p> : null}
        <div className="choices-inline">
          <Choice type="radio" id={fieldId("outcome")} name="outcome" value="approve" defaultChecked={outcome === "approve"} onChange={() => chooseOutcome("approve")} label={t("approve")} />
          <Choice type="radio" id="f-outcome-refuse" name="outcome" value="refuse" defaultChecked={outcome === "refuse"} onChange={() => chooseOutcome("refuse")} label={t("refuse")} />
        </div>
      </fieldset>
      <div className={errors.templateCode ? "field field-error" : "field"}>
        <label htmlFor={fieldId("templateCode")}>{t("template")}</label>
        <p className="hint" id={`${fieldId("templateCode")}-hint`}>
          {t("templateHint")}
          {isSenior ? (
            <>
              {" "}
              <Link to="/officer/templates">{t("manageTemplates")}</Link>
            </>
          ) : null}
        </p>
        {errors.templateCode ? <p className="error-message">{m(errors.templateCode)}</p> : null}
        <select
          id={fieldId("templateCode")}
          name="templateCode"
          value={templateCode}
          onChange={(e) => chooseTemplate(e.target.value)}
          aria-describedby={`${fieldId("templateCode")}-hint`}
        >
          <option value="">{t("noTemplate")}</option>
          {group("approve", t("approve"))}
          {group("refuse", t("refuse"))}
        </select>
      </div>
      <div className={errors.reasons ? "field field-error" : "field"}>
        <label htmlFor={fieldId("reasons")}>{t("reasons")}</label>
        {errors.reasons ? <p className="error-message">{m(errors.reasons)}</p> : null}
        <textarea id={fieldId("reasons")} name="reasons" rows={8} ref={reasons} defaultValue={values?.reasons} />
      </div>
      <button type="submit" name="intent" value="propose">
        {t("record")}
      </button>
    </Form>
  );
}
