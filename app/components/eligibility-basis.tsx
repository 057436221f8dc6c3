import type { AppliedBasis as Basis } from "../../models/eligibility/schema";

/**
 * Issue 14: which yearly figures and list editions a result applied (GNI year
 * and period, wage floor, ranking and company lists, the industry list), shown
 * beside the result in the self-check and the officer's screening panel.
 * Results stored before issue 14 have no `applied`: nothing is shown.
 */
const text = {
  en: {
    title: "Figures and lists applied",
    gni: "GNI per capita: {year} figure, KRW {amount} ({period})",
    floor: "Wage floor ({series}): KRW {amount} ({period})",
    lists: "Lists: {lists}",
    industries: "Advanced industries: {edition}",
    period: "applies {from} to {to}",
    periodOpen: "applies from {from}",
    approximate: "approximate",
    unverified: "unverified",
  },
  ko: {
    title: "적용한 기준 수치와 목록",
    gni: "1인당 GNI: {year}년 수치 {amount}원 ({period})",
    floor: "임금 기준({series}): {amount}원 ({period})",
    lists: "목록: {lists}",
    industries: "첨단산업: {edition}",
    period: "{from}~{to} 적용",
    periodOpen: "{from}부터 적용",
    approximate: "근사치",
    unverified: "미확인",
  },
} as const;

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ""));
const won = (n: number) => new Intl.NumberFormat("en-US").format(n);

export function AppliedBasis({ applied, lang }: { applied: Basis | undefined; lang: "en" | "ko" }) {
  if (!applied) return null;
  const t = text[lang];
  const period = (from: string, to: string | null) => (to ? fill(t.period, { from, to }) : fill(t.periodOpen, { from }));
  const flag = (status: string) => (status === "approximate" ? `, ${t.approximate}` : status === "unverified" ? `, ${t.unverified}` : "");
  const rows: string[] = [
    ...applied.gni.map((g) => fill(t.gni, { year: g.year, amount: won(g.amountKrw), period: period(g.appliesFrom, g.appliesTo) + flag(g.status) })),
    ...applied.wageFloors.map((f) => fill(t.floor, { series: f.series.toUpperCase(), amount: won(f.amountKrw), period: period(f.appliesFrom, f.appliesTo) + flag(f.status) })),
    ...(applied.lists.length ? [fill(t.lists, { lists: [...new Set(applied.lists.map((l) => l.edition))].join("; ") })] : []),
    ...(applied.industries ? [fill(t.industries, { edition: applied.industries.edition })] : []),
  ];
  if (rows.length === 0) return null;
  return (
    <div className="applied-basis">
      <p className="hint">
        <strong>{t.title}</strong>
      </p>
      <ul className="hint" data-testid="applied-basis">
        {rows.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
