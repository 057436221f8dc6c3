import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { countryOptions, toCountryCode } from "../../models/countries";
import { fieldErrors, parseWon } from "../../models/dossier";
import { eligibilityInputSchema, evaluate, shippedReference, todayIso } from "../../models/eligibility/index";
import { defineMessages, translator, type Locale } from "../../models/i18n";
import { universityNames } from "../../models/institutions";
import { loadPolicy } from "../../models/policy";
import { VerdictPanel } from "../components/eligibility-verdict";
import { useLocale } from "../i18n";
import { getLocale } from "../locale.server";
import { clientKey, consumeLimit } from "../rate-limit.server";
import { Choice, ErrorSummary, Field, SelectField, fieldId } from "../ui";

/** At most this many degree and job blocks; the page starts with one of each and adds more on request. */
const MAX_DEGREES = 4;
const MAX_JOBS = 8;
const STAYS = ["E-1", "E-2", "E-3", "E-4", "E-5", "E-6-1", "E-6-2", "E-6-3", "E-7-1", "E-7-2", "E-7-3", "E-7-4", "E-9", "D-2", "D-4", "D-5", "D-6", "D-7", "D-8", "D-9", "D-10", "F-4", "F-6", "H-2"];

const text = defineMessages(
  {
    title: "Check your eligibility for the Top-Tier visa",
    intro: "No account needed. Answer what you know: the result says whether you are likely to qualify, why, and what to do next.",
    otherLanguage: "한국어로 보기",
    birthDate: "Date of birth",
    degreeFirst: "Highest degree",
    degreeMore: "Another degree {n} (optional)",
    level: "Level",
    "level.phd": "Doctorate (PhD)",
    "level.master": "Master's",
    "level.bachelor": "Bachelor's",
    "level.associate": "Associate",
    field: "Field of study",
    institution: "University",
    institutionHint: "Start typing to see the universities of the ranking lists; any other name is fine too.",
    country: "Country (optional)",
    awarded: "Date awarded",
    addDegree: "Add another degree",
    jobFirst: "Work or research position 1",
    jobMore: "Work or research position {n} (optional)",
    organization: "Organisation",
    kind: "Kind of organisation",
    "kind.company": "Company",
    "kind.research_institute": "Research institute",
    "kind.university": "University",
    "kind.other": "Other",
    postdoc: "Post-doctoral research position",
    from: "From",
    to: "To (leave empty if you still work there)",
    addJob: "Add another job",
    offer: "Job offer from a Korean company",
    "offer.yes": "I have an offer",
    "offer.no": "No offer yet",
    employer: "Employer",
    industry: "Industry of the job",
    industryOther: "Another industry",
    salary: "Annual salary in Korean won",
    salaryHint: "For example 160,000,000",
    korean: "Korean language level (TOPIK or KIIP, optional)",
    "korean.0": "None",
    "korean.n": "Level {n}",
    f27: "For the points-based residence visa (F-2-7, optional)",
    stay: "Your current status of stay in Korea",
    stayHint: "F-2-7 is only for people already in Korea on an E-1 to E-7-1 or D-5 to D-9 status.",
    abroad: "I am abroad (no status in Korea)",
    income: "Income on your latest tax-office income certificate, in won",
    incomeHint: "F-2-7 points use this income, not the offered salary. For example 62,000,000",
    submit: "Check eligibility",
    fix: "Some answers need correcting.",
    tooMany: "Too many checks from your connection. Try again in {n} seconds.",
    "err.birthDate": "Enter your date of birth (a real date, not in the future)",
    "err.level": "Choose the level of degree {n}",
    "err.field": "Enter the field of study of degree {n}",
    "err.institution": "Enter the university of degree {n}",
    "err.country": "Enter the country of degree {n}, or leave it empty",
    "err.awarded": "Enter the date degree {n} was awarded (a real date)",
    "err.organization": "Enter the organisation of position {n}",
    "err.kind": "Choose the kind of organisation of position {n}",
    "err.start": "Enter the date position {n} started (a real date)",
    "err.end": "Enter the date position {n} ended (a real date), or leave it empty if you still work there",
    "err.endBefore": "The end date of position {n} must be after its start date",
    "err.employer": "Enter the employer of the offer",
    "err.industry": "Choose the industry of the job",
    "err.salary": "Enter the annual salary in won in digits, e.g. 160,000,000 or 160000000",
    "err.koreanLevel": "Choose your Korean language level",
    "err.stayStatus": "Choose your status of stay from the list",
    "err.income": "Enter the declared income in won in digits, e.g. 62,000,000 or 62000000",
    "err.other": "Check this answer",
  },
  {
    title: "최우수인재 비자 자격 확인",
    intro: "계정이 없어도 됩니다. 아는 만큼 답하세요. 결과에서 자격 가능성, 그 이유, 다음 할 일을 알려 드립니다.",
    otherLanguage: "View in English",
    birthDate: "생년월일",
    degreeFirst: "최종 학위",
    degreeMore: "다른 학위 {n} (선택)",
    level: "학위 과정",
    "level.phd": "박사",
    "level.master": "석사",
    "level.bachelor": "학사",
    "level.associate": "전문학사",
    field: "전공 분야",
    institution: "대학교",
    institutionHint: "입력하면 대학 순위 목록의 대학이 제안됩니다. 목록에 없는 이름도 입력할 수 있습니다.",
    country: "국가 (선택)",
    awarded: "학위 수여일",
    addDegree: "학위 추가",
    jobFirst: "근무·연구 경력 1",
    jobMore: "근무·연구 경력 {n} (선택)",
    organization: "기관명",
    kind: "기관 유형",
    "kind.company": "기업",
    "kind.research_institute": "연구기관",
    "kind.university": "대학교",
    "kind.other": "기타",
    postdoc: "박사후 연구 과정",
    from: "시작일",
    to: "종료일 (재직 중이면 비워 두세요)",
    addJob: "경력 추가",
    offer: "한국 기업의 고용 제안",
    "offer.yes": "제안을 받았습니다",
    "offer.no": "아직 제안이 없습니다",
    employer: "고용주",
    industry: "직무 산업 분야",
    industryOther: "기타 산업",
    salary: "연봉 (원)",
    salaryHint: "예: 160,000,000",
    korean: "한국어 능력 (TOPIK 또는 KIIP, 선택)",
    "korean.0": "없음",
    "korean.n": "{n}급",
    f27: "점수제 거주 비자(F-2-7)용 (선택)",
    stay: "현재 한국 체류 자격",
    stayHint: "F-2-7은 E-1~E-7-1 또는 D-5~D-9 자격으로 이미 한국에 있는 사람만 신청할 수 있습니다.",
    abroad: "해외 거주 (한국 체류 자격 없음)",
    income: "최근 소득금액증명원의 소득 (원)",
    incomeHint: "F-2-7 점수는 제안 연봉이 아니라 이 소득으로 계산합니다. 예: 62,000,000",
    submit: "자격 확인",
    fix: "고쳐야 할 답변이 있습니다.",
    tooMany: "이 연결에서 확인을 너무 많이 했습니다. {n}초 후에 다시 시도하세요.",
    "err.birthDate": "생년월일을 입력하세요 (실제 날짜, 미래 날짜 불가)",
    "err.level": "학위 {n}의 과정을 선택하세요",
    "err.field": "학위 {n}의 전공 분야를 입력하세요",
    "err.institution": "학위 {n}의 대학교를 입력하세요",
    "err.country": "학위 {n}의 국가를 입력하거나 비워 두세요",
    "err.awarded": "학위 {n}의 수여일을 입력하세요 (실제 날짜)",
    "err.organization": "경력 {n}의 기관명을 입력하세요",
    "err.kind": "경력 {n}의 기관 유형을 선택하세요",
    "err.start": "경력 {n}의 시작일을 입력하세요 (실제 날짜)",
    "err.end": "경력 {n}의 종료일을 입력하세요 (실제 날짜). 재직 중이면 비워 두세요",
    "err.endBefore": "경력 {n}의 종료일은 시작일 이후여야 합니다",
    "err.employer": "고용 제안을 한 고용주를 입력하세요",
    "err.industry": "직무의 산업 분야를 선택하세요",
    "err.salary": "연봉을 원 단위 숫자로 입력하세요 (예: 160,000,000 또는 160000000)",
    "err.koreanLevel": "한국어 능력 수준을 선택하세요",
    "err.stayStatus": "목록에서 체류 자격을 선택하세요",
    "err.income": "신고 소득을 원 단위 숫자로 입력하세요 (예: 62,000,000 또는 62000000)",
    "err.other": "이 답변을 확인하세요",
  },
);
type Key = keyof (typeof text)["en"];

