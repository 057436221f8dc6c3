import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { withdrawCase } from "../../models/case/actions";
import { checklistFor, checklistStatus, ktechPassStep } from "../../models/checklist";
import { getCaseView } from "../../models/case/drafts";
import { applicationTasks, stageTracker } from "../../models/case/progress";
import { estimateForCase, type Estimate } from "../../models/case/estimate";
import { answerEvidence, listEvidenceRequests } from "../../models/case/evidence";
import { conversationForPage } from "../../models/case/messages";
import { missingForSubmission, readDraft } from "../../models/dossier";
import { AppError } from "../../models/errors";
import { formatSize } from "../../models/files";
import { defineMessages, type Translate } from "../../models/i18n";
import { statusLabels, type CaseStatus } from "../../models/lifecycle";
import { AnswerEvidence } from "../components/applicant-evidence";
import { CaseMessages } from "../components/case-messages";
import type { RefusedFile } from "../components/upload-form";
import { StageTracker } from "../components/stage-tracker";
import { TaskList } from "../components/task-list";
import { industryText } from "../../models/dossier-labels";
import { EvidenceHistory } from "../components/officer-evidence";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { getLocale } from "../locale.server";
import { caseContext, requireRole } from "../session.server";
import { batchResponse, isMultipart, receiveUploads } from "../upload.server";
import { describeEvent, publicEvents } from "../timeline";
import { Choice, ErrorSummary, fieldId, StatusTag, Timeline } from "../ui";

/**
 * A8: the applicant's case page. The stage in plain words and what happens
 * next; an estimate for this case as a range, with its basis; the decision and
 * its letter (A11); the open request for evidence, answered item by item (A9);
 * messages with the officers (A10); the documents; the whole timeline with dates;
 * withdrawing, with a confirmation step (A12). A draft also shows what is left
 * before submitting.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const ctx = caseContext(context, user);
  const locale = await getLocale(request, user);
  const view = await getCaseView(ctx, params.caseId!).catch(throwAsResponse);
  const c = view.case;
  const dossier = readDraft(c.dossier);
  const [requests, estimate, conversation] = await Promise.all([
    listEvidenceRequests(ctx, c.id),
    estimateForCase(ctx, c.id),
    c.status === "draft" ? Promise.resolve(null) : conversationForPage(ctx, c.id),
  ]);
  const current = view.documents.filter((d) => !d.supersededAt);
  const fullChecklist = checklistStatus(checklistFor(dossier), view.documents);
  const checklist = fullChecklist.filter((i) => i.required);
  // Issue 11 item 6: a withdrawn case shows the stage it was withdrawn at.
  const withdrawnFrom = c.status === "withdrawn" ? (view.events.findLast((e) => e.toStatus === "withdrawn")?.fromStatus ?? null) : null;
  return {
    case: {
      id: c.id,
      status: c.status,
      receiptNumber: c.receiptNumber,
      submittedAt: c.submittedAt?.toISOString() ?? null,
      decision: c.decision && (c.status === "approved" || c.status === "refused") ? { outcome: c.decision.outcome, reasons: c.decision.reasons } : null,
    },
    /** A11: the decision letter (PDF), once the background job has made it. */
    hasLetter: Boolean(c.letterKey) && (c.status === "approved" || c.status === "refused"),
    summary: {
      fullName: dossier.personal?.fullName ?? null,
      passportNumber: dossier.personal?.passportNumber ?? null,
      degrees: (dossier.education ?? []).filter(Boolean).length,
      jobTitle: dossier.offer?.jobTitle ?? null,
      industry: dossier.offer?.industry ?? null,
      salary: dossier.offer?.annualSalaryKrw ?? null,
    },
    missing: c.status === "draft" ? missingForSubmission(dossier) : {},
    organization: view.organization?.name ?? null,
    documents: {
      files: current.length,
      earlier: view.documents.length - current.length,
      bytes: current.reduce((n, d) => n + d.sizeBytes, 0),
      done: checklist.filter((i) => i.done).length,
      required: checklist.length,
      missing: checklist.filter((i) => !i.done).map((i) => i.label),
    },
    /** Issue 11 item 6: the draft's sections with their status, and the stage tracker of a submitted case. */
    tasks: c.status === "draft" ? applicationTasks(dossier, fullChecklist) : null,
    tracker: c.status === "draft" ? null : stageTracker(c.status, withdrawnFrom),
    /** Issue 14: the K-Tech Pass recommendation (KOTRA) as a named step of the case. */
    ktech: ktechPassStep(checklist),
    events: publicEvents(view.events).map((e) => ({ id: e.id, at: e.at.toISOString(), text: describeEvent(e, locale) })),
    estimate,
    maxUpload: formatSize(context.services.config.maxUploadBytes),
    maxUploadBytes: context.services.config.maxUploadBytes,
    requests,
    openRequest: c.status === "evidence_requested" ? (requests.find((r) => r.status === "open") ?? null) : null,
    messages: conversation?.messages ?? [],
    topics: (conversation?.topics ?? []).map((tp) => ({ id: tp.id, label: tp.label })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  try {
    // A9: a file for an item of the open request for evidence, posted from this page (refusals show by the item).
    if (isMultipart(request)) {
      const batch = await receiveUploads(request, context, user, params.caseId!);
      return batchResponse(batch, (uploaded) => `/cases/${params.caseId}?${uploaded}#answer-evidence`);
    }
    const form = await request.formData();
    const ctx = caseContext(context, user);
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
      return redirect(`/cases/${params.caseId}?withdrawn=1`);
    }
    throw new Response("Unknown action", { status: 400 });
  } catch (err) {
    return asFormError(err);
  }
}

