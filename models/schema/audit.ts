import { bigint, bigserial, index, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail of every change and every view. Rows are inserted by
 * use cases in the same transaction as the change they record, through
 * `audit()` (models/audit.ts), which chains them (O9, decisions 006 and 015).
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
    /** Hash of the previous record of the same chain; null only for records written before the chain existed. */
    prevHash: text("prev_hash"),
    /** SHA-256 over prevHash and this record's content: altering or removing a record breaks the chain. */
    hash: text("hash"),
    /**
     * Which of the parallel chains (0..AUDIT_CHAINS-1) the record belongs to: concurrent
     * appenders each take a free chain instead of queueing for one (decision 015).
     * Records from before the partitioned chain are all on chain 0.
     */
    chain: smallint("chain").notNull().default(0),
  },
  (t) => [index("audit_case_idx").on(t.caseId, t.id), index("audit_chain_idx").on(t.chain, t.id)],
);
export type AuditRow = typeof auditLog.$inferSelect;

/**
 * The published heads (decision 015): every minute a job writes the digest of the
 * newest record of every chain, up to a record id. Verification recomputes it, so a
 * record removed from the end of a chain before a checkpoint is detected.
 */
export const auditCheckpoints = pgTable("audit_checkpoints", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  /** The newest record covered: every record up to it was committed when the checkpoint was taken. */
  upToId: bigint("up_to_id", { mode: "number" }).notNull(),
  /** sha256 over "chain id hash" lines of each chain's newest record up to upToId. */
  digest: text("digest").notNull(),
});
export type AuditCheckpointRow = typeof auditCheckpoints.$inferSelect;
