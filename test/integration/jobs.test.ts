import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { confirmSponsorship, proposeDecision, reviewDecision, submitCase } from "../../models/case/actions";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { createMailer } from "../../models/platform/mail";
import { createStorage } from "../../models/platform/storage";
import { caseEvents } from "../../models/schema/cases";
import { emailDeliveries, outbox } from "../../models/schema/outbox";
import { statisticsSnapshots } from "../../models/schema/statistics";
import { processJob, startWorkers, type RunningWorkers } from "../../workers/runtime";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";
import { silentLogger } from "../../models/platform/log";
import { startSmtpServer, type RunningSmtp } from "../support/smtp";
import { startTcpProxy } from "../support/tcp-proxy";

/**
 * Jobs through the real thing: outbox -> relay -> BullMQ on the machine's Redis
 * -> worker -> nodemailer -> an in-process SMTP server. Runs on the real
 * PostgreSQL so that a separate worker process can share the database.
 */
let t: TestDatabase;
let dir: string;
const prefixes: string[] = [];
const running: RunningWorkers[] = [];
const children: ChildProcess[] = [];
const servers: RunningSmtp[] = [];

// Each test gets its own database, so no test's undispatched outbox rows reach another's workers.
beforeEach(async () => {
  t = await createTestDatabase("postgres");
});
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "toptier-jobs-"));
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const r of running.splice(0)) await r.stop();
  for (const s of servers.splice(0)) await s.stop();
  await t.drop();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const redis = new Redis(REDIS_URL);
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}:*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

const db = () => t.handle.db;
const storage = () => createStorage({ kind: "local", dir });
const newPrefix = () => {
  const p = `toptier-test-${process.pid}-${randomBytes(3).toString("hex")}`;
  prefixes.push(p);
  return p;
};

// The weekly digest that the scheduled employer alerts send to the employer admin is not what these tests count
// (test/integration/employer.test.ts covers it).
const isWeeklyDigest = (m: { subject?: string }) => /^Your week on TopTier/.test(m.subject ?? "");

async function smtp(options?: Parameters<typeof startSmtpServer>[0]) {
  const s = await startSmtpServer({ ignore: isWeeklyDigest, ...options });
  servers.push(s);
  return s;
}

function workers(opts: { smtpUrl: string; redisUrl?: string; prefix: string; lockDurationMs?: number; stopGraceMs?: number }) {
  const w = startWorkers({
    db: db(),
    mailer: createMailer({ kind: "smtp", url: opts.smtpUrl, from: "TopTier <no-reply@toptier.test>" }),
    storage: storage(),
    publicUrl: "http://portal.test",
    secret: "test-secret",
    redisUrl: opts.redisUrl ?? REDIS_URL,
    prefix: opts.prefix,
    lockDurationMs: opts.lockDurationMs,
    stopGraceMs: opts.stopGraceMs,
    logger: silentLogger,
  });
  running.push(w);
  return w;
}

async function world() {
  const org = await makeOrganization(db());
  return {
    org,
    applicant: await makeUser(db(), "applicant"),
    employer: await makeUser(db(), "employer_admin", { organizationId: org.id }),
    officer: await makeUser(db(), "officer"),
    senior: await makeUser(db(), "senior_officer"),
  };
}