const text = defineMessages(
  {
    back: "All your applications",
    titleReceipt: "Application {receipt}",
    titleDraft: "Draft application",
    stage: "Stage:",
    next: "What happens next:",
    submittedNotice: "Your application is submitted. We sent a confirmation to your e-mail address.",
    uploadedNotice: "Uploaded {name}.",
    answeredNotice: "Your answer was sent to the officer.",
    sentNotice: "Your message was sent.",
    savedNotice: "Your answers are saved. Come back whenever you like: you continue where you left off.",
    withdrawnNotice: "Your application is withdrawn.",
    estimateTitle: "When to expect a decision",
    estimateRange: "Between {from} and {to}",
    estimateDays: "({low} to {high} days from today).",
    basisQueue: "Based on the {target}-day target for this stage, the {ahead} application(s) ahead of yours in it, and the {finished} the officers finished in it over the last {weeks} weeks.",
    basisTarget: "Based on the {target}-day target for this stage and the time your application has already spent in it.",
    basisAssigned: "An officer is working on your application; based on the {target}-day target for this stage.",
    basisLater: "Later stages are counted at their targets: {stages}.",
    basisSponsor: "Counted from today: your sponsoring employer has not confirmed the job offer yet, and each day they take adds a day.",
    basisApplicant: "The officer waits for your answer: the latest date assumes you answer on the deadline; answering sooner brings it forward.",
    basisVersion: "Stage targets version {version}. An estimate, not a promise.",
    laterStage: "{stage} {days} days",
    decisionTitle: "Decision",
    approved: "Your application is approved.",
    refused: "Your application is refused.",
    reasons: "Reasons:",
    letter: "Download the decision letter (PDF)",
    letterPending: "Your decision letter (PDF, in English and Korean) is being prepared. Reload this page in a minute to download it.",
    refusedNext: "What you can do: read the reasons in the letter. You may apply again when the reasons no longer apply (for example with a new job offer or further evidence), or ask the immigration office about an appeal within 90 days of the decision. Write to the officers below if something is unclear.",
    approvedNext: "Next: book an appointment at an immigration office to receive your residence card; bring your passport and the decision letter.",
    approvedTitle: "Your visa is approved",
    approvedLead: "Congratulations: your Top-Tier visa (F-2) application {receipt} is approved.",
    approvedNextTitle: "What happens next",
    approvedStep1: "Download the decision letter (in English and Korean) and keep it with your passport.",
    approvedStep2: "Book an appointment at an immigration office to receive your residence card.",
    approvedStep3: "Bring your passport and the decision letter to the appointment.",
    approvedStep4: "Your sponsoring employer is told of the decision too. Write to the officers below if something is unclear.",
    docsTitle: "Documents",
    docsSummary: "{files} current file(s), {size}; {done} of {required} required items have files.",
    docsEarlier: "{count} earlier version(s) kept.",
    ktechStep: "Step: K-Tech Pass recommendation (KOTRA).",
    ktechDone: "The recommendation is on file.",
    ktechMissing: "Upload the recommendation letter with your documents.",
    docsMissing: "Still missing: {items}.",
    docsLink: "See and manage your documents",
    docsLinkSubmitted: "See your documents and their history",
    answersTitle: "Your answers",
    fullName: "Full name",
    passport: "Passport number",
    degrees: "Degrees",
    degreeCount: "{count} listed",
    sponsor: "Sponsoring employer",
    job: "Job",
    notGiven: "Not given yet",
    notChosen: "Not chosen yet",
    perYear: "{amount} a year",
    continue: "Continue your application",
    submitTitle: "Submit",
    beforeSubmit: "Before you can submit, complete these answers:",
    beforeSubmitTasks: "Before you can submit, complete the sections marked \"In progress\" or \"Not started\" above.",
    checkAndSubmit: "Check your answers and submit",
    withdrawTitle: "Withdraw",
    withdrawIntro: "Withdrawing closes the application for good. You can apply again later with a new application.",
    withdrawStart: "Withdraw this application…",
    withdrawConfirmTitle: "Are you sure you want to withdraw?",
    withdrawConsequences: "The officers stop working on it, your sponsoring employer is told, and it cannot be reopened. Your documents and messages stay available to download.",
    withdrawConfirm: "I want to withdraw this application.",
    withdrawButton: "Withdraw application",
    cancel: "Keep my application",
    exportLink: "Download all my data",
  },
  {
    back: "내 신청 목록",
    titleReceipt: "신청 {receipt}",
    titleDraft: "신청서 초안",
    stage: "단계:",
    next: "다음 절차:",
    submittedNotice: "신청서가 제출되었습니다. 확인 메일을 보냈습니다.",
    uploadedNotice: "{name} 파일을 올렸습니다.",
    answeredNotice: "답변을 심사관에게 보냈습니다.",
    sentNotice: "메시지를 보냈습니다.",
    savedNotice: "답변을 저장했습니다. 언제든 돌아오면 멈춘 곳에서 이어서 작성할 수 있습니다.",
    withdrawnNotice: "신청이 철회되었습니다.",
    estimateTitle: "결정 예상 시기",
    estimateRange: "{from}부터 {to} 사이",
    estimateDays: "(오늘부터 {low}~{high}일).",
    basisQueue: "이 단계의 목표 기간 {target}일, 이 단계에서 앞에 있는 신청 {ahead}건, 지난 {weeks}주 동안 심사관이 이 단계에서 처리한 {finished}건을 바탕으로 계산했습니다.",
    basisTarget: "이 단계의 목표 기간 {target}일과 신청이 이미 이 단계에 머문 기간을 바탕으로 계산했습니다.",
    basisAssigned: "심사관이 신청을 검토하고 있습니다. 이 단계의 목표 기간 {target}일을 바탕으로 계산했습니다.",
    basisLater: "이후 단계는 목표 기간으로 계산했습니다: {stages}.",
    basisSponsor: "오늘부터 계산했습니다. 초청 기업이 아직 고용 제안을 확인하지 않았으며, 확인이 하루 늦어질 때마다 하루씩 늦어집니다.",
    basisApplicant: "심사관이 귀하의 답변을 기다리고 있습니다. 가장 늦은 날짜는 기한 마지막 날에 답한다고 가정한 것이며, 더 일찍 답하면 앞당겨집니다.",
    basisVersion: "단계별 목표 기간 버전 {version}. 예상일 뿐 보장은 아닙니다.",
    laterStage: "{stage} {days}일",
    decisionTitle: "결정",
    approved: "신청이 승인되었습니다.",
    refused: "신청이 불허되었습니다.",
    reasons: "사유:",
    letter: "결정 통지서 내려받기 (PDF)",
    letterPending: "결정 통지서(PDF, 영어와 한국어)를 만들고 있습니다. 잠시 후 이 페이지를 새로 고쳐 내려받으세요.",
    refusedNext: "할 수 있는 일: 통지서의 사유를 읽어 보세요. 사유가 해소되면(예: 새 고용 제안이나 추가 증빙) 다시 신청할 수 있고, 결정일로부터 90일 안에 출입국 관서에 이의 신청을 문의할 수 있습니다. 궁금한 점은 아래에서 심사관에게 메시지를 보내세요.",
    approvedNext: "다음 단계: 출입국 관서 방문을 예약하여 외국인등록증을 받으세요. 여권과 결정 통지서를 가져가세요.",
    approvedTitle: "비자가 승인되었습니다",
    approvedLead: "축하합니다. 최우수인재 비자(F-2) 신청(접수 번호 {receipt})이 승인되었습니다.",
    approvedNextTitle: "앞으로의 절차",
    approvedStep1: "결정 통지서(영어·한국어)를 내려받아 여권과 함께 보관하세요.",
    approvedStep2: "출입국 관서 방문을 예약하여 외국인등록증을 받으세요.",
    approvedStep3: "방문할 때 여권과 결정 통지서를 가져가세요.",
    approvedStep4: "초청 기업에도 결정이 통보됩니다. 궁금한 점은 아래에서 심사관에게 메시지를 보내세요.",
    docsTitle: "서류",
    docsSummary: "현재 파일 {files}개, {size}. 필수 항목 {required}개 중 {done}개에 파일이 있습니다.",
    docsEarlier: "이전 버전 {count}개 보관 중.",
    ktechStep: "절차: K-Tech Pass 추천(KOTRA).",
    ktechDone: "추천서가 제출되어 있습니다.",
    ktechMissing: "서류에 추천서를 올려 주세요.",
    docsMissing: "아직 없는 서류: {items}.",
    docsLink: "서류 보기 및 관리",
    docsLinkSubmitted: "서류와 이력 보기",
    answersTitle: "내 답변",
    fullName: "성명",
    passport: "여권 번호",
    degrees: "학위",
    degreeCount: "{count}개 입력",
    sponsor: "초청 기업",
    job: "직무",
    notGiven: "아직 입력하지 않음",
    notChosen: "아직 선택하지 않음",
    perYear: "연 {amount}",
    continue: "신청서 계속 작성하기",
    submitTitle: "제출",
    beforeSubmit: "제출하기 전에 다음 답변을 완성하세요:",
    beforeSubmitTasks: "제출하기 전에 위에서 \"작성 중\" 또는 \"시작 전\"으로 표시된 항목을 완성하세요.",
    checkAndSubmit: "답변 확인 후 제출하기",
    withdrawTitle: "철회",
    withdrawIntro: "철회하면 신청이 완전히 종결됩니다. 나중에 새로 신청할 수 있습니다.",
    withdrawStart: "이 신청 철회하기…",
    withdrawConfirmTitle: "정말 철회하시겠습니까?",
    withdrawConsequences: "심사관은 검토를 멈추고 초청 기업에 알리며, 다시 열 수 없습니다. 서류와 메시지는 계속 내려받을 수 있습니다.",
    withdrawConfirm: "이 신청을 철회하겠습니다.",
    withdrawButton: "신청 철회",
    cancel: "신청 유지하기",
    exportLink: "내 모든 데이터 내려받기",
  },
);
type Key = Extract<keyof typeof text.en, string>;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.receiptNumber ?? "Draft application"} · TopTier` }];

/** The basis of the estimate in one or two sentences. */
function basisSentences(e: Estimate, t: Translate<Key>, stageName: (s: CaseStatus) => string): string[] {
  const b = e.basis;
  const out: string[] = [];
  if (b.waitingOn === "sponsor") out.push(t("basisSponsor"));
  else if (b.stageTargetDays !== null) {
    if (b.queue) out.push(t("basisQueue", { target: b.stageTargetDays, ahead: b.queue.ahead, finished: b.queue.finished, weeks: Math.round(b.queue.windowDays / 7) }));
    else if (b.assigned && b.waitingOn === "office") out.push(t("basisAssigned", { target: b.stageTargetDays }));
    else out.push(t("basisTarget", { target: b.stageTargetDays }));
  }
  if (b.waitingOn === "applicant") out.push(t("basisApplicant"));
  if (b.later.length) out.push(t("basisLater", { stages: b.later.map((l) => t("laterStage", { stage: stageName(l.stage), days: l.targetDays })).join(", ") }));
  out.push(t("basisVersion", { version: b.targetsVersion }));
  return out;
}

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  const { case: c } = d;
  const result = useActionData<typeof action>();
  const { t, date, krw, locale } = useT(text);
  const [params] = useSearchParams();
  const status = statusLabels[c.status];
  const open = !["approved", "refused", "withdrawn", "draft"].includes(c.status);
  const confirmingWithdraw = params.get("withdraw") === "confirm" || Boolean(result?.fieldErrors?.confirmWithdraw);
  const uploaded = params.getAll("uploaded").join(", ");
  const stageName = (s: CaseStatus) => statusLabels[s][locale];
  return (
    <section>
      <p>
        <Link to="/cases">{t("back")}</Link>
      </p>
      <h1>{c.receiptNumber ? t("titleReceipt", { receipt: c.receiptNumber }) : t("titleDraft")}</h1>
      <p>
        {t("stage")} <StatusTag status={c.status} />
      </p>
      {d.tracker ? <StageTracker tracker={d.tracker} /> : null}
      <p className="notice">
        <strong>{t("next")}</strong> {status.next[locale]}
      </p>
      {d.ktech && c.status !== "withdrawn" ? (
        <p data-testid="ktech-step">
          <strong>{t("ktechStep")}</strong> {d.ktech.done ? t("ktechDone") : t("ktechMissing")} {d.ktech.reason[locale]}
        </p>
      ) : null}
      <ErrorSummary error={result?.error} fieldErrors={result?.fieldErrors} />
      {params.get("submitted") ? (
        <p role="status" className="notice">
          {t("submittedNotice")}
        </p>
      ) : null}
      {uploaded ? (
        <p role="status" className="notice">
          {t("uploadedNotice", { name: uploaded })}
        </p>
      ) : null}
      {params.get("answered") ? (
        <p role="status" className="notice">
          {t("answeredNotice")}
        </p>
      ) : null}
      {params.get("saved") ? (
        <p role="status" className="notice">
          {t("savedNotice")}
        </p>
      ) : null}
      {params.get("sent") ? (
        <p role="status" className="notice">
          {t("sentNotice")}
        </p>
      ) : null}
      {params.get("withdrawn") ? (
        <p role="status" className="notice">
          {t("withdrawnNotice")}
        </p>
      ) : null}

      {d.tasks ? <TaskList caseId={c.id} tasks={d.tasks} /> : null}

      {d.estimate ? (
        <section aria-labelledby="estimate">
          <h2 id="estimate">{t("estimateTitle")}</h2>
          <p>
            <strong>{t("estimateRange", { from: date(d.estimate.earliest), to: date(d.estimate.latest) })}</strong>{" "}
            {t("estimateDays", { low: d.estimate.fromDays, high: d.estimate.toDays })}
          </p>
          <p className="hint">{basisSentences(d.estimate, t, stageName).join(" ")}</p>
        </section>
      ) : null}

      {c.decision && c.status === "approved" ? (
        <section aria-labelledby="decision" className="success-panel" data-testid="approval-panel">
          <h2 id="decision">{t("approvedTitle")}</h2>
          <p>
            <strong>{t("approvedLead", { receipt: c.receiptNumber ?? "" })}</strong>
          </p>
          <p>
            <strong>{t("reasons")}</strong> {c.decision.reasons}
          </p>
          {d.hasLetter ? (
            <p>
              <a href={`/cases/${c.id}/letter`} download className="button">
                {t("letter")}
              </a>
            </p>
          ) : (
            <p>{t("letterPending")}</p>
          )}
          <h3>{t("approvedNextTitle")}</h3>
          <ol>
            <li>{t("approvedStep1")}</li>
            <li>{t("approvedStep2")}</li>
            <li>{t("approvedStep3")}</li>
            <li>{t("approvedStep4")}</li>
          </ol>
        </section>
      ) : c.decision ? (
        <section aria-labelledby="decision">
          <h2 id="decision">{t("decisionTitle")}</h2>
          <p>{c.status === "approved" ? t("approved") : t("refused")}</p>
          <p>
            <strong>{t("reasons")}</strong> {c.decision.reasons}
          </p>
          {d.hasLetter ? (
            <p>
              <a href={`/cases/${c.id}/letter`} download>
                {t("letter")}
              </a>
            </p>
          ) : (
            <p>{t("letterPending")}</p>
          )}
          <p>{c.status === "approved" ? t("approvedNext") : t("refusedNext")}</p>
        </section>
      ) : null}

      {d.openRequest ? (
        <AnswerEvidence
          request={d.openRequest}
          caseId={c.id}
          errors={result?.fieldErrors ?? {}}
          maxUpload={d.maxUpload}
          maxBytes={d.maxUploadBytes}
          batch={result && "batch" in result ? (result.batch as { field: string; refused: RefusedFile[] }) : undefined}
        />
      ) : null}
      <EvidenceHistory requests={d.requests.filter((r) => r.id !== d.openRequest?.id)} caseId={c.id} />

      {c.status !== "draft" ? <CaseMessages caseId={c.id} side="applicant" messages={d.messages} topics={d.topics} canSend /> : null}

      <section aria-labelledby="documents">
        <h2 id="documents">{t("docsTitle")}</h2>
        <p>
          {t("docsSummary", { files: d.documents.files, size: formatSize(d.documents.bytes), done: d.documents.done, required: d.documents.required })}{" "}
          {d.documents.earlier ? t("docsEarlier", { count: d.documents.earlier }) : null}
        </p>
        {c.status === "draft" && d.documents.missing.length ? <p>{t("docsMissing", { items: d.documents.missing.map((l) => l[locale]).join("; ") })}</p> : null}
        <p>
          <Link to={`/cases/${c.id}/documents`}>{c.status === "draft" ? t("docsLink") : t("docsLinkSubmitted")}</Link>
        </p>
      </section>

      <section aria-labelledby="answers">
        <h2 id="answers">{t("answersTitle")}</h2>
        <dl className="summary">
          <dt>{t("fullName")}</dt>
          <dd>{d.summary.fullName ?? t("notGiven")}</dd>
          <dt>{t("passport")}</dt>
          <dd>{d.summary.passportNumber ?? t("notGiven")}</dd>
          <dt>{t("degrees")}</dt>
          <dd>{d.summary.degrees ? t("degreeCount", { count: d.summary.degrees }) : t("notGiven")}</dd>
          <dt>{t("sponsor")}</dt>
          <dd>{d.organization ?? t("notChosen")}</dd>
          <dt>{t("job")}</dt>
          <dd>
            {d.summary.jobTitle ?? t("notGiven")}
            {d.summary.industry ? ` (${industryText[d.summary.industry][locale]})` : ""}
            {d.summary.salary ? `, ${t("perYear", { amount: krw(d.summary.salary) })}` : ""}
          </dd>
        </dl>
        {c.status === "draft" ? (
          <p>
            <Link to={`/cases/${c.id}/apply`}>{t("continue")}</Link>
          </p>
        ) : null}
      </section>

      {c.status === "draft" ? (
        <section aria-labelledby="submit">
          <h2 id="submit">{t("submitTitle")}</h2>
          {Object.keys(d.missing).length > 0 ? <p>{t("beforeSubmitTasks")}</p> : null}
          <p>
            <Link to={`/cases/${c.id}/apply/check`} className="button">
              {t("checkAndSubmit")}
            </Link>
          </p>
        </section>
      ) : null}

      <Timeline events={d.events} />

      {open ? (
        <section aria-labelledby="withdraw" id="withdraw-section">
          <h2 id="withdraw">{t("withdrawTitle")}</h2>
          <p>{t("withdrawIntro")}</p>
          {confirmingWithdraw ? (
            <Form method="post">
              <h3>{t("withdrawConfirmTitle")}</h3>
              <p>{t("withdrawConsequences")}</p>
              <div className={result?.fieldErrors?.confirmWithdraw ? "field field-error" : "field"}>
                <Choice type="checkbox" id={fieldId("confirmWithdraw")} name="confirmWithdraw" value="yes" label={t("withdrawConfirm")} />
              </div>
              <div className="actions-row">
                <button type="submit" name="intent" value="withdraw" className="danger">
                  {t("withdrawButton")}
                </button>
                <Link to={`/cases/${c.id}`}>{t("cancel")}</Link>
              </div>
            </Form>
          ) : (
            <p>
              <Link to={`/cases/${c.id}?withdraw=confirm#withdraw-section`} className="button warning">
                {t("withdrawStart")}
              </Link>
            </p>
          )}
        </section>
      ) : null}
      <p>
        <Link to="/account/export">{t("exportLink")}</Link>
      </p>
    </section>
  );
}
