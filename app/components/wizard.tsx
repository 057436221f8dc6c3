import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { countryName, countryOptions } from "../../models/countries";
import { getList as listOf, limits, listFromForm, objectFromForm, setList as withList, wizardSteps, type ListName, type WizardStep } from "../../models/dossier";
import { dossierFields, fieldsOf, listSections, type DossierField, type DossierSection, type ListSection } from "../../models/dossier-labels";
import { defineMessages, interpolate } from "../../models/i18n";
import { useT } from "../i18n";
import { Choice, ErrorSummary, Field, SelectField, fieldId } from "../ui";

/**
 * A3: the dossier wizard's pages, one topic each. Every page is a plain form:
 * "Continue" saves the complete page, "Save and come back later" keeps what is
 * there; repeating sections add and remove entries with ordinary submit buttons
 * (no JavaScript needed). After an error the page is rendered again from what
 * was posted, so nothing typed is lost.
 */

/** The wizard's own texts; the fields' questions, hints and options come from models/dossier-labels.ts. */
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
    "education.add": "Add another degree",
    "education.remove": "Remove degree {n}",
    "education.none": "No degree listed yet.",
    "work.add": "Add another job",
    "work.remove": "Remove job {n}",
    "work.none": "No job listed. Add one, or continue if you have none.",
    "publications.add": "Add a publication",
    "publications.remove": "Remove publication {n}",
    "publications.none": "No publication listed.",
    "patents.add": "Add a patent",
    "patents.remove": "Remove patent {n}",
    "patents.none": "No patent listed.",
    "awards.add": "Add an award",
    "awards.remove": "Remove award {n}",
    "awards.none": "No award listed.",
    "offer.details": "The offer",
    "offer.noOfferHint": "If you have no offer yet, answer No: you can save your answers and submit once you have one.",
    countryHint: "Start typing and choose from the list.",
    "dependants.add": "Add a dependant",
    "dependants.remove": "Remove dependant {n}",
    "dependants.none": "Nobody listed: you apply alone.",
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
    "education.add": "학위 추가",
    "education.remove": "학위 {n} 삭제",
    "education.none": "아직 입력한 학위가 없습니다.",
    "work.add": "경력 추가",
    "work.remove": "경력 {n} 삭제",
    "work.none": "입력한 경력이 없습니다. 추가하거나, 없으면 계속을 누르세요.",
    "publications.add": "논문 추가",
    "publications.remove": "논문 {n} 삭제",
    "publications.none": "입력한 논문이 없습니다.",
    "patents.add": "특허 추가",
    "patents.remove": "특허 {n} 삭제",
    "patents.none": "입력한 특허가 없습니다.",
    "awards.add": "수상 추가",
    "awards.remove": "수상 {n} 삭제",
    "awards.none": "입력한 수상 실적이 없습니다.",
    "offer.details": "고용 제안 내용",
    "offer.noOfferHint": "아직 제안이 없으면 '아니요'를 선택하세요. 답변을 저장해 두었다가 제안을 받은 뒤 제출할 수 있습니다.",
    countryHint: "입력을 시작한 뒤 목록에서 고르세요.",
    "dependants.add": "동반가족 추가",
    "dependants.remove": "동반가족 {n} 삭제",
    "dependants.none": "입력한 가족이 없습니다. 혼자 신청합니다.",
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
export function Radios({
  name,
  legend,
  options,
  value,
  error,
  onChange,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
  onChange?: (value: string) => void;
}) {
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
          <Choice
            key={o.value}
            type="radio"
            id={i === 0 ? id : `${id}-${o.value}`}
            name={name}
            value={o.value}
            label={o.label}
            defaultChecked={value === o.value}
            onChange={onChange ? () => onChange(o.value) : undefined}
          />
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
  universities = [],
}: {
  caseId: string;
  step: WizardStep;
  values: Raw;
  errors: Record<string, string>;
  error?: string;
  organizations: { id: string; name: string }[];
  /** University names of the reference lists, suggested on the education page (any name may be typed). */
  universities?: string[];
}) {
  const { t, locale } = useT(text);
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
        {/* Issue 11 item 10: countries are chosen from ISO 3166 (typed, with suggestions); universities are suggested. */}
        {step !== "offer" ? (
          <datalist id="countries">
            {countryOptions(locale).map((c) => (
              <option key={c.code} value={c.name} />
            ))}
          </datalist>
        ) : null}
        {step === "education" ? (
          <datalist id="universities">
            {universities.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        ) : null}
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

/** True once the page runs in the browser: what JavaScript hides stays visible without it. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** The wizard's question for a field of the catalogue, "(optional)" after it when it may be left blank. */
function useAsk() {
  const { t, locale } = useT(text);
  return (f: DossierField) => {
    const q = (f.ask ?? f.label)[locale];
    return f.optional ? `${q} ${t("optional")}` : q;
  };
}

/**
 * One answer's input, as its kind in the catalogue says: a text box (a date picker,
 * digits, a country with suggestions), a drop-down list or radio buttons.
 */
function AnswerInput({
  name,
  field,
  value,
  error,
  organizations = [],
  list,
  autoComplete,
  onChange,
}: {
  name: string;
  field: DossierField;
  value: unknown;
  error?: string;
  organizations?: { id: string; name: string }[];
  /** A <datalist> of suggestions other than the countries. */
  list?: string;
  autoComplete?: string;
  onChange?: (value: string) => void;
}) {
  const { t, locale } = useT(text);
  const ask = useAsk();
  const label = ask(field);
  const hint = field.hint?.[locale];
  const options = Object.entries(field.options ?? {}).map(([v, l]) => ({ value: v, label: l[locale] }));
  switch (field.kind) {
    case "yesNo":
    case "radio":
      return (
        <Radios
          name={name}
          legend={label}
          options={
            field.kind === "radio"
              ? options
              : [
                  { value: "yes", label: t("yes") },
                  { value: "no", label: t("no") },
                ]
          }
          value={field.kind === "radio" ? str(value) : yesNo(value)}
          error={error}
          onChange={onChange}
        />
      );
    case "select":
    case "organization":
      return (
        <SelectField
          name={name}
          label={label}
          hint={hint}
          options={field.kind === "organization" ? organizations.map((org) => ({ value: org.id, label: org.name })) : options}
          defaultValue={str(value)}
          error={error}
        />
      );
    default: {
      const country = field.kind === "country";
      return (
        <Field
          name={name}
          label={label}
          type={field.kind === "date" ? "date" : "text"}
          inputMode={field.kind === "year" || field.kind === "won" ? "numeric" : undefined}
          hint={hint ?? (country ? t("countryHint") : undefined)}
          list={country ? "countries" : list}
          autoComplete={country || list ? "off" : autoComplete}
          defaultValue={country ? countryName(str(value), locale) : str(value)}
          error={error}
        />
      );
    }
  }
}

/** The fields of a section that the wizard asks, in the catalogue's order. */
const asked = <S extends DossierSection>(section: S) => fieldsOf(section).filter(([, f]) => !f.notAsked);

function PersonalFields({ values, errors }: { values: Raw; errors: Record<string, string> }) {
  const p = (values.personal ?? {}) as Raw;
  return (
    <>
      {asked("personal").map(([f, field]) => (
        <AnswerInput
          key={f}
          name={`personal.${f}`}
          field={field}
          value={p[f]}
          autoComplete={f === "fullName" ? "name" : f === "birthDate" ? "bday" : undefined}
          error={errors[`personal.${f}`]}
        />
      ))}
    </>
  );
}

function OfferFields({ values, errors, organizations }: { values: Raw; errors: Record<string, string>; organizations: { id: string; name: string }[] }) {
  const { t } = useT(text);
  const o = (values.offer ?? {}) as Raw;
  const [hasOffer, setHasOffer] = useState(str(o.hasOffer));
  const hydrated = useHydrated();
  return (
    <>
      <AnswerInput name="offer.hasOffer" field={dossierFields.offer.hasOffer} value={o.hasOffer} error={errors["offer.hasOffer"]} onChange={setHasOffer} />
      <p className="hint">{t("offer.noOfferHint")}</p>
      {/* "No": the offer's questions are hidden (with JavaScript); the server ignores them whatever is posted. */}
      <fieldset hidden={hydrated && hasOffer === "no"} data-testid="offer-details">
        <legend>{t("offer.details")}</legend>
        {asked("offer")
          .filter(([f]) => f !== "hasOffer")
          .map(([f, field]) => (
            <AnswerInput key={f} name={`offer.${f}`} field={field} value={o[f]} error={errors[`offer.${f}`]} organizations={organizations} />
          ))}
      </fieldset>
    </>
  );
}

function ListFields({ list, values, errors }: { list: ListName; values: Raw; errors: Record<string, string> }) {
  const { t, m, locale } = useT(text);
  const short = list.replace("achievements.", "") as ListSection;
  const entries = getList(values, list);
  // Work: "Do you still work there?" is the one question; the end date is asked only when the answer is No.
  const [current, setCurrent] = useState<Record<number, string | undefined>>(() => Object.fromEntries(entries.map((e, i) => [i, yesNo(e.current)])));
  const hydrated = useHydrated();
  const achievement = list.startsWith("achievements.");
  const Wrapper = achievement ? "fieldset" : "div";
  return (
    <Wrapper id={fieldId(list)} className={errors[list] ? "field-error" : undefined}>
      {achievement ? <legend>{listSections[short].title[locale]}</legend> : null}
      {errors[list] ? <p className="error-message">{m(errors[list])}</p> : null}
      {entries.length === 0 ? <p>{t(`${short}.none` as Key)}</p> : null}
      {entries.map((e, i) => (
        <fieldset key={i} className="entry">
          <legend>{interpolate(listSections[short].entry[locale], { n: i + 1 })}</legend>
          {/* Issue 12: the entry's stable id, which its uploaded files are keyed by (the server checks it on saving). */}
          {typeof e.id === "string" ? <input type="hidden" name={`${list}.${i}.id`} value={e.id} /> : null}
          {asked(short).map(([f, field]) => {
            const name = `${list}.${i}.${f}`;
            const input = (
              <AnswerInput
                key={f}
                name={name}
                field={field}
                value={e[f]}
                error={errors[name]}
                list={list === "education" && f === "institution" ? "universities" : undefined}
                onChange={list === "work" && f === "current" ? (v) => setCurrent((c) => ({ ...c, [i]: v })) : undefined}
              />
            );
            return list === "work" && f === "end" ? (
              <div key={f} hidden={hydrated && current[i] === "yes"} data-testid={`work-${i}-end`}>
                {input}
              </div>
            ) : (
              input
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
