import { createHmac } from "node:crypto";
import { and, asc, gt, isNull, ne, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db";
import { DEV_PII_INDEX_KEY } from "../platform/env";
import { ENVELOPE_PREFIX } from "../platform/pii-crypto";
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
 * the passport as typed: the start-up backfill and the bench seeder use it.
 */
export const passportIndexSqlText = (passport: string, k = currentKey()) =>
  `encode(hmac(nullif(upper(regexp_replace(coalesce(${passport}, ''), '[[:space:]-]', '', 'g')), ''), '${k.replace(/'/g, "''")}'::text, 'sha256'), 'hex')`;
const passportIndexSql = () => sql.raw(passportIndexSqlText("dossier -> 'personal' ->> 'passportNumber'"));

/**
 * Fill the blind index of submitted cases that have none (rows from before
 * migration 0006, or after a key change), through the partial index of the rows
 * still to do. Numbers still in clear (before the encryption backfill of issue 12)
 * take one set-based UPDATE per batch in SQL; encrypted ones are decrypted here
 * (SQL does not have the key) and written back one batch per UPDATE. Idempotent,
 * so a web and a worker process starting together do no harm. Returns the rows updated.
 */
export async function backfillPassportIndex(db: Queryable, batch = 20_000): Promise<number> {
  let total = 0;
  for (;;) {
    const res = await db.execute(sql`
      update cases set passport_index = ${passportIndexSql()}
      where id in (
        select id from cases
        where passport_index is null and status <> 'draft' and coalesce((dossier -> 'personal') ->> 'passportNumber', '') <> ''
          -- (a number of only spaces and hyphens has no index: never picked again)
          and ((dossier -> 'personal') ->> 'passportNumber') ~ '[^[:space:]-]'
          and ((dossier -> 'personal') ->> 'passportNumber') not like ${`${ENVELOPE_PREFIX}%`}
        limit ${batch}
      ) and passport_index is null`);
    const n = rowCount(res);
    total += n;
    if (n < batch) break;
  }
  return total + (await backfillEncryptedPassportIndex(db, Math.min(batch, 1000)));
}

async function backfillEncryptedPassportIndex(db: Queryable, batch: number): Promise<number> {
  const passport = sql<string | null>`(${cases.dossier} -> 'personal') ->> 'passportNumber'`;
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ id: cases.id, dossier: cases.dossier })
      .from(cases)
      .where(and(isNull(cases.passportIndex), ne(cases.status, "draft"), sql`coalesce(${passport}, '') <> ''`, sql`${passport} like ${`${ENVELOPE_PREFIX}%`}`, after ? gt(cases.id, after) : undefined))
      .orderBy(asc(cases.id))
      .limit(batch);
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
