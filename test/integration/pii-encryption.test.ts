import { execFileSync } from "node:child_process";
import { silentLogger } from "../../models/platform/log";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { eq, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { confirmSponsorship, submitCase } from "../../models/case/actions";
import { officerCaseFile } from "../../models/case/case-file";
import { addDocument } from "../../models/case/documents";
import { createDraftCase, saveDraft } from "../../models/case/drafts";
import { backfillPassportIndex, passportIndex } from "../../models/case/passport-index";
import { encryptStoredPii, storedPiiKeys } from "../../models/case/pii-backfill";
import { searchCases } from "../../models/case/search";
import { exportMyData } from "../../models/export";
import type { Queryable } from "../../models/platform/db";
import { createMailer } from "../../models/platform/mail";
import { DEV_PII_ENCRYPTION_KEYS, kidOfEnvelope, parseKeyring, PiiDecryptError, setPiiEncryptionKeys, type PiiKey } from "../../models/platform/pii-crypto";
import { createStorage } from "../../models/platform/storage";
import { cases } from "../../models/schema/cases";
import { startWorkers, type RunningWorkers } from "../../workers/runtime";
import { createTestDatabase, dropRedisKeys, REDIS_URL, testPrefix, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";
import { startSmtpServer, type RunningSmtp } from "../support/smtp";

/**
 * Issue 12: identity numbers are encrypted at rest. After a real submit -> sponsor
 * confirmation -> screening flow (outbox, BullMQ on Redis, SMTP), no table of the
 * database (every column, JSON included, as text) and no Redis key of the run holds
 * a passport number in clear; officers, search and the applicant's export still
 * see it. The start-up backfill encrypts old clear rows once; key rotation
 * re-encrypts; altered ciphertext fails loudly.
 */

const devRing = (() => {
  const r = parseKeyring(DEV_PII_ENCRYPTION_KEYS);
  if (!r.ok) throw new Error(r.problems.join("; "));
  return r.keys;
})();
afterEach(() => setPiiEncryptionKeys(devRing));

/** A passport number nobody else has (5 to 20 capital letters and digits). */
const uniquePassport = () => `Z${randomBytes(5).toString("hex").toUpperCase()}`;
const key = (kid: string): PiiKey => ({ kid, key: randomBytes(32) });

/** Every table of every schema of the database, each row as text (all columns, JSON included), matched with LIKE. */
async function rowsContaining(db: Queryable, needle: string): Promise<Record<string, number>> {
  const tables = (await db.execute(sql`select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`)) as unknown as { rows: { s: string; t: string }[] };
  expect(tables.rows.map((r) => r.t)).toEqual(expect.arrayContaining(["cases", "case_events", "audit_log", "outbox", "email_deliveries", "documents"]));
  const found: Record<string, number> = {};
  for (const { s, t } of tables.rows) {
    const ident = sql.raw(`"${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`);
    const res = (await db.execute(sql`select count(*)::int as n from ${ident} as x where x::text like ${`%${needle}%`}`)) as unknown as { rows: { n: number }[] };
    if (Number(res.rows[0]!.n) > 0) found[`${s}.${t}`] = Number(res.rows[0]!.n);
  }
  return found;
}

/** Every key under a Redis prefix with its value(s) as text, whatever the key's type. */
async function redisDump(prefix: string): Promise<Map<string, string>> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const out = new Map<string, string>();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await r.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      for (const k of keys) {
        const type = await r.type(k);
        const value =
          type === "string" ? await r.get(k)
          : type === "hash" ? JSON.stringify(await r.hgetall(k))
          : type === "list" ? JSON.stringify(await r.lrange(k, 0, -1))
          : type === "set" ? JSON.stringify(await r.smembers(k))
          : type === "zset" ? JSON.stringify(await r.zrange(k, "0", "-1", "WITHSCORES"))
          : type === "stream" ? JSON.stringify(await r.xrange(k, "-", "+"))
          : `(${type})`;
        out.set(k, value ?? "");
      }
    } while (cursor !== "0");
  } finally {
    r.disconnect();
  }
  return out;
}

