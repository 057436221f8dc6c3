import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { createServer } from "node:net";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptPii, parseKeyring, setPiiEncryptionKeys } from "../../models/platform/pii-crypto";
import { totpAt } from "../../models/totp";
import { freshBuild } from "../support/build";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "../support/db";
import { makeUser, TEST_PASSWORD, TEST_TOTP_SECRET } from "../support/factories";
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
let workerMetricsPort: number;
const METRICS_TOKEN = randomBytes(24).toString("hex");
const PII_ENCRYPTION_KEYS = `k1:${randomBytes(32).toString("base64")}`;
const prefix = `toptier-prod-${process.pid}-${randomBytes(3).toString("hex")}`;
const children: ChildProcess[] = [];
const output: string[] = [];
/** Each process's standard output as written: JSON log lines in production (issue 12). */
const stdout: Record<"start:web" | "start:worker", string> = { "start:web": "", "start:worker": "" };
const logLines = (script: keyof typeof stdout) =>
  stdout[script]
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

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
  child.stdout!.on("data", (b: Buffer) => {
    output.push(`[${script}] ${b.toString()}`);
    stdout[script] += b.toString();
  });
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
  // Always a fresh build (made once per Vitest run, shared with scale-out.test.ts): a stale one would test yesterday's code.
  await freshBuild();
  t = await createTestDatabase("postgres");
  s3 = await startS3rver();
  smtp = await startSmtpServer();
  port = await freePort();
  workerMetricsPort = await freePort();
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
    METRICS_TOKEN,
    PII_INDEX_KEY: randomBytes(32).toString("hex"),
    PII_ENCRYPTION_KEYS,
  };
  start("start:web", env);
  start("start:worker", { ...env, METRICS_PORT: String(workerMetricsPort) });
  await waitForHealth(`http://127.0.0.1:${port}/readyz`);
  // The build and two processes starting take over two minutes when the 2-core machine is loaded.
}, 240_000);

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

/** The first message to `to` whose subject matches, waiting for it (the worker process sends it). */
async function mailTo(to: string, subject: RegExp, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.messages.find((m) => m.to && JSON.stringify(m.to).includes(to) && subject.test(m.subject ?? ""));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await smtp.waitFor(smtp.messages.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
  }
}

/**
 * Issue 17 item 7 over HTTP: sign-up answers "check your e-mail" and sets no cookie; opening the link shows a
 * button (no cookie either); the button confirms the address and signs in.
 */
