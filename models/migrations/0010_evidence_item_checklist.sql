ALTER TABLE "evidence_request_items" ADD COLUMN "label_ko" text;--> statement-breakpoint
ALTER TABLE "evidence_request_items" ADD COLUMN "checklist_item" text;