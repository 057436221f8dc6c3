-- O8 at 1,000,000 cases: the statistics page read every status change of every case (a window over case_events)
-- at each view, about 1 s at 20,000 cases and past the statement timeout at 1,000,000. The figures are now computed
-- by a scheduled job into statistics_snapshots and the page reads the newest row; the stays that ended in the
-- window are found from the window's status changes (an index range on "at") and each one's previous status change
-- (an index lookup per case), so the job's cost follows the window, not the table.
CREATE TABLE "statistics_snapshots" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "as_of" timestamp with time zone NOT NULL,
  "figures" jsonb NOT NULL,
  "ms" integer NOT NULL
);--> statement-breakpoint
CREATE INDEX "statistics_snapshots_as_of_idx" ON "statistics_snapshots" USING btree ("as_of" DESC);--> statement-breakpoint
CREATE INDEX "case_events_status_changes_at_idx" ON "case_events" USING btree ("at") WHERE "to_status" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "case_events_status_changes_case_idx" ON "case_events" USING btree ("case_id", "at", "id") WHERE "to_status" IS NOT NULL;
