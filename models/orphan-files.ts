import { inArray } from "drizzle-orm";
import { audit } from "./audit";
import type { Db } from "./platform/db";
import type { DocumentStorage } from "./platform/storage";
import { cases, documents } from "./schema/cases";

/**
 * Issue 17 item 6: a crash between storing a file and committing its row
 * leaves an object no row points at. The sweeper (job `storage.sweep_orphans`,
 * hourly) removes stored objects that no `documents.storage_key` nor
 * `cases.letter_key` names, once they are older than the grace period (so an
 * upload whose transaction is still running is never touched). Every removal
 * is audited in one record per run.
 */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

export async function sweepOrphanFiles(deps: { db: Db; storage: DocumentStorage }, opts: { graceMs?: number; now?: Date } = {}) {
  const cutoff = (opts.now ?? new Date()).getTime() - (opts.graceMs ?? ORPHAN_GRACE_MS);
  const removed: string[] = [];
  let examined = 0;
  for await (const page of deps.storage.list()) {
    examined += page.length;
    const old = page.filter((o) => o.modifiedAt.getTime() <= cutoff).map((o) => o.key);
    if (!old.length) continue;
    const [docs, letters] = await Promise.all([
      deps.db.select({ key: documents.storageKey }).from(documents).where(inArray(documents.storageKey, old)),
      deps.db.select({ key: cases.letterKey }).from(cases).where(inArray(cases.letterKey, old)),
    ]);
    const referenced = new Set([...docs, ...letters].map((r) => r.key));
    for (const key of old) {
      if (referenced.has(key)) continue;
      // Looked up again right before deleting: a row committed since the page was read keeps its file.
      const [doc] = await deps.db.select({ key: documents.storageKey }).from(documents).where(inArray(documents.storageKey, [key]));
      const [letter] = await deps.db.select({ key: cases.letterKey }).from(cases).where(inArray(cases.letterKey, [key]));
      if (doc || letter) continue;
      await deps.storage.delete(key);
      removed.push(key);
    }
  }
  if (removed.length) await audit(deps.db, { actor: "system", action: "storage.orphans_removed", data: { count: removed.length, keys: removed.slice(0, 100) } });
  return { examined, removed: removed.length };
}
