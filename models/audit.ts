// A namespace import: some route components import models that import this module
// (e.g. models/case/search.ts), so it reaches the browser bundle, where Vite stubs
// node:crypto and a named import fails the build. Hashing only ever runs on the server.
import * as nodeCrypto from "node:crypto";
import { asc, desc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, Queryable, Tx } from "./platform/db";
import { auditCheckpoints, auditLog, type AuditRow } from "./schema/audit";
import { users } from "./schema/users";
import type { ActorRef } from "./actor";

/**
 * The audit trail (O9): append-only and tamper-evident. Every record carries
 * `hash = sha256(prevHash + "\n" + canonical(record))`, where `prevHash` is the
 * hash of the record before it on the same chain, or the chain's genesis hash for
 * its first one. Changing a record's content, removing a record from the middle
 * of its chain or forging a hash breaks the chain at that point, and
 * `verifyAuditChain` names the first broken record.
 *
 * Parallel chains (decision 015): an append takes the first chain no other open
 * transaction holds (chain 0 when nobody else is appending), so 50 concurrent
 * readers append on up to 50 chains instead of queueing for one lock until each
 * other's commit. Every record is chained in its own transaction: there is no
 * window in which a record exists unchained. A job (`audit.checkpoint`, every
 * minute) publishes a checkpoint: the digest of every chain's newest record, which
 * verification recomputes; it names the chains' ends, so removing the newest
 * records of a chain is detected once a checkpoint covers them.
 *
 * Limits: the hash is not keyed, so someone who can write to the database can
 * rewrite a whole chain and the checkpoints after the record they changed, and the
 * records written since the latest checkpoint (at most one minute's worth while the
 * worker runs) can be removed from the end of their chain unnoticed. Both are
 * caught only by comparing a checkpoint (shown at /officer/audit and logged by the
 * worker) with a copy kept outside the database.
 */
