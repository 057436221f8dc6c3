import { Redis } from "ioredis";
import { setPiiIndexKey } from "../case/passport-index";
import type { AppConfig } from "./env";
import { setPiiEncryptionKeys } from "./pii-crypto";
import { openDatabase, type DatabaseConfig, type DatabaseHandle } from "./db";
import { createDevMailbox, createMailer, type Mailer } from "./mail";
import { createRateLimits, type RateLimits } from "./rate-limits";
import { createStorage, type DocumentStorage } from "./storage";

/** The real services one process uses, built from the parsed configuration. */
export interface Services {
  config: AppConfig;
  database: DatabaseHandle;
  storage: DocumentStorage;
  mailer: Mailer;
  devMailbox: ReturnType<typeof createDevMailbox> | null;
  /** Rate limits shared through Redis by every web process (models/platform/rate-limits.ts). */
  rateLimits: RateLimits;
  health(): Promise<HealthReport>;
  close(): Promise<void>;
}

export interface HealthReport {
  ok: boolean;
  checks: Record<"database" | "redis" | "storage" | "mail", { ok: boolean; kind: string; error?: string }>;
}

/**
 * Which side of the system a process runs: its PostgreSQL pool is sized for it. A web
 * process that also runs the workers (the embedded default) gets both shares in one pool.
 */
export type ProcessRole = "web" | "worker";

/** The database settings of one process: the pool size of its role and the connection timeouts. */
export function databaseConfigFor(config: AppConfig, role: ProcessRole): DatabaseConfig {
  if (config.database.kind === "pglite") return config.database;
  const p = config.databasePool;
  const max = role === "worker" ? p.worker : p.web + (config.workersInProcess ? p.worker : 0);
  // A web process running the workers too keeps the web's limit: its pages share the pool with the jobs.
  const statementTimeoutMs = role === "worker" ? p.workerStatementTimeoutMs : p.statementTimeoutMs;
  return { ...config.database, max, statementTimeoutMs, idleInTransactionTimeoutMs: p.idleInTransactionTimeoutMs };
}

export async function openServices(config: AppConfig, opts: { role?: ProcessRole } = {}): Promise<Services> {
  setPiiIndexKey(config.piiIndexKey);
  setPiiEncryptionKeys(config.piiEncryptionKeys);
  const database = await openDatabase(databaseConfigFor(config, opts.role ?? "web"));
  const storage = createStorage(config.storage);
  const mailer = createMailer(config.mail);
  const devMailbox = config.mail.kind === "devmailbox" ? createDevMailbox(config.mail.dir) : null;
  const rateLimits = createRateLimits({ redisUrl: config.redisUrl, prefix: config.queuePrefix, timeoutMs: config.rateLimitTimeoutMs });
  // Sign-in fails closed without Redis: give the connection a moment before the first request.
  await rateLimits.ready();
  // A dedicated, fail-fast connection for health checks only.
  const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, connectTimeout: 1000 });
  redis.on("error", () => undefined);

  const probe = async (kind: string, fn: () => Promise<unknown>) => {
    try {
      await withTimeout(fn(), 2000);
      return { ok: true, kind };
    } catch (err) {
      return { ok: false, kind, error: (err as Error).message.split("\n")[0] };
    }
  };

  return {
    config,
    database,
    storage,
    mailer,
    devMailbox,
    rateLimits,
    async health() {
      const [db, r, s, m] = await Promise.all([
        probe(database.kind, () => database.ping()),
        probe("redis", async () => {
          if (redis.status === "wait" || redis.status === "end") await redis.connect().catch(() => undefined);
          await redis.ping();
        }),
        probe(storage.kind, () => storage.check()),
        probe(mailer.kind, () => mailer.check()),
      ]);
      return { ok: db.ok && r.ok && s.ok && m.ok, checks: { database: db, redis: r, storage: s, mail: m } };
    },
    async close() {
      redis.disconnect();
      rateLimits.close();
      await storage.close?.();
      await mailer.close?.();
      await database.close();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