/** The text of every entry of a ZIP (read by Python's zipfile, another reader than ours). */
function zipText(file: string): string {
  const script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint('\\n'.join(z.read(i.filename).decode('utf-8', 'replace') for i in z.infolist()))";
  return execFileSync("python3", ["-c", script, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

const rawPassport = async (db: Queryable, id: string) =>
  ((await db.execute(sql`select dossier -> 'personal' ->> 'passportNumber' as p, dossier ->> '_pii' as kid from cases where id = ${id}`)) as unknown as { rows: { p: string | null; kid: string | null }[] }).rows[0]!;

describe("identity numbers at rest after a full submit -> screening flow (PostgreSQL, BullMQ, Redis, SMTP)", () => {
  let t: TestDatabase;
  let dir: string;
  let smtp: RunningSmtp;
  let workers: RunningWorkers | undefined;
  const prefix = testPrefix("pii");
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    dir = mkdtempSync(path.join(tmpdir(), "toptier-pii-"));
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await workers?.stop();
    await smtp?.stop();
    await t?.drop();
    await dropRedisKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores no clear passport number in any table or Redis key; officers, search and the export see it", async () => {
    const db = t.handle.db;
    const storage = createStorage({ kind: "local", dir });
    workers = startWorkers({
      db,
      mailer: createMailer({ kind: "smtp", url: smtp.url, from: "TopTier <no-reply@toptier.test>" }),
      storage,
      publicUrl: "http://portal.test",
      secret: "test-secret",
      redisUrl: REDIS_URL,
      prefix,
      logger: silentLogger,
    });
    const org = await makeOrganization(db);
    const applicant = await makeUser(db, "applicant");
    const employer = await makeUser(db, "employer_admin", { organizationId: org.id });
    const officer = await makeUser(db, "officer");
    const mine = uniquePassport();
    const spouse = uniquePassport();
    const child = uniquePassport();
    const fullName = `Pii Tester ${randomBytes(3).toString("hex")}`;
    const dossier = validDossier(org.id, {
      personal: { fullName, passportNumber: mine },
      dependants: [
        { relation: "spouse", fullName: "Spouse Tester", birthDate: "1989-01-01", nationality: "Nigeria", passportNumber: spouse },
        { relation: "child", fullName: "Child Tester", birthDate: "2015-01-01", nationality: "Nigeria", passportNumber: child },
      ],
    });
    const draft = await createDraftCase(ctxFor(db, applicant), { personal: { fullName, passportNumber: mine } });
    await saveDraft(ctxFor(db, applicant), draft.id, dossier);
    await addDocument({ ...ctxFor(db, applicant), storage, maxBytes: 4096 }, { caseId: draft.id, kind: "passport", filename: "p.pdf", bytes: samplePdf() });
    const submitted = await submitCase(ctxFor(db, applicant), draft.id);
    // The use case returns clear values (read through the column).
    expect(submitted.dossier.personal.passportNumber).toBe(mine);
    await confirmSponsorship(ctxFor(db, employer), draft.id, { attest: true });
    const end = Date.now() + 20_000;
    while ((await reload(db, draft.id)).status !== "in_review") {
      if (Date.now() > end) throw new Error("the case did not reach in_review through the screening job");
      await new Promise((r) => setTimeout(r, 100));
    }
    await smtp.waitFor(3, 15_000);

    // The database: the numbers are nowhere in clear, in any table or column.
    for (const n of [mine, spouse, child]) expect(await rowsContaining(db, n)).toEqual({});
    // ...while the same scan does find what is stored in clear (the name is in the dossier, the receipt in events and audit).
    expect(Object.keys(await rowsContaining(db, fullName))).toContain("public.cases");
    expect(Object.keys(await rowsContaining(db, submitted.receiptNumber!))).toEqual(expect.arrayContaining(["public.cases", "public.case_events", "public.audit_log"]));
    const raw = await rawPassport(db, draft.id);
    expect(raw.p).toMatch(/^enc:v1:dev:/);
    expect(raw.kid).toBe("dev");

    // Redis: every key of this run (jobs, their data and results, events), every value.
    const dump = await redisDump(prefix);
    expect(dump.size).toBeGreaterThan(0);
    const all = [...dump].map(([k, v]) => `${k}=${v}`).join("\n");
    expect(all).toContain(draft.id);
    for (const n of [mine, spouse, child]) expect(all).not.toContain(n);
    // E-mails sent on the way.
    expect(smtp.messages.length).toBeGreaterThanOrEqual(3);
    for (const m of smtp.messages) for (const n of [mine, spouse, child]) expect(`${m.subject}\n${m.text}\n${m.html || ""}`).not.toContain(n);

    // The officer sees the numbers; exact search (typed the way people type) finds the case.
    const file = await officerCaseFile(ctxFor(db, officer), draft.id);
    expect(file.case.dossier.personal.passportNumber).toBe(mine);
    expect(file.case.dossier.dependants.map((d) => d.passportNumber)).toEqual([spouse, child]);
    const typed = `${mine.slice(0, 3).toLowerCase()} ${mine.slice(3, 6)}-${mine.slice(6)}`;
    const found = await searchCases(ctxFor(db, officer), { q: typed });
    expect(found.hits.map((h) => h.id)).toEqual([draft.id]);
    expect(found.hits[0]!.matched).toContain("passport");

    // The applicant's export holds their own numbers in clear.
    const exported = await exportMyData({ ...ctxFor(db, applicant), storage });
    const zip = path.join(dir, "export.zip");
    await pipeline(exported.stream, createWriteStream(zip));
    const text = zipText(zip);
    for (const n of [mine, spouse, child]) expect(text).toContain(n);
    expect(text).not.toContain("enc:v1:");
  }, 60_000);
});

describe.each(["pglite", "postgres"] as const)("start-up backfill, key rotation and tampering on %s", (kind: DbKind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  /** A row as migration 0009 finds it: the dossier written in clear by the code before it (no marker). */
  async function oldClearRow(applicantId: string, orgId: string, opts: { submitted: boolean; passport: string; dependant: string }) {
    const dossier = validDossier(orgId, {
      personal: { passportNumber: opts.passport },
      dependants: [{ relation: "spouse", fullName: "Old Spouse", birthDate: "1989-01-01", nationality: "Nigeria", passportNumber: opts.dependant }],
    });
    const res = (await t.handle.db.execute(sql`insert into cases (applicant_id, organization_id, status, receipt_number, submitted_at, dossier)
      values (${applicantId}, ${orgId}, ${opts.submitted ? "in_review" : "draft"}, ${opts.submitted ? `TT-OLD-${randomBytes(4).toString("hex")}` : null},
        ${opts.submitted ? new Date().toISOString() : null}, ${JSON.stringify(dossier)}::jsonb) returning id`)) as unknown as { rows: { id: string }[] };
    return res.rows[0]!.id;
  }

  it("encrypts old clear rows in batches, once, and computes their passport index; search finds them", async () => {
    const db = t.handle.db;
    const org = await makeOrganization(db);
    const applicant = await makeUser(db, "applicant");
    const officer = await makeUser(db, "officer");
    const specs = Array.from({ length: 5 }, (_, i) => ({ submitted: i !== 2, passport: uniquePassport(), dependant: uniquePassport() }));
    const ids = [];
    for (const s of specs) ids.push(await oldClearRow(applicant.id, org.id, s));
    // Before: in clear, and not found (no index yet).
    expect(Object.keys(await rowsContaining(db, specs[0]!.passport))).toEqual(["public.cases"]);
    expect((await searchCases(ctxFor(db, officer), { q: specs[0]!.passport })).hits).toEqual([]);
    expect((await storedPiiKeys(db)).find((r) => r.kid === "clear")?.cases).toBe(5);

    // What start-up runs (server.ts): the index first (in SQL, clear rows), then the encryption, 2 rows a batch.
    expect(await backfillPassportIndex(db)).toBe(4);
    const batches: number[] = [];
    expect(await encryptStoredPii(db, { batch: 2, onBatch: (n) => batches.push(n) })).toBe(5);
    expect(batches).toEqual([2, 4, 5]);

    for (const s of specs) for (const n of [s.passport, s.dependant]) expect(await rowsContaining(db, n)).toEqual({});
    expect((await rawPassport(db, ids[0]!)).p).toMatch(/^enc:v1:dev:/);
    expect(await storedPiiKeys(db)).toEqual([{ kid: "dev", cases: 5, current: true }]);
    for (const [i, s] of specs.entries()) {
      const row = await reload(db, ids[i]!);
      expect(row.dossier.personal.passportNumber).toBe(s.passport);
      expect(row.dossier.dependants[0]!.passportNumber).toBe(s.dependant);
      expect(row.passportIndex).toBe(s.submitted ? passportIndex(s.passport) : null);
    }
    expect((await searchCases(ctxFor(db, officer), { q: specs[0]!.passport.toLowerCase() })).hits.map((h) => h.id)).toEqual([ids[0]]);
    // The draft is not searched.
    expect((await searchCases(ctxFor(db, officer), { q: specs[2]!.passport })).hits).toEqual([]);

    // Idempotent: nothing left to do, the stored ciphertexts stay as they are.
    const before = await rawPassport(db, ids[1]!);
    expect(await encryptStoredPii(db, { batch: 2 })).toBe(0);
    expect(await backfillPassportIndex(db)).toBe(0);
    expect(await rawPassport(db, ids[1]!)).toEqual(before);

    // After a change of PII_INDEX_KEY (`passport_index = null`), the index is recomputed from the encrypted numbers.
    await db.update(cases).set({ passportIndex: null }).where(eq(cases.id, ids[1]!));
    expect(await backfillPassportIndex(db)).toBe(1);
    expect((await reload(db, ids[1]!)).passportIndex).toBe(passportIndex(specs[1]!.passport));
  });

  it("re-encrypts rows under an older key with the current one; without the old key they fail clearly", async () => {
    const db = t.handle.db;
    const org = await makeOrganization(db);
    const applicant = await makeUser(db, "applicant");
    const k1 = key("k1");
    const k2 = key("k2");
    setPiiEncryptionKeys([k1]);
    const passports = [uniquePassport(), uniquePassport(), uniquePassport()];
    const made = [];
    for (const p of passports) made.push(await createDraftCase(ctxFor(db, applicant), validDossier(org.id, { personal: { passportNumber: p } })));
    expect(kidOfEnvelope((await rawPassport(db, made[0]!.id)).p!)).toBe("k1");

    // A ring without k1 cannot read those rows, and says which key is missing.
    setPiiEncryptionKeys([k2]);
    await expect(reload(db, made[0]!.id)).rejects.toThrow(/encrypted with key "k1", which is not in PII_ENCRYPTION_KEYS/);

    // Rotation: k2 first, k1 kept until the re-encryption has run.
    setPiiEncryptionKeys([k2, k1]);
    expect((await reload(db, made[0]!.id)).dossier.personal.passportNumber).toBe(passports[0]);
    // Only the rows under k1 are due (rows of earlier tests, under the development key, are not in this ring).
    expect(await encryptStoredPii(db, { batch: 2 })).toBe(3);
    const byKid = await storedPiiKeys(db);
    expect(byKid.find((r) => r.kid === "k2")).toEqual({ kid: "k2", cases: 3, current: true });
    expect(byKid.find((r) => r.kid === "k1")).toBeUndefined();
    for (const m of made) expect(kidOfEnvelope((await rawPassport(db, m.id)).p!)).toBe("k2");
    expect(await encryptStoredPii(db)).toBe(0);

    // k1 can go now: every row reads with k2 alone.
    setPiiEncryptionKeys([k2]);
    for (const [i, m] of made.entries()) expect((await reload(db, m.id)).dossier.personal.passportNumber).toBe(passports[i]);
  });

  it("refuses to read an altered ciphertext or tag, naming the failure", async () => {
    const db = t.handle.db;
    const org = await makeOrganization(db);
    const applicant = await makeUser(db, "applicant");
    const c = await createDraftCase(ctxFor(db, applicant), validDossier(org.id, { personal: { passportNumber: uniquePassport() } }));
    const stored = (await rawPassport(db, c.id)).p!;
    for (const part of [4, 5] as const) {
      const parts = stored.split(":");
      const bytes = Buffer.from(parts[part]!, "base64url");
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x80;
      parts[part] = bytes.toString("base64url");
      await db.execute(sql`update cases set dossier = jsonb_set(dossier, '{personal,passportNumber}', to_jsonb(${parts.join(":")}::text)) where id = ${c.id}`);
      const err = await reload(db, c.id).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(PiiDecryptError);
      expect((err as Error).message).toMatch(/failed its integrity check \(key "dev"\): its ciphertext or tag was altered/);
    }
    // Put back, it reads again.
    await db.execute(sql`update cases set dossier = jsonb_set(dossier, '{personal,passportNumber}', to_jsonb(${stored}::text)) where id = ${c.id}`);
    expect((await reload(db, c.id)).dossier.personal.passportNumber).toMatch(/^Z/);
  });
});
