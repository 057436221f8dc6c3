import { asc, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import { currentPiiKid, olderPiiKids, PII_MARKER, sealDocument } from "../platform/pii-crypto";
import { cases } from "../schema/cases";

/**
 * Issue 12: bring every stored dossier under the current key of PII_ENCRYPTION_KEYS.
 * - rows written before migration 0009 (no `_pii` marker: identity numbers in clear) are encrypted;
 * - rows written under an older key of the ring (key rotation) are re-encrypted with the current one.
 * Both are found through `cases_pii_kid_idx`. One transaction per batch: the rows are locked
 * (`FOR UPDATE SKIP LOCKED`, so a web and a worker process starting together share the work
 * instead of waiting), read through the column (which decrypts) and written back in one UPDATE
 * (which encrypts). The version and `updated_at` stay: nothing the parties see changed.
 * Idempotent: a second run finds nothing. Returns the rows rewritten.
 */
export async function encryptStoredPii(db: Db, opts: { batch?: number; onBatch?: (done: number) => void } = {}): Promise<number> {
  const batch = opts.batch ?? 500;
  const marker = sql<string | null>`${cases.dossier} ->> ${sql.raw(`'${PII_MARKER}'`)}`;
  const older = olderPiiKids();
  const due = older.length ? or(isNull(marker), inArray(marker, older)) : isNull(marker);
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await tx.select({ id: cases.id, dossier: cases.dossier }).from(cases).where(due).orderBy(asc(marker), asc(cases.id)).limit(batch).for("update", { skipLocked: true });
      if (rows.length === 0) return 0;
      const values = sql.join(
        rows.map((r) => sql`(${r.id}::uuid, ${JSON.stringify(sealDocument(r.dossier))}::jsonb)`),
        sql`, `,
      );
      await tx.execute(sql`update ${cases} set dossier = v.dossier from (values ${values}) as v(id, dossier) where ${cases.id} = v.id`);
      return rows.length;
    });
    total += n;
    if (n > 0) opts.onBatch?.(total);
    if (n < batch) return total;
  }
}

/** How many dossiers are stored under each key id ("clear" for none yet): the rotation script's report. */
export async function storedPiiKeys(db: Db): Promise<{ kid: string; cases: number; current: boolean }[]> {
  const marker = sql<string | null>`${cases.dossier} ->> ${sql.raw(`'${PII_MARKER}'`)}`;
  const rows = await db
    .select({ kid: marker, n: sql<number>`count(*)::int` })
    .from(cases)
    .groupBy(marker)
    .orderBy(asc(marker));
  return rows.map((r) => ({ kid: r.kid ?? "clear", cases: Number(r.n), current: r.kid === currentPiiKid() }));
}
