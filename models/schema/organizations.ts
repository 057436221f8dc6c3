import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** E5: how far ahead an organisation is warned (days), per kind of deadline. */
export interface AlertSettings {
  evidenceDueDays: number[];
  visaExpiryDays: number[];
}
export const defaultAlertSettings: AlertSettings = { evidenceDueDays: [7, 2], visaExpiryDays: [90, 30] };

/** E1: a sponsoring employer with admins and members (users.organization_id). */
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Korean business registration number (10 digits), unique when present. */
  registrationNumber: text("registration_number").unique(),
  industry: text("industry").notNull(),
  alertSettings: jsonb("alert_settings").$type<AlertSettings>().notNull().default(sql`'{"evidenceDueDays":[7,2],"visaExpiryDays":[90,30]}'::jsonb`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Organization = typeof organizations.$inferSelect;

/** E1: an invitation for someone to join an organisation (the token's hash only). */
export const organizationInvitations = pgTable(
  "organization_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["employer_admin", "employer_member"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("organization_invitations_org_idx").on(t.organizationId)],
);
export type OrganizationInvitation = typeof organizationInvitations.$inferSelect;

/** E2: an employer invites a candidate to apply; accepting links the candidate's new case to the employer. */
export const candidateInvitations = pgTable(
  "candidate_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    candidateName: text("candidate_name").notNull(),
    jobTitle: text("job_title").notNull(),
    message: text("message"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by"),
    /** The case the accepted invitation created or linked. */
    caseId: uuid("case_id"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("candidate_invitations_org_idx").on(t.organizationId)],
);
export type CandidateInvitation = typeof candidateInvitations.$inferSelect;
