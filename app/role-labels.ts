import type { Locale } from "../models/i18n";
import { roleNames } from "../models/i18n/roles";

/** A stored role (or "system") this portal knows. */
export const isRoleName = (v: unknown): v is keyof typeof roleNames => typeof v === "string" && Object.hasOwn(roleNames, v);

/** A role in the reader's language (models/i18n/roles.ts); an unknown one as stored. */
export const roleLabel = (locale: Locale, role: string): string => (isRoleName(role) ? roleNames[role][locale] : role);
