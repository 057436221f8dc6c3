import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { submitCase } from "../../models/case/actions";
import { precheckCase, type Finding } from "../../models/case/precheck";
import { readDraft, wizardSteps, type WizardStep } from "../../models/dossier";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { degreeLevelText, industryText } from "../components/dossier-form";
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
    uploaded: "Uploaded ({n} file(s))",
    missing: "Not uploaded yet",
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
    "personal.fullName": "Full name",
    "personal.nationality": "Nationality",
    "personal.birthDate": "Date of birth",
    "personal.passport": "Passport",
    validUntil: "valid until {date}",
    employer: "Sponsoring employer",
    noOffer: "No job offer yet",
    perYear: "{amount} a year",
    now: "now",
    postdoc: "postdoctoral research",
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
    uploaded: "업로드됨 (파일 {n}개)",
    missing: "아직 올리지 않음",
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
    "personal.fullName": "성명",
    "personal.nationality": "국적",
    "personal.birthDate": "생년월일",
    "personal.passport": "여권",
    validUntil: "{date}까지 유효",
    employer: "초청 기업",
    noOffer: "아직 고용 제안 없음",
    perYear: "연 {amount}",
    now: "현재",
    postdoc: "박사후 연구",
  },
);

function FindingList({ caseId, findings, locale, t }: { caseId: string; findings: Finding[]; locale: "en" | "ko"; t: (k: "fixPage" | "fixDocuments") => string }) {
  return (
    <ul>
      {findings.map((f) => (
        <li key={f.code} id={fieldId(f.code)}>
          {f.message[locale]}{" "}
          {"step" in f.fix ? (
            <Link to={`/cases/${caseId}/apply/${f.fix.step}`}>{t("fixPage")}</Link>
          ) : (
            <Link to={`/cases/${caseId}/documents`}>{t("fixDocuments")}</Link>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function CheckAnswers() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, m, locale, date, krw } = useT(text);
  const w = useT(wizardText).t;
  const p = d.dossier.personal ?? {};
  const o = d.dossier.offer ?? {};
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
    <div key={s} className="check-section">
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
  const orNot = (v: string | undefined) => v || t("notGiven");
  const a = d.dossier.achievements ?? {};
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
          <FindingList caseId={d.caseId} findings={d.blockers} locale={locale} t={t} />
        </div>
      ) : (
        <p className="notice">{t("allClear")}</p>
      )}
      {d.warnings.length ? (
        <div>
          <h2>{t("warningsTitle")}</h2>
          <FindingList caseId={d.caseId} findings={d.warnings} locale={locale} t={t} />
        </div>
      ) : null}

      {row(
        "personal",
        <dl className="summary">
          <dt>{t("personal.fullName")}</dt>
          <dd>{orNot(p.fullName)}</dd>
          <dt>{t("personal.nationality")}</dt>
          <dd>{orNot(p.nationality)}</dd>
          <dt>{t("personal.birthDate")}</dt>
          <dd>{p.birthDate ? date(p.birthDate) : t("notGiven")}</dd>
          <dt>{t("personal.passport")}</dt>
          <dd>
            {orNot(p.passportNumber)}
            {p.passportCountry ? ` (${p.passportCountry})` : ""}
            {p.passportExpires ? `, ${t("validUntil", { date: date(p.passportExpires) })}` : ""}
          </dd>
        </dl>,
      )}
      {row(
        "education",
        (d.dossier.education ?? []).length ? (
          <ul>
            {(d.dossier.education ?? []).map((g, i) => (
              <li key={i}>{[g.level ? degreeLevelText[g.level][locale] : "", g.field, g.institution, g.country, g.awarded ? date(g.awarded) : ""].filter(Boolean).join(", ")}</li>
            ))}
          </ul>
        ) : (
          <p>{t("notGiven")}</p>
        ),
      )}
      {row(
        "work",
        (d.dossier.work ?? []).length ? (
          <ul>
            {(d.dossier.work ?? []).map((j, i) => (
              <li key={i}>
                {[j.title, j.employer, j.country].filter(Boolean).join(", ")} ({j.start ? date(j.start) : "?"} – {j.current ? t("now") : j.end ? date(j.end) : "?"}
                {j.postdoc ? `, ${t("postdoc")}` : ""})
              </li>
            ))}
          </ul>
        ) : (
          <p>{d.dossier.work ? t("none") : t("notGiven")}</p>
        ),
      )}
      {row(
        "achievements",
        d.dossier.achievements ? (
          <ul>
            {(a.publications ?? []).map((x, i) => (
              <li key={`p${i}`}>{[x.title, x.venue, x.year].filter(Boolean).join(", ")}</li>
            ))}
            {(a.patents ?? []).map((x, i) => (
              <li key={`t${i}`}>{[x.title, x.number, x.country, x.year].filter(Boolean).join(", ")}</li>
            ))}
            {(a.awards ?? []).map((x, i) => (
              <li key={`a${i}`}>{[x.name, x.issuer, x.year].filter(Boolean).join(", ")}</li>
            ))}
            {!(a.publications ?? []).length && !(a.patents ?? []).length && !(a.awards ?? []).length ? <li>{t("none")}</li> : null}
          </ul>
        ) : (
          <p>{t("notGiven")}</p>
        ),
      )}
      {row(
        "offer",
        o.hasOffer === "no" ? (
          <p>{t("noOffer")}</p>
        ) : (
          <dl className="summary">
            <dt>{t("employer")}</dt>
            <dd>{d.employer ?? t("notGiven")}</dd>
            <dt>{w("offer.jobTitle")}</dt>
            <dd>
              {orNot(o.jobTitle)}
              {o.industry ? ` (${industryText[o.industry][locale]})` : ""}
            </dd>
            <dt>{w("offer.annualSalaryKrw")}</dt>
            <dd>{o.annualSalaryKrw ? t("perYear", { amount: krw(o.annualSalaryKrw) }) : t("notGiven")}</dd>
          </dl>
        ),
      )}
      {row(
        "dependants",
        (d.dossier.dependants ?? []).length ? (
          <ul>
            {(d.dossier.dependants ?? []).map((x, i) => (
              <li key={i}>
                {[x.fullName, x.relation ? w(`dependants.relation.${x.relation}`) : "", x.birthDate ? date(x.birthDate) : "", x.nationality, x.passportNumber].filter(Boolean).join(", ")}
              </li>
            ))}
          </ul>
        ) : (
          <p>{d.dossier.dependants ? t("none") : t("notGiven")}</p>
        ),
      )}

      <h2>{t("documentsTitle")}</h2>
      <p>
        {t("documentsIntro")} <Link to={`/cases/${d.caseId}/documents`}>{t("fixDocuments")}</Link>
      </p>
      <ul>
        {d.checklist.map((i) => (
          <li key={i.key}>
            {i.label[locale]} {i.required ? "" : t("optionalDoc")}: <strong>{i.done ? t("uploaded", { n: i.files }) : t("missing")}</strong>
          </li>
        ))}
      </ul>

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
