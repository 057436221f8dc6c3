import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
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
    seniorOnlyTitle: "For senior officers",
    seniorOnlyBody: "This page is open to senior officers only. Your account is an officer's: the review queue and the search are yours; ask a senior officer if you need these figures or records.",
    goQueue: "Go to the review queue",
    pageError: "This page could not be shown",
    pageErrorBody: "Try again in a moment, or go back to the queue.",
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
    seniorOnlyTitle: "선임 심사관 전용 화면",
    seniorOnlyBody: "이 화면은 선임 심사관만 볼 수 있습니다. 심사관 계정으로는 심사 대기열과 사건 검색을 이용할 수 있습니다. 이 자료가 필요하면 선임 심사관에게 요청하세요.",
    goQueue: "심사 대기열로 가기",
    pageError: "화면을 표시할 수 없습니다",
    pageErrorBody: "잠시 후 다시 시도하거나 대기열로 돌아가세요.",
  },
);

export type OfficerCommonKey = keyof typeof officerCommon.en;

type BackOfficePage = "queue" | "search" | "stats" | "templates" | "audit";
const pagePaths: Record<BackOfficePage, string> = { queue: "/officer", search: "/officer/search", stats: "/officer/stats", templates: "/officer/templates", audit: "/officer/audit" };

/**
 * The back-office navigation bar (issue 11 item 9): every page the officer may
 * open, the current one marked (`aria-current`), senior officers' pages only for
 * them. Without `senior`, the role comes from the root loader (the signed-in user).
 */
export function BackOfficeNav({ senior, current }: { senior?: boolean; current?: BackOfficePage }) {
  const { t } = useT(officerCommon);
  const root = useRouteLoaderData<{ user?: { role?: string } | null }>("root");
  const isSenior = senior ?? root?.user?.role === "senior_officer";
  const pages: BackOfficePage[] = ["queue", "search", ...(isSenior ? (["stats", "templates", "audit"] as const) : [])];
  return (
    <nav aria-label={t("menu")} className="backoffice-nav">
      <ul>
        {pages.map((p) => (
          <li key={p}>
            <Link to={pagePaths[p]} aria-current={p === current ? "page" : undefined}>
              {t(p)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The error page of a back-office route: a plain officer who opens a senior
 * officer's page (403) is told so, in their language, with the navigation bar
 * and a way back to the queue, instead of a bare error.
 */
export function BackOfficeErrorBoundary() {
  const error = useRouteError();
  const { t } = useT(officerCommon);
  const root = useRouteLoaderData<{ user?: { role?: string } | null }>("root");
  // Only an officer is told the page is a senior officer's; anyone else gets the plain error page.
  const forbidden = isRouteErrorResponse(error) && error.status === 403 && root?.user?.role === "officer";
  return (
    <section data-testid={forbidden ? "senior-only" : "page-error"}>
      <BackOfficeNav />
      <h1>{forbidden ? t("seniorOnlyTitle") : t("pageError")}</h1>
      <p>{forbidden ? t("seniorOnlyBody") : t("pageErrorBody")}</p>
      <p>
        <Link to="/officer" className="button">
          {t("goQueue")}
        </Link>
      </p>
    </section>
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