export async function loader({ context }: LoaderFunctionArgs) {
  const policy = await loadPolicy(context.services.database.db);
  const reference = policy.reference ?? shippedReference();
  const list = reference.industries;
  // Listed sectors first; sectors named as not listed (quantum, aerospace) can be chosen too, and the result says why they do not count.
  const industries = [...list.industries, ...(list.notListed ?? [])].map((i) => ({ value: i.id, en: i.en, ko: i.ko }));
  return { industries, universities: universityNames(reference) };
}

const count = (v: FormDataEntryValue | null, max: number) => Math.min(max, Math.max(1, Number.parseInt(typeof v === "string" ? v : "1", 10) || 1));

/** The form's flat fields as the engine's input; empty rows are left out. */
function inputFromForm(form: FormData) {
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  // "160,000,000" and "160000000" are the same amount; anything else reaches the engine as text and is refused with a message.
  const won = (v: string | undefined) => (v === undefined ? undefined : parseWon(v));
  const degrees = [];
  for (let i = 0; i < MAX_DEGREES; i++) {
    const country = s(`degrees.${i}.country`);
    const row = { level: s(`degrees.${i}.level`), field: s(`degrees.${i}.field`), institution: s(`degrees.${i}.institution`), country: country === undefined ? undefined : (toCountryCode(country) ?? country), awarded: s(`degrees.${i}.awarded`) };
    if (Object.values(row).some(Boolean)) degrees.push(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));
  }
  const experience = [];
  for (let i = 0; i < MAX_JOBS; i++) {
    const row = { organization: s(`experience.${i}.organization`), kind: s(`experience.${i}.kind`), start: s(`experience.${i}.start`), end: s(`experience.${i}.end`) };
    if (Object.values(row).some(Boolean)) {
      experience.push({ ...Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)), end: row.end ?? null, postdoc: form.get(`experience.${i}.postdoc`) === "yes" });
    }
  }
  const hasOffer = form.get("offer.has") !== "no";
  const korean = s("koreanLevel");
  return {
    birthDate: s("birthDate"),
    degrees,
    experience,
    // "No offer yet": the offer's fields are ignored (they are hidden in the browser, but may still be posted).
    offer: hasOffer ? { employer: s("offer.employer"), industry: s("offer.industry"), annualSalaryKrw: won(s("offer.annualSalaryKrw")) } : null,
    ...(korean !== undefined ? { koreanLevel: Number(korean) } : {}),
    ...(s("stayStatus") !== undefined ? { stayStatus: s("stayStatus") } : {}),
    ...(s("declaredIncomeKrw") !== undefined ? { declaredIncomeKrw: won(s("declaredIncomeKrw")) } : {}),
  };
}

