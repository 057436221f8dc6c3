import { Link } from "@remix-run/react";
import { defineMessages, isLocale, translator, type Catalog, type Locale } from "../../models/i18n";
import { useT } from "../i18n";

/** Words several back-office pages share: screening outcomes, criterion results, roles, the back-office menu. */
export const officerCommon = defineMessages(
  {
    outcome_eligible: "eligible",
    outcome_not_eligible: "not eligible",
    outcome_needs_review: "needs review",
    criterion_met: "met",
    criterion_not_met: "not met",
    criterion_needs_review: "needs review",
    notScreened: "not screened",
    role_officer: "officer",
    role_senior_officer: "senior officer",
    menu: "Back office",
    queue: "Review queue",
    search: "Search",
    stats: "Statistics",
    templates: "Decision templates",
    audit: "Audit trail",
  },
  {
    outcome_eligible: "요건 충족",
    outcome_not_eligible: "요건 미충족",
    outcome_needs_review: "확인 필요",
    criterion_met: "충족",
    criterion_not_met: "미충족",
    criterion_needs_review: "확인 필요",
    notScreened: "심사 전",
    role_officer: "심사관",
    role_senior_officer: "선임 심사관",
    menu: "심사 업무",
    queue: "심사 대기열",
    search: "사건 검색",
    stats: "통계",
    templates: "결정 사유 서식",
    audit: "감사 기록",
  },
);

export type OfficerCommonKey = keyof typeof officerCommon.en;

/** The back-office menu: every officer page links the others (senior officers see their own pages too). */
export function BackOfficeNav({ senior, current }: { senior: boolean; current?: "queue" | "search" | "stats" | "templates" | "audit" }) {
  const { t } = useT(officerCommon);
  const pages = (["queue", "search", ...(senior ? (["stats", "templates", "audit"] as const) : [])] as const).filter((p) => p !== current);
  const to = { queue: "/officer", search: "/officer/search", stats: "/officer/stats", templates: "/officer/templates", audit: "/officer/audit" } as const;
  return (
    <nav aria-label={t("menu")}>
      {pages.map((p, i) => (
        <span key={p}>
          {i > 0 ? " · " : null}
          <Link to={to[p]}>{t(p)}</Link>
        </span>
      ))}
    </nav>
  );
}

/** The page's language in a `meta` function (the root loader decided it). */
export function metaLocale(matches: readonly { id: string; data?: unknown }[]): Locale {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return isLocale(locale) ? locale : "en";
}

/** A page title from a catalogue entry, in the page's language. */
export function metaTitle<K extends string>(matches: readonly { id: string; data?: unknown }[], catalog: Catalog<K>, key: K, prefix?: string): { title: string }[] {
  const title = translator(metaLocale(matches), catalog)(key);
  return [{ title: `${prefix ? `${prefix} · ` : ""}${title} · TopTier` }];
}