async function signUpAndConfirm(base: string, name: string, email: string, requestId?: string) {
  const res = await fetch(`${base}/signup`, {
    method: "POST",
    body: new URLSearchParams({ name, email, password: "long enough password" }),
    redirect: "manual",
    headers: { Origin: base, ...(requestId ? { "X-Request-Id": requestId } : {}) },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("set-cookie")).toBeNull();
  expect(await res.text()).toContain(`We sent an e-mail to ${email}.`);
  const mail = await mailTo(email, /Confirm your e-mail address/);
  const link = /(http:\/\/127\.0\.0\.1:\d+\/verify-email\?token=[\w-]+)/.exec(mail.text ?? "")?.[1];
  expect(link).toBeTruthy();
  const opened = await fetch(link!, { redirect: "manual" });
  expect(opened.status).toBe(200);
  expect(opened.headers.get("set-cookie")).toBeNull();
  const confirmed = await fetch(link!, { method: "POST", body: new URLSearchParams(), redirect: "manual", headers: { Origin: base } });
  expect(confirmed.status).toBe(302);
  expect(confirmed.headers.get("location")).toBe("/cases?welcome=1");
  const header = confirmed.headers.get("set-cookie")!;
  return { mail, signedUp: res, cookie: { pair: header.split(";")[0]!, attributes: header } };
}

describe("production mode: separate web and worker processes on real services", () => {
  it("reports every production service ready, publicly as up only (issue 17 item 8), and itself live (issue 12)", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "up" });
    const live = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "up" });
    // Every answer names its request id; a safe one from the client is kept, anything else replaced.
    expect(live.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { "X-Request-Id": "lb-7f3a.42" } });
    expect(kept.headers.get("X-Request-Id")).toBe("lb-7f3a.42");
    const replaced = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { "X-Request-Id": "<script>" + "x".repeat(80) } });
    expect(replaced.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
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

  it("signs up over HTTP; the worker process e-mails the link through SMTP, logging the job under the request's id; the link signs in; no dev mailbox, no demo accounts", async () => {
    const base = `http://127.0.0.1:${port}`;
    const requestId = `signup-${randomBytes(4).toString("hex")}`;
    const { cookie, mail, signedUp } = await signUpAndConfirm(base, "Prod Person", "prod.person@example.test", requestId);
    expect(signedUp.headers.get("X-Request-Id")).toBe(requestId);
    expect(mail.subject).toBe("Confirm your e-mail address for TopTier");
    expect(cookie.attributes).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    // Issue 12: the id crossed from the web process (its request line) through the outbox and Redis into the
    // worker process's lines for the job the request caused; the password is on no line of either process.
    expect(logLines("start:web")).toContainEqual(expect.objectContaining({ requestId, req: { method: "POST", url: "/signup" }, res: { statusCode: 200 } }));
    const until = Date.now() + 10_000;
    while (!logLines("start:worker").some((l) => l.requestId === requestId && l.msg === "job completed") && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const jobLines = logLines("start:worker").filter((l) => l.requestId === requestId);
    expect(jobLines).toContainEqual(expect.objectContaining({ job: "auth.send_verification", msg: "job completed", level: 30 }));
    // The same address again: the same answer, no session, and the owner is told by e-mail.
    const again = await fetch(`${base}/signup`, {
      method: "POST",
      body: new URLSearchParams({ name: "Someone Else", email: "prod.person@example.test", password: "another long password" }),
      redirect: "manual",
      headers: { Origin: base },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("Check your e-mail");
    const notice = await mailTo("prod.person@example.test", /already have a TopTier account/);
    expect(notice.text).toContain(`${base}/forgot-password`);
    expect(stdout["start:web"] + stdout["start:worker"]).not.toMatch(/long enough password|another long password/);

    expect((await fetch(`http://127.0.0.1:${port}/dev/mail`)).status).toBe(404);
    const login = await fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "applicant@demo.toptier.local", password: "toptier-demo-2026" }),
      redirect: "manual",
    });
    expect(login.status).toBe(400);
  });

  it("encrypts what a route writes with the configured key ring (the server build's own copy of the models uses it too)", async () => {
    const base = `http://127.0.0.1:${port}`;
    const post = (url: string, body: Record<string, string>, cookie?: string) =>
      fetch(`${base}${url}`, { method: "POST", body: new URLSearchParams(body), redirect: "manual", headers: { Origin: base, ...(cookie ? { Cookie: cookie } : {}) } });
    const { cookie: signedIn } = await signUpAndConfirm(base, "Pii Person", "pii.person@example.test");
    const cookie = signedIn.pair;
    const created = await post("/cases/new", {}, cookie);
    expect(created.status).toBe(302);
    const caseId = /^\/cases\/([0-9a-f-]{36})\/apply\/personal$/.exec(created.headers.get("location") ?? "")?.[1];
    expect(caseId).toBeTruthy();
    const saved = await post(`/cases/${caseId}/apply/personal`, { "personal.fullName": "Pii Person", "personal.passportNumber": "m123 4567", intent: "later" }, cookie);
    expect(saved.status).toBe(302);
    const res = (await t.handle.db.execute(sql`select dossier -> 'personal' ->> 'passportNumber' as p, dossier ->> '_pii' as kid from cases where id = ${caseId}`)) as unknown as { rows: { p: string; kid: string }[] };
    expect(res.rows[0]!.kid).toBe("k1");
    expect(res.rows[0]!.p).toMatch(/^enc:v1:k1:/);
    const ring = parseKeyring(PII_ENCRYPTION_KEYS);
    if (!ring.ok) throw new Error(ring.problems.join("; "));
    setPiiEncryptionKeys(ring.keys);
    expect(decryptPii(res.rows[0]!.p)).toBe("M1234567");
    // The page shows the number back to the applicant.
    expect(await (await fetch(`${base}/cases/${caseId}/apply/personal`, { headers: { Cookie: cookie } })).text()).toContain("M1234567");
  });

  it("sends the security headers per route kind: public page, signed-in page, hashed asset", async () => {
    const base = `http://127.0.0.1:${port}`;
    const page = await fetch(`${base}/login`);
    const html = await page.text();
    const csp = page.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // Every inline script Remix wrote carries this response's nonce (or the browser would refuse it).
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs] of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");

    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const css = await fetch(`${base}${asset}`);
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

    const { cookie: signedIn } = await signUpAndConfirm(base, "Header Person", "header.person@example.test");
    const cookie = signedIn.pair;
    const account = await fetch(`${base}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(account.status).toBe(200);
    expect(account.headers.get("cache-control")).toBe("no-store");
  });

  it("serves the queue dashboard from the web-only process to a signed-in administrator with the second factor only (issue 12)", async () => {
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/admin/queues`)).status).toBe(404);
    const admin = await makeUser(t.handle.db, "admin");
    const signIn = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: admin.email, password: TEST_PASSWORD }), redirect: "manual", headers: { Origin: base } });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    // The password is given, the second factor is not: still no dashboard.
    expect((await fetch(`${base}/admin/queues`, { headers: { Cookie: cookie } })).status).toBe(404);
    const mfa = await fetch(`${base}/mfa`, { method: "POST", body: new URLSearchParams({ code: totpAt(TEST_TOTP_SECRET) }), redirect: "manual", headers: { Origin: base, Cookie: cookie } });
    expect(mfa.status).toBe(302);
    const page = await fetch(`${base}/admin/queues`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("TopTier queues");
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { Cookie: cookie } });
    expect(((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort()).toEqual(["notifications", "screening"]);
  });

  it("serves Prometheus metrics to the operator's token only: request latency by route id, queue depth and outbox from the web, job durations from the worker", async () => {
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer wrong-token-wrong-token-wrong" } })).status).toBe(401);
    await fetch(`${base}/login`);
    await fetch(`${base}/cases/00000000-0000-0000-0000-000000000000`, { redirect: "manual" });
    await fetch(`${base}/no/such/page/${randomBytes(4).toString("hex")}`);
    const auth = { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } };
    const web = await (await fetch(`${base}/metrics`, auth)).text();
    // Series as Prometheus reads them: name{labels} value (label order is the library's).
    const series = (text: string, name: string, labels: Record<string, string>) =>
      text.split("\n").filter((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    const valueOf = (line: string | undefined) => Number(line?.split(" ").pop());
    expect(valueOf(series(web, "toptier_http_request_duration_seconds_count", { route: "routes/login", method: "GET", status: "200", process_role: "web" })[0])).toBeGreaterThanOrEqual(1);
    // A case id is not a label: the route id is.
    expect(web).toMatch(/route="routes\/cases\.\$caseId\._index"/);
    expect(web).not.toContain("00000000-0000");
    expect(web).toMatch(/route="unmatched"/);
    expect(web).not.toContain("no/such/page");
    expect(valueOf(series(web, "toptier_queue_jobs", { queue: "notifications", state: "waiting" })[0])).toBeGreaterThanOrEqual(0);
    expect(valueOf(series(web, "toptier_outbox_pending", { process_role: "web" })[0])).toBeGreaterThanOrEqual(0);
    expect(valueOf(series(web, "toptier_outbox_lag_seconds", { process_role: "web" })[0])).toBeGreaterThanOrEqual(0);
    expect(web).toMatch(/toptier_nodejs_eventloop_lag_seconds/);

    // The worker sent the sign-up e-mails above: its own endpoint times those jobs.
    const workerUrl = `http://127.0.0.1:${workerMetricsPort}/metrics`;
    expect((await fetch(workerUrl)).status).toBe(401);
    const worker = await (await fetch(workerUrl, auth)).text();
    expect(valueOf(series(worker, "toptier_job_duration_seconds_count", { queue: "notifications", job: "auth.send_verification", outcome: "completed", process_role: "worker" })[0])).toBeGreaterThanOrEqual(1);
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

describe("HTTP delivery (issue 10): compressed pages and assets, hashed assets cached for good", () => {
  /** A raw GET (node:http decompresses nothing) with the Accept-Encoding a browser sends. */
  const get = (p: string, acceptEncoding: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path: p, headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        })
        .on("error", reject);
    });

  it("sends HTML with brotli to a browser that offers it, gzip to one that offers only gzip, and plain to one that offers nothing", async () => {
    const br = await get("/login", "gzip, deflate, br");
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    // The whole sign-in page (each answer differs a little: the server's clock is in the page data).
    const isLoginPage = (html: string) => html.startsWith("<!DOCTYPE html>") && html.includes('name="password"') && html.includes("</html>");
    const html = zlib.brotliDecompressSync(br.body).toString("utf8");
    expect(isLoginPage(html)).toBe(true);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(html) / 2);

    const gz = await get("/login", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(isLoginPage(zlib.gunzipSync(gz.body).toString("utf8"))).toBe(true);

    const plain = await get("/login", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(isLoginPage(plain.body.toString("utf8"))).toBe(true);
  });

  it("compresses the hashed build assets and lets browsers keep them for a year without asking again", async () => {
    const html = (await get("/login", "identity")).body.toString("utf8");
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true);
    for (const asset of new Set(assets)) {
      // Vite names every build asset after its content (name-HASH.ext).
      expect(asset).toMatch(/-[A-Za-z0-9_-]{8}\.(js|css)$/);
      const res = await get(asset, "gzip, deflate, br");
      expect(res.status, asset).toBe(200);
      expect(res.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
      // Tiny chunks (under 1 KiB) are not worth compressing: compression's threshold leaves them alone.
      const plain = await get(asset, "identity");
      if (plain.body.length >= 1024) {
        expect(res.headers["content-encoding"], asset).toBe("br");
        expect(zlib.brotliDecompressSync(res.body).equals(plain.body), asset).toBe(true);
      }
    }
  });
});
