import { NavLink } from "@remix-run/react";
import type { DeadlineKind, NextActor } from "../../models/employer-shared";
import { industryIds } from "../../models/dossier";
import { defineMessages, type Locale } from "../../models/i18n";
import { statusLabels, type CaseStatus } from "../../models/lifecycle";
import { useT } from "../i18n";

/** Shared pieces of the employer portal (E1-E5): its navigation and the labels every page uses. */

export const employerLabels = defineMessages(
  {
    nav: "Employer portal",
    cases: "Sponsored cases",
    candidates: "Candidates",
    members: "Members",
    settings: "Alert settings",
    actor_applicant: "Applicant",
    actor_employer: "Your company",
    actor_office: "Immigration office",
    actor_none: "Nobody (closed)",
    deadline_evidence: "Evidence due",
    deadline_office_target: "Office target",
    deadline_visa_expiry: "Visa expires",
    industry_ai: "Artificial intelligence",
    industry_semiconductors: "Semiconductors",
    industry_bio: "Biotechnology",
    industry_secondary_batteries: "Secondary batteries",
    industry_displays: "Displays",
    industry_robotics: "Robotics",
    industry_aerospace: "Aerospace",
    industry_defence: "Defence",
    industry_quantum: "Quantum",
    industry_advanced_mobility: "Advanced mobility",
    industry_other: "Another industry",
    role_employer_admin: "Administrator",
    role_employer_member: "Member",
  },
  {
    nav: "기업 포털",
    cases: "초청 사건",
    candidates: "후보자",
    members: "구성원",
    settings: "알림 설정",
    actor_applicant: "신청인",
    actor_employer: "귀사",
    actor_office: "출입국 심사 기관",
    actor_none: "없음(종결)",
    deadline_evidence: "보완 기한",
    deadline_office_target: "처리 목표일",
    deadline_visa_expiry: "비자 만료",
    industry_ai: "인공지능",
    industry_semiconductors: "반도체",
    industry_bio: "바이오",
    industry_secondary_batteries: "이차전지",
    industry_displays: "디스플레이",
    industry_robotics: "로봇",
    industry_aerospace: "항공우주",
    industry_defence: "방위산업",
    industry_quantum: "양자",
    industry_advanced_mobility: "미래 모빌리티",
    industry_other: "기타 산업",
    role_employer_admin: "관리자",
    role_employer_member: "담당자",
  },
);

export type EmployerLabelKey = keyof typeof employerLabels.en;

export const stageLabel = (locale: Locale, s: CaseStatus) => statusLabels[s]?.[locale] ?? s;
export const actorKey = (a: NextActor) => `actor_${a}` as EmployerLabelKey;
export const deadlineKey = (k: DeadlineKind) => `deadline_${k}` as EmployerLabelKey;
export const industryKey = (i: string) => ((industryIds as readonly string[]).includes(i) ? (`industry_${i}` as EmployerLabelKey) : ("industry_other" as EmployerLabelKey));
export const roleKey = (r: string) => (r === "employer_admin" ? "role_employer_admin" : "role_employer_member") as EmployerLabelKey;

/** The portal's own navigation (admins also see members and settings). */
export function EmployerNav({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useT(employerLabels);
  return (
    <nav aria-label={t("nav")} className="subnav">
      <ul className="inline-list">
        <li>
          <NavLink to="/employer" end>
            {t("cases")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/employer/candidates">{t("candidates")}</NavLink>
        </li>
        <li>
          <NavLink to="/employer/members">{t("members")}</NavLink>
        </li>
        {isAdmin ? (
          <li>
            <NavLink to="/employer/settings">{t("settings")}</NavLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
