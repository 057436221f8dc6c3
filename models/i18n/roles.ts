import type { Role } from "../schema/users";

/**
 * What each role is called, in English and Korean, and the system (background jobs): the
 * header's "name (role)", the audit trail's actors (app/role-labels.ts) and the Korean of the
 * lifecycle's refusals ("기업 관리자는 …", ./ko/officer.ts).
 */
export const roleNames: Record<Role | "system", { en: string; ko: string }> = {
  applicant: { en: "applicant", ko: "신청인" },
  employer_admin: { en: "employer admin", ko: "기업 관리자" },
  employer_member: { en: "employer member", ko: "기업 담당자" },
  officer: { en: "officer", ko: "심사관" },
  senior_officer: { en: "senior officer", ko: "선임 심사관" },
  admin: { en: "administrator", ko: "관리자" },
  system: { en: "system", ko: "시스템" },
};
