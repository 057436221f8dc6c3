import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { sweepOrphanFiles } from "../../models/orphan-files";
import { createStorage, type DocumentStorage } from "../../models/platform/storage";
import { auditLog } from "../../models/schema/audit";
import { cases } from "../../models/schema/cases";
import { schedules } from "../../workers/jobs/scheduled";
import { processJob } from "../../workers/runtime";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, samplePdf, validDossier } from "../support/factories";
import { startS3rver, type RunningS3 } from "../support/s3";

/**
 * Issue 17 item 6: files stored by a request that died before its row was
 * committed are removed by the sweeper after the grace period; files that a
 * document row or a decision letter points at are never touched. On local disk
 * and on S3 (s3rver).
 */
const DAY = 24 * 60 * 60 * 1000;

function sweeperContract(kind: "local" | "s3", open: () => Promise<{ storage: DocumentStorage; close(): Promise<void> }>) {
  describe(`orphan sweeper on ${kind}`, () => {
    let t: TestDatabase;
    let storage: DocumentStorage;
    let close: () => Promise<void>;
    beforeAll(async () => {
      t = await createTestDatabase("pglite");
      ({ storage, close } = await open());
    });
    afterAll(async () => {
      await close?.();
      await t?.drop();
    });

    it("removes stored objects no row points at once past the grace period, and keeps every referenced one", async () => {
      const db = t.handle.db;
      const org = await makeOrganization(db);
      const applicant = await makeUser(db, "applicant");
      const c = await createDraftCase(ctxFor(db, applicant), validDossier(org.id));
      const doc = await addDocument({ ...ctxFor(db, applicant), storage, maxBytes: 1 << 20 }, { caseId: c.id, kind: "passport", filename: "p.pdf", bytes: samplePdf() });
      const letterKey = `cases/${c.id}/letter-1`;
      await storage.put(letterKey, samplePdf(), "application/pdf");
      await db.update(cases).set({ letterKey }).where(eq(cases.id, c.id));
      // What a request killed between storing and committing leaves behind.
      const orphans = [`cases/${c.id}/00000000-0000-4000-8000-000000000001`, `cases/${c.id}/00000000-0000-4000-8000-000000000002`, "cases/gone/00000000-0000-4000-8000-000000000003"];
      for (const key of orphans) await storage.put(key, samplePdf(), "application/pdf");

      // Within the grace period nothing goes (an upload may still be committing).
      expect(await sweepOrphanFiles({ db, storage })).toEqual({ examined: 5, removed: 0 });
      for (const key of orphans) expect(await storage.get(key)).not.toBeNull();

      // A day later the orphans go; the document and the letter stay.
      expect(await sweepOrphanFiles({ db, storage }, { now: new Date(Date.now() + DAY + 60_000) })).toEqual({ examined: 5, removed: 3 });
      for (const key of orphans) expect(await storage.get(key)).toBeNull();
      expect(await storage.get(doc.storageKey)).toEqual(samplePdf());
      expect(await storage.get(letterKey)).toEqual(samplePdf());
      const [record] = await db.select().from(auditLog).where(eq(auditLog.action, "storage.orphans_removed"));
      expect(record?.data).toMatchObject({ count: 3, keys: expect.arrayContaining(orphans) });

      // Again: nothing more to do.
      expect(await sweepOrphanFiles({ db, storage }, { now: new Date(Date.now() + DAY + 60_000) })).toEqual({ examined: 2, removed: 0 });
    });

    it("runs as the hourly storage.sweep_orphans job", async () => {
      expect(schedules).toContainEqual({ name: "storage.sweep_orphans", everyMs: 3_600_000 });
      const deps = { db: t.handle.db, mailer: { kind: "devmailbox" as const, send: async () => undefined, check: async () => undefined }, storage, publicUrl: "http://x", secret: "test-secret" };
      expect(await processJob(deps, { id: "sweep-1", name: "storage.sweep_orphans", data: {} })).toMatchObject({ examined: expect.any(Number), removed: 0 });
    });
  });
}

sweeperContract("local", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "toptier-orphans-"));
  return { storage: createStorage({ kind: "local", dir }), close: () => rm(dir, { recursive: true, force: true }) };
});

let s3: RunningS3;
sweeperContract("s3", async () => {
  s3 = await startS3rver();
  const storage = createStorage({ kind: "s3", bucket: s3.bucket, region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
  return { storage, close: () => s3.stop() };
});
