import { index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Policy published by administrators: new versions of rule sets and of
 * reference lists (GNI figures, university and company lists...). The shipped
 * JSON files are version one; a row here adds a version, never edits one.
 */
export const policyVersions = pgTable(
  "policy_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: ["ruleset", "reference"] }).notNull(),
    /** The rule-set id (e.g. top-tier-f2) or the reference part id (e.g. gni-per-capita). */
    key: text("key").notNull(),
    version: text("version").notNull(),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    note: text("note"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid("published_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [unique("policy_versions_kind_key_version").on(t.kind, t.key, t.version), index("policy_versions_key_idx").on(t.kind, t.key)],
);
export type PolicyVersion = typeof policyVersions.$inferSelect;
