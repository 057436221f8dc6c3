import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getCaseView } from "../../models/case/drafts";
import { answerEvidence, listEvidenceRequests } from "../../models/case/evidence";
import { attesterName, changeSponsorship, confirmSponsorship } from "../../models/case/sponsorship";
import { industryIds } from "../../models/dossier";
import { defineMessages, translator } from "../../models/i18n";
import { finalStatuses } from "../../models/lifecycle";
import { EmployerNav, employerLabels, industryKey, stageLabel } from "../components/employer";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { getLocale } from "../locale.server";
import { caseContext, requireRole } from "../session.server";
import { describeEvent, publicEvents } from "../timeline";
import { Choice, ErrorSummary, Field, fieldId, SelectField, Timeline } from "../ui";

const text = defineMessages(
  {
    back: "All sponsored cases",
    stage: "Stage:",
    decision: "Decision",
    approved: "Approved. The visa is valid until {date}.",
    refused: "Refused.",
    reasons: "Reasons:",
    offer: "The job offer",
    jobTitle: "Job title",
    startDate: "Start date",
    startHint: "YYYY-MM-DD",
    salary: "Annual salary (won)",
    salaryHint: "Digits only, e.g. 150000000",
    industry: "Industry",
    attestedBy: "Attested by {name} on {date}",
    notAttested: "As the applicant stated it; not yet confirmed by your company.",
    confirmTitle: "Confirm sponsorship",
    changeTitle: "Change the confirmed offer",
    changeHint: "A change is recorded with the old and new values and the case is screened again.",
    attest: "On behalf of my company I confirm this job offer, its salary and industry are true.",
    confirm: "Confirm sponsorship",
    change: "Save the change",
    adminOnly: "An administrator of your company confirms the sponsorship.",
    requests: "Requests for evidence to your company",
    asked: "Asked {date}; due {due}",
    status_open: "open",
    status_answered: "answered",
    status_expired: "expired",
    status_closed: "closed (case withdrawn)",
    answerLabel: "Your answer: {question}",
    note: "Note for the officer (optional)",
    send: "Send the answer",
    answered: "Answer: {text}",
    changed: "The employer changed the confirmed offer ({fields}); the case is screened again",
    field_jobTitle: "job title",
    field_startDate: "start date",
    field_annualSalaryKrw: "salary",
    field_industry: "industry",
    linkAccepted: "The employer accepted the link to this application",
  },
  {
    back: "초청 사건 목록",
    stage: "단계:",
    decision: "결정",
    approved: "허가되었습니다. 비자는 {date}까지 유효합니다.",
    refused: "불허되었습니다.",
    reasons: "사유:",
    offer: "고용 제안",
    jobTitle: "직무",
    startDate: "근무 시작일",
    startHint: "YYYY-MM-DD",
    salary: "연봉(원)",
    salaryHint: "숫자만 입력, 예: 150000000",
    industry: "산업 분야",
    attestedBy: "{name}님이 {date}에 확인함",
    notAttested: "신청인이 입력한 내용이며 아직 귀사가 확인하지 않았습니다.",
    confirmTitle: "초청 확인",
    changeTitle: "확인한 고용 제안 변경",
    changeHint: "변경 전후 값이 기록되고 사건은 다시 심사됩니다.",
    attest: "회사를 대표하여 이 고용 제안과 연봉, 산업 분야가 사실임을 확인합니다.",
    confirm: "초청 확인",
    change: "변경 저장",
    adminOnly: "초청 확인은 귀사의 관리자가 합니다.",
    requests: "귀사에 대한 보완 요청",
    asked: "{date} 요청, 기한 {due}",
    status_open: "답변 대기",
    status_answered: "답변 완료",
    status_expired: "기한 만료",
    status_closed: "종결 (신청 철회)",
    answerLabel: "답변: {question}",
    note: "심사관에게 남길 메모(선택)",
    send: "답변 보내기",
    answered: "답변: {text}",
    changed: "기업이 확인한 고용 제안을 변경했습니다({fields}). 사건을 다시 심사합니다",
    field_jobTitle: "직무",
    field_startDate: "근무 시작일",
    field_annualSalaryKrw: "연봉",
    field_industry: "산업 분야",
    linkAccepted: "기업이 이 신청서와의 연결을 수락함",
  },
);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const ctx = caseContext(context, user);
  const view = await getCaseView(ctx, params.caseId!).catch(throwAsResponse);
  const requests = await listEvidenceRequests(ctx, params.caseId!).catch(throwAsResponse);
  const c = view.case;
  const locale = await getLocale(request, user);
  const t = translator(locale, text);
  const isAdmin = user.role === "employer_admin";
  const describe = (e: (typeof view.events)[number]) => {
    if (e.type === "sponsorship_changed") {
      const fields = (Array.isArray(e.data.fields) ? (e.data.fields as string[]) : []).map((f) => t(`field_${f}` as "field_jobTitle")).join(", ");
      return t("changed", { fields });
    }
    if (e.type === "sponsor_link_accepted") return t("linkAccepted");
    return describeEvent(e, locale);
  };
  const offer = c.dossier.offer;
  // The sponsor sees what the sponsorship needs: who, which job, the stage and the decision. Not the passport or documents.
  return {
    case: {
      id: c.id,
      receiptNumber: c.receiptNumber,
      status: c.status,
      decided: finalStatuses.includes(c.status) && c.status !== "withdrawn" ? c.status : null,
      reasons: c.status === "approved" || c.status === "refused" ? (c.decision?.reasons ?? null) : null,
      visaExpiresOn: c.visaExpiresOn,
    },
    applicant: c.dossier.personal?.fullName ?? "",
    offer: {
      jobTitle: c.sponsorship?.jobTitle ?? offer?.jobTitle ?? "",
      startDate: c.sponsorship?.startDate ?? offer?.startDate ?? "",
      annualSalaryKrw: c.sponsorship?.annualSalaryKrw ?? offer?.annualSalaryKrw ?? null,
      industry: c.sponsorship?.industry ?? offer?.industry ?? "",
    },
    // A start date to suggest when the applicant gave none: a month from today.
    suggestedStart: new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10),
    attested: c.sponsorship ? { by: await attesterName(ctx, c), at: c.sponsorship.attestedAt } : null,
    isAdmin,
    canConfirm: isAdmin && c.status === "awaiting_sponsor",
    canChange: isAdmin && Boolean(c.sponsorship) && ["screening", "in_review", "evidence_requested", "evidence_received", "decision_pending"].includes(c.status),
    requests: requests.map((r) => ({
      id: r.id,
      status: r.status,
      guidance: r.guidance,
      createdAt: r.createdAt.toISOString(),
      deadline: r.deadline.toISOString(),
      items: r.items.map((i) => ({ id: i.id, label: i.label, answer: i.answerText })),
      note: r.answerNote,
    })),
    events: publicEvents(view.events).map((e) => ({ id: e.id, at: e.at.toISOString(), text: describe(e) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const ctx = caseContext(context, user);
  const form = await request.formData();
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  try {
    const intent = form.get("intent");
    if (intent === "answer_evidence") {
      const answers: Record<string, string> = {};
      for (const [k, v] of form) if (k.startsWith("answer.") && typeof v === "string") answers[k.slice("answer.".length)] = v;
      await answerEvidence(ctx, params.caseId!, { requestId: String(form.get("requestId") ?? ""), answers, note: String(form.get("note") ?? "") });
    } else {
      const input = {
        attest: form.get("attest") === "yes",
        jobTitle: form.get("jobTitle") ?? undefined,
        startDate: form.get("startDate") ?? undefined,
        annualSalaryKrw: form.get("annualSalaryKrw") ?? undefined,
        industry: form.get("industry") ?? undefined,
      };
      if (intent === "change_sponsorship") await changeSponsorship(ctx, params.caseId!, input);
      else await confirmSponsorship(ctx, params.caseId!, input);
    }
    return redirect(`/employer/cases/${params.caseId}`);
  } catch (err) {
    return asFormError(err, values);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.receiptNumber ?? "Case"} · TopTier employer` }];

export default function EmployerCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, krw, date, dateTime, errors: localise } = useT(text);
  const labels = useT(employerLabels);
  const errors = result?.fieldErrors ?? {};
  const values = (result?.values ?? {}) as Record<string, string>;
  const c = d.case;
  const sponsorForm = (intent: "confirm_sponsorship" | "change_sponsorship") => (
    <Form method="post" noValidate>
      <h2>{intent === "confirm_sponsorship" ? t("confirmTitle") : t("changeTitle")}</h2>
      {intent === "change_sponsorship" ? <p className="hint">{t("changeHint")}</p> : null}
      <Field name="jobTitle" label={t("jobTitle")} defaultValue={values.jobTitle ?? d.offer.jobTitle} error={errors.jobTitle} />
      <Field name="startDate" label={t("startDate")} type="date" hint={t("startHint")} defaultValue={values.startDate ?? (d.offer.startDate || d.suggestedStart)} error={errors.startDate} />
      <Field
        name="annualSalaryKrw"
        label={t("salary")}
        hint={t("salaryHint")}
        inputMode="numeric"
        defaultValue={values.annualSalaryKrw ?? (d.offer.annualSalaryKrw === null ? "" : String(d.offer.annualSalaryKrw))}
        error={errors.annualSalaryKrw}
      />
      <SelectField
        name="industry"
        label={t("industry")}
        options={industryIds.map((i) => ({ value: i, label: labels.t(industryKey(i)) }))}
        defaultValue={values.industry ?? d.offer.industry}
        error={errors.industry}
      />
      <div className={errors.attest ? "field field-error" : "field"}>
        {errors.attest ? (
          <p className="error-message" id={`${fieldId("attest")}-error`}>
            {localise({ a: errors.attest }).a}
          </p>
        ) : null}
        <Choice type="checkbox" id={fieldId("attest")} name="attest" value="yes" describedBy={errors.attest ? `${fieldId("attest")}-error` : undefined} label={t("attest")} />
      </div>
      <button type="submit" name="intent" value={intent}>
        {intent === "confirm_sponsorship" ? t("confirm") : t("change")}
      </button>
    </Form>
  );
  return (
    <section>
      <EmployerNav isAdmin={d.isAdmin} />
      <p>
        <Link to="/employer">{t("back")}</Link>
      </p>
      <h1>
        {d.applicant} · {c.receiptNumber}
      </h1>
      <p>
        {t("stage")} <strong className="status-tag">{stageLabel(locale, c.status)}</strong>
      </p>
      {c.decided ? (
        <section aria-labelledby="decision">
          <h2 id="decision">{t("decision")}</h2>
          <p>{c.decided === "approved" ? t("approved", { date: c.visaExpiresOn ? date(c.visaExpiresOn) : "—" }) : t("refused")}</p>
          {c.reasons ? (
            <p>
              <strong>{t("reasons")}</strong> {c.reasons}
            </p>
          ) : null}
        </section>
      ) : null}
      <h2>{t("offer")}</h2>
      <dl className="summary">
        <dt>{t("jobTitle")}</dt>
        <dd>{d.offer.jobTitle}</dd>
        <dt>{t("startDate")}</dt>
        <dd>{d.offer.startDate ? date(d.offer.startDate) : "—"}</dd>
        <dt>{t("industry")}</dt>
        <dd>{d.offer.industry ? labels.t(industryKey(d.offer.industry)) : "—"}</dd>
        <dt>{t("salary")}</dt>
        <dd>{d.offer.annualSalaryKrw !== null ? krw(d.offer.annualSalaryKrw) : "—"}</dd>
      </dl>
      <p className="hint">{d.attested ? t("attestedBy", { name: d.attested.by ?? "", date: dateTime(d.attested.at) }) : t("notAttested")}</p>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      {d.canConfirm ? sponsorForm("confirm_sponsorship") : c.status === "awaiting_sponsor" ? <p className="notice">{t("adminOnly")}</p> : null}
      {d.canChange ? sponsorForm("change_sponsorship") : null}
      {d.requests.length ? (
        <section aria-labelledby="requests">
          <h2 id="requests">{t("requests")}</h2>
          {d.requests.map((r) => (
            <article key={r.id} className="notice">
              <p>
                {t("asked", { date: dateTime(r.createdAt), due: dateTime(r.deadline) })}: <strong>{t(`status_${r.status}`)}</strong>
              </p>
              <p>{r.guidance}</p>
              {r.status === "open" ? (
                <Form method="post" noValidate>
                  <input type="hidden" name="requestId" value={r.id} />
                  {r.items.map((i) => (
                    <div key={i.id} className={errors[`answer.${i.id}`] ? "field field-error" : "field"}>
                      <label htmlFor={fieldId(`answer.${i.id}`)}>{t("answerLabel", { question: i.label })}</label>
                      {errors[`answer.${i.id}`] ? <p className="error-message">{localise({ a: errors[`answer.${i.id}`]! }).a}</p> : null}
                      <textarea id={fieldId(`answer.${i.id}`)} name={`answer.${i.id}`} rows={3} defaultValue={values[`answer.${i.id}`]} />
                    </div>
                  ))}
                  <div className="field">
                    <label htmlFor={fieldId("note")}>{t("note")}</label>
                    <textarea id={fieldId("note")} name="note" rows={2} defaultValue={values.note} />
                  </div>
                  <button type="submit" name="intent" value="answer_evidence">
                    {t("send")}
                  </button>
                </Form>
              ) : (
                <ul>
                  {r.items.map((i) => (
                    <li key={i.id}>
                      {i.label}
                      {i.answer ? ` — ${t("answered", { text: i.answer })}` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
        </section>
      ) : null}
      <Timeline events={d.events} />
    </section>
  );
}
