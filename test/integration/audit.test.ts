import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS, audit, auditMany, auditRecordHash, chainGenesis, checkpointAudit, verifyAuditChain, type AuditEntry } from "../../models/audit";
import { toActor } from "../../models/auth";
import { createDraftCase } from "../../models/case/drafts";
import type { Services } from "../../models/platform/services";
import type { Db } from "../../models/platform/db";
import { auditLog, type AuditRow } from "../../models/schema/audit";
import { cases } from "../../models/schema/cases";
import * as auditPage from "../../app/routes/officer.audit";
import * as caseAuditPage from "../../app/routes/officer.cases.$caseId_.audit";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, validDossier } from "../support/factories";
import { callRoute, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const allRecords = (db: Db) => db.select().from(auditLog).orderBy(asc(auditLog.id));

/**
 * Every record links to the one before it on its chain (from the chain's genesis hash)
 * and its hash is right (checked here, independently of verifyAuditChain). Appends that
 * never overlap all stay on chain 0, one chain from GENESIS as before decision 015.
 */
function expectLinked(rows: AuditRow[]) {
  const prev = new Map<number, string>();
  for (const row of rows) {
    const expected = prev.get(row.chain) ?? chainGenesis(row.chain);
    expect(row.prevHash, `prevHash of #${row.id}`).toBe(expected);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.hash, `hash of #${row.id}`).toBe(auditRecordHash(expected, row));
    prev.set(row.chain, row.hash!);
  }
}

/** Put a removed record back exactly as it was. */
async function restore(db: Db, row: AuditRow) {
  await db.insert(auditLog).values(row);
}

