import path from "node:path";
import { z } from "zod";
import { logLevels, type LogSettings } from "./log";
import { DEV_PII_ENCRYPTION_KEYS, parseKeyring, type PiiKey } from "./pii-crypto";

/**
 * The environment, parsed once at start-up (web and worker). Defaults give the
 * embedded mode: PGlite and local files under ./data, e-mail into a dev mailbox.
 * Production sets DATABASE_URL, S3_*, SMTP_URL, REDIS_URL and SESSION_SECRET.
 */
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const bool = z.preprocess(
  emptyToUndefined,
  z.enum(["true", "false", "1", "0"]).optional().transform((v) => v === "true" || v === "1"),
);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    REDIS_URL: z.preprocess(emptyToUndefined, z.string().url().default("redis://127.0.0.1:6379")),
    /** BullMQ key prefix: lets several installations (or test runs) share one Redis. */
    QUEUE_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9_-]+$/i).default("toptier")),
    SESSION_SECRET: optionalString,
    /** Key of the passport blind index (HMAC-SHA256); changing it means recomputing every case's index. */
    PII_INDEX_KEY: optionalString,
    /**
     * Issue 12: the AES-256-GCM key ring of identity numbers at rest, `kid:base64key,kid:base64key`; the first
     * key encrypts new values, every listed key decrypts (models/platform/pii-crypto.ts, decision 018).
     */
    PII_ENCRYPTION_KEYS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .superRefine((v, ctx) => {
          const parsed = parseKeyring(v);
          if (!parsed.ok) for (const p of parsed.problems) ctx.addIssue({ code: "custom", message: p });
        })
        .optional(),
    ),
    PUBLIC_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("TopTier <no-reply@toptier.local>")),
    /** Issue 11 item 13: the address the help and privacy pages give for questions. */
    SUPPORT_EMAIL: z.preprocess(emptyToUndefined, z.string().email().default("support@toptier.local")),
    SMTP_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    S3_BUCKET: optionalString,
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default("us-east-1")),
    S3_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url().optional()),
    S3_FORCE_PATH_STYLE: bool,
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** Run the background workers inside the web process (embedded default). */
    WORKERS_IN_PROCESS: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).optional()),
    MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
    /** A5: the most the current files of one case may add up to (earlier versions of replaced files do not count). */
    MAX_CASE_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024 * 1024).default(200 * 1024 * 1024),
    SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).optional()),
    WORKER_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    /** Jobs one worker process runs at once per queue (BullMQ concurrency); they wait for the pool's connections. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** How long a stopping worker lets running jobs finish before it closes regardless (their locks then expire). */
    WORKER_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
    /** Bearer token Prometheus sends to /metrics; unset = no metrics endpoint. */
    METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(24, "must be at least 24 characters").optional()),
    /** Worker processes only: the port of their own /metrics (they have no web server otherwise). */
    METRICS_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    /** PostgreSQL pool of a web process and of a worker process (docs/ARCHITECTURE.md, "Database pools"). */
    DATABASE_POOL_MAX_WEB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(10)),
    DATABASE_POOL_MAX_WORKER: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(10)),
    /** Longest a statement may run before PostgreSQL cancels it (ms, 0 = never). */
    DATABASE_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(86_400_000).default(15_000)),
    /** The same for a worker process (batch statements of jobs may run longer than a page's). */
    DATABASE_WORKER_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(86_400_000).default(120_000)),
    /** Longest a transaction may sit idle before PostgreSQL ends its connection (ms, 0 = never). */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(86_400_000).default(60_000)),
    /** How long a rate-limit check waits for Redis before sign-in fails closed (503) and other limits count per process. */
    /** Issue 12: the lowest level written (pino levels; silent writes nothing). */
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(logLevels).default("info")),
    /** JSON lines (the default in production) or pretty lines for a person at a terminal (the default elsewhere). */
    LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(["json", "pretty"]).optional()),
    RATE_LIMIT_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(500),
    /**
     * Which peers are trusted proxies (Express "trust proxy"): the client address comes from X-Forwarded-For and
     * the host from X-Forwarded-Host only when the request comes from one. Unset/false = no proxy (the socket's
     * address); a number = that many hops; else a comma-separated list of addresses or CIDR ranges ("loopback", "10.0.0.0/8").
     */
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(false|\d{1,2}|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)$/, "false, a number of hops, or a comma-separated list of addresses/CIDR ranges")
        .refine((v) => v !== "true", "true would trust any client's X-Forwarded-For: name the proxy's addresses or a hop count")
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      for (const key of ["DATABASE_URL", "SMTP_URL", "S3_BUCKET", "SESSION_SECRET", "PII_INDEX_KEY", "PII_ENCRYPTION_KEYS"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required in production" });
      }
      if (env.SEED_DEMO === "true") {
        ctx.addIssue({ code: "custom", path: ["SEED_DEMO"], message: "demo accounts with a published password are never seeded in production" });
      }
      if (env.PII_INDEX_KEY && env.PII_INDEX_KEY.length < 32) {
        ctx.addIssue({ code: "custom", path: ["PII_INDEX_KEY"], message: "must be at least 32 characters" });
      }
      const devKey = DEV_PII_ENCRYPTION_KEYS.slice(DEV_PII_ENCRYPTION_KEYS.indexOf(":") + 1);
      if (env.PII_ENCRYPTION_KEYS?.split(",").some((e) => e.slice(e.indexOf(":") + 1).trim() === devKey)) {
        ctx.addIssue({ code: "custom", path: ["PII_ENCRYPTION_KEYS"], message: "holds the published development key: generate one with openssl rand -base64 32" });
      }
      if (env.SESSION_SECRET && env.SESSION_SECRET.length < 32) {
        ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "must be at least 32 characters" });
      }
    }
  });

