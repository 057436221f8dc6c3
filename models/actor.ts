import type { Db } from "./platform/db";
import type { Role } from "./schema/users";

/** Who is acting: the signed-in user as the use cases need to know them. */
export interface ActorRef {
  id: string;
  role: Role;
  organizationId: string | null;
}

/** What every use case receives: the database, who acts, and from where. */
export interface UseCaseContext {
  db: Db;
  actor: ActorRef;
  ip?: string | null;
}

export const isOfficer = (role: Role) => role === "officer" || role === "senior_officer";
export const isEmployer = (role: Role) => role === "employer_admin" || role === "employer_member";
