import { Form, Link } from "@remix-run/react";
import { getList as listOf, limits, listFromForm, objectFromForm, setList as withList, wizardSteps, type ListName, type WizardStep } from "../../models/dossier";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { Choice, ErrorSummary, Field, SelectField, fieldId } from "../ui";
import { degreeLevelText, industryText } from "./dossier-form";

/**
 * A3: the dossier wizard's pages, one topic each. Every page is a plain form:
 * "Continue" saves the complete page, "Save and come back later" keeps what is
 * there; repeating sections add and remove entries with ordinary submit buttons
 * (no JavaScript needed). After an error the page is rendered again from what
 * was posted, so nothing typed is lost.
 */

export const text = defineMessages(
  {
    step: "Step {n} of {total}",
    back: "Back",
    continue: "Continue",
    later: "Save and come back later",
    "title.personal": "Personal details and passport",
    "title.education": "Education",
    "title.work": "Work history",
    "title.achievements": "Publications, patents and awards",
    "title.offer": "Job offer",
    "title.dependants": "Dependants",
    "intro.personal": "As written in your passport. We compare these details with your passport scan.",
    "intro.education": "List every degree you hold, from associate to doctorate. Each needs its certificate later.",
    "intro.work": "List your jobs and research positions. The experience rule counts years of work, and of postdoctoral research.",
    "intro.achievements": "Optional, but they support your case. Leave a list empty if it does not apply.",
    "intro.offer": "The Top-Tier visa is based on a job offer from a registered Korean employer.",
    "intro.dependants": "Your spouse and children who will come with you. Each needs their own documents. Leave this empty if nobody comes with you.",
    yes: "Yes",
    no: "No",
    optional: "(optional)",
    dateHint: "For example 1990-04-21",
    "personal.fullName": "Full name as in your passport",
    "personal.otherNames": "Other names you have used (optional)",
    "personal.nationality": "Nationality",
    "personal.birthDate": "Date of birth",
    "personal.countryOfBirth": "Country of birth",
    "personal.passportNumber": "Passport number",
    "personal.passportCountry": "Country that issued the passport",
    "personal.passportIssued": "Passport issue date",
    "personal.passportExpires": "Passport expiry date",
    "education.entry": "Degree {n}",
    "education.add": "Add another degree",
    "education.remove": "Remove degree {n}",
    "education.none": "No degree listed yet.",
    "education.level": "Level of the degree",
    "education.field": "Field of study",
    "education.institution": "University",
    "education.institutionHint": "The name in English, e.g. KAIST or University of Toronto",
    "education.country": "Country of the university (optional)",
    "education.awarded": "Date awarded",
    "work.entry": "Job {n}",
    "work.add": "Add another job",
    "work.remove": "Remove job {n}",
    "work.none": "No job listed. Add one, or continue if you have none.",
    "work.employer": "Employer",
    "work.kind": "Kind of employer",
    "work.kind.company": "Company",
    "work.kind.research_institute": "Research institute",
    "work.kind.university": "University",
    "work.kind.other": "Other",
    "work.title": "Job title",
    "work.country": "Country",
    "work.start": "Start date",
    "work.current": "Do you still work there?",
    "work.end": "End date (leave empty if you still work there)",
    "work.postdoc": "Was this postdoctoral research?",
    "publications.legend": "Publications",
    "publications.entry": "Publication {n}",
    "publications.add": "Add a publication",
    "publications.remove": "Remove publication {n}",
    "publications.none": "No publication listed.",
    "publications.title": "Title",
    "publications.venue": "Journal or conference",
    "publications.year": "Year",
    "patents.legend": "Patents",
    "patents.entry": "Patent {n}",
    "patents.add": "Add a patent",
    "patents.remove": "Remove patent {n}",
    "patents.none": "No patent listed.",
    "patents.title": "Title of the patent",
    "patents.number": "Patent number",
    "patents.country": "Country of the patent",
    "patents.year": "Year granted",
    "awards.legend": "Awards",
    "awards.entry": "Award {n}",
    "awards.add": "Add an award",
    "awards.remove": "Remove award {n}",
    "awards.none": "No award listed.",
    "awards.name": "Name of the award",
    "awards.issuer": "Given by",
    "awards.year": "Year of the award",
    "offer.hasOffer": "Do you have a job offer from a Korean employer?",
    "offer.hasOffer.no": "No, not yet",
    "offer.details": "The offer",
    "offer.organizationId": "Sponsoring employer",
    "offer.organizationIdHint": "Your employer must be registered on TopTier.",
    "offer.jobTitle": "Job title",
    "offer.industry": "Industry of the job",
    "offer.annualSalaryKrw": "Annual salary in Korean won",
    "offer.annualSalaryKrwHint": "Digits only, e.g. 160000000",
    "offer.startDate": "Start date (optional)",
    "offer.noOfferHint": "If you have no offer yet, answer No: you can save your answers and submit once you have one.",
    "dependants.entry": "Dependant {n}",
    "dependants.add": "Add a dependant",
    "dependants.remove": "Remove dependant {n}",
    "dependants.none": "Nobody listed: you apply alone.",
    "dependants.relation": "Relation to you",
    "dependants.relation.spouse": "Spouse",
    "dependants.relation.child": "Child",
    "dependants.fullName": "Their full name as in their passport",
    "dependants.birthDate": "Their date of birth",
    "dependants.nationality": "Their nationality",
    "dependants.passportNumber": "Their passport number",
  },
  {
    step: "{total}단계 중 {n}단계",
    back: "이전",
    continue: "계속",
    later: "저장하고 나중에 계속하기",
    "title.personal": "인적 사항 및 여권",
    "title.education": "학력",
    "title.work": "경력",
    "title.achievements": "논문·특허·수상",
    "title.offer": "고용 제안",
    "title.dependants": "동반 가족",
    "intro.personal": "여권에 적힌 대로 입력하세요. 여권 사본과 대조합니다.",
    "intro.education": "전문학사부터 박사까지 보유한 모든 학위를 입력하세요. 학위마다 나중에 학위증명서가 필요합니다.",
    "intro.work": "근무 및 연구 경력을 입력하세요. 경력 요건은 근무 기간과 박사후 연구 기간을 셉니다.",
    "intro.achievements": "선택 사항이지만 신청에 도움이 됩니다. 해당 없으면 비워 두세요.",
    "intro.offer": "최우수인재 비자는 등록된 한국 기업의 고용 제안을 근거로 합니다.",
    "intro.dependants": "함께 오는 배우자와 자녀를 입력하세요. 가족마다 서류가 필요합니다. 혼자 오면 비워 두세요.",
    yes: "예",
    no: "아니요",
    optional: "(선택)",
    dateHint: "예: 1990-04-21",
    "personal.fullName": "여권상의 성명",
    "personal.otherNames": "사용한 다른 이름 (선택)",
    "personal.nationality": "국적",
    "personal.birthDate": "생년월일",
    "personal.countryOfBirth": "출생 국가",
    "personal.passportNumber": "여권 번호",
    "personal.passportCountry": "여권 발급 국가",
    "personal.passportIssued": "여권 발급일",
    "personal.passportExpires": "여권 만료일",
    "education.entry": "학위 {n}",
    "education.add": "학위 추가",
    "education.remove": "학위 {n} 삭제",
    "education.none": "아직 입력한 학위가 없습니다.",
    "education.level": "학위 과정",
    "education.field": "전공 분야",
    "education.institution": "대학교",
    "education.institutionHint": "영문 이름, 예: KAIST, University of Toronto",
    "education.country": "대학교 소재 국가 (선택)",
    "education.awarded": "학위 수여일",
    "work.entry": "경력 {n}",
    "work.add": "경력 추가",
    "work.remove": "경력 {n} 삭제",
    "work.none": "입력한 경력이 없습니다. 추가하거나, 없으면 계속을 누르세요.",
    "work.employer": "근무처",
    "work.kind": "근무처 유형",
    "work.kind.company": "기업",
    "work.kind.research_institute": "연구기관",
    "work.kind.university": "대학교",
    "work.kind.other": "기타",
    "work.title": "직위",
    "work.country": "근무 국가",
    "work.start": "시작일",
    "work.current": "현재 재직 중입니까?",
    "work.end": "종료일 (재직 중이면 비워 두세요)",
    "work.postdoc": "박사후 연구 과정이었습니까?",
    "publications.legend": "논문",
    "publications.entry": "논문 {n}",
    "publications.add": "논문 추가",
    "publications.remove": "논문 {n} 삭제",
    "publications.none": "입력한 논문이 없습니다.",
    "publications.title": "논문 제목",
    "publications.venue": "학술지 또는 학회",
    "publications.year": "게재 연도",
    "patents.legend": "특허",
    "patents.entry": "특허 {n}",
    "patents.add": "특허 추가",
    "patents.remove": "특허 {n} 삭제",
    "patents.none": "입력한 특허가 없습니다.",
    "patents.title": "특허 명칭",
    "patents.number": "특허 번호",
    "patents.country": "특허 국가",
    "patents.year": "등록 연도",
    "awards.legend": "수상",
    "awards.entry": "수상 {n}",
    "awards.add": "수상 추가",
    "awards.remove": "수상 {n} 삭제",
    "awards.none": "입력한 수상 실적이 없습니다.",
    "awards.name": "수상명",
    "awards.issuer": "수여 기관",
    "awards.year": "수상 연도",
    "offer.hasOffer": "한국 기업의 고용 제안을 받았습니까?",
    "offer.hasOffer.no": "아니요, 아직 없습니다",
    "offer.details": "고용 제안 내용",
    "offer.organizationId": "초청 기업",
    "offer.organizationIdHint": "고용주가 TopTier에 등록되어 있어야 합니다.",
    "offer.jobTitle": "직위",
    "offer.industry": "직무 산업 분야",
    "offer.annualSalaryKrw": "연봉 (원)",
    "offer.annualSalaryKrwHint": "숫자만 입력, 예: 160000000",
    "offer.startDate": "입사 예정일 (선택)",
    "offer.noOfferHint": "아직 제안이 없으면 '아니요'를 선택하세요. 답변을 저장해 두었다가 제안을 받은 뒤 제출할 수 있습니다.",
    "dependants.entry": "동반가족 {n}",
    "dependants.add": "동반가족 추가",
    "dependants.remove": "동반가족 {n} 삭제",
    "dependants.none": "입력한 가족이 없습니다. 혼자 신청합니다.",
    "dependants.relation": "신청인과의 관계",
    "dependants.relation.spouse": "배우자",
    "dependants.relation.child": "자녀",
    "dependants.fullName": "가족의 여권상 성명",
    "dependants.birthDate": "가족의 생년월일",
    "dependants.nationality": "가족의 국적",
    "dependants.passportNumber": "가족의 여권 번호",
  },
);
type Key = keyof (typeof text)["en"];

