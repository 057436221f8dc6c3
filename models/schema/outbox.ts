import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Transactional outbox: use cases write the jobs they want run here, in the same
 * transaction as the change. The relay (workers/relay.ts) moves undispatched rows
 * into BullMQ, using the row id as the BullMQ job id so a re-dispatch is harmless.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    job: text("job").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("outbox_pending_idx").on(t.id).where(sql`dispatched_at is null`)],
);
export type OutboxRow = typeof outbox.$inferSelect;

/**
 * One row per e-mail the system means to send, keyed by an idempotency key
 * (event + recipient). A handler retried after a crash finds the row `sent`
 * and does not send again.
 */
export const emailDeliveries = pgTable("email_deliveries", {
  idempotencyKey: text("idempotency_key").primaryKey(),
  recipient: text("recipient").notNull(),
  template: text("template").notNull(),
  status: text("status", { enum: ["sending", "sent"] }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
});

