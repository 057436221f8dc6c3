/**
 * Time to re-screen stored cases through the job queue after a policy change:
 * N open cases in PostgreSQL, a new Top-Tier rule-set version published, the
 * outbox relay, BullMQ on Redis and the worker doing the rest. Every case's
 * result changes, so every case gets an update, a timeline event and an audit
 * record (the worst case).
 *
 *   npm run -s bench:rescreen -- [cases]      (default 100000)
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { count, eq } from "drizzle-orm";
import { Redis } from "ioredis";
import pg from "pg";
import topTier from "../../models/eligibility/rulesets/top-tier-f2.json";
import { toActor } from "../../models/auth";
import { openDatabase } from "../../models/platform/db";
import { createMailer } from "../../models/platform/mail";
import { createStorage } from "../../models/platform/storage";
import { publishPolicyVersion } from "../../models/policy";
import { caseEvents, cases } from "../../models/schema/cases";
import { organizations } from "../../models/schema/organizations";
import { users } from "../../models/schema/users";
import { startWorkers } from "../../workers/runtime";
import { silentLogger } from "../../models/platform/log";

export interface RescreenBenchResult {
  name: "rescreen";
  cases: number;
  seedSeconds: number;
  seconds: number;
  casesPerSecond: number;
}

const PG_ADMIN = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const institutions = ["KAIST", "Seoul National University", "University of Toronto", "ETH Zurich", "Unknown Institute of Technology"];

export async function runRescreenBench(n = 100_000): Promise<RescreenBenchResult> {
  const name = `toptier_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  const prefix = `toptier-bench-${process.pid}`;
  const dir = mkdtempSync(path.join(tmpdir(), "toptier-bench-"));
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const handle = await openDatabase({ kind: "postgres", url: PG_ADMIN.replace(/\/[^/]*$/, `/${name}`), max: 12 });
  let workers: ReturnType<typeof startWorkers> | undefined;
  try {
    await handle.migrate();
    const db = handle.db;
    const seedStart = performance.now();
    const [org] = await db.insert(organizations).values({ name: "Bench Corp", industry: "ai" }).returning();
    const [applicant, adminUser] = await db
      .insert(users)
      .values([
        { email: "bench-applicant@example.test", name: "Bench", role: "applicant", passwordHash: "x" },
        { email: "bench-admin@example.test", name: "Bench admin", role: "admin", passwordHash: "x" },
      ])
      .returning();
    for (let i = 0; i < n; i += 2000) {
      const rows = [];
      for (let j = i; j < Math.min(n, i + 2000); j++) {
        rows.push({
          applicantId: applicant!.id,
          organizationId: org!.id,
          status: "in_review" as const,
          receiptNumber: `TT-BENCH-${String(j).padStart(7, "0")}`,
          dossier: {
            personal: {
              fullName: `Applicant ${j}`,
              nationality: "Canada",
              birthDate: `19${70 + (j % 25)}-0${1 + (j % 9)}-1${j % 9}`,
              countryOfBirth: "Canada",
              passportNumber: `P${String(j).padStart(8, "0")}`,
              passportCountry: "Canada",
              passportIssued: "2022-01-10",
              passportExpires: "2032-01-09",
            },
            education: [{ level: j % 3 === 0 ? "master" : "phd", field: "Computer Science", institution: institutions[j % institutions.length]!, awarded: "2012-02-20" }],
            work: [{ employer: j % 2 === 0 ? "Samsung Electronics" : "KAIST", kind: j % 2 === 0 ? "company" : "research_institute", title: "Researcher", country: "Korea", start: "2012-03-01", current: true, postdoc: j % 2 === 1 }],
            achievements: { publications: [], patents: [], awards: [] },
            offer: { hasOffer: "yes", organizationId: org!.id, jobTitle: "Researcher", industry: j % 7 === 0 ? "other" : "ai", annualSalaryKrw: 120_000_000 + (j % 120) * 1_000_000 },
            dependants: [],
          } as never,
        });
      }
      await db.insert(cases).values(rows);
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;

    workers = startWorkers({
      db,
      mailer: createMailer({ kind: "devmailbox", dir: path.join(dir, "mail"), from: "bench@example.test" }),
      storage: createStorage({ kind: "local", dir: path.join(dir, "files") }),
      publicUrl: "http://bench.test",
      secret: "bench-secret",
      redisUrl: REDIS_URL,
      prefix,
      concurrency: 2,
      logger: silentLogger,
    });
    const start = performance.now();
    const next = { ...structuredClone(topTier), version: "2099.1", effectiveFrom: "2026-01-01" };
    await publishPolicyVersion({ db, actor: toActor(adminUser!), ip: null }, { kind: "ruleset", key: "top-tier-f2", json: JSON.stringify(next) });
    for (;;) {
      const [{ done } = { done: 0 }] = await db.select({ done: count() }).from(caseEvents).where(eq(caseEvents.type, "rescreened"));
      if (done >= n) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - start) / 1000;
    return { name: "rescreen", cases: n, seedSeconds, seconds, casesPerSecond: n / seconds };
  } finally {
    await workers?.stop();
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    const redis = new Redis(REDIS_URL);
    let cursor = "0";
    do {
      const [nextCursor, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = nextCursor;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const n = Number(process.argv[2] ?? 100_000);
  const r = await runRescreenBench(n);
  console.log(
    `rescreen: ${r.cases} open cases re-screened through the queue in ${r.seconds.toFixed(1)} s (${Math.round(r.casesPerSecond)} cases/s); seeding took ${r.seedSeconds.toFixed(1)} s`,
  );
}
