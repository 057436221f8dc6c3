import type { Locale } from "./i18n";
import type { Role } from "./schema/users";

/**
 * P3 for the back office: "Korean first, English available". Officer, senior
 * officer and administrator accounts start in Korean (the header's language
 * switch changes it, kept on the account); applicants and employers start in
 * the language they chose or their browser's.
 */
export const staffRoles: readonly Role[] = ["officer", "senior_officer", "admin"];
export const defaultLocaleFor = (role: Role): Locale => (staffRoles.includes(role) ? "ko" : "en");
