// A namespace import: some route components import models that import this module
// (e.g. models/case/search.ts), so it reaches the browser bundle, where Vite stubs
// node:crypto and a named import fails the build. Hashing only ever runs on the server.
import * as nodeCrypto from "node:crypto";
import { asc, desc, eq, gt, isNotNull, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, Queryable, Tx } from "./platform/db";
import { auditLog, type AuditRow } from "./schema/audit";
import { users } from "./schema/users";
import type { ActorRef } from "./actor";

/**
 * The audit trail (O9): append-only and tamper-evident. Every record carries
 * `hash = sha256(prevHash + "\n" + canonical(record))`, where `prevHash` is the
 * hash of the record before it (by id) or GENESIS for the first one. Changing a
 * record's content, removing a record from the middle or forging a hash breaks the
 * chain at that point, and `verifyAuditChain` names the first broken record.
 *
 * Limits: the hash is not keyed, so someone who can write to the database can
 * rewrite the whole chain after the record they changed, and removing the newest
 * records leaves a shorter chain that is still valid. Both are caught only by
 * comparing the head (latest id and hash, shown at /officer/audit) with a copy kept
 * outside the database.
 */
export interface AuditEntry {
  actor: ActorRef | "system";
  action: string;
  caseId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

/** The `prevHash` of the first chained record. */
export const GENESIS = "0".repeat(64);

/**
 * Key of the transaction-level advisory lock that serialises appends (7201 guards
 * migrations). PGlite has the function too; with its single connection it never waits.
 */
export const AUDIT_CHAIN_LOCK = 7202;

/** The fields of a record the hash covers (everything but the hashes themselves). */
export type AuditContent = Pick<AuditRow, "id" | "at" | "actorId" | "actorRole" | "action" | "caseId" | "ip" | "data">;

/**
 * Stable JSON: the value as `JSON.stringify` would store it (undefined dropped, dates
 * as ISO strings), with object keys sorted at every depth. JSONB reorders keys, so the
 * hash must not depend on their order.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
    if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${write(o[k])}`)
        .join(",")}}`;
    }
    return JSON.stringify(v);
  };
  return write(plain);
}

/** The canonical form of a record's content, as hashed. */
export function canonicalAuditRecord(r: AuditContent): string {
  return canonicalJson({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorRole: r.actorRole,
    action: r.action,
    caseId: r.caseId,
    ip: r.ip,
    data: r.data,
  });
}

export function auditRecordHash(prevHash: string, r: AuditContent): string {
  return nodeCrypto.createHash("sha256").update(`${prevHash}\n${canonicalAuditRecord(r)}`).digest("hex");
}

const toRow = (entry: AuditEntry, at: Date) => ({
  at,
  actorId: entry.actor === "system" ? null : entry.actor.id,
  actorRole: entry.actor === "system" ? "system" : entry.actor.role,
  action: entry.action,
  caseId: entry.caseId ?? null,
  ip: entry.ip ?? null,
  data: entry.data ?? {},
});

/**
 * Append records to the chain, in order, inside `tx`:
 * 1. take the chain lock, so no other transaction can read the same head until this
 *    one commits or rolls back (a transaction-level lock: released by either);
 * 2. read the head: the hash of the newest chained record (records written before the
 *    chain existed have no hash and are skipped);
 * 3. insert the records with the hashes still null, RETURNING them as stored, then set
 *    prevHash and hash in the same transaction (nobody sees the null hashes).
 * Hashing what the insert returned rather than what we sent means the hash covers
 * exactly what verification will read back: the id the sequence gave, the timestamp
 * at the column's precision, the uuid as PostgreSQL spells it, the data after JSONB.
 * Taking `nextval` first would save the update but hash our own copy of the values.
 */
async function appendChained(tx: Tx, entries: AuditEntry[]): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [head] = await tx.select({ hash: auditLog.hash }).from(auditLog).where(isNotNull(auditLog.hash)).orderBy(desc(auditLog.id)).limit(1);
  const at = new Date();
  const inserted = await tx
    .insert(auditLog)
    .values(entries.map((e) => toRow(e, at)))
    .returning();
  let prevHash = head?.hash ?? GENESIS;
  const chained = inserted
    .sort((a, b) => a.id - b.id)
    .map((row) => {
      const hash = auditRecordHash(prevHash, row);
      const link = { id: row.id, prevHash, hash };
      prevHash = hash;
      return link;
    });
  if (chained.length === 1) {
    const [{ id, prevHash: prev, hash }] = chained as [(typeof chained)[number]];
    await tx.update(auditLog).set({ prevHash: prev, hash }).where(eq(auditLog.id, id));
  } else {
    const values = sql.join(
      chained.map((c) => sql`(${c.id}::bigint, ${c.prevHash}, ${c.hash})`),
      sql`, `,
    );
    await tx.execute(sql`update ${auditLog} set prev_hash = v.prev_hash, hash = v.hash from (values ${values}) as v(id, prev_hash, hash) where ${auditLog.id} = v.id`);
  }
}