// ---------------------------------------------------------------------------
// Reading a page's form (server side) and the add/remove intents
// ---------------------------------------------------------------------------

type Raw = Record<string, unknown>;
type Entry = Record<string, string>;

/** A page's posted answers, as the section object the step schemas check. */
export function stepInputFromForm(step: WizardStep, form: FormData | URLSearchParams, dropBlank: boolean): Raw {
  switch (step) {
    case "personal":
      return { personal: objectFromForm(form, "personal") ?? {} };
    case "education":
      return { education: listFromForm(form, "education", limits.education, dropBlank) };
    case "work":
      return {
        work: listFromForm(form, "work", limits.work, dropBlank).map((j) => {
          const { end, ...rest } = j;
          return j.current === "yes" || end === undefined ? rest : { ...rest, end };
        }),
      };
    case "achievements":
      return {
        achievements: {
          publications: listFromForm(form, "achievements.publications", limits.publications, dropBlank),
          patents: listFromForm(form, "achievements.patents", limits.patents, dropBlank),
          awards: listFromForm(form, "achievements.awards", limits.awards, dropBlank),
        },
      };
    case "offer": {
      const o = objectFromForm(form, "offer") ?? {};
      return { offer: o.hasOffer === "no" ? { hasOffer: "no" } : o };
    }
    case "dependants":
      return { dependants: listFromForm(form, "dependants", limits.dependants, dropBlank) };
  }
}

