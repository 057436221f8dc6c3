-- Issue 11 item 9: the queue list in three orders, each a keyset page on an index like the urgency order's
-- (migration 0006): longest in its stage first, and the newest application first, for the waiting cases of a
-- stage and for an officer's cases of a stage.
CREATE INDEX "cases_waiting_since_idx" ON "cases" USING btree ("status", "status_changed_at", "id") WHERE "assigned_officer_id" IS NULL;--> statement-breakpoint
CREATE INDEX "cases_assigned_since_idx" ON "cases" USING btree ("assigned_officer_id", "status", "status_changed_at", "id") WHERE "assigned_officer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_waiting_received_idx" ON "cases" USING btree ("status", (coalesce("submitted_at", "created_at")) DESC, "id" DESC) WHERE "assigned_officer_id" IS NULL;--> statement-breakpoint
CREATE INDEX "cases_assigned_received_idx" ON "cases" USING btree ("assigned_officer_id", "status", (coalesce("submitted_at", "created_at")) DESC, "id" DESC) WHERE "assigned_officer_id" IS NOT NULL;
