import type { Queue } from "bullmq";
import { asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../models/platform/db";
import { logger, type Logger } from "../models/platform/log";
import { outbox } from "../models/schema/outbox";
import type { QueueName } from "./definition";
import { definitionFor } from "./registry";

export interface RelayOptions {
  db: Db;
  queues: Record<QueueName, Queue>;
  /** Whether the producer connection is up. BullMQ calls made while it is down can hang instead of failing. */
  redisReady?: () => boolean;
  /**
   * Called after a failed dispatch. A BullMQ producer whose connection dropped
   * can keep hanging after Redis is back (seen in tests), so the runtime opens
   * a fresh connection and queues here; `queues` is read again on every pass.
   */
  onDispatchFailure?: () => void;
  /** Give up on one dispatch after this long (the rows stay and are dispatched again: job ids dedupe). */
  dispatchTimeoutMs?: number;
  intervalMs?: number;
  /**
   * At start the producer connection is still connecting: for this long, "not connected yet" is
   * waited out quietly instead of being reported as Redis being unreachable (default 10 s).
   */
  startupGraceMs?: number;
  batchSize?: number;
  log?: Logger;
}

/** BullMQ job options every outbox job gets: exponential backoff, bounded history. */
export function jobOptions(rowId: number, attempts: number) {
  return {
    jobId: `ob-${rowId}`,
    attempts,
    backoff: { type: "exponential", delay: 1000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
    removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
  } as const;
}

/**
 * Move one batch of undispatched outbox rows into BullMQ. The BullMQ job id is
 * the row id, so adding a row twice (a crash between add and mark, or two
 * relays) creates one job. Rows go to Redis in one round trip per queue. Returns how many rows were dispatched; throws when
 * Redis cannot be reached (the rows stay in the outbox for the next pass).
 */
export async function relayOnce(opts: Pick<RelayOptions, "db" | "queues" | "batchSize" | "redisReady" | "dispatchTimeoutMs">): Promise<number> {
  if (opts.redisReady && !opts.redisReady()) throw new NotConnected();
  const rows = await opts.db
    .select()
    .from(outbox)
    .where(isNull(outbox.dispatchedAt))
    .orderBy(asc(outbox.id))
    .limit(opts.batchSize ?? 100);
  const done: number[] = [];
  const byQueue = new Map<QueueName, { id: number; name: string; data: Record<string, unknown>; opts: ReturnType<typeof jobOptions> }[]>();
  for (const row of rows) {
    const def = definitionFor(row.job);
    if (!def) {
      // A job this version does not know (older or newer code): keep it and say why on the row.
      await opts.db.update(outbox).set({ lastError: `unknown job ${row.job}`, attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, row.id));
      continue;
    }
    const list = byQueue.get(def.queue) ?? [];
    list.push({ id: row.id, name: row.job, data: row.payload, opts: jobOptions(row.id, def.attempts) });
    byQueue.set(def.queue, list);
  }
  try {
    for (const [queue, jobs] of byQueue) {
      await withTimeout(
        opts.queues[queue].addBulk(jobs.map(({ name, data, opts: o }) => ({ name, data, opts: o }))),
        opts.dispatchTimeoutMs ?? 5_000,
      );
      done.push(...jobs.map((j) => j.id));
    }
  } finally {
    if (done.length) await opts.db.update(outbox).set({ dispatchedAt: sql`now()` }).where(inArray(outbox.id, done));
  }
  return done.length;
}

/**
 * Poll the outbox until stopped. Redis outages are reported once when they start and once when they end;
 * the first connection is waited for (up to `startupGraceMs`) without a report.
 */
export function startRelay(opts: RelayOptions): { stop(): Promise<void>; kick(): void } {
  const log = (opts.log ?? logger()).child({ component: "relay" });
  let stopped = false;
  let failing = false;
  let connectedOnce = false;
  const startedAt = Date.now();
  const startupGraceMs = opts.startupGraceMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;

  const loop = async () => {
    while (!stopped) {
      let moved = 0;
      try {
        moved = await relayOnce(opts);
        if (failing) log.info("Redis is reachable again; queued jobs are being dispatched");
        failing = false;
        connectedOnce = true;
      } catch (err) {
        const notConnected = err instanceof NotConnected;
        if (!notConnected) opts.onDispatchFailure?.();
        if (notConnected && !connectedOnce && !failing && Date.now() - startedAt < startupGraceMs) {
          // Still connecting for the first time: not an outage (yet).
        } else if (!failing) {
          log.warn({ err: (err as Error).message }, "cannot reach Redis; jobs stay in the outbox and will be dispatched when it is back");
          failing = true;
        }
      }
      if (moved === (opts.batchSize ?? 100)) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, failing ? 2000 : (opts.intervalMs ?? 250));
      });
    }
  };
  running = loop();
  return {
    kick: () => wake?.(),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

/** The producer connection is (re)connecting: nothing was sent, nothing needs resetting. */
class NotConnected extends Error {
  constructor() {
    super("not connected");
  }
}
