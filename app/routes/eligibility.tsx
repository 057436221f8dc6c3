import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { eligibilityInputSchema, evaluate, shippedReference, todayIso, type EligibilityResult } from "../../models/eligibility/index";
import { fieldErrors } from "../../models/dossier";
import { loadPolicy } from "../../models/policy";
import { AppliedBasis } from "../components/eligibility-basis";
import { clientKey, consumeLimit } from "../rate-limit.server";
import { Choice, ErrorSummary, Field, SelectField, fieldId } from "../ui";

const DEGREE_ROWS = 2;
/** Statuses of stay offered in the self-check (the F-2-7 rule set decides which qualify). */
const STAY_OPTIONS = [
  { value: "abroad", label: "I am abroad (no status in Korea)" },
  ...["E-1", "E-2", "E-3", "E-4", "E-5", "E-6-1", "E-6-2", "E-6-3", "E-7-1", "E-7-2", "E-7-3", "E-7-4", "E-9", "D-2", "D-4", "D-5", "D-6", "D-7", "D-8", "D-9", "D-10", "F-4", "F-6", "H-2"].map(
    (s) => ({ value: s, label: s }),
  ),
];
const JOB_ROWS = 4;

export async function loader({ context }: LoaderFunctionArgs) {
  const policy = await loadPolicy(context.services.database.db);
  const list = (policy.reference ?? shippedReference()).industries;
  // Listed sectors first; sectors named as not listed (quantum, aerospace) can be chosen too, and the result says why they do not count.
  const industries = [...list.industries, ...(list.notListed ?? [])].map((i) => ({ value: i.id, label: i.en, ko: i.ko }));
  return { industries };
}

/** The form's flat fields as the engine's input; empty rows are left out. */
function inputFromForm(form: FormData) {
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/[,\s₩]/g, "")));
  const degrees = [];
  for (let i = 0; i < DEGREE_ROWS; i++) {
    const row = { level: s(`degrees.${i}.level`), field: s(`degrees.${i}.field`), institution: s(`degrees.${i}.institution`), country: s(`degrees.${i}.country`), awarded: s(`degrees.${i}.awarded`) };
    if (Object.values(row).some(Boolean)) degrees.push(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));
  }
  const experience = [];
  for (let i = 0; i < JOB_ROWS; i++) {
    const row = { organization: s(`experience.${i}.organization`), kind: s(`experience.${i}.kind`), start: s(`experience.${i}.start`), end: s(`experience.${i}.end`) };
    if (Object.values(row).some(Boolean)) {
      experience.push({ ...Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)), end: row.end ?? null, postdoc: form.get(`experience.${i}.postdoc`) === "yes" });
    }
  }
  const hasOffer = form.get("offer.has") === "yes";
  return {
    birthDate: s("birthDate"),
    degrees,
    experience,
    offer: hasOffer ? { employer: s("offer.employer"), industry: s("offer.industry"), annualSalaryKrw: num(s("offer.annualSalaryKrw")) } : null,
    ...(s("koreanLevel") !== undefined ? { koreanLevel: num(s("koreanLevel")) } : {}),
    ...(s("stayStatus") !== undefined ? { stayStatus: s("stayStatus") } : {}),
    ...(s("declaredIncomeKrw") !== undefined ? { declaredIncomeKrw: num(s("declaredIncomeKrw")) } : {}),
  };
}

