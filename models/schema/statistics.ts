import { bigserial, integer, jsonb, timestamp, pgTable } from "drizzle-orm/pg-core";

/**
 * O8 at volume (migration 0012): the senior officers' figures, computed by the `stats.snapshot` job every few
 * minutes (models/stats.ts) and read by the statistics page, which then costs one row whatever the table holds.
 * The figures are a JSON document shaped like `CaseStatistics`, dates as ISO strings.
 */
export const statisticsSnapshots = pgTable("statistics_snapshots", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** The moment the figures describe ("as of"). */
  asOf: timestamp("as_of", { withTimezone: true }).notNull(),
  figures: jsonb("figures").$type<Record<string, unknown>>().notNull(),
  /** How long the computation took (for the operator: it grows with the cases in the window). */
  ms: integer("ms").notNull(),
});
export type StatisticsSnapshotRow = typeof statisticsSnapshots.$inferSelect;
