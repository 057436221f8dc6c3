import type { Queryable } from "./platform/db";
import { auditLog } from "./schema/audit";
import type { ActorRef } from "./actor";

/** Append one audit record, in the caller's transaction. */
export async function audit(
  q: Queryable,
  entry: { actor: ActorRef | "system"; action: string; caseId?: string | null; ip?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await q.insert(auditLog).values({
    actorId: entry.actor === "system" ? null : entry.actor.id,
    actorRole: entry.actor === "system" ? "system" : entry.actor.role,
    action: entry.action,
    caseId: entry.caseId ?? null,
    ip: entry.ip ?? null,
    data: entry.data ?? {},
  });
}
