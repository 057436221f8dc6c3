/**
 * The audit trail on parallel chains (decision 015): appends from concurrent readers
 * take free chains instead of queueing for one lock; checkpoints publish the heads;
 * verification still finds any change to any record. Concurrency on the real
 * PostgreSQL; the same checks on PGlite, where one connection means one chain.
 */
import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorRef } from "../../models/actor";
import { AUDIT_CHAINS, AUDIT_CHAIN_LOCK, CHECKPOINT_MISMATCH, audit, auditMany, auditRecordHash, chainGenesis, checkpointAudit, latestAuditCheckpoint, verifyAuditChain } from "../../models/audit";
import { openDatabase, type Db } from "../../models/platform/db";
import { auditCheckpoints, auditLog, type AuditRow } from "../../models/schema/audit";
import { jobs } from "../../workers/registry";
import { useTestDatabase, type DbKind } from "../support/db";

const officer: ActorRef = { id: randomUUID(), role: "officer", organizationId: null };
const allRecords = (db: Db) => db.select().from(auditLog).orderBy(asc(auditLog.id));

/** Each chain links from its genesis hash, record after record in id order (checked apart from verifyAuditChain). */
function expectChainsLinked(rows: AuditRow[]) {
  const prev = new Map<number, string>();
  for (const row of rows) {
    const expected = prev.get(row.chain) ?? chainGenesis(row.chain);
    expect(row.prevHash, `prevHash of #${row.id} (chain ${row.chain})`).toBe(expected);
    expect(row.hash, `hash of #${row.id}`).toBe(auditRecordHash(expected, row));
    prev.set(row.chain, row.hash!);
  }
}

/** A transaction that appends a record and stays open (holding its chain) until `commit()`. */
function holdChain(db: Db, action = "test.holder") {
  let commit!: () => void;
  const release = new Promise<void>((resolve) => (commit = resolve));
  let appended!: () => void;
  const ready = new Promise<void>((resolve) => (appended = resolve));
  const done = db.transaction(async (tx) => {
    await audit(tx, { actor: officer, action });
    appended();
    await release;
  });
  return { ready, commit: () => (commit(), done), done };
}

/** A different value of the same column, by SQL, as someone with database access would write it. */
const tamperings = {
  at: sql`at = at + interval '1 millisecond'`,
  actor_id: sql`actor_id = ${randomUUID()}`,
  actor_role: sql`actor_role = coalesce(actor_role, '') || 'x'`,
  action: sql`action = action || 'x'`,
  case_id: sql`case_id = ${randomUUID()}`,
  ip: sql`ip = coalesce(ip, '') || '1'`,
  data: sql`data = data || '{"tampered": true}'::jsonb`,
  prev_hash: sql`prev_hash = md5(prev_hash) || md5(prev_hash)`,
  hash: sql`hash = md5(hash) || md5(hash)`,
  chain: sql`chain = (chain + 7) % ${AUDIT_CHAINS}`,
} as const;

async function restore(db: Db, row: AuditRow) {
  await db.delete(auditLog).where(eq(auditLog.id, row.id));
  await db.insert(auditLog).values(row);
}

