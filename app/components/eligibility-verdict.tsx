import { Link } from "@remix-run/react";
import type { CriterionResult, EligibilityResult, Status } from "../../models/eligibility/schema";
import { defineMessages, formatKrw, translator, type Locale } from "../../models/i18n";
import { AppliedBasis } from "./eligibility-basis";

/**
 * Issue 11 item 4: the self-check's result as a plain verdict panel. The engine's
 * result is unchanged; this reads it for a person: the verdict (likely eligible,
 * not yet, needs review), one sentence per requirement, what to do next, the other
 * visas ranked, and the engine's full working collapsed under "How this was worked out".
 */
export const verdictText = defineMessages(
  {
    result: "Result",
    "verdict.eligible": "Likely eligible",
    "verdict.not_eligible": "Not yet eligible",
    "verdict.needs_review": "Needs review",
    "outcome.eligible": "You appear to meet the Top-Tier visa criteria.",
    "outcome.not_eligible": "You do not meet the Top-Tier visa criteria on these answers.",
    "outcome.needs_review": "An officer would need to check part of this.",
    why: "Why",
    "status.met": "Met",
    "status.not_met": "Not met",
    "status.needs_review": "To be checked",
    "status.waived": "Not needed",
    next: "What to do next",
    "next.eligible": "Create an account and start your application. Have your degree certificates, proof of each job and the offer letter ready.",
    "next.eligibleLink": "Create an account to apply",
    "next.not_eligible": "The requirements marked “Not met” say what is missing. If your offer or your experience changes, check again with the new answers; otherwise look at the other visas below.",
    "next.needs_review": "You can apply: an officer will check {items}. Keep the documents that show it ready.",
    "next.needs_reviewNone": "You can apply: an officer will check the answers marked “To be checked”.",
    alternatives: "Other visas to consider, best match first",
    "alt.eligible": "Likely eligible",
    "alt.not_eligible": "Not eligible",
    "alt.needs_review": "Needs review",
    "alt.recommended": "Suggested",
    details: "How this was worked out",
    ruleset: "Rules applied: {title} ({id}), assessed on {date}.",
    guidance: "This is guidance, not a visa decision. Nothing you entered is stored.",
    "income.met": "Your salary of {salary} is at least {m} times GNI per capita ({threshold}).",
    "income.not_met": "Your salary of {salary} is {short} below {m} times GNI per capita ({threshold}).",
    "experience.met": "You have {years} years of work experience; {required} are needed.",
    "experience.not_met": "You have {years} years of work experience; {required} are needed.",
    "experience.subset": "Of those, {subsetYears} years are at a listed organisation; {subsetRequired} are needed.",
    "postdoc.met": "You have {years} years of post-doctoral research; {required} are needed.",
    "postdoc.not_met": "You have {years} years of post-doctoral research; {required} are needed.",
    "degree.met": "Your {level} from {institution} counts.",
    "degree.not_met": "None of the degrees you entered is at the level needed from a listed university.",
    "industry.met": "The job is in an advanced industry ({industry}).",
    "industry.not_met": "The job's industry is not on the advanced-industry list.",
    "offer.met": "You have a job offer.",
    "offer.not_met": "A job offer from a Korean company is needed.",
    "anyOf.not_met": "None of these is met: {options}.",
    or: " or ",
  },
  {
    result: "결과",
    "verdict.eligible": "요건 충족 가능성 높음",
    "verdict.not_eligible": "아직 요건 미충족",
    "verdict.needs_review": "확인 필요",
    "outcome.eligible": "최우수인재 비자 요건을 충족하는 것으로 보입니다.",
    "outcome.not_eligible": "입력한 내용으로는 최우수인재 비자 요건을 충족하지 않습니다.",
    "outcome.needs_review": "일부 항목은 심사관의 확인이 필요합니다.",
    why: "판단 근거",
    "status.met": "충족",
    "status.not_met": "미충족",
    "status.needs_review": "확인 필요",
    "status.waived": "면제",
    next: "다음 할 일",
    "next.eligible": "계정을 만들고 신청을 시작하세요. 학위증명서, 경력마다 증빙 서류, 고용 제안서를 준비해 두세요.",
    "next.eligibleLink": "계정을 만들고 신청하기",
    "next.not_eligible": "“미충족” 항목에 부족한 점이 적혀 있습니다. 고용 제안이나 경력이 바뀌면 새 내용으로 다시 확인하고, 그렇지 않으면 아래에 이어지는 비자들을 살펴보세요.",
    "next.needs_review": "신청할 수 있습니다. 심사관이 {items} 항목을 확인합니다. 이를 보여 주는 서류를 준비해 두세요.",
    "next.needs_reviewNone": "신청할 수 있습니다. “확인 필요” 항목은 심사관이 확인합니다.",
    alternatives: "검토해 볼 다른 비자 (적합한 순)",
    "alt.eligible": "충족 가능성 높음",
    "alt.not_eligible": "해당 없음",
    "alt.needs_review": "확인 필요",
    "alt.recommended": "추천",
    details: "판단 과정 자세히 보기",
    ruleset: "적용 기준: {title} ({id}), 기준일 {date}.",
    guidance: "이 결과는 참고용이며 비자 결정이 아닙니다. 입력한 내용은 저장되지 않습니다.",
    "income.met": "연봉 {salary}이 1인당 GNI의 {m}배({threshold}) 이상입니다.",
    "income.not_met": "연봉 {salary}은 1인당 GNI의 {m}배({threshold})보다 {short} 적습니다.",
    "experience.met": "경력이 {years}년입니다. {required}년이 필요합니다.",
    "experience.not_met": "경력이 {years}년입니다. {required}년이 필요합니다.",
    "experience.subset": "그중 목록에 있는 기관에서 일한 기간은 {subsetYears}년이며, {subsetRequired}년이 필요합니다.",
    "postdoc.met": "박사후 연구 기간이 {years}년입니다. {required}년이 필요합니다.",
    "postdoc.not_met": "박사후 연구 기간이 {years}년입니다. {required}년이 필요합니다.",
    "degree.met": "{institution} {level} 학위가 인정됩니다.",
    "degree.not_met": "입력한 학위 중 목록에 있는 대학의 필요한 수준 학위가 없습니다.",
    "industry.met": "직무가 첨단산업({industry}) 분야입니다.",
    "industry.not_met": "직무의 산업 분야가 첨단산업 목록에 없습니다.",
    "offer.met": "고용 제안을 받았습니다.",
    "offer.not_met": "한국 기업의 고용 제안이 필요합니다.",
    "anyOf.not_met": "다음 중 충족한 것이 없습니다: {options}.",
    or: " 또는 ",
  },
);
type Key = keyof (typeof verdictText)["en"];