const listsOf: Record<WizardStep, ListName[]> = {
  personal: [],
  education: ["education"],
  work: ["work"],
  achievements: ["achievements.publications", "achievements.patents", "achievements.awards"],
  offer: [],
  dependants: ["dependants"],
};
const listLimit = (list: ListName) => limits[(list.startsWith("achievements.") ? list.slice("achievements.".length) : list) as keyof typeof limits];

const getList = (values: Raw, list: ListName): Entry[] => listOf<Entry>(values, list);
const setList = (values: Raw, list: ListName, entries: Entry[]): Raw => withList(values, list, entries);

/**
 * "add-education" appends an empty entry; "remove-education-2" removes the third.
 * Returns the page's values after the change, or null when the intent is not one of these.
 */
export function applyListIntent(step: WizardStep, intent: string, values: Raw): Raw | null {
  for (const list of listsOf[step]) {
    const name = list.replace("achievements.", "");
    if (intent === `add-${name}`) {
      const entries = getList(values, list);
      return entries.length >= listLimit(list) ? values : setList(values, list, [...entries, {}]);
    }
    const m = new RegExp(`^remove-${name}-(\\d{1,3})$`).exec(intent);
    if (m) return setList(values, list, getList(values, list).filter((_, i) => i !== Number(m[1])));
  }
  return null;
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
const yesNo = (v: unknown): string | undefined => (v === true || v === "yes" ? "yes" : v === false || v === "no" ? "no" : undefined);

/** A yes/no (or other) question as radio buttons in a fieldset; the first radio carries the field id. */
export function Radios({ name, legend, options, value, error }: { name: string; legend: string; options: { value: string; label: string }[]; value?: string; error?: string }) {
  const id = fieldId(name);
  const { m } = useT(text);
  return (
    <fieldset className={error ? "field field-error" : "field"} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          {m(error)}
        </p>
      ) : null}
      <div className={options.length <= 3 ? "choices-inline" : undefined}>
        {options.map((o, i) => (
          <Choice key={o.value} type="radio" id={i === 0 ? id : `${id}-${o.value}`} name={name} value={o.value} label={o.label} defaultChecked={value === o.value} />
        ))}
      </div>
    </fieldset>
  );
}