/**
 * Run in the caller's transaction, or in a new one when given the database: the lock
 * must be held from reading the head until the records are committed.
 */
async function inTransaction(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (q instanceof PgTransaction) await appendChained(q as Tx, entries);
  else await q.transaction((tx) => appendChained(tx, entries));
}

/**
 * Append one audit record, in the caller's transaction (or its own). Call it late in
 * a transaction: from here to the commit, other writers of audit records wait.
 */
export async function audit(q: Queryable, entry: AuditEntry): Promise<void> {
  await inTransaction(q, [entry]);
}

/** Append several audit records with one insert and one update (batch jobs). */
export async function auditMany(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await inTransaction(q, entries);
}

export interface AuditChainReport {
  ok: boolean;
  /** Records examined, the broken one included. */
  checked: number;
  firstBrokenId: number | null;
  reason?: string;
  /** Records from before the chain existed (no hash): not covered. */
  unchained: number;
  /** The newest record verified: compare with a copy kept elsewhere to notice removed newest records. */
  head: { id: number; hash: string } | null;
}

type ChainRow = AuditContent & Pick<AuditRow, "prevHash" | "hash">;

/**
 * Check one record against the hash before it; `expectedPrev` is null while only
 * records from before the chain have been seen. Returns why it is broken, or null.
 */
export function chainBreak(expectedPrev: string | null, row: ChainRow): string | null {
  if (row.hash === null) return "The record has no hash although records before it are chained (hash removed or record written around the chain).";
  if (row.prevHash !== (expectedPrev ?? GENESIS)) {
    return "The record does not follow the one before it: a record was removed, or this record's link was changed.";
  }
  if (auditRecordHash(row.prevHash, row) !== row.hash) return "The record's content does not match its hash: the record or its hash was changed.";
  return null;
}

/** Walk the whole trail in id order, in pages, recomputing every hash. */
export async function verifyAuditChain(db: Db, opts: { pageSize?: number } = {}): Promise<AuditChainReport> {
  const pageSize = opts.pageSize ?? 5000;
  let expectedPrev: string | null = null;
  let lastId = 0;
  let checked = 0;
  let unchained = 0;
  let head: AuditChainReport["head"] = null;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    for (const row of page) {
      checked++;
      if (expectedPrev === null && row.hash === null && row.prevHash === null) {
        unchained++;
        continue;
      }
      const reason = chainBreak(expectedPrev, row);
      if (reason) return { ok: false, checked, firstBrokenId: row.id, reason, unchained, head };
      expectedPrev = row.hash;
      head = { id: row.id, hash: row.hash! };
    }
    if (page.length < pageSize) return { ok: true, checked, firstBrokenId: null, unchained, head };
    lastId = page[page.length - 1]!.id;
  }
}

/** The newest record of the chain, for the overview page (cheap: one index lookup). */
export async function auditChainHead(db: Db) {
  const [row] = await db.select({ id: auditLog.id, at: auditLog.at, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row ?? null;
}

export interface CaseAuditRecord {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  ip: string | null;
  data: Record<string, unknown>;
}

/** A case's audit records, newest first (at most `limit`), with who acted. */
export async function caseAuditHistory(db: Db, caseId: string, opts: { limit?: number } = {}): Promise<CaseAuditRecord[]> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) return [];
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorEmail: users.email,
      actorRole: auditLog.actorRole,
      action: auditLog.action,
      ip: auditLog.ip,
      data: auditLog.data,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.caseId, caseId))
    .orderBy(desc(auditLog.id))
    .limit(opts.limit ?? 500);
}