const levelName: Record<string, { en: string; ko: string }> = {
  phd: { en: "doctorate", ko: "박사" },
  master: { en: "master's degree", ko: "석사" },
  bachelor: { en: "bachelor's degree", ko: "학사" },
  associate: { en: "associate degree", ko: "전문학사" },
};

/** One row of "Why": a requirement a person recognises, with its status and one sentence. */
export type Reason = { id: string; title: string; status: Status | "waived"; sentence: string };

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const years = (locale: Locale, n: number) => new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-GB", { maximumFractionDigits: 1 }).format(Math.floor(n * 10) / 10);

/** The engine's detail cut to its first sentence (its fallback when there is no plain wording). */
function firstSentence(detail: string): string {
  const cut = detail.split(/(?<=[.。])\s|;\s/)[0] ?? detail;
  return /[.。]$/.test(cut) ? cut : `${cut}.`;
}

/** A plain sentence for a leaf requirement, from the engine's facts; the engine's own wording otherwise. */
export function plainSentence(c: CriterionResult, locale: Locale, industryName: (id: string) => string): string {
  const t = translator(locale, verdictText);
  const f = c.facts;
  const detail = locale === "ko" ? c.detailKo : c.detail;
  if (c.status === "needs_review") return firstSentence(detail);
  const ok = c.status === "met" ? "met" : "not_met";
  switch (c.type) {
    case "income_multiple_of_gni": {
      const salary = num(f.salaryKrw);
      const threshold = num(f.thresholdKrw);
      if (salary === undefined || threshold === undefined) break;
      return t(`income.${ok}`, { salary: formatKrw(locale, salary), threshold: formatKrw(locale, threshold), short: formatKrw(locale, Math.max(0, threshold - salary)), m: String(f.multiple ?? "") });
    }
    case "experience":
    case "postdoc_experience": {
      const y = num(f.years);
      const req = num(f.requiredYears);
      if (y === undefined || req === undefined) break;
      const base = t(`${c.type === "experience" ? "experience" : "postdoc"}.${ok}`, { years: years(locale, y), required: years(locale, req) });
      const sub = f.subset as { years?: unknown; requiredYears?: unknown } | undefined;
      const sy = num(sub?.years);
      const sr = num(sub?.requiredYears);
      // The listed-organisation part only when the total is there but the part is short (else it adds nothing).
      if (sub && sy !== undefined && sr !== undefined && y >= req && sy < sr) return `${base} ${t("experience.subset", { subsetYears: years(locale, sy), subsetRequired: years(locale, sr) })}`;
      return base;
    }
    case "degree": {
      if (ok === "not_met") return t("degree.not_met");
      const d = (Array.isArray(f.degrees) ? (f.degrees as { level?: string; institution?: string; status?: string }[]) : []).find((x) => x.status === "met");
      if (!d?.institution || !d.level) break;
      return t("degree.met", { level: levelName[d.level]?.[locale] ?? d.level, institution: d.institution });
    }
    case "advanced_industry":
      if (ok === "met" && typeof f.industry === "string") return t("industry.met", { industry: industryName(f.industry) });
      if (ok === "not_met") return t("industry.not_met");
      break;
    case "job_offer":
      return t(`offer.${ok}`);
  }
  return firstSentence(detail);
}