export function WizardPage({
  caseId,
  step,
  values,
  errors,
  error,
  organizations,
}: {
  caseId: string;
  step: WizardStep;
  values: Raw;
  errors: Record<string, string>;
  error?: string;
  organizations: { id: string; name: string }[];
}) {
  const { t } = useT(text);
  const n = wizardSteps.indexOf(step) + 1;
  const back = n === 1 ? `/cases/${caseId}` : `/cases/${caseId}/apply/${wizardSteps[n - 2]}`;
  return (
    <section>
      <p>
        <Link to={back} className="back-link">
          {t("back")}
        </Link>
      </p>
      <p className="hint">{t("step", { n, total: wizardSteps.length })}</p>
      <h1>{t(`title.${step}` as Key)}</h1>
      <p>{t(`intro.${step}` as Key)}</p>
      <ErrorSummary error={error} fieldErrors={errors} />
      <Form method="post" noValidate>
        {/* Enter in a field means "Continue", not the first add/remove button. */}
        <button type="submit" name="intent" value="continue" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t("continue")}
        </button>
        {step === "personal" ? <PersonalFields values={values} errors={errors} /> : null}
        {step === "education" ? <ListFields list="education" values={values} errors={errors} /> : null}
        {step === "work" ? <ListFields list="work" values={values} errors={errors} /> : null}
        {step === "achievements" ? (
          <>
            <ListFields list="achievements.publications" values={values} errors={errors} />
            <ListFields list="achievements.patents" values={values} errors={errors} />
            <ListFields list="achievements.awards" values={values} errors={errors} />
          </>
        ) : null}
        {step === "offer" ? <OfferFields values={values} errors={errors} organizations={organizations} /> : null}
        {step === "dependants" ? <ListFields list="dependants" values={values} errors={errors} /> : null}
        <div className="button-group">
          <button type="submit" name="intent" value="continue">
            {t("continue")}
          </button>{" "}
          <button type="submit" name="intent" value="later" className="secondary">
            {t("later")}
          </button>
        </div>
      </Form>
    </section>
  );
}

