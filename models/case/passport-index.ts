import { createHmac } from "node:crypto";
import { and, asc, gt, isNull, ne, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db";
import { DEV_PII_INDEX_KEY } from "../platform/env";
import { cases } from "../schema/cases";

/**
 * Issue 10: a blind index of the passport number. Exact passport search and the
 * "same passport on another case" risk flag compare `cases.passport_index`
 * (HMAC-SHA256 of the normalised number with PII_INDEX_KEY, hex) through a b-tree
 * index instead of reading every dossier. The number itself is encrypted in the
 * dossier (issue 12, models/platform/pii-crypto.ts): this index is what lets it
 * still be found. Set on submission (drafts are never searched nor compared);
 * start-up fills the rows from before migration 0006 or after a key change
 * (`backfillPassportIndex`).
 */

/**
 * On globalThis, not in a module variable: the Remix server build bundles its own copy of the models, and
 * its routes (submission, search) must use the key server.ts configured, as the workers and start-up do.
 */
const KEY = Symbol.for("toptier.pii.indexKey");
type WithKey = typeof globalThis & { [KEY]?: string };
const currentKey = () => (globalThis as WithKey)[KEY] ?? DEV_PII_INDEX_KEY;

/** The process's key, from the parsed environment (openServices calls it; tests keep the development key). */
export function setPiiIndexKey(k: string): void {
  (globalThis as WithKey)[KEY] = k;
}

/** How a passport number is compared: without spaces and hyphens, in upper case (as the dossier schema stores it). */
export const normalisePassport = (s: string) => s.replace(/[\s-]/g, "").toUpperCase();

/** The blind index of a passport number as typed, or null when there is none. */
export function passportIndex(passport: string | null | undefined): string | null {
  if (typeof passport !== "string") return null;
  const n = normalisePassport(passport);
  return n === "" ? null : createHmac("sha256", currentKey()).update(n, "utf8").digest("hex");
}

/**
 * The same computation as SQL text (pgcrypto's hmac) over an SQL expression of
 * the passport as typed: the bench seeder uses it (its numbers are in clear).
 */
export const passportIndexSqlText = (passport: string, k = currentKey()) =>
  `encode(hmac(nullif(upper(regexp_replace(coalesce(${passport}, ''), '[[:space:]-]', '', 'g')), ''), '${k.replace(/'/g, "''")}'::text, 'sha256'), 'hex')`;

/**
 * Fill the blind index of submitted cases that have none (rows from before
 * migration 0006, or after a key change), through the partial index of the rows
 * still to do, in pages by id. The numbers are encrypted in the dossier (issue 12)
 * and SQL does not have the key: each page is read through the column (which
 * decrypts; a number still in clear reads as it is), indexed here and written
 * back in one UPDATE. Idempotent, so a web and a worker process starting
 * together do no harm. Returns the rows updated.
 */
export async function backfillPassportIndex(db: Queryable, batch = 1000): Promise<number> {
  const passport = sql<string | null>`(${cases.dossier} -> 'personal') ->> 'passportNumber'`;
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ id: cases.id, dossier: cases.dossier })
      .from(cases)
      .where(and(isNull(cases.passportIndex), ne(cases.status, "draft"), sql`coalesce(${passport}, '') <> ''`, after ? gt(cases.id, after) : undefined))
      .orderBy(asc(cases.id))
      .limit(batch);
    // (a number of only spaces and hyphens has no index: it is passed over)
    const indexed = rows.map((r) => ({ id: r.id, index: passportIndex(r.dossier.personal?.passportNumber) })).filter((r) => r.index !== null);
    if (indexed.length) {
      const values = sql.join(
        indexed.map((r) => sql`(${r.id}::uuid, ${r.index})`),
        sql`, `,
      );
      const res = await db.execute(sql`update ${cases} set passport_index = v.idx from (values ${values}) as v(id, idx) where ${cases.id} = v.id and ${cases.passportIndex} is null`);
      total += rowCount(res);
    }
    if (rows.length < batch) return total;
    after = rows.at(-1)!.id;
  }
}

/** Rows touched by an UPDATE, from node-postgres (`rowCount`) or PGlite (`affectedRows`). */
function rowCount(res: unknown): number {
  const r = res as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}