/**
 * The requirements to show, walking the rule tree from the top: "all of" and
 * waivers show their parts; "any of" shows as one row (met by its first met
 * option); a waiver's condition shows only when it applied.
 */
export function reasonsOf(result: EligibilityResult, locale: Locale, industryName: (id: string) => string): Reason[] {
  const t = translator(locale, verdictText);
  const all = result.criteria;
  const childrenOf = (id: string) => all.filter((c) => c.parent === id);
  const title = (c: CriterionResult) => c.title?.[locale] ?? c.id;
  const out: Reason[] = [];
  const row = (c: CriterionResult, sentence: string) => out.push({ id: c.id, title: title(c), status: c.waivedBy ? "waived" : c.status, sentence });
  const visit = (c: CriterionResult) => {
    const kids = childrenOf(c.id);
    if ((c.type === "all_of" || c.type === "waiver") && kids.length) {
      const condition = c.type === "waiver" ? c.facts.condition : undefined;
      for (const k of kids) if (k.id !== condition || c.facts.waiverApplied === true) visit(k);
      return;
    }
    if ((c.type === "any_of" || c.type === "at_least") && kids.length) {
      const pick = kids.find((k) => k.status === c.status) ?? kids[0]!;
      if (c.status === "not_met") row(c, t("anyOf.not_met", { options: kids.map(title).join(t("or")) }));
      else row(c, plainSentence(pick, locale, industryName));
      return;
    }
    row(c, plainSentence(c, locale, industryName));
  };
  const root = all.find((c) => !c.parent);
  if (root) visit(root);
  return out;
}

/** An alternative's summary without the title it starts with (the title and its tag are shown just before it). */
export function altSummary(summary: string, title: string): string {
  const at = summary.indexOf(`${title}:`);
  if (at < 0 || at > 12) return summary;
  const rest = summary.slice(at + title.length + 1).trim();
  return rest || summary;
}