const personalFields = ["fullName", "otherNames", "nationality", "birthDate", "countryOfBirth", "passportNumber", "passportCountry", "passportIssued", "passportExpires"] as const;
const dateFields = new Set(["birthDate", "passportIssued", "passportExpires", "awarded", "start", "end", "startDate"]);

function PersonalFields({ values, errors }: { values: Raw; errors: Record<string, string> }) {
  const { t } = useT(text);
  const p = (values.personal ?? {}) as Raw;
  return (
    <>
      {personalFields.map((f) => (
        <Field
          key={f}
          name={`personal.${f}`}
          label={t(`personal.${f}` as Key)}
          type={dateFields.has(f) ? "date" : "text"}
          hint={dateFields.has(f) ? t("dateHint") : undefined}
          autoComplete={f === "fullName" ? "name" : f === "birthDate" ? "bday" : undefined}
          defaultValue={str(p[f])}
          error={errors[`personal.${f}`]}
        />
      ))}
    </>
  );
}

function OfferFields({ values, errors, organizations }: { values: Raw; errors: Record<string, string>; organizations: { id: string; name: string }[] }) {
  const { t, locale } = useT(text);
  const o = (values.offer ?? {}) as Raw;
  return (
    <>
      <Radios
        name="offer.hasOffer"
        legend={t("offer.hasOffer")}
        options={[
          { value: "yes", label: t("yes") },
          { value: "no", label: t("offer.hasOffer.no") },
        ]}
        value={str(o.hasOffer)}
        error={errors["offer.hasOffer"]}
      />
      <p className="hint">{t("offer.noOfferHint")}</p>
      <fieldset>
        <legend>{t("offer.details")}</legend>
        <SelectField
          name="offer.organizationId"
          label={t("offer.organizationId")}
          hint={t("offer.organizationIdHint")}
          options={organizations.map((org) => ({ value: org.id, label: org.name }))}
          defaultValue={str(o.organizationId)}
          error={errors["offer.organizationId"]}
        />
        <Field name="offer.jobTitle" label={t("offer.jobTitle")} defaultValue={str(o.jobTitle)} error={errors["offer.jobTitle"]} />
        <SelectField
          name="offer.industry"
          label={t("offer.industry")}
          options={Object.entries(industryText).map(([value, l]) => ({ value, label: l[locale] }))}
          defaultValue={str(o.industry)}
          error={errors["offer.industry"]}
        />
        <Field
          name="offer.annualSalaryKrw"
          label={t("offer.annualSalaryKrw")}
          hint={t("offer.annualSalaryKrwHint")}
          inputMode="numeric"
          defaultValue={str(o.annualSalaryKrw)}
          error={errors["offer.annualSalaryKrw"]}
        />
        <Field name="offer.startDate" label={t("offer.startDate")} type="date" hint={t("dateHint")} defaultValue={str(o.startDate)} error={errors["offer.startDate"]} />
      </fieldset>
    </>
  );
}

