/**
 * The screening pipeline at volume (issue 16): N seeded cases in PostgreSQL, the
 * real workers (workers/runtime.ts: outbox relay, BullMQ on Redis with the
 * bench's own prefix, the `screening.run` handler and the notifications, e-mail
 * through a real SMTP server), and a burst of 500 sponsor confirmations through
 * the real use case (`confirmSponsorship`, as an employer admin). Measured: from
 * each confirmation's commit to the case screened into the review queue, p50/p95
 * and cases/s; against a no-op BullMQ job's throughput on the same Redis in the
 * same run (same concurrency), printed as a ratio.
 *
 *   npx tsx scripts/bench/pipeline.ts [cases] [--burst 500]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { toActor } from "../../models/auth";
import { confirmSponsorship } from "../../models/case/sponsorship";
import { openDatabase } from "../../models/platform/db";
import { createMailer } from "../../models/platform/mail";
import { createStorage } from "../../models/platform/storage";
import { startSmtpServer } from "../../test/support/smtp";
import { startWorkers } from "../../workers/runtime";
import { Cleanup, deleteRedisPrefix } from "./cleanup";
import { ms } from "./load";
import { createBenchDatabase, printSeed, seedBench, type SeedResult } from "./seed";
import { silentLogger } from "../../models/platform/log";

export const PIPELINE_RATIO_TARGET = 3;
export const PIPELINE_P95_TARGET_MS = 2000;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** The workers' concurrency per queue, as production runs them (startWorkers' default; BENCH_CONCURRENCY to try others). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** The worker process's pool, as production sizes it (DATABASE_POOL_MAX_WORKER's default; BENCH_WORKER_POOL to try others). */
const WORKER_POOL = Number(process.env.BENCH_WORKER_POOL ?? 10);

export interface PipelineBenchResult {
  name: "pipeline";
  cases: number;
  seed: SeedResult;
  burst: number;
  screened: number;
  p50: number;
  p95: number;
  casesPerSecond: number;
  noopJobsPerSecond: number;
  ratio: number;
}

/** Throughput of a job that does nothing, through BullMQ on the same Redis, with the workers' concurrency. */
export async function noopJobsPerSecond(prefix: string, jobs = 2000): Promise<number> {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  connection.on("error", () => undefined);
  const queue = new Queue("bench-noop", { connection, prefix });
  let done = 0;
  let finished: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const worker = new Worker(
    "bench-noop",
    async () => {
      if (++done === jobs) finished();
    },
    { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY, autorun: false },
  );
  worker.on("error", () => undefined);
  try {
    const start = performance.now();
    for (let i = 0; i < jobs; i += 500) {
      await queue.addBulk(Array.from({ length: Math.min(500, jobs - i) }, (_, k) => ({ name: "noop", data: { n: i + k }, opts: { removeOnComplete: true } })));
    }
    void worker.run();
    await all;
    return jobs / ((performance.now() - start) / 1000);
  } finally {
    await worker.close();
    await queue.close();
    connection.disconnect();
  }
}

