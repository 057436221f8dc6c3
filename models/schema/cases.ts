import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";
import { caseStatuses, type CaseStatus } from "../lifecycle";
import type { Dossier } from "../dossier";
import type { ScreeningRecord } from "../screening";

export const caseStatusEnum = pgEnum("case_status", caseStatuses);

/** Receipt numbers come from a sequence so that two submissions never share one. */
export const receiptSequence = pgSequence("receipt_seq", { startWith: 1, increment: 1 });

export interface DecisionRecord {
  outcome: "approve" | "refuse";
  reasons: string;
  proposedBy: string;
  proposedAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
}

export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicantId: uuid("applicant_id")
      .notNull()
      .references(() => users.id),
    /** The sponsoring employer, chosen by the applicant from registered organisations. */
    organizationId: uuid("organization_id").references(() => organizations.id),
    status: caseStatusEnum("status").$type<CaseStatus>().notNull().default("draft"),
    receiptNumber: text("receipt_number").unique(),
    dossier: jsonb("dossier").$type<Dossier>().notNull(),
    screening: jsonb("screening").$type<ScreeningRecord>(),
    decision: jsonb("decision").$type<DecisionRecord>(),
    sponsorConfirmedAt: timestamp("sponsor_confirmed_at", { withTimezone: true }),
    sponsorConfirmedBy: uuid("sponsor_confirmed_by").references(() => users.id),
    /** O1: the officer working on the case (claimed from the queue or assigned), and since when. */
    assignedOfficerId: uuid("assigned_officer_id").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    /** O1: higher first in the queue (0 normal). */
    priority: integer("priority").notNull().default(0),
    /** Bumped on every transition: lets a handler notice that the case moved on. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cases_applicant_idx").on(t.applicantId),
    index("cases_organization_idx").on(t.organizationId),
    index("cases_status_idx").on(t.status, t.statusChangedAt),
    index("cases_queue_idx").on(t.status, t.priority, t.statusChangedAt).where(sql`assigned_officer_id is null`),
    index("cases_assignee_idx").on(t.assignedOfficerId),
  ],
);
export type Case = typeof cases.$inferSelect;

/** The case timeline: one row per thing that happened, shown to the parties. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    type: text("type").notNull(),
    fromStatus: caseStatusEnum("from_status"),
    toStatus: caseStatusEnum("to_status"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.id)],
);
export type CaseEvent = typeof caseEvents.$inferSelect;

/** Uploaded evidence. Rows are never deleted by the applicant: a replaced file keeps its row. */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("documents_case_idx").on(t.caseId)],
);
export type DocumentRow = typeof documents.$inferSelect;
