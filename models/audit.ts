import type { Queryable } from "./platform/db";
import { auditLog } from "./schema/audit";
import type { ActorRef } from "./actor";

export interface AuditEntry {
  actor: ActorRef | "system";
  action: string;
  caseId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

const toRow = (entry: AuditEntry) => ({
  actorId: entry.actor === "system" ? null : entry.actor.id,
  actorRole: entry.actor === "system" ? "system" : entry.actor.role,
  action: entry.action,
  caseId: entry.caseId ?? null,
  ip: entry.ip ?? null,
  data: entry.data ?? {},
});

/** Append one audit record, in the caller's transaction. */
export async function audit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.insert(auditLog).values(toRow(entry));
}

/** Append several audit records in one statement (batch jobs). */
export async function auditMany(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await q.insert(auditLog).values(entries.map(toRow));
}
