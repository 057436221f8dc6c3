import { Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { Db } from "../models/platform/db";
import { isRequestId, logger as processLogger, withRequestId, type Logger } from "../models/platform/log";
import type { Metrics } from "../models/platform/metrics";
import type { Mailer } from "../models/platform/mail";
import type { DocumentStorage } from "../models/platform/storage";
import type { QueueName } from "./definition";
import { definitionFor, queueNames } from "./registry";
import { auditSchedules } from "./jobs/audit-checkpoint";
import { employerSchedules } from "./jobs/employer-alerts";
import { schedules } from "./jobs/scheduled";
import { startRelay } from "./relay";

export interface WorkerDeps {
  db: Db;
  mailer: Mailer;
  storage: DocumentStorage;
  publicUrl: string;
  /** SESSION_SECRET: jobs derive link tokens from it (JobContext.secret). */
  secret: string;
  redisUrl: string;
  prefix: string;
  /** How long a job's lock lives before another worker may take the job over (BullMQ lockDuration). */
  lockDurationMs?: number;
  concurrency?: number;
  /**
   * How long `stop()` lets running jobs finish before it closes the workers regardless (default 20 s). A job still
   * running then (Redis gone mid-job, an SMTP server that never answers) keeps its lock until it expires and is
   * taken over by another worker; every job is idempotent, so nothing is lost or sent twice.
   */
  stopGraceMs?: number;
  /** Job durations and failures go here (and the queues are read at each scrape). */
  metrics?: Metrics;
  /** Where the workers' and the relay's lines go (the process's logger by default). */
  logger?: Logger;
}

export interface RunningWorkers {
  queues: Record<QueueName, Queue>;
  workers: Worker[];
  /** Connection states (ioredis status) of the producer and of each worker's connection. */
  status(): { producer: string; workers: string[] };
  stop(): Promise<void>;
}

/** Producer connection: fails fast when Redis is down, so the outbox keeps the job. */
export function producerConnection(url: string): Redis {
  const conn = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  conn.on("error", () => undefined); // reported by the relay, once per outage
  return conn;
}

export function openQueues(url: string, prefix: string): { queues: Record<QueueName, Queue>; connection: Redis } {
  const connection = producerConnection(url);
  const queues = Object.fromEntries(queueNames.map((q) => [q, new Queue(q, { connection, prefix })])) as Record<QueueName, Queue>;
  for (const q of Object.values(queues)) q.on("error", () => undefined);
  return { queues, connection };
}

/** Close queues opened by `openQueues` and their connection. */
export async function closeQueues(opened: { queues: Record<QueueName, Queue>; connection: Redis }): Promise<void> {
  await Promise.all(Object.values(opened.queues).map((q) => q.close().catch(() => undefined)));
  opened.connection.disconnect();
}

async function registerSchedules(queues: Record<QueueName, Queue>, log: Logger) {
  for (const s of [...schedules, ...employerSchedules, ...auditSchedules]) {
    const def = definitionFor(s.name);
    if (!def) continue;
    try {
      await queues[def.queue].upsertJobScheduler(s.name, { every: s.everyMs }, { name: s.name, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } });
    } catch (err) {
      log.warn({ schedule: s.name, err }, "could not register the schedule yet; it is registered at the next start");
    }
  }
}

/**
 * Handle one BullMQ job: validate the payload, run the plain handler with the real services.
 * The job runs inside the request id its outbox row carries (or its own job id for a scheduled
 * job): its log lines name it, and the jobs it writes carry it on (issue 12).
 */
export async function processJob(
  deps: Omit<WorkerDeps, "redisUrl" | "prefix">,
  job: Pick<Job, "id" | "name" | "data"> & Partial<Pick<Job, "attemptsMade">>,
  signal?: AbortSignal,
) {
  const data = (job.data ?? {}) as Record<string, unknown>;
  const requestId = isRequestId(data.requestId) ? data.requestId : undefined;
  const log = (deps.logger ?? processLogger()).child({ job: job.name, jobId: String(job.id), ...(requestId ? { requestId } : {}) });
  const def = definitionFor(job.name);
  if (!def) {
    log.error("no handler for this job");
    throw new Error(`No handler for job ${job.name}`);
  }
  const run = async () => {
    const started = performance.now();
    log.info({ attempt: (job.attemptsMade ?? 0) + 1 }, "job started");
    try {
      const payload = def.payload.parse(data);
      const result = await def.run(payload as never, { db: deps.db, mailer: deps.mailer, storage: deps.storage, publicUrl: deps.publicUrl, secret: deps.secret, jobId: String(job.id), log, signal });
      log.info({ ms: Math.round(performance.now() - started) }, "job completed");
      return result;
    } catch (err) {
      log.warn({ err, ms: Math.round(performance.now() - started) }, "job failed");
      throw err;
    }
  };
  return withRequestId(requestId ?? `job-${String(job.id)}`, run);
}