const outcomeRank = { eligible: 0, needs_review: 1, not_eligible: 2 } as const;
const statusMark: Record<Reason["status"], string> = { met: "✓", not_met: "✗", needs_review: "?", waived: "–" };

function depthOf(c: CriterionResult, all: CriterionResult[]): number {
  let d = 0;
  let p = c.parent;
  while (p) {
    d++;
    p = all.find((x) => x.id === p)?.parent;
  }
  return d;
}

export function VerdictPanel({ result, locale, industryName }: { result: EligibilityResult; locale: Locale; industryName: (id: string) => string }) {
  const t = translator(locale, verdictText);
  const reasons = reasonsOf(result, locale, industryName);
  const toCheck = reasons.filter((r) => r.status === "needs_review").map((r) => r.title);
  const alternatives = [...result.alternatives].sort((a, b) => Number(b.recommended) - Number(a.recommended) || outcomeRank[a.outcome] - outcomeRank[b.outcome] || (b.score ?? 0) - (a.score ?? 0));
  const statusText = (s: Reason["status"]) => t(`status.${s}` as Key);
  return (
    <section aria-labelledby="result" className={`verdict verdict-${result.outcome}`} tabIndex={-1} data-testid="verdict">
      <h2 id="result">{t("result")}</h2>
      <p className="verdict-headline">
        <span className={`tag tag-${result.outcome}`}>{t(`verdict.${result.outcome}`)}</span> <strong>{t(`outcome.${result.outcome}`)}</strong>
      </p>
      <h3>{t("why")}</h3>
      <ul className="verdict-reasons">
        {reasons.map((r) => (
          <li key={r.id} className={r.status}>
            <span className="verdict-mark" aria-hidden="true">
              {statusMark[r.status]}
            </span>
            <span>
              <strong>{r.title}</strong> <span className={`tag tag-${r.status}`}>{statusText(r.status)}</span>
              <br />
              {r.sentence}
            </span>
          </li>
        ))}
      </ul>
      <h3>{t("next")}</h3>
      {result.outcome === "eligible" ? (
        <p>
          {t("next.eligible")} <Link to="/signup">{t("next.eligibleLink")}</Link>
        </p>
      ) : result.outcome === "needs_review" ? (
        <p>{toCheck.length ? t("next.needs_review", { items: toCheck.map((x) => `“${x}”`).join(", ") }) : t("next.needs_reviewNone")}</p>
      ) : (
        <p>{t("next.not_eligible")}</p>
      )}
      {alternatives.length > 0 ? (
        <>
          <h3>{t("alternatives")}</h3>
          <ol className="verdict-alternatives">
            {alternatives.map((a) => (
              <li key={a.ruleset}>
                <strong>{a.title[locale]}</strong> <span className={`tag tag-${a.outcome}`}>{t(`alt.${a.outcome}`)}</span>
                {a.recommended ? <span className="tag tag-recommended">{t("alt.recommended")}</span> : null}
                <br />
                {altSummary(locale === "ko" ? a.summaryKo : a.summary, a.title[locale])}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <details className="verdict-details">
        <summary>{t("details")}</summary>
        <p className="hint">{t("ruleset", { title: result.title[locale], id: result.ruleset, date: result.asOf })}</p>
        <AppliedBasis applied={result.applied} lang={locale} />
        <ul className="criteria">
          {result.criteria.map((c) => (
            <li key={c.id} className={`detail-${c.status}`} style={{ marginLeft: `${depthOf(c, result.criteria) * 1.25}rem` }}>
              <strong>{c.title?.[locale] ?? c.id}</strong> ({t(`status.${c.status}`)}): {locale === "ko" ? c.detailKo : c.detail}
            </li>
          ))}
        </ul>
      </details>
      <p className="hint">{t("guidance")}</p>
    </section>
  );
}
