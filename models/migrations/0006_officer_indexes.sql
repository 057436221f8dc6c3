-- Issue 10: the officer pages at national scale. Every query of the queue page, the search and the case file
-- is an index lookup (plans in docs/PERFORMANCE.md). pg_trgm and pgcrypto are trusted extensions (PostgreSQL 13+)
-- and ship with PGlite (loaded in models/platform/db.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;--> statement-breakpoint
DROP INDEX "cases_queue_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "passport_index" text;--> statement-breakpoint
CREATE INDEX "cases_passport_index_idx" ON "cases" USING btree ("passport_index");--> statement-breakpoint
-- Backfill: the due date of every running clock, with the targets of models/sla-targets.json 2025.2
-- (screening 2 h; in review 240 h, also the clock of evidence requested/received; second review 72 h).
-- A later targets version recomputes with recomputeSlaDueAt() (models/sla.ts), which builds the same statement.
UPDATE "cases" SET "sla_due_at" = "sla_started_at" + ("sla_paused_ms" + (CASE "status"::text
    WHEN 'screening' THEN 7200000
    WHEN 'in_review' THEN 864000000 WHEN 'evidence_requested' THEN 864000000 WHEN 'evidence_received' THEN 864000000
    WHEN 'decision_pending' THEN 259200000 END)) * interval '1 millisecond'
  WHERE "sla_started_at" IS NOT NULL AND "sla_paused_at" IS NULL;--> statement-breakpoint
-- The queues' order (most urgent first: priority, SLA due date, longest in stage, id) as one ascending key, so
-- that keyset pages are a row comparison on the index: waiting cases per stage, and each officer's cases.
CREATE INDEX "cases_waiting_queue_idx" ON "cases" USING btree ("status", (-"priority"), (coalesce("sla_due_at", 'infinity'::timestamptz)), "status_changed_at", "id") WHERE "assigned_officer_id" IS NULL;--> statement-breakpoint
CREATE INDEX "cases_assigned_queue_idx" ON "cases" USING btree ("assigned_officer_id", "status", (-"priority"), (coalesce("sla_due_at", 'infinity'::timestamptz)), "status_changed_at", "id") WHERE "assigned_officer_id" IS NOT NULL;--> statement-breakpoint
-- Search: receipt prefix (LIKE 'TT-2026-%' under any collation), name and employer substrings (trigrams),
-- newest submissions first overall and per employer.
CREATE INDEX "cases_receipt_pattern_idx" ON "cases" USING btree ("receipt_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_full_name_trgm_idx" ON "cases" USING gin ((("dossier" -> 'personal') ->> 'fullName') gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_name_trgm_idx" ON "organizations" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_submitted_idx" ON "cases" USING btree ("submitted_at" DESC NULLS LAST, "id" DESC);--> statement-breakpoint
CREATE INDEX "cases_organization_submitted_idx" ON "cases" USING btree ("organization_id", "submitted_at" DESC NULLS LAST, "id" DESC);--> statement-breakpoint
-- Submitted cases whose passport blind index is still to be computed: the key is not known to SQL, so start-up
-- fills them (backfillPassportIndex in models/case/passport-index.ts, one set-based UPDATE with pgcrypto's hmac).
CREATE INDEX "cases_passport_index_pending_idx" ON "cases" USING btree ("id") WHERE "passport_index" IS NULL AND "status" <> 'draft' AND coalesce((("dossier" -> 'personal') ->> 'passportNumber'), '') <> '';
--> statement-breakpoint
-- The officers (a few hundred among every applicant and employer account), by name: assignment lists and loads.
CREATE INDEX "users_role_name_idx" ON "users" USING btree ("role", "name");