/** A2: the public self-check. No account, nothing stored; rate-limited per client. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const rl = await consumeLimit(context, "eligibilityPage", clientKey(context));
  if (!rl.ok) return data({ result: null, error: `Too many checks from your connection. Try again in ${rl.retryAfterSeconds} seconds.`, fieldErrors: {}, values }, { status: 429 });
  const parsed = eligibilityInputSchema.safeParse(inputFromForm(form));
  if (!parsed.success) return data({ result: null, error: "Some answers need correcting.", fieldErrors: fieldErrors(parsed.error), values }, { status: 400 });
  const policy = await loadPolicy(context.services.database.db);
  const result = evaluate(parsed.data, { catalog: policy.catalog, reference: policy.reference, asOf: todayIso() });
  return { result, error: undefined, fieldErrors: {} as Record<string, string>, values };
}

export const meta: MetaFunction = () => [{ title: "Check your eligibility · TopTier" }];

const outcomeText = {
  en: { eligible: "You appear to meet the Top-Tier visa criteria.", not_eligible: "You do not meet the Top-Tier visa criteria on these answers.", needs_review: "An officer would need to check part of this." },
  ko: { eligible: "최우수인재 비자 요건을 충족하는 것으로 보입니다.", not_eligible: "입력한 내용으로는 최우수인재 비자 요건을 충족하지 않습니다.", needs_review: "일부 항목은 심사관의 확인이 필요합니다." },
} as const;
const statusText = { en: { met: "Met", not_met: "Not met", needs_review: "Needs review" }, ko: { met: "충족", not_met: "미충족", needs_review: "확인 필요" } } as const;

function depthOf(c: EligibilityResult["criteria"][number], all: EligibilityResult["criteria"]): number {
  let d = 0;
  let p = c.parent;
  while (p) {
    d++;
    p = all.find((x) => x.id === p)?.parent;
  }
  return d;
}

function Result({ result, lang }: { result: EligibilityResult; lang: "en" | "ko" }) {
  return (
    <section aria-labelledby="result" className="notice" tabIndex={-1}>
      <h2 id="result">{lang === "ko" ? "결과" : "Result"}</h2>
      <p>
        <strong>{outcomeText[lang][result.outcome]}</strong>
      </p>
      <p className="hint">
        {lang === "ko" ? "적용 규칙" : "Rule set"}: <code>{result.ruleset}</code> · {lang === "ko" ? "기준일" : "assessed on"} {result.asOf}
      </p>
      <AppliedBasis applied={result.applied} lang={lang} />
      <ul className="criteria">
        {result.criteria.map((c) => (
          <li key={c.id} className={c.status} style={{ marginLeft: `${depthOf(c, result.criteria) * 1.25}rem` }}>
            <strong>{c.title?.[lang] ?? c.id}</strong> ({statusText[lang][c.status]}): {lang === "ko" ? c.detailKo : c.detail}
          </li>
        ))}
      </ul>
      {result.alternatives.length > 0 ? (
        <>
          <h3>{lang === "ko" ? "다른 비자" : "Other visas to consider"}</h3>
          <ul>
            {result.alternatives.map((a) => (
              <li key={a.ruleset}>
                <strong>{a.title[lang]}</strong>
                {a.recommended ? (lang === "ko" ? " (추천)" : " (suggested)") : ""}: {lang === "ko" ? a.summaryKo : a.summary}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="hint">
        {lang === "ko"
          ? "이 결과는 참고용이며 비자 결정이 아닙니다. 입력한 내용은 저장되지 않습니다."
          : "This is guidance, not a visa decision. Nothing you entered is stored."}
      </p>
    </section>
  );
}

export default function EligibilityCheck() {
  const { industries } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = params.get("lang") === "ko" ? "ko" : "en";
  const v = (r?.values ?? {}) as Record<string, string | undefined>;
  const e = (r?.fieldErrors ?? {}) as Record<string, string>;
  const errFor = (prefix: string) => Object.entries(e).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  return (
    <section>
      <h1>Check your eligibility for the Top-Tier visa</h1>
      <p>
        No account needed. Answer what you know; each criterion is explained, and other visas are suggested when you fall short.{" "}
        <Link to={lang === "ko" ? "?lang=en" : "?lang=ko"} lang={lang === "ko" ? "en" : "ko"}>
          {lang === "ko" ? "Explanations in English" : "한국어로 설명 보기"}
        </Link>
      </p>
      <ErrorSummary error={r?.error} fieldErrors={e} />
      {r?.result ? <Result result={r.result} lang={lang} /> : null}
      <Form method="post" noValidate>
        <Field name="birthDate" label="Date of birth" type="date" defaultValue={v.birthDate} error={e.birthDate} />
        {Array.from({ length: DEGREE_ROWS }, (_, i) => (
          <fieldset key={`d${i}`}>
            <legend>{i === 0 ? "Highest degree" : "Another degree (optional)"}</legend>
            <SelectField
              name={`degrees.${i}.level`}
              label="Level"
              options={[
                { value: "phd", label: "Doctorate (PhD)" },
                { value: "master", label: "Master's" },
                { value: "bachelor", label: "Bachelor's" },
                { value: "associate", label: "Associate" },
              ]}
              defaultValue={v[`degrees.${i}.level`]}
              error={errFor(`degrees.${i}.level`)}
            />
            <Field name={`degrees.${i}.field`} label="Field of study" defaultValue={v[`degrees.${i}.field`]} error={errFor(`degrees.${i}.field`)} />
            <Field name={`degrees.${i}.institution`} label="University" defaultValue={v[`degrees.${i}.institution`]} error={errFor(`degrees.${i}.institution`)} />
            <Field name={`degrees.${i}.country`} label="Country (optional)" defaultValue={v[`degrees.${i}.country`]} error={errFor(`degrees.${i}.country`)} />
            <Field name={`degrees.${i}.awarded`} label="Date awarded" type="date" defaultValue={v[`degrees.${i}.awarded`]} error={errFor(`degrees.${i}.awarded`)} />
          </fieldset>
        ))}
        {Array.from({ length: JOB_ROWS }, (_, i) => (
          <fieldset key={`x${i}`}>
            <legend>{`Work or research position ${i + 1}${i === 0 ? "" : " (optional)"}`}</legend>
            <Field name={`experience.${i}.organization`} label="Organisation" defaultValue={v[`experience.${i}.organization`]} error={errFor(`experience.${i}.organization`)} />
            <SelectField
              name={`experience.${i}.kind`}
              label="Kind of organisation"
              options={[
                { value: "company", label: "Company" },
                { value: "research_institute", label: "Research institute" },
                { value: "university", label: "University" },
                { value: "other", label: "Other" },
              ]}
              defaultValue={v[`experience.${i}.kind`]}
              error={errFor(`experience.${i}.kind`)}
            />
            <div className="field">
              <Choice type="checkbox" id={fieldId(`experience.${i}.postdoc`)} name={`experience.${i}.postdoc`} value="yes" defaultChecked={v[`experience.${i}.postdoc`] === "yes"} label="Post-doctoral research position" />
            </div>
            <Field name={`experience.${i}.start`} label="From" type="date" defaultValue={v[`experience.${i}.start`]} error={errFor(`experience.${i}.start`)} />
            <Field name={`experience.${i}.end`} label="To (leave empty if you still work there)" type="date" defaultValue={v[`experience.${i}.end`]} error={errFor(`experience.${i}.end`)} />
          </fieldset>
        ))}
        <fieldset>
          <legend>Job offer from a Korean company</legend>
          <div className="field choices-inline">
            <Choice type="radio" id="f-offer-yes" name="offer.has" value="yes" defaultChecked={v["offer.has"] !== "no"} label="I have an offer" />
            <Choice type="radio" id="f-offer-no" name="offer.has" value="no" defaultChecked={v["offer.has"] === "no"} label="No offer yet" />
          </div>
          <Field name="offer.employer" label="Employer" defaultValue={v["offer.employer"]} error={errFor("offer.employer")} />
          <SelectField
            name="offer.industry"
            label="Industry of the job"
            options={[...industries.map((i) => ({ value: i.value, label: `${i.label} · ${i.ko}` })), { value: "other", label: "Another industry" }]}
            defaultValue={v["offer.industry"]}
            error={errFor("offer.industry")}
          />
          <Field name="offer.annualSalaryKrw" label="Annual salary in Korean won" inputMode="numeric" hint="e.g. 160000000" defaultValue={v["offer.annualSalaryKrw"]} error={errFor("offer.annualSalaryKrw")} />
        </fieldset>
        <SelectField
          name="koreanLevel"
          label="Korean language level (TOPIK or KIIP, optional)"
          options={[0, 1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: n === 0 ? "None" : `Level ${n}` }))}
          defaultValue={v.koreanLevel}
          error={e.koreanLevel}
        />
        <fieldset>
          <legend>For the points-based residence visa (F-2-7, optional)</legend>
          <SelectField
            name="stayStatus"
            label="Your current status of stay in Korea"
            hint="F-2-7 is only for people already in Korea on an E-1 to E-7-1 or D-5 to D-9 status."
            options={STAY_OPTIONS}
            defaultValue={v.stayStatus}
            error={e.stayStatus}
          />
          <Field
            name="declaredIncomeKrw"
            label="Income on your latest tax-office income certificate, in won"
            inputMode="numeric"
            hint="F-2-7 points use this income, not the offered salary. e.g. 62000000"
            defaultValue={v.declaredIncomeKrw}
            error={e.declaredIncomeKrw}
          />
        </fieldset>
        <button type="submit">Check eligibility</button>
      </Form>
    </section>
  );
}