/** The engine's field messages (written for API callers) as the page's own, naming the field in words. */
export function pageErrors(engine: Record<string, string>, locale: Locale): Record<string, string> {
  const t = translator(locale, text);
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(engine)) {
    const m = /^(degrees|experience)\.(\d+)\.(\w+)$/.exec(key);
    const n = m ? Number(m[2]) + 1 : 0;
    let k: Key = "err.other";
    if (key === "birthDate") k = "err.birthDate";
    else if (m && m[1] === "degrees" && ["level", "field", "institution", "country", "awarded"].includes(m[3]!)) k = `err.${m[3]}` as Key;
    else if (m && m[1] === "experience" && m[3] === "end") k = /before/.test(message) ? "err.endBefore" : "err.end";
    else if (m && m[1] === "experience" && ["organization", "kind", "start"].includes(m[3]!)) k = `err.${m[3]}` as Key;
    else if (key === "offer.employer") k = "err.employer";
    else if (key === "offer.industry") k = "err.industry";
    else if (key === "offer.annualSalaryKrw") k = "err.salary";
    else if (key === "koreanLevel") k = "err.koreanLevel";
    else if (key === "stayStatus") k = "err.stayStatus";
    else if (key === "declaredIncomeKrw") k = "err.income";
    out[key] = t(k, { n });
  }
  return out;
}