export interface AuditEntry {
  actor: ActorRef | "system";
  action: string;
  caseId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

/** The `prevHash` of the first record of chain 0 (the chain older records are on). */
export const GENESIS = "0".repeat(64);

/**
 * First key of the transaction-level advisory locks that guard the chains: chain c
 * is locked by `pg_advisory_xact_lock(7202, c)` (7201 guards migrations, as one
 * bigint key, a different lock space). PGlite has the functions too; with its single
 * connection it never waits.
 */
export const AUDIT_CHAIN_LOCK = 7202;

/** How many chains appends may spread over: more than the connections that ever append at once. */
export const AUDIT_CHAINS = 64;

/**
 * The `prevHash` of the first record of a chain: GENESIS for chain 0, a hash naming
 * the chain for the others, so a chain's first record cannot be moved to another chain.
 */
export function chainGenesis(chain: number): string {
  return chain === 0 ? GENESIS : nodeCrypto.createHash("sha256").update(`toptier audit chain ${chain}`).digest("hex");
}

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

const toRow = (entry: AuditEntry, at: Date, chain: number) => ({
  at,
  actorId: entry.actor === "system" ? null : entry.actor.id,
  actorRole: entry.actor === "system" ? "system" : entry.actor.role,
  action: entry.action,
  caseId: entry.caseId ?? null,
  ip: entry.ip ?? null,
  data: entry.data ?? {},
  chain,
});

/** The chain each open transaction holds (a transaction appending twice stays on its chain). */
const heldChains = new WeakMap<Tx, number>();

/**
 * Take a chain for this transaction and lock it until the commit or rollback: the
 * first chain no other transaction holds (`pg_try_advisory_xact_lock` never waits),
 * else, when all are taken, wait for the chain its transaction id points at. The
 * head is read by the next statement, whose snapshot is taken after the lock, so it
 * sees the previous holder's committed records.
 */
async function takeChain(tx: Tx): Promise<number> {
  const held = heldChains.get(tx);
  if (held !== undefined) return held;
  const res = await tx.execute(sql`select coalesce(
      (select c from generate_series(0, ${AUDIT_CHAINS - 1}) as c where pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}, c) limit 1),
      (select c from (select (pg_current_xact_id()::text::bigint % ${AUDIT_CHAINS})::int as c) as x where pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}, c) is not null)
    ) as chain`);
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { chain: number | string }[];
  const chain = Number(rows[0]!.chain);
  heldChains.set(tx, chain);
  return chain;
}

/**
 * Append records to a chain, in order, inside `tx`:
 * 1. take a chain and its lock (`takeChain`), so no other transaction can read the
 *    same head until this one commits or rolls back;
 * 2. insert the records with the hashes still null, RETURNING them as stored and the
 *    chain's head: the hash of its newest record before them (a statement does not
 *    see its own inserts; records written before the chain existed have no hash);
 * 3. set prevHash and hash in the same transaction (nobody sees the null hashes).
 * Hashing what the insert returned rather than what we sent means the hash covers
 * exactly what verification will read back: the id the sequence gave, the timestamp
 * at the column's precision, the uuid as PostgreSQL spells it, the data after JSONB.
 * Taking `nextval` first would save the update but hash our own copy of the values.
 * Within a chain, ids grow in chain order: the ids are drawn under the chain's lock.
 */
async function appendChained(tx: Tx, entries: AuditEntry[]): Promise<void> {
  const chain = await takeChain(tx);
  const at = new Date();
  const inserted = await tx
    .insert(auditLog)
    .values(entries.map((e) => toRow(e, at, chain)))
    .returning({
      ...getTableColumns(auditLog),
      headHash: sql<string | null>`(select h.hash from ${auditLog} as h where h.chain = ${chain} and h.hash is not null order by h.id desc limit 1)`,
    });
  let prevHash = inserted[0]?.headHash ?? chainGenesis(chain);
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
 * a transaction: from here to the commit, the transaction holds one of the chains
 * (other appenders take another one; the checkpoint job waits for it).
 */
export async function audit(q: Queryable, entry: AuditEntry): Promise<void> {
  await inTransaction(q, [entry]);
}

/** Append several audit records with one insert and one update (batch jobs). */
export async function auditMany(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await inTransaction(q, entries);
}

/** The newest record of each chain: `chain id hash` per line, in chain order, hashed. */
export function headsDigest(heads: Map<number, { id: number; hash: string }>): string {
  const lines = [...heads.entries()].sort(([a], [b]) => a - b).map(([chain, h]) => `${chain} ${h.id} ${h.hash}\n`);
  return nodeCrypto.createHash("sha256").update(`toptier audit heads\n${lines.join("")}`).digest("hex");
}

export interface AuditCheckpoint {
  id: number;
  at: Date;
  upToId: number;
  digest: string;
}

/**
 * Publish the heads (the `audit.checkpoint` job, every minute): lock every chain, in
 * order, so every append in progress commits first and new ones wait for this short
 * transaction; read each chain's newest record; store their digest with the newest id.
 * Every record up to that id is then committed, so verification can recompute the same
 * digest later. Nothing new since the last checkpoint: nothing written, null returned.
 */
export async function checkpointAudit(db: Db): Promise<AuditCheckpoint | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select count(pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}, c)) from (select c from generate_series(0, ${AUDIT_CHAINS - 1}) as c order by c) as chains`);
    const res = await tx.execute(sql`select c.chain, h.id, h.hash from generate_series(0, ${AUDIT_CHAINS - 1}) as c(chain)
      cross join lateral (select id, hash from ${auditLog} where ${auditLog.chain} = c.chain and ${auditLog.hash} is not null order by ${auditLog.id} desc limit 1) as h`);
    const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { chain: number | string; id: number | string; hash: string }[];
    if (!rows.length) return null;
    const heads = new Map(rows.map((r) => [Number(r.chain), { id: Number(r.id), hash: r.hash }]));
    const upToId = Math.max(...[...heads.values()].map((h) => h.id));
    const [last] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
    if (last && last.upToId >= upToId) return null;
    const [row] = await tx.insert(auditCheckpoints).values({ upToId, digest: headsDigest(heads) }).returning();
    return row!;
  });
}

/** The newest checkpoint, to copy outside the database. */
export async function latestAuditCheckpoint(db: Db): Promise<AuditCheckpoint | null> {
  const [row] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  return row ?? null;
}

/** Why verification stops at a checkpoint that does not match the records (translated in models/i18n/ko/officer.ts). */
export const CHECKPOINT_MISMATCH = "The records up to this one do not match a checkpoint: the newest record of a chain up to here was removed, or the checkpoint was changed.";

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
  /** How many chains the records are spread over. */
  chains: number;
  /** Checkpoints recomputed and found right. */
  checkpoints: number;
  /** The newest checkpoint verified (records up to its id cannot have been removed unnoticed). */
  lastCheckpoint: { id: number; upToId: number; at: Date; digest: string } | null;
}

type ChainRow = AuditContent & Pick<AuditRow, "prevHash" | "hash"> & { chain?: number };

/**
 * Check one record against the hash before it on its chain; `expectedPrev` is null
 * while only records from before the chain have been seen on it (the chain's
 * genesis hash is expected then). Returns why it is broken, or null.
 */
export function chainBreak(expectedPrev: string | null, row: ChainRow): string | null {
  if (row.hash === null) return "The record has no hash although records before it are chained (hash removed or record written around the chain).";
  if (row.prevHash !== (expectedPrev ?? chainGenesis(row.chain ?? 0))) {
    return "The record does not follow the one before it: a record was removed, or this record's link was changed.";
  }
  if (auditRecordHash(row.prevHash, row) !== row.hash) return "The record's content does not match its hash: the record or its hash was changed.";
  return null;
}

/**
 * Walk the whole trail in id order, in pages, recomputing every hash against the
 * record before it on the same chain, and every checkpoint when the walk has passed
 * its record id (the digest of each chain's newest record up to there).
 */
export async function verifyAuditChain(db: Db, opts: { pageSize?: number } = {}): Promise<AuditChainReport> {
  const pageSize = opts.pageSize ?? 5000;
  /** Per chain: the newest record seen (the hash the next record must link to). */
  const heads = new Map<number, { id: number; hash: string }>();
  let lastId = 0;
  let checked = 0;
  let unchained = 0;
  let head: AuditChainReport["head"] = null;
  let checkpointsOk = 0;
  let lastCheckpoint: AuditChainReport["lastCheckpoint"] = null;
  // Checkpoints, read in pages too, in the order they were written (their upToId never decreases).
  let pending: AuditCheckpoint[] = [];
  let lastCheckpointId = 0;
  let checkpointsDone = false;
  const nextCheckpoint = async (): Promise<AuditCheckpoint | undefined> => {
    if (!pending.length && !checkpointsDone) {
      pending = await db.select().from(auditCheckpoints).where(gt(auditCheckpoints.id, lastCheckpointId)).orderBy(asc(auditCheckpoints.id)).limit(pageSize);
      if (pending.length < pageSize) checkpointsDone = true;
      if (pending.length) lastCheckpointId = pending[pending.length - 1]!.id;
    }
    return pending[0];
  };
  const result = (broken?: { id: number; reason: string }): AuditChainReport => ({
    ok: !broken,
    checked,
    firstBrokenId: broken?.id ?? null,
    ...(broken ? { reason: broken.reason } : {}),
    unchained,
    head,
    chains: heads.size,
    checkpoints: checkpointsOk,
    lastCheckpoint,
  });
  /** Check every checkpoint up to `beforeId` (exclusive) against the heads seen so far. */
  const checkCheckpoints = async (beforeId: number): Promise<{ id: number; reason: string } | null> => {
    for (let cp = await nextCheckpoint(); cp && cp.upToId < beforeId; cp = await nextCheckpoint()) {
      pending.shift();
      if (headsDigest(heads) !== cp.digest) {
        return {
          id: cp.upToId,
          reason: CHECKPOINT_MISMATCH,
        };
      }
      checkpointsOk++;
      lastCheckpoint = { id: cp.id, upToId: cp.upToId, at: cp.at, digest: cp.digest };
    }
    return null;
  };
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    for (const row of page) {
      const cpBreak = await checkCheckpoints(row.id);
      if (cpBreak) return result(cpBreak);
      checked++;
      // Only chain 0 holds records from before the chain existed, and only before its first chained record.
      if (row.chain === 0 && !heads.has(0) && row.hash === null && row.prevHash === null) {
        unchained++;
        continue;
      }
      const reason = chainBreak(heads.get(row.chain)?.hash ?? null, row);
      if (reason) return result({ id: row.id, reason });
      heads.set(row.chain, { id: row.id, hash: row.hash! });
      head = { id: row.id, hash: row.hash! };
    }
    if (page.length < pageSize) {
      const cpBreak = await checkCheckpoints(Number.POSITIVE_INFINITY);
      return result(cpBreak ?? undefined);
    }
    lastId = page[page.length - 1]!.id;
  }
}

/** The newest record of the trail, for the overview page (cheap: one index lookup). */
export async function auditChainHead(db: Db) {
  const [row] = await db.select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
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