describe.each<DbKind>(["pglite", "postgres"])("audit chain on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });
  const db = () => t.handle.db;

  it("chains every record written by audit() and auditMany(), with or without the caller's transaction", async () => {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const officer = toActor(await makeUser(db(), "officer"));
    // A use case: its audit record is written in its own transaction.
    const c = await createDraftCase(ctxFor(db(), applicant), validDossier(org.id));
    // The plain database: audit() opens its own transaction.
    await audit(db(), { actor: officer, action: "case.view", caseId: c.id, ip: "203.0.113.7", data: { z: 1, a: { y: [1, "two", null], b: true } } });
    // The caller's transaction, several records in it.
    await db().transaction(async (tx) => {
      await audit(tx, { actor: officer, action: "test.one", caseId: c.id.toUpperCase() });
      await audit(tx, { actor: "system", action: "test.two", data: { when: new Date(Date.UTC(2026, 5, 1)), skipped: undefined } });
    });
    await auditMany(
      db(),
      [1, 2, 3].map((n) => ({ actor: "system" as const, action: "test.batch", caseId: c.id, data: { n } })),
    );
    await db().transaction((tx) => auditMany(tx, [{ actor: officer, action: "test.batch_tx" }, { actor: officer, action: "test.batch_tx", data: { last: true } }]));
    // A rolled-back transaction leaves neither a record nor a fork.
    await db()
      .transaction(async (tx) => {
        await audit(tx, { actor: officer, action: "test.rolled_back" });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await audit(db(), { actor: officer, action: "test.after_rollback" });

    const rows = await allRecords(db());
    expect(rows.map((r) => r.action)).toEqual([
      "case.create",
      "case.view",
      "test.one",
      "test.two",
      "test.batch",
      "test.batch",
      "test.batch",
      "test.batch_tx",
      "test.batch_tx",
      "test.after_rollback",
    ]);
    expectLinked(rows);
    // One writer at a time: one chain, from GENESIS.
    expect(new Set(rows.map((r) => r.chain))).toEqual(new Set([0]));
    expect(rows[0]!.prevHash).toBe(GENESIS);
    // Hashed as stored: the uuid as PostgreSQL spells it, the date as JSON stored it.
    expect(rows[2]!.caseId).toBe(c.id);
    expect(rows[3]!.data).toEqual({ when: "2026-06-01T00:00:00.000Z" });

    const report = await verifyAuditChain(db());
    expect(report).toMatchObject({ ok: true, checked: rows.length, firstBrokenId: null, unchained: 0, head: { id: rows.at(-1)!.id, hash: rows.at(-1)!.hash } });
    // Page boundaries change nothing.
    expect(await verifyAuditChain(db(), { pageSize: 3 })).toMatchObject({ ok: true, checked: rows.length });
  });

  it("finds data changed by SQL at the changed record, and passes again once it is put back", async () => {
    const rows = await allRecords(db());
    const target = rows[4]!;
    await db().execute(sql`update audit_log set data = ${JSON.stringify({ n: 42 })}::jsonb where id = ${target.id}`);
    for (const pageSize of [5000, 2]) {
      const report = await verifyAuditChain(db(), { pageSize });
      expect(report).toMatchObject({ ok: false, checked: 5, firstBrokenId: target.id, head: { id: rows[3]!.id } });
      expect(report.reason).toMatch(/content does not match/);
    }
    await db().execute(sql`update audit_log set data = ${JSON.stringify(target.data)}::jsonb where id = ${target.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, firstBrokenId: null });

    // Other columns are covered too.
    await db().execute(sql`update audit_log set ip = '198.51.100.1' where id = ${rows[1]!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBrokenId: rows[1]!.id });
    await db().execute(sql`update audit_log set ip = ${rows[1]!.ip} where id = ${rows[1]!.id}`);
    await db().execute(sql`update audit_log set at = at + interval '1 second' where id = ${rows[2]!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBrokenId: rows[2]!.id });
    await db().execute(sql`update audit_log set at = at - interval '1 second' where id = ${rows[2]!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("finds a record removed from the middle at the record after it", async () => {
    const rows = await allRecords(db());
    const removed = rows[5]!;
    await db().execute(sql`delete from audit_log where id = ${removed.id}`);
    const report = await verifyAuditChain(db());
    expect(report).toMatchObject({ ok: false, firstBrokenId: rows[6]!.id, checked: 6 });
    expect(report.reason).toMatch(/removed/);
    await restore(db(), removed);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("finds a forged hash, even when the next record is re-linked to it", async () => {
    const rows = await allRecords(db());
    const target = rows[3]!;
    const forged = sha256("forged");
    await db().execute(sql`update audit_log set hash = ${forged} where id = ${target.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBrokenId: target.id });
    await db().execute(sql`update audit_log set prev_hash = ${forged} where id = ${rows[4]!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBrokenId: target.id });
    await db().execute(sql`update audit_log set hash = null, prev_hash = null where id = ${target.id}`);
    const unhashed = await verifyAuditChain(db());
    expect(unhashed).toMatchObject({ ok: false, firstBrokenId: target.id });
    expect(unhashed.reason).toMatch(/no hash/);
    await db().execute(sql`update audit_log set hash = ${target.hash}, prev_hash = ${target.prevHash} where id = ${target.id}`);
    await db().execute(sql`update audit_log set prev_hash = ${rows[4]!.prevHash} where id = ${rows[4]!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("finds the first record removed (the chain must start at the genesis hash); the newest removed shows only in the head", async () => {
    const rows = await allRecords(db());
    await db().execute(sql`delete from audit_log where id = ${rows[0]!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBrokenId: rows[1]!.id });
    await restore(db(), rows[0]!);
    // A documented limit: a chain without its newest record is still a valid chain.
    const last = rows.at(-1)!;
    await db().execute(sql`delete from audit_log where id = ${last.id}`);
    const report = await verifyAuditChain(db());
    expect(report).toMatchObject({ ok: true, head: { id: rows.at(-2)!.id } });
    expect(report.head?.id).not.toBe(last.id);
    await restore(db(), last);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, head: { id: last.id, hash: last.hash } });
  });

  // PostgreSQL only: PGlite has a single connection, so concurrent writers cannot race there (stack.md).
  it.runIf(kind === "postgres")("keeps every chain unbroken when 20 transactions write at the same time", async () => {
    const officer = toActor(await makeUser(db(), "officer"));
    const before = await allRecords(db());
    const writes = Array.from({ length: 20 }, (_, i) =>
      db().transaction(async (tx) => {
        // Each transaction does some work of its own before it writes its record, as use cases do.
        await tx.execute(sql`select pg_sleep(${(i % 4) / 200})`);
        const entry: AuditEntry = { actor: officer, action: "test.concurrent", data: { i } };
        if (i % 5 === 0) await auditMany(tx, [entry, { ...entry, action: "test.concurrent_batch" }]);
        else await audit(tx, entry);
      }),
    );
    // And a few writers outside any transaction at the same time.
    const plain = Array.from({ length: 5 }, (_, i) => audit(db(), { actor: "system", action: "test.concurrent_plain", data: { i } }));
    await Promise.all([...writes, ...plain]);

    const rows = await allRecords(db());
    expect(rows.length).toBe(before.length + 20 + 4 + 5);
    const prevHashes = rows.map((r) => r.prevHash);
    expect(new Set(prevHashes).size).toBe(prevHashes.length);
    expectLinked(rows);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checked: rows.length, firstBrokenId: null });
  });
});

/** The pages, called with real Requests on a real database, as test/integration/routes.test.ts does. */
describe("audit pages", () => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let services: Services;
  let context: AppLoadContext;
  beforeAll(async () => {
    harness = await openRouteContext({}, "192.0.2.44");
    ({ services, context } = harness);
  });
  afterAll(() => harness.close());
  const db = () => services.database.db;
  const url = testUrl;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, context, request, params);
  const dataOf = <T = Record<string, unknown>>(result: unknown) => ((result as { data?: T }).data ?? result) as T;
  /** Signs in through the real login action (and the second factor officers owe). */
  const cookieFor = (email: string) => signInCookie(context, email);
  const get = (cookie: string, p: string) => new Request(url(p), { headers: { Cookie: cookie } });
  const post = (cookie: string, p: string, body: Record<string, string>) =>
    new Request(url(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });

  type Report = { ok: boolean; checked: number; firstBrokenId: number | null; reason?: string };

  it("refuses officers who are not senior (403) and shows senior officers the verification result", async () => {
    const officer = await cookieFor((await makeUser(db(), "officer")).email);
    const senior = await cookieFor((await makeUser(db(), "senior_officer")).email);
    expect(statusOf(await call(auditPage.loader, get(officer, "/officer/audit")))).toBe(403);
    expect(statusOf(await call(auditPage.action, post(officer, "/officer/audit", { intent: "verify" })))).toBe(403);
    const anon = await call(auditPage.loader, new Request(url("/officer/audit")));
    expect(statusOf(anon)).toBe(302);

    const page = await call(auditPage.loader, get(senior, "/officer/audit"));
    expect(statusOf(page)).toBe(200);
    const head = dataOf<{ head: { id: number; hash: string } }>(page).head;
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);

    const verified = await call(auditPage.action, post(senior, "/officer/audit", { intent: "verify" }));
    expect(statusOf(verified)).toBe(200);
    const report = dataOf<{ report: Report }>(verified).report;
    expect(report).toMatchObject({ ok: true, firstBrokenId: null });
    expect(report.checked).toBeGreaterThan(0);
    // The check is itself recorded.
    const [last] = await db().select().from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect(last).toMatchObject({ action: "audit.verify", ip: "192.0.2.44", data: { ok: true } });

    const [victim] = await db().select().from(auditLog).where(eq(auditLog.action, "user.login")).orderBy(asc(auditLog.id)).limit(1);
    await db().execute(sql`update audit_log set data = '{"note":"nothing happened"}'::jsonb where id = ${victim!.id}`);
    const broken = dataOf<{ report: Report }>(await call(auditPage.action, post(senior, "/officer/audit", { intent: "verify" }))).report;
    expect(broken).toMatchObject({ ok: false, firstBrokenId: victim!.id });
    await db().execute(sql`update audit_log set data = ${JSON.stringify(victim!.data)}::jsonb where id = ${victim!.id}`);

    expect(statusOf(await call(auditPage.action, post(senior, "/officer/audit", { intent: "nope" })))).toBe(400);
  });

  it("lists a case's audit history for senior officers only, and answers 404 for drafts and bad ids", async () => {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const c = await createDraftCase({ ...ctxFor(db(), applicant), ip: "198.51.100.23" }, validDossier(org.id));
    const officerUser = await makeUser(db(), "officer");
    const officer = await cookieFor(officerUser.email);
    const senior = await cookieFor((await makeUser(db(), "senior_officer")).email);
    const p = `/officer/cases/${c.id}/audit`;
    // Officers see no drafts.
    expect(statusOf(await call(caseAuditPage.loader, get(senior, p), { caseId: c.id }))).toBe(404);
    expect(statusOf(await call(caseAuditPage.loader, get(senior, "/officer/cases/nope/audit"), { caseId: "nope" }))).toBe(404);

    await db().update(cases).set({ status: "in_review" }).where(eq(cases.id, c.id));
    await audit(db(), { actor: toActor(officerUser), action: "case.view", caseId: c.id, ip: "203.0.113.9", data: { documentId: "d1" } });
    expect(statusOf(await call(caseAuditPage.loader, get(officer, p), { caseId: c.id }))).toBe(403);

    const page = await call(caseAuditPage.loader, get(senior, p), { caseId: c.id });
    expect(statusOf(page)).toBe(200);
    const records = dataOf<{ records: { action: string; who: string; role: string; ip: string | null; data: Record<string, unknown> }[] }>(page).records;
    expect(records.map((r) => r.action)).toEqual(["case.audit_view", "case.view", "case.create"]);
    expect(records[1]).toMatchObject({ who: "Test officer", role: "officer", ip: "203.0.113.9", data: { documentId: "d1" } });
    expect(records[2]).toMatchObject({ who: "Test applicant", role: "applicant", ip: "198.51.100.23" });
    expect(records[0]).toMatchObject({ role: "senior_officer", ip: "192.0.2.44" });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("shows the latest checkpoint (decision 015) and counts the checkpoints the verification recomputed", async () => {
    const senior = await cookieFor((await makeUser(db(), "senior_officer")).email);
    await checkpointAudit(db());
    expect(await checkpointAudit(db())).toBeNull(); // nothing appended since the first
    const page = dataOf<{ checkpoint: { id: number; upToId: number; digest: string; at: string } }>(await call(auditPage.loader, get(senior, "/officer/audit")));
    expect(page.checkpoint.digest).toMatch(/^[0-9a-f]{64}$/);
    const report = dataOf<{ report: { ok: boolean; checkpoints: number; lastCheckpoint: { upToId: number } } }>(
      await call(auditPage.action, post(senior, "/officer/audit", { intent: "verify" })),
    ).report;
    expect(report).toMatchObject({ ok: true, lastCheckpoint: { upToId: page.checkpoint.upToId } });
    expect(report.checkpoints).toBeGreaterThanOrEqual(1);
  });
});
