/**
 * E1/E4: the few values the employer pages need in the browser too. Kept apart
 * from the use cases so the client bundle never pulls in server code.
 */
export const memberRoles = ["employer_admin", "employer_member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const dashboardSorts = ["days", "deadline", "name", "receipt"] as const;
export type DashboardSort = (typeof dashboardSorts)[number];

/** Who must move a case next. */
export type NextActor = "applicant" | "employer" | "office" | "none";
/** What the next date of a case is. */
export type DeadlineKind = "evidence" | "office_target" | "visa_expiry";
