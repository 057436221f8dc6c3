/**
 * The real web server for the HTTP benchmarks: the production build served by
 * `server.ts` in production mode as `npm run start:web` runs it (no workers in
 * the process), against the bench's PostgreSQL database, Redis with the bench's
 * own queue prefix, an in-process SMTP server and an in-process S3 (s3rver).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startS3rver } from "../../test/support/s3";
import { startSmtpServer } from "../../test/support/smtp";
import type { Cleanup } from "./cleanup";
import { DEV_PII_INDEX_KEY } from "../../models/platform/env";
import { parseKeyring, setPiiEncryptionKeys } from "../../models/platform/pii-crypto";

/**
 * Issue 12: production refuses the development key ring, so the bench server gets a fresh one; this
 * process uses the same ring, to read the numbers the server encrypted at start-up (http.ts probes).
 */
const benchPiiKeys = `bench:${randomBytes(32).toString("base64")}`;
const benchRing = parseKeyring(benchPiiKeys);
if (benchRing.ok) setPiiEncryptionKeys(benchRing.keys);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface BenchServer {
  port: number;
  baseUrl: string;
  sessionSecret: string;
  /** From the spawn to the first 200 from /readyz. */
  readyMs: number;
  /** The last lines the server printed (for a failure report). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `npm run build` (the production build the server serves). */
export function buildApp(log: (line: string) => void = console.log) {
  const t0 = performance.now();
  const r = spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  log(`build: production build in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Ends the whole process group of a detached child (npm/tsx start node below them). */
function stopChild(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export async function startBenchServer(opts: {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  cleanup: Cleanup;
  env?: Record<string, string>;
  /** Node flags for the server process, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  /**
   * How long to wait for /readyz (default 90 s). Start-up encrypts the identity numbers the seeder wrote in clear
   * (models/case/pii-backfill.ts), which takes minutes at 1,000,000 cases.
   */
  readyTimeoutMs?: number;
}): Promise<BenchServer> {
  const s3 = await startS3rver();
  opts.cleanup.add("s3rver", () => s3.stop());
  const smtp = await startSmtpServer();
  opts.cleanup.add("smtp server", () => smtp.stop());
  const port = await freePort();
  const sessionSecret = randomBytes(32).toString("hex");
  const lines: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    WORKERS_IN_PROCESS: "false",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    QUEUE_PREFIX: opts.queuePrefix,
    SMTP_URL: smtp.url,
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    SESSION_SECRET: sessionSecret,
    // The seeder writes the passport blind index with the process's key (the development one): the server must
    // look it up with the same key, or every passport search misses.
    PII_INDEX_KEY: DEV_PII_INDEX_KEY,
    PII_ENCRYPTION_KEYS: benchPiiKeys,
    ...opts.env,
  };
  const child = opts.nodeArgs?.length
    ? spawn(process.execPath, [...opts.nodeArgs, "--import", "tsx", "server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
    : spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const keep = (b: Buffer) => {
    lines.push(...b.toString().split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = opts.cleanup.add("web server", () => stopChild(child));
  const baseUrl = `http://127.0.0.1:${port}`;
  const startedAt = Date.now();
  const readyTimeoutMs = opts.readyTimeoutMs ?? 90_000;
  const end = startedAt + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited (${child.exitCode}):\n${lines.join("\n")}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`the web server was not ready within ${Math.round(readyTimeoutMs / 1000)} s:\n${lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { port, baseUrl, sessionSecret, output: () => lines.join("\n"), stop, readyMs: Date.now() - startedAt };
}