/** A2: the public self-check. No account, nothing stored; rate-limited per client. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = await getLocale(request);
  const t = translator(locale, text);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const intent = form.get("intent");
  // "Add another degree/job" without JavaScript: the same page with one more block, everything typed kept.
  const rows = { degrees: count(form.get("degreeRows"), MAX_DEGREES), jobs: count(form.get("jobRows"), MAX_JOBS) };
  if (intent === "add-degree") rows.degrees = Math.min(MAX_DEGREES, rows.degrees + 1);
  if (intent === "add-job") rows.jobs = Math.min(MAX_JOBS, rows.jobs + 1);
  if (intent === "add-degree" || intent === "add-job") return { result: null, error: undefined, fieldErrors: {} as Record<string, string>, values, rows, added: intent };
  const rl = await consumeLimit(context, "eligibilityPage", clientKey(context));
  if (!rl.ok) return data({ result: null, error: t("tooMany", { n: rl.retryAfterSeconds }), fieldErrors: {} as Record<string, string>, values, rows, added: null }, { status: 429 });
  const parsed = eligibilityInputSchema.safeParse(inputFromForm(form));
  if (!parsed.success) return data({ result: null, error: t("fix"), fieldErrors: pageErrors(fieldErrors(parsed.error), locale), values, rows, added: null }, { status: 400 });
  const policy = await loadPolicy(context.services.database.db);
  const result = evaluate(parsed.data, { catalog: policy.catalog, reference: policy.reference, asOf: todayIso() });
  return { result, error: undefined, fieldErrors: {} as Record<string, string>, values, rows, added: null };
}

export const meta: MetaFunction = ({ location }) => [{ title: new URLSearchParams(location.search).get("lang") === "ko" ? "비자 자격 확인 · TopTier" : "Check your eligibility · TopTier" }];

/** Blocks to show: as many as asked for, and at least as many as hold an answer. */
function blocksFor(values: Record<string, string | undefined>, prefix: string, asked: number, max: number) {
  let n = asked;
  for (const k of Object.keys(values)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(k);
    if (m && values[k]) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(max, Math.max(1, n));
}

export default function EligibilityCheck() {
  const { industries, universities } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const locale = useLocale();
  const location = useLocation();
  const t = translator(locale, text);
  const v = (r?.values ?? {}) as Record<string, string | undefined>;
  const e = (r?.fieldErrors ?? {}) as Record<string, string>;
  const [degreeRows, setDegreeRows] = useState(() => blocksFor(v, "degrees", r?.rows?.degrees ?? 1, MAX_DEGREES));
  const [jobRows, setJobRows] = useState(() => blocksFor(v, "experience", r?.rows?.jobs ?? 1, MAX_JOBS));
  const [hasOffer, setHasOffer] = useState(v["offer.has"] !== "no");
  const [hydrated, setHydrated] = useState(false);
  const focusNext = useRef<string | null>(r?.added === "add-job" ? `experience.${jobRows - 1}.organization` : r?.added === "add-degree" ? `degrees.${degreeRows - 1}.level` : null);
  useEffect(() => setHydrated(true), []);
  // After the server answered (a check or an added block), show what it says.
  useEffect(() => {
    if (!r) return;
    setDegreeRows(blocksFor(v, "degrees", r.rows?.degrees ?? 1, MAX_DEGREES));
    setJobRows(blocksFor(v, "experience", r.rows?.jobs ?? 1, MAX_JOBS));
    if (r.added === "add-job") focusNext.current = `experience.${(r.rows?.jobs ?? 1) - 1}.organization`;
    if (r.added === "add-degree") focusNext.current = `degrees.${(r.rows?.degrees ?? 1) - 1}.level`;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r]);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(fieldId(focusNext.current))?.focus();
    focusNext.current = null;
  }, [degreeRows, jobRows]);
  const result = r?.result ?? null;
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.querySelector<HTMLElement>("section")?.focus();
  }, [result]);
  const industryName = (id: string) => industries.find((i) => i.value === id)?.[locale] ?? id;
  const countries = countryOptions(locale);
  const other = locale === "ko" ? "en" : "ko";
  const params = new URLSearchParams(location.search);
  params.set("lang", other);
  const add = (which: "degree" | "job") => (ev: React.MouseEvent<HTMLButtonElement>) => {
    ev.preventDefault();
    if (which === "job") {
      focusNext.current = `experience.${jobRows}.organization`;
      setJobRows((n) => Math.min(MAX_JOBS, n + 1));
    } else {
      focusNext.current = `degrees.${degreeRows}.level`;
      setDegreeRows((n) => Math.min(MAX_DEGREES, n + 1));
    }
  };
  return (
    <section className="self-check">
      <h1>{t("title")}</h1>
      <p>
        {t("intro")}{" "}
        <Link to={`?${params.toString()}`} lang={other}>
          {t("otherLanguage")}
        </Link>
      </p>
      <ErrorSummary error={r?.error} fieldErrors={e} />
      <div ref={resultRef}>{result ? <VerdictPanel result={result} locale={locale} industryName={industryName} /> : null}</div>
      <Form method="post" noValidate>
        {/* Enter in a field means "Check eligibility", not "Add another…". */}
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t("submit")}
        </button>
        <input type="hidden" name="degreeRows" value={degreeRows} />
        <input type="hidden" name="jobRows" value={jobRows} />
        <datalist id="universities">
          {universities.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
        <datalist id="countries">
          {countries.map((c) => (
            <option key={c.code} value={c.name} />
          ))}
        </datalist>
        <Field name="birthDate" label={t("birthDate")} type="date" defaultValue={v.birthDate} error={e.birthDate} />
        {Array.from({ length: degreeRows }, (_, i) => (
          <fieldset key={`d${i}`}>
            <legend>{i === 0 ? t("degreeFirst") : t("degreeMore", { n: i + 1 })}</legend>
            <SelectField
              name={`degrees.${i}.level`}
              label={t("level")}
              options={(["phd", "master", "bachelor", "associate"] as const).map((value) => ({ value, label: t(`level.${value}`) }))}
              defaultValue={v[`degrees.${i}.level`]}
              error={e[`degrees.${i}.level`]}
            />
            <Field name={`degrees.${i}.field`} label={t("field")} defaultValue={v[`degrees.${i}.field`]} error={e[`degrees.${i}.field`]} />
            <Field name={`degrees.${i}.institution`} label={t("institution")} hint={i === 0 ? t("institutionHint") : undefined} list="universities" defaultValue={v[`degrees.${i}.institution`]} error={e[`degrees.${i}.institution`]} />
            <Field name={`degrees.${i}.country`} label={t("country")} list="countries" defaultValue={v[`degrees.${i}.country`]} error={e[`degrees.${i}.country`]} />
            <Field name={`degrees.${i}.awarded`} label={t("awarded")} type="date" defaultValue={v[`degrees.${i}.awarded`]} error={e[`degrees.${i}.awarded`]} />
          </fieldset>
        ))}
        {degreeRows < MAX_DEGREES ? (
          <p>
            <button type="submit" name="intent" value="add-degree" className="secondary" onClick={add("degree")}>
              {t("addDegree")}
            </button>
          </p>
        ) : null}
        {Array.from({ length: jobRows }, (_, i) => (
          <fieldset key={`x${i}`}>
            <legend>{i === 0 ? t("jobFirst") : t("jobMore", { n: i + 1 })}</legend>
            <Field name={`experience.${i}.organization`} label={t("organization")} defaultValue={v[`experience.${i}.organization`]} error={e[`experience.${i}.organization`]} />
            <SelectField
              name={`experience.${i}.kind`}
              label={t("kind")}
              options={(["company", "research_institute", "university", "other"] as const).map((value) => ({ value, label: t(`kind.${value}`) }))}
              defaultValue={v[`experience.${i}.kind`]}
              error={e[`experience.${i}.kind`]}
            />
            <div className="field">
              <Choice type="checkbox" id={fieldId(`experience.${i}.postdoc`)} name={`experience.${i}.postdoc`} value="yes" defaultChecked={v[`experience.${i}.postdoc`] === "yes"} label={t("postdoc")} />
            </div>
            <Field name={`experience.${i}.start`} label={t("from")} type="date" defaultValue={v[`experience.${i}.start`]} error={e[`experience.${i}.start`]} />
            <Field name={`experience.${i}.end`} label={t("to")} type="date" defaultValue={v[`experience.${i}.end`]} error={e[`experience.${i}.end`]} />
          </fieldset>
        ))}
        {jobRows < MAX_JOBS ? (
          <p>
            <button type="submit" name="intent" value="add-job" className="secondary" onClick={add("job")}>
              {t("addJob")}
            </button>
          </p>
        ) : null}
        <fieldset>
          <legend>{t("offer")}</legend>
          <div className="field choices-inline">
            <Choice type="radio" id="f-offer-yes" name="offer.has" value="yes" defaultChecked={v["offer.has"] !== "no"} label={t("offer.yes")} onChange={() => setHasOffer(true)} />
            <Choice type="radio" id="f-offer-no" name="offer.has" value="no" defaultChecked={v["offer.has"] === "no"} label={t("offer.no")} onChange={() => setHasOffer(false)} />
          </div>
          {/* Without JavaScript the fields stay visible; the server ignores them when the answer is "No offer yet". */}
          <div hidden={hydrated && !hasOffer} data-testid="offer-fields">
            <Field name="offer.employer" label={t("employer")} defaultValue={v["offer.employer"]} error={e["offer.employer"]} />
            <SelectField
              name="offer.industry"
              label={t("industry")}
              options={[...industries.map((i) => ({ value: i.value, label: i[locale] })), { value: "other", label: t("industryOther") }]}
              defaultValue={v["offer.industry"]}
              error={e["offer.industry"]}
            />
            <Field name="offer.annualSalaryKrw" label={t("salary")} inputMode="numeric" hint={t("salaryHint")} defaultValue={v["offer.annualSalaryKrw"]} error={e["offer.annualSalaryKrw"]} />
          </div>
        </fieldset>
        <SelectField
          name="koreanLevel"
          label={t("korean")}
          options={[0, 1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: n === 0 ? t("korean.0") : t("korean.n", { n }) }))}
          defaultValue={v.koreanLevel}
          error={e.koreanLevel}
        />
        <fieldset>
          <legend>{t("f27")}</legend>
          <SelectField name="stayStatus" label={t("stay")} hint={t("stayHint")} options={[{ value: "abroad", label: t("abroad") }, ...STAYS.map((s) => ({ value: s, label: s }))]} defaultValue={v.stayStatus} error={e.stayStatus} />
          <Field name="declaredIncomeKrw" label={t("income")} inputMode="numeric" hint={t("incomeHint")} defaultValue={v.declaredIncomeKrw} error={e.declaredIncomeKrw} />
        </fieldset>
        <button type="submit">{t("submit")}</button>
      </Form>
    </section>
  );
}
