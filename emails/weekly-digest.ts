import { renderEmail, type Locale, type RenderedEmail } from "./layout";

/** E5: the week at a glance for an employer admin. */
export interface WeeklyDigestProps {
  name: string;
  organizationName: string;
  /** Open cases by who acts next. */
  waitingForYou: number;
  inProgress: number;
  decidedThisWeek: number;
  /** Upcoming deadlines, already formatted for the reader ("TT-2026-000042 Ada Lovelace: evidence due 12 December 2026"). */
  deadlines: string[];
  url: string;
}

export const previewProps: WeeklyDigestProps = {
  name: "Kim Minji",
  organizationName: "Hanbit AI Labs",
  waitingForYou: 1,
  inProgress: 3,
  decidedThisWeek: 1,
  deadlines: ["TT-2026-000042 Ada Lovelace: evidence due 12 December 2026"],
  url: "http://localhost:3000/employer",
};

export function weeklyDigest(p: WeeklyDigestProps, locale: Locale): RenderedEmail {
  if (locale === "ko") {
    return renderEmail(
      locale,
      `${p.organizationName} 주간 요약`,
      [
        `${p.name}님, 안녕하세요. 이번 주 귀사가 초청한 사건 현황입니다.`,
        `귀사의 조치가 필요한 사건: ${p.waitingForYou}건 · 진행 중: ${p.inProgress}건 · 이번 주 결정: ${p.decidedThisWeek}건`,
        p.deadlines.length ? `다가오는 기한:\n${p.deadlines.map((d) => `- ${d}`).join("\n")}` : "앞으로 30일 안에 다가오는 기한이 없습니다.",
      ],
      { label: "대시보드 열기", url: p.url },
    );
  }
  return renderEmail(
    locale,
    `Your week on TopTier: ${p.organizationName}`,
    [
      `Hello ${p.name}, here is where the cases your company sponsors stand.`,
      `Waiting for your company: ${p.waitingForYou} · In progress: ${p.inProgress} · Decided this week: ${p.decidedThisWeek}`,
      p.deadlines.length ? `Coming deadlines:\n${p.deadlines.map((d) => `- ${d}`).join("\n")}` : "No deadlines in the next 30 days.",
    ],
    { label: "Open the dashboard", url: p.url },
  );
}
