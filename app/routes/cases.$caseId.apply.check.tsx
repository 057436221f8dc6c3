import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { submitCase } from "../../models/case/actions";
import { precheckCase, type Finding } from "../../models/case/precheck";
import { getList, readDraft, wizardSteps, type DraftDossier, type WizardStep } from "../../models/dossier";
import { isListSection, listSections, sectionPath, stepSections } from "../../models/dossier-labels";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { AnswerEntries, AnswerRows } from "../components/dossier-answers";
import { text as wizardText } from "../components/wizard";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { Choice, ErrorSummary, fieldId } from "../ui";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const check = await precheckCase(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  if (check.case.status !== "draft") throw redirect(`/cases/${check.case.id}`);
  return {
    caseId: check.case.id,
    dossier: readDraft(check.case.dossier),
    employer: check.employerName,
    blockers: check.blockers,
    warnings: check.warnings,
    checklist: check.checklist.map((i) => ({ key: i.key, label: i.label, required: i.required, done: i.done, files: i.files })),
    eligibility: check.eligibility
      ? {
          outcome: check.eligibility.outcome,
          ruleset: check.eligibility.ruleset,
          criteria: check.eligibility.criteria.filter((c) => !c.parent || c.type !== "all_of").map((c) => ({ id: c.id, title: c.title, status: c.status, detail: c.detail, detailKo: c.detailKo })),
        }
      : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const form = await request.formData();
  try {
    if (form.get("declaration") !== "yes") {
      throw new AppError("validation", "Confirm the declaration to submit.", { declaration: "Tick the box to confirm that the information is true" });
    }
    await submitCase(caseContext(context, user), params.caseId!);
    return redirect(`/cases/${params.caseId}/apply/done`);
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction = () => [{ title: "Check your answers · TopTier" }];

const text = defineMessages(
  {
    title: "Check your answers before you submit",
    back: "Back",
    change: "Change",
    changeHidden: "your answers about {what}",
    notGiven: "Not given yet",
    none: "None",
    blockersTitle: "Fix these before you can submit",
    warningsTitle: "Worth checking",
    allClear: "We found nothing that stops you from submitting.",
    fixPage: "Go to the page",
    fixDocuments: "Go to your documents",
    documentsTitle: "Documents for this application",
    documentsIntro: "Worked out from your answers. Upload them on the documents page.",
    groupBlockers: "{section}: {count} to fix",
    groupWarnings: "{section}: {count} to check",
    groupDocsMissing: "Documents: {count} missing",
    groupDocsOptional: "Documents: {count} worth adding",
    docsSection: "Documents",
    docsMissingWhy: "Without these an officer will ask for them, which delays your case.",
    docsOptionalWhy: "Not required, but they help an officer decide sooner.",
    docsTally: "{done} of {total} documents uploaded.",
    docsUploadedList: "Uploaded ({count})",
    docsMissingList: "Not uploaded yet ({count})",
    fileOne: "1 file",
    fileMany: "{n} files",
    uploadThis: "Upload",
    optionalDoc: "(optional)",
    eligibilityTitle: "What the eligibility rules say",
    eligibilityNone: "Complete your answers to see the eligibility check.",
    eligible: "On your answers, you meet the Top-Tier visa criteria. An officer still checks your evidence.",
    not_eligible: "On your answers, you do not meet the Top-Tier visa criteria. You may still submit; an officer decides.",
    needs_review: "Part of this needs an officer's check.",
    met: "Met",
    not_met: "Not met",
    needs_review_status: "Needs review",
    rules: "Rule set {id}",
    declarationTitle: "Declaration",
    declaration: "I declare that the information in this application is true and complete.",
    submit: "Submit application",
    submitBlocked: "You can submit once the items above are fixed.",
  },
  {
    title: "제출 전 답변 확인",
    back: "이전",
    change: "변경",
    changeHidden: "{what} 답변",
    notGiven: "아직 입력하지 않음",
    none: "없음",
    blockersTitle: "제출하려면 다음을 고쳐 주세요",
    warningsTitle: "확인해 볼 사항",
    allClear: "제출을 막는 문제가 없습니다.",
    fixPage: "해당 페이지로 가기",
    fixDocuments: "서류 페이지로 가기",
    documentsTitle: "이 신청에 필요한 서류",
    documentsIntro: "답변을 바탕으로 정했습니다. 서류 페이지에서 올려 주세요.",
    groupBlockers: "{section}: 고칠 사항 {count}개",
    groupWarnings: "{section}: 확인할 사항 {count}개",
    groupDocsMissing: "서류: {count}개 없음",
    groupDocsOptional: "서류: 추가 권장 {count}개",
    docsSection: "서류",
    docsMissingWhy: "이 서류가 없으면 심사관이 보완을 요청하게 되어 처리가 늦어집니다.",
    docsOptionalWhy: "필수는 아니지만 있으면 심사관이 더 빨리 결정할 수 있습니다.",
    docsTally: "서류 {total}개 중 {done}개를 올렸습니다.",
    docsUploadedList: "올린 서류 ({count})",
    docsMissingList: "아직 올리지 않은 서류 ({count})",
    fileOne: "파일 1개",
    fileMany: "파일 {n}개",
    uploadThis: "올리기",
    optionalDoc: "(선택)",
    eligibilityTitle: "자격 요건 확인 결과",
    eligibilityNone: "답변을 모두 입력하면 자격 요건 확인 결과가 보입니다.",
    eligible: "입력한 답변으로는 최우수인재 비자 요건을 충족합니다. 증빙은 심사관이 확인합니다.",
    not_eligible: "입력한 답변으로는 최우수인재 비자 요건을 충족하지 않습니다. 제출은 가능하며 심사관이 결정합니다.",
    needs_review: "일부 항목은 심사관의 확인이 필요합니다.",
    met: "충족",
    not_met: "미충족",
    needs_review_status: "확인 필요",
    rules: "적용 규칙 {id}",
    declarationTitle: "서약",
    declaration: "이 신청서의 내용이 사실이며 빠짐없음을 서약합니다.",
    submit: "신청서 제출",
    submitBlocked: "위 항목을 고치면 제출할 수 있습니다.",
  },
);

type CheckT = ReturnType<typeof useT<Extract<keyof typeof text.en, string>>>["t"];
type Item = { key: string; label: { en: string; ko: string }; required: boolean; done: boolean; files: number };

function FindingItem({ caseId, f, locale, t, section }: { caseId: string; f: Finding; locale: "en" | "ko"; t: CheckT; section?: string }) {
  // Under its section's heading, a message need not repeat the section's name.
  const text = section && f.message[locale].startsWith(`${section}: `) ? f.message[locale].slice(section.length + 2) : f.message[locale];
  return (
    <li id={fieldId(f.code)}>
      {text}{" "}
      {"step" in f.fix ? (
        <Link to={`/cases/${caseId}/apply/${f.fix.step}`}>{t("fixPage")}</Link>
      ) : (
        <Link to={`/cases/${caseId}/documents${f.fix.item ? `#item-${encodeURIComponent(f.fix.item)}` : ""}`}>{t("fixDocuments")}</Link>
      )}
    </li>
  );
}

/** A group of findings: open under a heading for blockers, collapsed under its count for warnings. */
function Group({ title, children, testId, open }: { title: string; children: React.ReactNode; testId: string; open: boolean }) {
  return open ? (
    <div data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </div>
  ) : (
    <details data-testid={testId}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/**
 * Issue 11 item 5: the findings grouped by section ("Education: 1 to fix",
 * "Documents: 3 missing") instead of one long list. Blockers stay open (each
 * must be fixed); warnings are collapsed under their section's count, and the
 * missing documents are listed by name, with the reason said once.
 */
function GroupedFindings({ caseId, findings, checklist, locale, t, stepTitle, severity }: { caseId: string; findings: Finding[]; checklist: Item[]; locale: "en" | "ko"; t: CheckT; stepTitle: (s: WizardStep) => string; severity: "blocker" | "warning" }) {
  const sections: WizardStep[] = [...new Set(findings.flatMap((f) => ("step" in f.fix ? [f.fix.step] : [])))];
  const docs = findings.filter((f) => "documents" in f.fix);
  const itemOf = (f: Finding) => checklist.find((i) => f.code === `document:${i.key}`);
  const docRequired = docs.filter((f) => itemOf(f)?.required !== false);
  const docOptional = docs.filter((f) => itemOf(f)?.required === false);
  const groupTitle = (section: string, count: number) => t(severity === "blocker" ? "groupBlockers" : "groupWarnings", { section, count });
  const docList = (list: Finding[], why: string) =>
    severity === "blocker" ? (
      <ul>
        {list.map((f) => (
          <FindingItem key={f.code} caseId={caseId} f={f} locale={locale} t={t} />
        ))}
      </ul>
    ) : (
      <>
        <p>{why}</p>
        <ul>
          {list.map((f) => {
            const item = itemOf(f);
            return (
              <li key={f.code} id={fieldId(f.code)}>
                {item ? item.label[locale] : f.message[locale]}{" "}
                <Link to={`/cases/${caseId}/documents${"documents" in f.fix && f.fix.item ? `#item-${encodeURIComponent(f.fix.item)}` : ""}`}>
                  {t("uploadThis")}
                  <span className="visually-hidden"> {item ? item.label[locale] : ""}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </>
    );
  return (
    <div className="missing-groups">
      {sections.map((s) => {
        const list = findings.filter((f) => "step" in f.fix && f.fix.step === s);
        return (
          <Group key={s} title={groupTitle(stepTitle(s), list.length)} testId={`group-${s}`} open={severity === "blocker"}>
            <ul>
              {list.map((f) => (
                <FindingItem key={f.code} caseId={caseId} f={f} locale={locale} t={t} section={stepTitle(s)} />
              ))}
            </ul>
          </Group>
        );
      })}
      {docRequired.length ? (
        <Group title={severity === "blocker" ? groupTitle(t("docsSection"), docRequired.length) : t("groupDocsMissing", { count: docRequired.length })} testId="group-documents" open={severity === "blocker"}>
          {docList(docRequired, t("docsMissingWhy"))}
        </Group>
      ) : null}
      {docOptional.length ? (
        <Group title={t("groupDocsOptional", { count: docOptional.length })} testId="group-documents-optional" open={severity === "blocker"}>
          {docList(docOptional, t("docsOptionalWhy"))}
        </Group>
      ) : null}
    </div>
  );
}

/**
 * Issue 11 item 5: every answer of a wizard page, as the wizard groups them, labelled
 * from the one catalogue (models/dossier-labels.ts): a field added there shows here.
 * A list is shown entry by entry ("Degree 1"); a page not reached yet says so.
 */
function StepAnswers({ step, dossier, employer }: { step: WizardStep; dossier: DraftDossier; employer: string | null }) {
  const { t, locale } = useT(text);
  const values = dossier as Record<string, unknown>;
  const sections = stepSections[step];
  return (
    <>
      {sections.map((section) => {
        if (!isListSection(section)) return <AnswerRows key={section} section={section} values={(values[section] ?? {}) as Record<string, unknown>} audience="applicant" organization={section === "offer" ? employer : undefined} />;
        const path = sectionPath(section);
        const visited = values[path.split(".")[0]!] !== undefined;
        const entries = getList(values, path);
        const sub = sections.length > 1;
        return (
          <div key={section} data-section={section}>
            {sub ? <h3>{listSections[section].title[locale]}</h3> : null}
            {entries.length === 0 ? <p>{visited ? t("none") : t("notGiven")}</p> : <AnswerEntries section={section} entries={entries} audience="applicant" heading={sub ? "h4" : "h3"} />}
          </div>
        );
      })}
    </>
  );
}

export default function CheckAnswers() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, m, locale } = useT(text);
  const w = useT(wizardText).t;
  const stepTitle = (s: WizardStep) => w(`title.${s}`);
  // After a refused submission the summary links to each blocker, in the reader's language.
  const submitErrors: Record<string, string> = {};
  if (result?.fieldErrors) {
    for (const [k, v] of Object.entries(result.fieldErrors)) {
      const f = d.blockers.find((b) => b.code === k || b.code === `missing:${k}`);
      submitErrors[f ? f.code : k] = f ? f.message[locale] : v;
    }
  }
  const row = (s: WizardStep, content: React.ReactNode) => (
    <div key={s} className="check-section" data-step={s}>
      <h2>{stepTitle(s)}</h2>
      {content}
      <p>
        <Link to={`/cases/${d.caseId}/apply/${s}`}>
          {t("change")}
          <span className="visually-hidden"> {t("changeHidden", { what: stepTitle(s) })}</span>
        </Link>
      </p>
    </div>
  );
  return (
    <section>
      <p>
        <Link to={`/cases/${d.caseId}/apply/${wizardSteps[wizardSteps.length - 1]}`}>{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <ErrorSummary error={result?.error} fieldErrors={submitErrors} />

      {d.blockers.length ? (
        <div className="notice" id="blockers">
          <h2>{t("blockersTitle")}</h2>
          <GroupedFindings caseId={d.caseId} findings={d.blockers} checklist={d.checklist} locale={locale} t={t} stepTitle={stepTitle} severity="blocker" />
        </div>
      ) : (
        <p className="notice">{t("allClear")}</p>
      )}
      {d.warnings.length ? (
        <div>
          <h2>{t("warningsTitle")}</h2>
          <GroupedFindings caseId={d.caseId} findings={d.warnings} checklist={d.checklist} locale={locale} t={t} stepTitle={stepTitle} severity="warning" />
        </div>
      ) : null}

      {wizardSteps.map((s) => row(s, <StepAnswers step={s} dossier={d.dossier} employer={d.employer} />))}

      <h2>{t("documentsTitle")}</h2>
      <p>
        {t("documentsIntro")} <Link to={`/cases/${d.caseId}/documents`}>{t("fixDocuments")}</Link>
      </p>
      <p>
        <strong>{t("docsTally", { done: d.checklist.filter((i) => i.done).length, total: d.checklist.length })}</strong>
      </p>
      <div className="missing-groups">
        {d.checklist.some((i) => !i.done) ? (
          <details>
            <summary>{t("docsMissingList", { count: d.checklist.filter((i) => !i.done).length })}</summary>
            <ul>
              {d.checklist
                .filter((i) => !i.done)
                .map((i) => (
                  <li key={i.key}>
                    {i.label[locale]} {i.required ? "" : t("optionalDoc")}
                  </li>
                ))}
            </ul>
          </details>
        ) : null}
        {d.checklist.some((i) => i.done) ? (
          <details>
            <summary>{t("docsUploadedList", { count: d.checklist.filter((i) => i.done).length })}</summary>
            <ul>
              {d.checklist
                .filter((i) => i.done)
                .map((i) => (
                  <li key={i.key}>
                    {i.label[locale]}: {i.files === 1 ? t("fileOne") : t("fileMany", { n: i.files })}
                  </li>
                ))}
            </ul>
          </details>
        ) : null}
      </div>

      <h2>{t("eligibilityTitle")}</h2>
      {d.eligibility ? (
        <>
          <p>
            <strong>{t(d.eligibility.outcome)}</strong>
          </p>
          <p className="hint">{t("rules", { id: d.eligibility.ruleset })}</p>
          <ul>
            {d.eligibility.criteria.map((c) => (
              <li key={c.id}>
                <strong>{c.title?.[locale] ?? c.id}</strong> ({t(c.status === "needs_review" ? "needs_review_status" : c.status)}): {locale === "ko" ? c.detailKo : c.detail}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("eligibilityNone")}</p>
      )}

      <Form method="post" noValidate>
        <h2>{t("declarationTitle")}</h2>
        <div className={result?.fieldErrors?.declaration ? "field field-error" : "field"}>
          {result?.fieldErrors?.declaration ? (
            <p className="error-message" id={`${fieldId("declaration")}-error`}>
              {m(submitErrors.declaration)}
            </p>
          ) : null}
          <Choice type="checkbox" id={fieldId("declaration")} name="declaration" value="yes" describedBy={result?.fieldErrors?.declaration ? `${fieldId("declaration")}-error` : undefined} label={t("declaration")} />
        </div>
        {d.blockers.length ? <p>{t("submitBlocked")}</p> : null}
        <button type="submit" name="intent" value="submit">
          {t("submit")}
        </button>
      </Form>
    </section>
  );
}