/** The passport blind index key outside production (published: it protects nothing, it only makes the index work). */
export const DEV_PII_INDEX_KEY = "embedded-development-pii-index-key-not-for-production";

export type RawEnv = z.infer<typeof envSchema>;

export interface AppConfig {
  env: RawEnv["NODE_ENV"];
  port: number;
  dataDir: string;
  publicUrl: string;
  database: { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };
  /** PostgreSQL only: pool sizes per process role and the timeouts on every pooled connection. */
  databasePool: { web: number; worker: number; statementTimeoutMs: number; workerStatementTimeoutMs: number; idleInTransactionTimeoutMs: number };
  redisUrl: string;
  queuePrefix: string;
  sessionSecret: string;
  /** Key of the passport blind index (models/case/passport-index.ts). */
  piiIndexKey: string;
  /** Key ring of identity numbers at rest, the current key first (models/platform/pii-crypto.ts). */
  piiEncryptionKeys: PiiKey[];
  secureCookies: boolean;
  mail: { kind: "devmailbox"; dir: string; from: string } | { kind: "smtp"; url: string; from: string };
  storage:
    | { kind: "local"; dir: string }
    | { kind: "s3"; bucket: string; region: string; endpoint?: string; forcePathStyle?: boolean; accessKeyId?: string; secretAccessKey?: string };
  workersInProcess: boolean;
  maxUploadBytes: number;
  maxCaseBytes: number;
  seedDemo: boolean;
  rateLimitTimeoutMs: number;
  /** Express "trust proxy" value: false (no proxy), a hop count, or addresses/CIDR ranges (issue 17 items 3 and 9). */
  trustProxy: false | number | string[];
  /** BullMQ lockDuration of this process's workers. */
  workerLockMs: number;
  workerConcurrency: number;
  workerStopGraceMs: number;
  /** The dev mailbox page at /dev/mail: only outside production and only with the dev mailbox. */
  devMailPage: boolean;
  /** Where people write with questions (the help and privacy pages). */
  supportEmail: string;
  /** Issue 12: log level and line format (models/platform/log.ts). */
  log: LogSettings;
  /** Prometheus: the scrape token (no endpoint without it) and a worker process's own port. */
  metrics: { token?: string; port?: number };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse the environment once; throws ConfigError listing every bad key. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const production = e.NODE_ENV === "production";
  const mail: AppConfig["mail"] = e.SMTP_URL
    ? { kind: "smtp", url: e.SMTP_URL, from: e.MAIL_FROM }
    : { kind: "devmailbox", dir: path.join(dataDir, "mail"), from: e.MAIL_FROM };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dir: path.join(dataDir, "db") },
    databasePool: {
      web: e.DATABASE_POOL_MAX_WEB,
      worker: e.DATABASE_POOL_MAX_WORKER,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      workerStatementTimeoutMs: e.DATABASE_WORKER_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    // Embedded mode only: a fixed development secret. Production requires SESSION_SECRET (checked above).
    sessionSecret: e.SESSION_SECRET ?? "embedded-development-secret-not-for-production",
    // Embedded, dev and test: a fixed key (DEV_PII_INDEX_KEY). Production requires PII_INDEX_KEY (checked above).
    piiIndexKey: e.PII_INDEX_KEY ?? DEV_PII_INDEX_KEY,
    // The same for the encryption key ring (DEV_PII_ENCRYPTION_KEYS, derived from a published phrase).
    piiEncryptionKeys: keyringFrom(e.PII_ENCRYPTION_KEYS ?? DEV_PII_ENCRYPTION_KEYS),
    secureCookies: production,
    mail,
    storage: e.S3_BUCKET
      ? {
          kind: "s3",
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        }
      : { kind: "local", dir: path.join(dataDir, "files") },
    workersInProcess: e.WORKERS_IN_PROCESS ? e.WORKERS_IN_PROCESS === "true" : true,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxCaseBytes: e.MAX_CASE_BYTES,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === "true" : !production,
    workerLockMs: e.WORKER_LOCK_MS,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerStopGraceMs: e.WORKER_STOP_GRACE_MS,
    rateLimitTimeoutMs: e.RATE_LIMIT_TIMEOUT_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    devMailPage: !production && mail.kind === "devmailbox",
    supportEmail: e.SUPPORT_EMAIL,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (production ? "json" : "pretty") },
  };
}

function keyringFrom(text: string): PiiKey[] {
  const parsed = parseKeyring(text);
  if (!parsed.ok) throw new ConfigError(`Invalid environment:\n  PII_ENCRYPTION_KEYS: ${parsed.problems.join("; ")}`);
  return parsed.keys;
}

function parseTrustProxy(v: string | undefined): AppConfig["trustProxy"] {
  if (!v || v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(",").map((s) => s.trim());
}
