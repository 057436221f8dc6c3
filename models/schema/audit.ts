import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail of every change (and, later, every view). Rows are
 * inserted by use cases in the same transaction as the change they record.
 * The hash chain that makes tampering detectable comes with the back office (O9).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    caseId: uuid("case_id"),
    ip: text("ip"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /** Hash of the previous record (O9 chain); null only for records written before the chain existed. */
    prevHash: text("prev_hash"),
    /** SHA-256 over prevHash and this record's content: altering or removing a record breaks the chain. */
    hash: text("hash"),
  },
  (t) => [index("audit_case_idx").on(t.caseId, t.id)],
);
export type AuditRow = typeof auditLog.$inferSelect;
