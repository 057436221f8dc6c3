import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One-time data backfills that run at start-up (in code, unlike the SQL
 * migrations): a row per backfill that finished, so it is never run again.
 * A backfill is idempotent, so two processes starting together, or one that
 * crashed half-way, simply run it (again) to the end.
 */
export const dataBackfills = pgTable("data_backfills", {
  name: text("name").primaryKey(),
  doneAt: timestamp("done_at", { withTimezone: true }).notNull().defaultNow(),
  /** How many rows it changed. */
  changed: integer("changed").notNull().default(0),
});