type FieldSpec = { name: string; kind: "text" | "date" | "year" | "select" | "radio"; options?: { value: string; key: string }[]; hint?: string };
const listSpecs: Record<ListName, FieldSpec[]> = {
  education: [
    { name: "level", kind: "select", options: [] },
    { name: "field", kind: "text" },
    { name: "institution", kind: "text", hint: "education.institutionHint" },
    { name: "country", kind: "text" },
    { name: "awarded", kind: "date" },
  ],
  work: [
    { name: "employer", kind: "text" },
    { name: "kind", kind: "select", options: ["company", "research_institute", "university", "other"].map((v) => ({ value: v, key: `work.kind.${v}` })) },
    { name: "title", kind: "text" },
    { name: "country", kind: "text" },
    { name: "start", kind: "date" },
    { name: "current", kind: "radio" },
    { name: "end", kind: "date" },
    { name: "postdoc", kind: "radio" },
  ],
  "achievements.publications": [
    { name: "title", kind: "text" },
    { name: "venue", kind: "text" },
    { name: "year", kind: "year" },
  ],
  "achievements.patents": [
    { name: "title", kind: "text" },
    { name: "number", kind: "text" },
    { name: "country", kind: "text" },
    { name: "year", kind: "year" },
  ],
  "achievements.awards": [
    { name: "name", kind: "text" },
    { name: "issuer", kind: "text" },
    { name: "year", kind: "year" },
  ],
  dependants: [
    { name: "relation", kind: "radio", options: ["spouse", "child"].map((v) => ({ value: v, key: `dependants.relation.${v}` })) },
    { name: "fullName", kind: "text" },
    { name: "birthDate", kind: "date" },
    { name: "nationality", kind: "text" },
    { name: "passportNumber", kind: "text" },
  ],
};

function ListFields({ list, values, errors }: { list: ListName; values: Raw; errors: Record<string, string> }) {
  const { t, m, locale } = useT(text);
  const short = list.replace("achievements.", "");
  const entries = getList(values, list);
  const specs = listSpecs[list];
  const Wrapper = list.startsWith("achievements.") ? "fieldset" : "div";
  return (
    <Wrapper id={fieldId(list)} className={errors[list] ? "field-error" : undefined}>
      {list.startsWith("achievements.") ? <legend>{t(`${short}.legend` as Key)}</legend> : null}
      {errors[list] ? <p className="error-message">{m(errors[list])}</p> : null}
      {entries.length === 0 ? <p>{t(`${short}.none` as Key)}</p> : null}
      {entries.map((e, i) => (
        <fieldset key={i} className="entry">
          <legend>{t(`${short}.entry` as Key, { n: i + 1 })}</legend>
          {/* Issue 12: the entry's stable id, which its uploaded files are keyed by (the server checks it on saving). */}
          {typeof e.id === "string" ? <input type="hidden" name={`${list}.${i}.id`} value={e.id} /> : null}
          {specs.map((s) => {
            const name = `${list}.${i}.${s.name}`;
            const label = t(`${short}.${s.name}` as Key);
            const err = errors[name];
            if (s.kind === "radio") {
              const options = s.options
                ? s.options.map((o) => ({ value: o.value, label: t(o.key as Key) }))
                : [
                    { value: "yes", label: t("yes") },
                    { value: "no", label: t("no") },
                  ];
              return <Radios key={s.name} name={name} legend={label} options={options} value={s.options ? str(e[s.name]) : yesNo(e[s.name])} error={err} />;
            }
            if (s.kind === "select") {
              const options =
                list === "education"
                  ? Object.entries(degreeLevelText).map(([value, l]) => ({ value, label: l[locale] }))
                  : (s.options ?? []).map((o) => ({ value: o.value, label: t(o.key as Key) }));
              return <SelectField key={s.name} name={name} label={label} options={options} defaultValue={str(e[s.name])} error={err} />;
            }
            return (
              <Field
                key={s.name}
                name={name}
                label={label}
                type={s.kind === "date" ? "date" : "text"}
                inputMode={s.kind === "year" ? "numeric" : undefined}
                hint={s.hint ? t(s.hint as Key) : s.kind === "date" ? t("dateHint") : undefined}
                defaultValue={str(e[s.name])}
                error={err}
              />
            );
          })}
          <button type="submit" name="intent" value={`remove-${short}-${i}`} className="secondary">
            {t(`${short}.remove` as Key, { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {entries.length < listLimit(list) ? (
        <p>
          <button type="submit" name="intent" value={`add-${short}`} className="secondary">
            {t(`${short}.add` as Key)}
          </button>
        </p>
      ) : null}
    </Wrapper>
  );
}
