import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "../support/db";
import { startS3rver, type RunningS3 } from "../support/s3";
import { startSmtpServer, type RunningSmtp } from "../support/smtp";

/**
 * Production mode as the README describes it: `npm run start:web` and
 * `npm run start:worker` as two processes, against PostgreSQL, S3 (s3rver),
 * SMTP (an in-process server) and Redis, with NODE_ENV=production.
 */
let t: TestDatabase;
let s3: RunningS3;
let smtp: RunningSmtp;
let port: number;
const prefix = `toptier-prod-${process.pid}-${randomBytes(3).toString("hex")}`;
const children: ChildProcess[] = [];
const output: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

function start(script: "start:web" | "start:worker", env: Record<string, string>) {
  const child = spawn("npm", ["run", "-s", script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (b: Buffer) => output.push(`[${script}] ${b.toString()}`));
  child.stderr!.on("data", (b: Buffer) => output.push(`[${script}] ${b.toString()}`));
  children.push(child);
  return child;
}

async function waitForHealth(url: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`web process not healthy within ${timeoutMs} ms:\n${output.join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  // Always a fresh build: a stale one would test yesterday's code.
  const build = spawnSync("npm", ["run", "-s", "build"], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  t = await createTestDatabase("postgres");
  s3 = await startS3rver();
  smtp = await startSmtpServer();
  port = await freePort();
  const env = {
    NODE_ENV: "production",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: t.url!,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: smtp.url,
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    SESSION_SECRET: randomBytes(32).toString("hex"),
  };
  start("start:web", env);
  start("start:worker", env);
  await waitForHealth(`http://127.0.0.1:${port}/healthz`);
}, 120_000);

afterAll(async () => {
  for (const c of children) {
    if (c.pid) process.kill(-c.pid, "SIGTERM");
  }
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
  await smtp?.stop();
  await s3?.stop();
  await t?.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("production mode: separate web and worker processes on real services", () => {
  it("reports every production service healthy, publicly as up only (issue 17 item 8)", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "up" });
  });

  it("refuses oversized and length-less bodies before reading them, and trusts no forwarded header without a proxy (issue 17 items 2, 9)", async () => {
    const base = `http://127.0.0.1:${port}`;
    const big = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: "x@example.test", password: "p".repeat(300 * 1024) }), redirect: "manual" });
    expect(big.status).toBe(413);
    expect(await big.text()).toMatch(/too large: at most 256 KB/);
    const json = await fetch(`${base}/api/eligibility`, { method: "POST", body: JSON.stringify({ degrees: Array.from({ length: 20_000 }, () => ({ level: "phd" })) }), headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(413);
    const chunked = await fetch(`${base}/login`, {
      method: "POST",
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("email=a&password=b")), c.close()) }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
    // Without TRUST_PROXY, X-Forwarded-Host does not make another site's Origin look like this one.
    const forged = await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "x@example.test", password: "whatever" }),
      headers: { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" },
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
  });

  it("signs up over HTTP; the worker process e-mails the link through SMTP; no dev mailbox, no demo accounts", async () => {
    const body = new URLSearchParams({ name: "Prod Person", email: "prod.person@example.test", password: "long enough password" });
    const res = await fetch(`http://127.0.0.1:${port}/signup`, { method: "POST", body, redirect: "manual", headers: { Origin: `http://127.0.0.1:${port}` } });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    const [mail] = await smtp.waitFor(1, 20_000);
    expect(mail?.subject).toBe("Confirm your e-mail address for TopTier");
    expect(mail?.text).toContain(`http://127.0.0.1:${port}/verify-email?token=`);

    expect((await fetch(`http://127.0.0.1:${port}/dev/mail`)).status).toBe(404);
    const login = await fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "applicant@demo.toptier.local", password: "toptier-demo-2026" }),
      redirect: "manual",
    });
    expect(login.status).toBe(400);
  });

  it("refuses a form posted from another site", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "x@example.test", password: "whatever" }),
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });
});