export async function runPipelineBench(o: { cases: number; burst?: number; log?: (line: string) => void; timeoutSeconds?: number }, cleanup = new Cleanup()): Promise<PipelineBenchResult> {
  const log = o.log ?? console.log;
  const burst = o.burst ?? 500;
  try {
    const bench = await createBenchDatabase("pipeline", { max: 10, cleanup });
    const seed = await seedBench(bench, { cases: o.cases, log });
    printSeed(seed, log);
    const prefix = `toptier-bench-pipeline-${process.pid}-${randomBytes(3).toString("hex")}`;
    cleanup.add(`redis keys ${prefix}:*`, () => deleteRedisPrefix(REDIS_URL, prefix));
    const dir = mkdtempSync(path.join(tmpdir(), "toptier-bench-pipeline-"));
    cleanup.add(`folder ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
    const smtp = await startSmtpServer();
    cleanup.add("smtp server", () => smtp.stop());

    const noop = await noopJobsPerSecond(prefix);
    log(`pipeline: no-op BullMQ job on the same Redis: ${Math.round(noop).toLocaleString("en")} jobs/s (concurrency ${CONCURRENCY})`);

    // The burst: cases waiting for their sponsor, each confirmed by an administrator of its organisation.
    const waiting = (
      await bench.pool.query<{ id: string; admin_id: string; org_id: string }>(
        `select c.id, u.id as admin_id, u.organization_id as org_id from cases c join users u on u.organization_id = c.organization_id and u.role = 'employer_admin'
         where c.status = 'awaiting_sponsor' order by c.id limit $1`,
        [burst],
      )
    ).rows;
    if (waiting.length < burst) log(`pipeline: only ${waiting.length} cases wait for their sponsor at this size; the burst is ${waiting.length}`);

    const mailer = createMailer({ kind: "smtp", url: smtp.url, from: "TopTier bench <bench@example.test>" });
    cleanup.add("mailer", () => mailer.close?.());
    // The workers get a pool of their own, as in production where they run in their own process.
    const workerDb = await openDatabase({ kind: "postgres", url: bench.url, max: WORKER_POOL });
    cleanup.add("worker pool", () => workerDb.close());
    const workers = startWorkers({
      db: workerDb.db,
      mailer,
      storage: createStorage({ kind: "local", dir: path.join(dir, "files") }),
      publicUrl: "http://bench.test",
      secret: "bench-secret",
      redisUrl: REDIS_URL,
      prefix,
      concurrency: CONCURRENCY,
      logger: silentLogger,
    });
    cleanup.add("workers", () => workers.stop());

    const confirmedAt = new Map<string, number>();
    const start = Date.now();
    let next = 0;
    // Sponsors confirming at once: as many at a time as the web process has database connections.
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < waiting.length) {
          const w = waiting[next++]!;
          const actor = toActor({ id: w.admin_id, role: "employer_admin", organizationId: w.org_id });
          await confirmSponsorship({ db: bench.handle.db, actor, ip: null }, w.id, { attest: true });
          confirmedAt.set(w.id, Date.now());
        }
      }),
    );
    const confirmSeconds = (Date.now() - start) / 1000;
    const ids = [...confirmedAt.keys()];
    const deadline = Date.now() + (o.timeoutSeconds ?? 300) * 1000;
    let screened: { id: string; at: Date }[] = [];
    while (Date.now() < deadline) {
      screened = (await bench.pool.query<{ id: string; at: Date }>(`select id, status_changed_at as at from cases where id = any($1::uuid[]) and status <> 'screening'`, [ids])).rows;
      if (screened.length >= ids.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const latencies = screened.map((s) => s.at.getTime() - confirmedAt.get(s.id)!).sort((a, b) => a - b);
    const rank = (p: number) => Math.ceil((p / 100) * ids.length) - 1;
    const pct = (p: number) => (rank(p) < latencies.length ? latencies[rank(p)]! : Number.POSITIVE_INFINITY);
    const last = Math.max(...screened.map((s) => s.at.getTime()));
    const casesPerSecond = screened.length / ((last - start) / 1000);
    const result: PipelineBenchResult = {
      name: "pipeline",
      cases: o.cases,
      seed,
      burst: ids.length,
      screened: screened.length,
      p50: pct(50),
      p95: pct(95),
      casesPerSecond,
      noopJobsPerSecond: noop,
      ratio: noop / casesPerSecond,
    };
    const met = result.p95 < PIPELINE_P95_TARGET_MS && result.ratio <= PIPELINE_RATIO_TARGET;
    log(
      `pipeline: ${ids.length} confirmations (in ${confirmSeconds.toFixed(1)} s) at ${o.cases.toLocaleString("en")} stored cases: ${screened.length} screened into the queue; ` +
        `p50 ${Number.isFinite(result.p50) ? ms(result.p50) : "never"}, p95 ${Number.isFinite(result.p95) ? ms(result.p95) : "never"}, ${casesPerSecond.toFixed(1)} cases/s; ` +
        `no-op job ${Math.round(noop).toLocaleString("en")}/s: ${result.ratio.toFixed(0)}x slower (targets p95 < ${PIPELINE_P95_TARGET_MS} ms, within ${PIPELINE_RATIO_TARGET}x) [target ${met ? "met" : "missed"}]`,
    );
    return result;
  } finally {
    await cleanup.run();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--burst");
  const n = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--burst") ?? 100_000);
  await runPipelineBench({ cases: n, burst: at >= 0 ? Number(args[at + 1]) : 500 });
  // A worker that would not stop in time keeps Redis connections open: the run is over all the same.
  process.exit(0);
}