/** P1: the outbox relay plus one BullMQ worker per queue. */
export function startWorkers(deps: WorkerDeps): RunningWorkers {
  const base = deps.logger ?? processLogger();
  const log = base.child({ component: "worker" });
  let producer = openQueues(deps.redisUrl, deps.prefix);
  const connections: Redis[] = [];
  const workers = queueNames.map((name) => {
    const conn = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
    conn.on("error", () => undefined);
    connections.push(conn);
    // Three parameters: BullMQ then hands each job an abort signal (cancelAllJobs at stop).
    const w = new Worker(name, (job, _token, signal) => processJob({ ...deps, logger: base }, job, signal), {
      connection: conn,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 4,
      lockDuration: deps.lockDurationMs ?? 30_000,
      stalledInterval: Math.min(30_000, deps.lockDurationMs ?? 30_000),
    });
    w.on("error", () => undefined);
    if (deps.metrics) {
      const { jobDuration, jobFailures } = deps.metrics;
      const ran = (job: Job) => (job.finishedOn && job.processedOn ? (job.finishedOn - job.processedOn) / 1000 : null);
      w.on("completed", (job) => {
        const s = ran(job);
        if (s !== null) jobDuration.observe({ queue: name, job: job.name, outcome: "completed" }, s);
      });
      w.on("failed", (job) => {
        if (!job) return;
        jobFailures.inc({ queue: name, job: job.name });
        const s = ran(job);
        if (s !== null) jobDuration.observe({ queue: name, job: job.name, outcome: "failed" }, s);
      });
    }
    return w;
  });
  const relayOptions = {
    db: deps.db,
    queues: producer.queues,
    log: base,
    redisReady: () => producer.connection.status === "ready",
    onDispatchFailure: () => {
      const old = producer;
      producer = openQueues(deps.redisUrl, deps.prefix);
      relayOptions.queues = producer.queues;
      void Promise.all(Object.values(old.queues).map((q) => q.close().catch(() => undefined))).finally(() => old.connection.disconnect());
    },
  };
  const relay = startRelay(relayOptions);
  deps.metrics?.watch({ db: deps.db, queues: () => producer.queues });
  // Repeatable jobs (SLA clocks, evidence deadlines): one scheduler per name, however many workers run.
  void registerSchedules(producer.queues, log);
  return {
    get queues() {
      return producer.queues;
    },
    workers,
    status: () => ({ producer: producer.connection.status, workers: connections.map((c) => c.status) }),
    async stop() {
      await relay.stop();
      // Long jobs stop between their units of work and are retried elsewhere; the others finish what they do.
      for (const w of workers) w.cancelAllJobs("the worker is stopping");
      // (A close that fails after the grace period has passed must not surface as an unhandled rejection.)
      const graceful = Promise.all(workers.map((w) => w.close())).then(
        () => true,
        () => true,
      );
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deps.stopGraceMs ?? 20_000)));
      const finished = await Promise.race([graceful, waited]);
      clearTimeout(timer);
      if (!finished) {
        log.warn({ graceMs: deps.stopGraceMs ?? 20_000 }, "jobs still running at stop: closed regardless; their locks expire and another worker takes them over");
        // Force: no waiting for the running jobs; the connections are cut just below, so nothing is left pending.
        await Promise.race([Promise.all(workers.map((w) => w.close(true).catch(() => undefined))), new Promise((r) => setTimeout(r, 1000))]);
      }
      const queuesClosed = Promise.all(Object.values(producer.queues).map((q) => q.close().catch(() => undefined)));
      await Promise.race([queuesClosed, new Promise((r) => setTimeout(r, 1000))]);
      for (const c of [...connections, producer.connection]) c.disconnect();
    },
  };
}