describe.each<DbKind>(["pglite", "postgres"])("audit chains on %s", (kind) => {
  const testDb = useTestDatabase(kind, { beforeAll, afterAll });
  const db = () => testDb().handle.db;

  it("checkpoints the heads only when something was appended, and the scheduled job does the same", async () => {
    expect(await checkpointAudit(db())).toBeNull();
    await audit(db(), { actor: officer, action: "test.first" });
    const cp = await checkpointAudit(db());
    const [first] = await allRecords(db());
    expect(cp).toMatchObject({ upToId: first!.id });
    expect(cp!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await checkpointAudit(db())).toBeNull();
    await auditMany(db(), [1, 2].map((n) => ({ actor: "system" as const, action: "test.batch", data: { n } })));
    const ctx = { db: db(), jobId: "test" } as Parameters<(typeof jobs)["audit.checkpoint"]["run"]>[1];
    const byJob = (await jobs["audit.checkpoint"].run({}, ctx)) as { upToId: number } | null;
    expect(byJob?.upToId).toBe(first!.id + 2);
    expect(await latestAuditCheckpoint(db())).toMatchObject({ upToId: first!.id + 2 });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checkpoints: 2, lastCheckpoint: { upToId: first!.id + 2 } });
  });

  it("finds a change to any field of any record, whichever chain it is on and whether or not a checkpoint covers it", async () => {
    // Several chains on PostgreSQL: while one transaction holds chain 0, the others append on chain 1.
    if (kind === "postgres") {
      const holder = holdChain(db());
      await holder.ready;
      for (let n = 0; n < 4; n++) await audit(db(), { actor: officer, action: "test.beside", caseId: randomUUID(), ip: "203.0.113.7", data: { n } });
      await holder.commit();
    }
    for (let n = 0; n < 4; n++) await audit(db(), { actor: officer, action: "test.view", caseId: randomUUID(), ip: "198.51.100.2", data: { n, nested: { list: [n, "x"] } } });
    await checkpointAudit(db());
    await audit(db(), { actor: "system", action: "test.after_checkpoint", data: { late: true } });
    const rows = await allRecords(db());
    expectChainsLinked(rows);
    expect(new Set(rows.map((r) => r.chain)).size).toBe(kind === "postgres" ? 2 : 1);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checked: rows.length, chains: kind === "postgres" ? 2 : 1 });

    await fc.assert(
      fc.asyncProperty(fc.nat(rows.length - 1), fc.constantFrom(...(Object.keys(tamperings) as (keyof typeof tamperings)[])), async (i, field) => {
        const row = rows[i]!;
        await db().execute(sql`update audit_log set ${tamperings[field]} where id = ${row.id}`);
        try {
          const report = await verifyAuditChain(db(), { pageSize: 4 });
          expect(report, `${field} of #${row.id}`).toMatchObject({ ok: false, firstBrokenId: row.id });
        } finally {
          await restore(db(), row);
        }
      }),
      { numRuns: 40 },
    );
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checked: rows.length });
  });

  it("finds the newest record of a chain removed before a checkpoint; after the latest one, only a kept copy can", async () => {
    const rows = await allRecords(db());
    const [cp] = await db().select().from(auditCheckpoints).orderBy(sql`${auditCheckpoints.id} desc`).limit(1);
    const covered = rows.filter((r) => r.id <= cp!.upToId);
    const newestCovered = covered.at(-1)!;
    await db().delete(auditLog).where(eq(auditLog.id, newestCovered.id));
    const report = await verifyAuditChain(db());
    expect(report).toMatchObject({ ok: false, firstBrokenId: cp!.upToId });
    expect(report.reason).toBe(CHECKPOINT_MISMATCH);
    await restore(db(), newestCovered);

    // A changed checkpoint is found as well.
    await db().execute(sql`update audit_checkpoints set digest = md5(digest) || md5(digest) where id = ${cp!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBrokenId: cp!.upToId });
    await db().execute(sql`update audit_checkpoints set digest = ${cp!.digest} where id = ${cp!.id}`);

    // The documented limit: what came after the latest checkpoint can go from the end of its chain.
    const late = rows.at(-1)!;
    expect(late.id).toBeGreaterThan(cp!.upToId);
    await db().delete(auditLog).where(eq(auditLog.id, late.id));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    await restore(db(), late);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, head: { id: late.id } });
  });

  // PostgreSQL only: PGlite has a single connection, so concurrent writers cannot race there (stack.md).
  it.runIf(kind === "postgres")("does not hold other appends up while a transaction keeps its chain until commit", async () => {
    // Under a single chain lock these appends would wait for the holder and fail at the statement timeout.
    const impatient = await openDatabase({ kind: "postgres", url: testDb().url!, max: 10, statementTimeoutMs: 3000 });
    try {
      const holder = holdChain(db(), "test.long_holder");
      await holder.ready;
      const before = (await allRecords(db())).length;
      await Promise.all(Array.from({ length: 10 }, (_, i) => audit(impatient.db, { actor: officer, action: "test.not_waiting", data: { i } })));
      for (let i = 0; i < 5; i++) await audit(impatient.db, { actor: officer, action: "test.not_waiting_sequential", data: { i } });
      const appended = (await allRecords(db())).filter((r) => r.action.startsWith("test.not_waiting"));
      expect(appended).toHaveLength(15);
      // The holder's record is not committed yet; nobody else appended on its chain.
      expect((await allRecords(db())).some((x) => x.action === "test.long_holder")).toBe(false);
      await holder.commit();
      const rows = await allRecords(db());
      expect(rows.length).toBe(before + appended.length + 1);
      const holderRow = rows.find((r) => r.action === "test.long_holder")!;
      expect(appended.every((r) => r.chain !== holderRow.chain)).toBe(true);
      expectChainsLinked(rows);
      expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    } finally {
      await impatient.close();
    }
  });

  it.runIf(kind === "postgres")("lets a checkpoint wait for appends in progress, so what it covers is all committed", async () => {
    const holder = holdChain(db(), "test.slow_commit");
    await holder.ready;
    await audit(db(), { actor: officer, action: "test.committed_meanwhile" });
    const checkpoint = checkpointAudit(db());
    // The checkpoint is waiting for the holder's chain lock...
    const waiting = async () => {
      const res = await db().execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${AUDIT_CHAIN_LOCK} and objsubid = 2 and not granted`);
      return Number((res as unknown as { rows: { n: number }[] }).rows[0]!.n);
    };
    for (let tries = 0; (await waiting()) === 0; tries++) {
      expect(tries, "the checkpoint never waited for the open append").toBeLessThan(200);
      await new Promise((r) => setTimeout(r, 25));
    }
    // ... and covers the holder's record, whose id is lower than the one committed meanwhile.
    await holder.commit();
    const cp = await checkpoint;
    const rows = await allRecords(db());
    const slow = rows.find((r) => r.action === "test.slow_commit")!;
    const meanwhile = rows.find((r) => r.action === "test.committed_meanwhile")!;
    expect(slow.id).toBeLessThan(meanwhile.id);
    expect(cp!.upToId).toBe(meanwhile.id);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, lastCheckpoint: { id: cp!.id } });
  });

  it.runIf(kind === "postgres")("takes 50 concurrent appenders without losing, doubling or reordering a record, with checkpoints meanwhile", async () => {
    const wide = await openDatabase({ kind: "postgres", url: testDb().url!, max: 50 });
    try {
      const before = (await allRecords(db())).length;
      const APPENDERS = 50;
      const ROUNDS = 6;
      let appending = true;
      const checkpoints = (async () => {
        let taken = 0;
        while (appending) {
          if (await checkpointAudit(wide.db)) taken++;
          await new Promise((r) => setTimeout(r, 20));
        }
        return taken;
      })();
      await Promise.all(
        Array.from({ length: APPENDERS }, async (_, r) => {
          for (let n = 0; n < ROUNDS; n++) {
            const entry = { actor: officer, action: "test.reader", data: { r, n, part: 0 } };
            if (n % 2 === 0) await audit(wide.db, entry);
            // A transaction with two records, the second written by a later call.
            else
              await wide.db.transaction(async (tx) => {
                await tx.execute(sql`select pg_sleep(0.002)`);
                await auditMany(tx, [entry]);
                await audit(tx, { ...entry, data: { r, n, part: 1 } });
              });
          }
        }),
      );
      appending = false;
      const taken = await checkpoints;

      const rows = await allRecords(db());
      const mine = rows.filter((x) => x.action === "test.reader");
      expect(rows.length).toBe(before + mine.length);
      expect(mine.length).toBe(APPENDERS * (ROUNDS / 2) * 3);
      const keys = mine.map((x) => JSON.stringify([x.data.r, x.data.n, x.data.part]));
      expect(new Set(keys).size).toBe(keys.length);
      // Each appender's records are in the trail in the order it appended them.
      for (let r = 0; r < APPENDERS; r++) {
        const order = mine.filter((x) => x.data.r === r).map((x) => [x.data.n, x.data.part]);
        expect(order).toEqual(Array.from({ length: ROUNDS }, (_, n) => (n % 2 === 0 ? [[n, 0]] : [[n, 0], [n, 1]])).flat());
      }
      // Both records of one transaction are on one chain.
      const twoPart = mine.filter((x) => x.data.part === 1);
      for (const second of twoPart) {
        const first = mine.find((x) => x.data.r === second.data.r && x.data.n === second.data.n && x.data.part === 0)!;
        expect(first.chain).toBe(second.chain);
      }
      expectChainsLinked(rows);
      const report = await verifyAuditChain(db(), { pageSize: 97 });
      expect(report).toMatchObject({ ok: true, checked: rows.length, firstBrokenId: null });
      expect(report.chains).toBeGreaterThan(1);
      expect(report.checkpoints).toBeGreaterThanOrEqual(taken);
      expect(taken).toBeGreaterThan(0);
    } finally {
      await wide.close();
    }
  });
});
