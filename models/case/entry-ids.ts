import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { entryLists, upgradeLegacy } from "../dossier";
import { checklistRekeys, withEntryIds } from "../entry-ids";
import type { Db, Queryable } from "../platform/db";
import { dataBackfills } from "../schema/backfills";
import { cases, documents, type Case } from "../schema/cases";

/**
 * Issue 12: list entries get stable ids, and the files uploaded for them follow.
 * `ensureEntryIds` gives one case's entries their ids and re-keys its documents
 * from positions to ids ("degree:1" → "degree:<id>") in the caller's
 * transaction; the start-up backfill runs it over every case once, and saving a
 * draft runs it first (a dossier stored without ids by anything else is
 * converted lazily; until then its checklist keys are positions, which is what
 * its files hold).
 */

type Raw = Record<string, unknown>;
const rawDossier = (c: Pick<Case, "dossier">): Raw => {
  const d = upgradeLegacy(c.dossier);
  return typeof d === "object" && d !== null && !Array.isArray(d) ? (d as Raw) : {};
};

/**
 * Give the (locked) case's list entries ids where they have none and move its
 * files' checklist keys with them. Returns the stored dossier before and after
 * (the same when nothing was missing) and whether the row changed.
 */
export async function ensureEntryIds(tx: Queryable, c: Case): Promise<{ before: Raw; after: Raw; changed: boolean; case: Case }> {
  const before = rawDossier(c);
  const { dossier: after, changed } = withEntryIds(before);
  if (!changed) return { before, after: before, changed, case: c };
  const moves = [...checklistRekeys(before, after)];
  // The row changed: the version moves too, so a writer holding the old dossier cannot save it back over the ids.
  const [row] = await tx
    .update(cases)
    .set({ dossier: after as Case["dossier"], version: sql`${cases.version} + 1` })
    .where(eq(cases.id, c.id))
    .returning();
  if (moves.length > 0) {
    const to = sql.join(
      moves.map(([from, key]) => sql`when ${from} then ${key}`),
      sql` `,
    );
    await tx
      .update(documents)
      .set({ checklistItem: sql`case ${documents.checklistItem} ${to} end` })
      .where(
        and(
          eq(documents.caseId, c.id),
          inArray(
            documents.checklistItem,
            moves.map(([from]) => from),
          ),
        ),
      );
  }
  return { before, after, changed, case: row ?? c };
}

export const ENTRY_IDS_BACKFILL = "0008_stable_list_ids";

/** Cases a list entry of which has no id (or that still hold the single `degree` of old). */
const lacksIds = () => {
  const paths = entryLists.map((l) => sql.raw(`${cases.dossier.name} @? '$.${l}[*] ? (!(exists(@.id)))'`));
  return sql`(${cases.dossier} ? 'degree' or ${sql.join(paths, sql` or `)})`;
};

/**
 * The one-time backfill at start-up (after the migrations): every case whose
 * entries lack ids gets them, and its documents are re-keyed, one case per
 * transaction under the case's row lock. Idempotent (entries that have an id
 * keep it), so a web and a worker process starting together, or a run cut
 * short by a crash, do no harm; once finished it is recorded and never runs
 * again (`force` runs it anyway). Returns the cases changed.
 */
export async function backfillEntryIds(db: Db, opts: { batch?: number; force?: boolean } = {}): Promise<number> {
  const batch = opts.batch ?? 500;
  if (!opts.force) {
    const [done] = await db.select({ name: dataBackfills.name }).from(dataBackfills).where(eq(dataBackfills.name, ENTRY_IDS_BACKFILL));
    if (done) return 0;
  }
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    const rows: { id: string }[] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(after ? and(gt(cases.id, after), lacksIds()) : lacksIds())
      .orderBy(asc(cases.id))
      .limit(batch);
    for (const { id } of rows) {
      const done = await db.transaction(async (tx) => {
        const [c] = await tx.select().from(cases).where(eq(cases.id, id)).for("update");
        return c ? (await ensureEntryIds(tx, c)).changed : false;
      });
      if (done) changed++;
    }
    if (rows.length < batch) break;
    after = rows[rows.length - 1]!.id;
  }
  await db
    .insert(dataBackfills)
    .values({ name: ENTRY_IDS_BACKFILL, changed })
    .onConflictDoUpdate({ target: dataBackfills.name, set: { doneAt: new Date(), changed: sql`${dataBackfills.changed} + ${changed}` } });
  return changed;
}
