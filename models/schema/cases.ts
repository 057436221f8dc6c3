import { bigint, bigserial, boolean, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";
import { caseStatuses, type CaseStatus } from "../lifecycle";
import type { Dossier } from "../dossier";
import type { ScreeningRecord } from "../screening";
import { encryptedJsonb } from "../platform/pii-column";

export const caseStatusEnum = pgEnum("case_status", caseStatuses);

/** Receipt numbers come from a sequence so that two submissions never share one. */
export const receiptSequence = pgSequence("receipt_seq", { startWith: 1, increment: 1 });

export interface RiskFlag {
  code: "passport_on_other_case" | "dates_contradict" | "employer_not_registered";
  detail: string;
  raisedAt: string;
}

export interface DecisionRecord {
  outcome: "approve" | "refuse";
  reasons: string;
  proposedBy: string;
  proposedAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
}

/** E3: the job offer as the sponsor attests it (an admin of the organisation). */
export interface SponsorshipRecord {
  jobTitle: string;
  startDate: string;
  annualSalaryKrw: number;
  industry: string;
  attestedBy: string;
  attestedAt: string;
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
    /** JSONB with its identity numbers (passport numbers) encrypted at rest, decrypted on read (models/platform/pii-column.ts). */
    dossier: encryptedJsonb<Dossier>("dossier").notNull(),
    screening: jsonb("screening").$type<ScreeningRecord>(),
    decision: jsonb("decision").$type<DecisionRecord>(),
    sponsorConfirmedAt: timestamp("sponsor_confirmed_at", { withTimezone: true }),
    sponsorConfirmedBy: uuid("sponsor_confirmed_by").references(() => users.id),
    /** E3: the attested offer details (changes after confirmation are audited and re-screen the case). */
    sponsorship: jsonb("sponsorship").$type<SponsorshipRecord>(),
    /** E2: an applicant's draft names an employer (requested) until the employer accepts or declines the link. */
    sponsorLink: text("sponsor_link", { enum: ["requested", "accepted", "declined"] }),
    /** E5: when the granted visa runs out (set on approval). */
    visaExpiresOn: text("visa_expires_on"),
    /** A3: the wizard page the applicant was last on, to resume there. */
    draftStep: text("draft_step"),
    /** O1: the officer working on the case (claimed from the queue or assigned), and since when. */
    assignedOfficerId: uuid("assigned_officer_id").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    /** O1: higher first in the queue (0 normal). */
    priority: integer("priority").notNull().default(0),
    /** O3: risk flags raised by screening (same passport elsewhere, contradicting dates, unregistered employer). */
    flags: jsonb("flags").$type<RiskFlag[]>().notNull().default([]),
    /** O2: the SLA clock of the current stage: started, time paused so far, paused since (waiting on a party). */
    slaStartedAt: timestamp("sla_started_at", { withTimezone: true }),
    slaPausedMs: bigint("sla_paused_ms", { mode: "number" }).notNull().default(0),
    slaPausedAt: timestamp("sla_paused_at", { withTimezone: true }),
    slaState: text("sla_state", { enum: ["ok", "at_risk", "overdue"] }).notNull().default("ok"),
    /**
     * When the running clock falls due (started + target + paused so far); null while paused or without a
     * clock. Stored so that the queues' order is an index (models/sla.ts `slaDueAt`, kept in applyTransition).
     */
    slaDueAt: timestamp("sla_due_at", { withTimezone: true }),
    /**
     * Blind index of the normalised passport number: HMAC-SHA256 with PII_INDEX_KEY, hex (models/case/passport-index.ts).
     * Set on submission; exact passport search and the "same passport" risk flag look it up instead of the dossier.
     */
    passportIndex: text("passport_index"),
    /** O6: storage key of the decision letter (PDF), made on confirmation. */
    letterKey: text("letter_key"),
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
    index("cases_assignee_idx").on(t.assignedOfficerId),
    index("cases_passport_index_idx").on(t.passportIndex),
    // Expression, trigram and pattern indexes of migration 0006 (queue order, name, receipt prefix) are hand-written there.
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
    /** A9: the evidence request item this file answers, if any. */
    requestItemId: uuid("request_item_id"),
    /** A4: the checklist item this file is for (e.g. "passport:self", "degree:1"), when uploaded against one. */
    checklistItem: text("checklist_item"),
    /** A5: a replaced file keeps its row; the replacement's id and when. */
    supersededBy: uuid("superseded_by"),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    /** O4: an officer's check of the document. */
    reviewStatus: text("review_status", { enum: ["pending", "verified", "rejected"] }).notNull().default("pending"),
    reviewReason: text("review_reason"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("documents_case_idx").on(t.caseId)],
);

/** O4: notes on a case visible only to officers. */
export const caseNotes = pgTable(
  "case_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId, t.createdAt)],
);
export type CaseNote = typeof caseNotes.$inferSelect;

/** O5 / A9: a request for evidence (보완요청), itemised, with a deadline. */
export const evidenceRequests = pgTable(
  "evidence_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    guidance: text("guidance").notNull(),
    /** Who must answer: the applicant (default) or the sponsoring employer (E4/E5). */
    addressee: text("addressee", { enum: ["applicant", "employer"] }).notNull().default("applicant"),
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["open", "answered", "expired", "closed"] }).notNull().default("open"),
    answerNote: text("answer_note"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_requests_case_idx").on(t.caseId), index("evidence_requests_open_idx").on(t.status, t.deadline)],
);
export type EvidenceRequest = typeof evidenceRequests.$inferSelect;

export const evidenceRequestItems = pgTable(
  "evidence_request_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => evidenceRequests.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["document", "question"] }).notNull(),
    /** For document items: which kind of document (see document-kinds.ts). */
    documentKind: text("document_kind"),
    label: text("label").notNull(),
    /** Issue 11 item 8: the label in Korean (checklist items have both; a question has its one text in `label`). */
    labelKo: text("label_ko"),
    /** Issue 11 item 8: the checklist item asked for ("degree:<entry id>", "passport:dependant:<id>"...), when the officer chose one. */
    checklistItem: text("checklist_item"),
    answerText: text("answer_text"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [index("evidence_request_items_request_idx").on(t.requestId)],
);
export type EvidenceRequestItem = typeof evidenceRequestItems.$inferSelect;

/** O6: reasons for decisions, as editable templates in Korean and English. */
export const decisionTemplates = pgTable("decision_templates", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  outcome: text("outcome", { enum: ["approve", "refuse"] }).notNull(),
  titleEn: text("title_en").notNull(),
  titleKo: text("title_ko").notNull(),
  bodyEn: text("body_en").notNull(),
  bodyKo: text("body_ko").notNull(),
  active: boolean("active").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id),
});
export type DecisionTemplate = typeof decisionTemplates.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

/** A10: messages between the applicant and the officers on a case, optionally about one request item. */
export const caseMessages = pgTable(
  "case_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    /** "applicant" or "officer": which side wrote it (officers speak for the office). */
    side: text("side", { enum: ["applicant", "officer"] }).notNull(),
    requestItemId: uuid("request_item_id"),
    body: text("body").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_messages_case_idx").on(t.caseId, t.createdAt)],
);
export type CaseMessage = typeof caseMessages.$inferSelect;
