import { timingSafeEqual } from "node:crypto";
import type { Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "./db";

/**
 * Prometheus metrics of one process (prom-client), served at `/metrics` by the
 * web process and at METRICS_PORT by a worker process (workers/main.ts):
 * - `toptier_http_request_duration_seconds{route,method,status}`: the Remix route
 *   id, never the raw path (ids and fuzzed URLs must not make new series);
 * - `toptier_job_duration_seconds{queue,job,outcome}` and
 *   `toptier_job_failures_total{queue,job}`: in the process that ran the job;
 * - `toptier_queue_jobs{queue,state}`: read from Redis at scrape time (the same
 *   for every process, so scrape one of them for it);
 * - `toptier_outbox_pending` and `toptier_outbox_lag_seconds` (the age of the
 *   oldest job not yet handed to BullMQ): read from the database at scrape time;
 * - Node's own (event-loop lag, heap, GC) with the `toptier_` prefix.
 */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"route" | "method" | "status">;
  jobDuration: Histogram<"queue" | "job" | "outcome">;
  jobFailures: Counter<"queue" | "job">;
  /** Read queue depths and the outbox at each scrape (once per process; later calls replace the sources). */
  watch(sources: { db?: Db; queues?: () => Record<string, Queue> }): void;
}

const SCRAPE_READ_TIMEOUT_MS = 2_000;

export function createMetrics(processRole: "web" | "worker" | "embedded"): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process_role: processRole });
  collectDefaultMetrics({ register: registry, prefix: "toptier_" });
  const sources: { db?: Db; queues?: () => Record<string, Queue> } = {};

  const httpDuration = new Histogram({
    name: "toptier_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by Remix route id.",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "toptier_job_duration_seconds",
    help: "Time a background job ran, by queue, job name and outcome.",
    labelNames: ["queue", "job", "outcome"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "toptier_job_failures_total",
    help: "Background job attempts that failed (each is retried with backoff until its attempts run out).",
    labelNames: ["queue", "job"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "toptier_queue_jobs",
    help: "Jobs in each BullMQ queue by state, read from Redis at scrape time.",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const queues = sources.queues?.();
      if (!queues) return;
      await Promise.all(
        Object.entries(queues).map(async ([name, q]) => {
          const counts = await withTimeout(q.getJobCounts("waiting", "active", "delayed", "prioritized", "failed"), SCRAPE_READ_TIMEOUT_MS).catch(() => null);
          if (!counts) return;
          for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
        }),
      );
    },
  });
  type OutboxRow = { pending: number | string; lag: number | string | null };
  const outboxRead = async (): Promise<OutboxRow | null> => {
    if (!sources.db) return null;
    const statement = sql`select count(*) as pending, extract(epoch from now() - min(created_at)) as lag from outbox where dispatched_at is null`;
    // Both drivers (pg and PGlite) answer { rows }.
    const res = (await withTimeout(sources.db.execute(statement), SCRAPE_READ_TIMEOUT_MS).catch(() => null)) as unknown as { rows: OutboxRow[] } | null;
    return res?.rows[0] ?? null;
  };
  new Gauge({
    name: "toptier_outbox_pending",
    help: "Jobs written by use cases and not yet handed to BullMQ.",
    registers: [registry],
    async collect() {
      const row = await outboxRead();
      if (row) this.set(Number(row.pending));
    },
  });
  new Gauge({
    name: "toptier_outbox_lag_seconds",
    help: "Age of the oldest job not yet handed to BullMQ (0 when none waits).",
    registers: [registry],
    async collect() {
      const row = await outboxRead();
      if (row) this.set(row.lag === null ? 0 : Number(row.lag));
    },
  });

  return {
    registry,
    httpDuration,
    jobDuration,
    jobFailures,
    watch(s) {
      Object.assign(sources, s);
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * A scrape is for operators only: `Authorization: Bearer <METRICS_TOKEN>`. "disabled" when no
 * token is configured (the endpoint then does not exist), "denied" for a wrong or missing one.
 */
export function scrapeAccess(token: string | undefined, authorization: string | undefined): "ok" | "disabled" | "denied" {
  if (!token) return "disabled";
  const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? "ok" : "denied";
}