async function submitted(w: Awaited<ReturnType<typeof world>>) {
  const c = await createDraftCase(ctxFor(db(), w.applicant), validDossier(w.org.id));
  await addDocument({ ...ctxFor(db(), w.applicant), storage: storage(), maxBytes: 4096 }, { caseId: c.id, kind: "passport", filename: "p.pdf", bytes: samplePdf() });
  return submitCase(ctxFor(db(), w.applicant), c.id);
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not reached within ${timeoutMs} ms (last value: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const to = (m: { to?: unknown }) => JSON.stringify(m.to);

describe("background jobs on real BullMQ, Redis and SMTP", () => {
  it("notifies on submission, screens after sponsor confirmation, and announces the decision", async () => {
    const mail = await smtp();
    workers({ smtpUrl: mail.url, prefix: newPrefix() });
    const w = await world();
    const c = await submitted(w);

    const first = await mail.waitFor(2, 15_000);
    const received = first.find((m) => to(m).includes(w.applicant.email));
    expect(received?.subject).toBe(`Application received: ${c.receiptNumber}`);
    expect(received?.text).toContain(c.receiptNumber);
    expect(first.find((m) => to(m).includes(w.employer.email))?.subject).toMatch(/^Please confirm sponsorship/);

    await confirmSponsorship(ctxFor(db(), w.employer), c.id, { attest: true });
    const screened = await until(() => reload(db(), c.id), (r) => r.status === "in_review");
    expect(screened.screening?.result.outcome).toMatch(/eligible|not_eligible|needs_review/);

    await proposeDecision(ctxFor(db(), w.officer), c.id, { outcome: "approve", reasons: "All criteria are met on the evidence." });
    await reviewDecision(ctxFor(db(), w.senior), c.id, { confirm: true });
    const all = await until(
      async () => mail.messages.filter((m) => m.subject?.startsWith("Decision: approved")),
      (ms) => ms.length >= 2,
    );
    expect(all).toHaveLength(2);
    expect(all.some((m) => to(m).includes(w.applicant.email))).toBe(true);
    expect(all.some((m) => to(m).includes(w.employer.email))).toBe(true);
    const undispatched = await db().select().from(outbox).where(isNull(outbox.dispatchedAt));
    expect(undispatched).toEqual([]);
  });

  it("sends an e-mail once however often its job runs (idempotency key in the database)", async () => {
    const mail = await smtp();
    const w = await world();
    const c = await submitted(w);
    const [forCase] = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "submit")));
    if (!forCase) throw new Error("no submit event");
    const deps = { db: db(), mailer: createMailer({ kind: "smtp", url: mail.url, from: "x@toptier.test" }), storage: storage(), publicUrl: "http://portal.test", secret: "test-secret" };
    const job = { id: "ob-test-1", name: "notify.case_event", data: { eventId: forCase.id } };
    expect(await processJob(deps, job)).toEqual({ sent: 1 });
    expect(await processJob(deps, job)).toEqual({ sent: 0 });
    await mail.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(mail.messages).toHaveLength(1);
    const [row] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.idempotencyKey, `event:${forCase.id}:${w.applicant.id}`));
    expect(row?.status).toBe("sent");
  });

  it.each(["goes away after start-up", "is down from start-up on"])("keeps jobs committed while Redis is unreachable and runs them once it is back (Redis %s)", async (when) => {
    const mail = await smtp();
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: 6379 });
    try {
      if (when === "is down from start-up on") await proxy.down();
      workers({ smtpUrl: mail.url, redisUrl: proxy.url, prefix: newPrefix() });
      const w = await world();
      await proxy.down();
      const c = await submitted(w);
      // The submission is committed; its jobs wait in the outbox.
      expect((await reload(db(), c.id)).status).toBe("awaiting_sponsor");
      await new Promise((r) => setTimeout(r, 2000));
      expect(mail.messages).toHaveLength(0);
      const waiting = await db().select().from(outbox).where(isNull(outbox.dispatchedAt));
      expect(waiting.length).toBeGreaterThanOrEqual(2);

      await proxy.up();
      const got = await mail.waitFor(2, 20_000);
      expect(got.some((m) => m.subject === `Application received: ${c.receiptNumber}`)).toBe(true);
      await new Promise((r) => setTimeout(r, 1000));
      expect(mail.messages.filter((m) => m.subject === `Application received: ${c.receiptNumber}`)).toHaveLength(1);
      expect(await db().select().from(outbox).where(isNull(outbox.dispatchedAt))).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it("stores a statistics snapshot soon after the workers start (a BullMQ `every` scheduler runs its first job at once)", async () => {
    const mail = await smtp();
    workers({ smtpUrl: mail.url, prefix: newPrefix() });
    const rows = await until(() => db().select().from(statisticsSnapshots), (r) => r.length > 0);
    expect(rows[0]!.figures).toHaveProperty("backlog");
  });

  it("stops within its grace period while a job hangs on an SMTP server that never answers, the e-mail not counted as sent", async () => {
    let receiving: () => void = () => undefined;
    const firstArrived = new Promise<void>((r) => (receiving = r));
    // Every message is held unacknowledged for the whole test: the send job cannot finish.
    const mail = await smtp({ onReceiving: () => receiving(), beforeAccept: () => new Promise<void>(() => undefined) });
    const running = workers({ smtpUrl: mail.url, prefix: newPrefix(), stopGraceMs: 500 });
    const w = await world();
    await submitted(w);
    await firstArrived; // a send job is running and waits for the server

    const outcome = await Promise.race([
      running.stop().then(() => "stopped"),
      new Promise((r) => setTimeout(() => r("still waiting after 15 s"), 15_000)),
    ]);
    expect(outcome).toBe("stopped");
    expect(mail.messages).toHaveLength(0);
    const rows = await db().select().from(emailDeliveries);
    // (The weekly digest the scheduled alerts send is accepted by the server, and is not what this test is about.)
    expect(rows.filter((r) => r.recipient === w.applicant.email).map((r) => r.status)).toEqual(["sending"]);
  });

  it("loses and duplicates no e-mail when the worker process is killed mid-send", async () => {
    const held: (() => void)[] = [];
    let holding = true;
    let receiving: () => void = () => undefined;
    const firstArrived = new Promise<void>((r) => (receiving = r));
    const mail = await smtp({
      onReceiving: () => receiving(),
      // Hold every message unacknowledged until the test has killed the worker.
      beforeAccept: () => (holding ? new Promise<void>((r) => held.push(r)) : Promise.resolve()),
    });
    const prefix = newPrefix();
    const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: t.url!,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        SMTP_URL: mail.url,
        DATA_DIR: dir,
        PUBLIC_URL: "http://portal.test",
        WORKER_LOCK_MS: "1500",
        SEED_DEMO: "false",
      },
      stdio: "ignore",
    });
    children.push(child);
    const w = await world();
    const c = await submitted(w);

    await firstArrived; // the worker is in the middle of sending
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    await new Promise((r) => setTimeout(r, 300));
    holding = false;
    for (const release of held) release(); // the server now finds the client gone and drops the message
    expect(mail.messages).toHaveLength(0);

    // A fresh worker takes over the stalled job once the dead worker's lock expires.
    workers({ smtpUrl: mail.url, prefix, lockDurationMs: 1500 });
    const got = await mail.waitFor(2, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mail.messages).toHaveLength(2);
    expect(got.filter((m) => m.subject === `Application received: ${c.receiptNumber}`)).toHaveLength(1);
    expect(got.filter((m) => to(m).includes(w.employer.email))).toHaveLength(1);
    const rows = await db().select().from(emailDeliveries);
    expect(rows.filter((r) => r.recipient === w.applicant.email).map((r) => r.status)).toEqual(["sent"]);
  });
});
