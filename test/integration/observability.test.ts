import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdge } from "../../app/http-guards";
import { mountQueueDashboard, QUEUE_DASHBOARD_CSP } from "../../app/queue-dashboard.server";
import { requestLogging } from "../../app/request-log.server";
import * as adminHome from "../../app/routes/admin._index";
import * as login from "../../app/routes/login";
import { signUp } from "../../models/auth";
import { createLogger, type Logger } from "../../models/platform/log";
import { outbox } from "../../models/schema/outbox";
import { closeQueues, openQueues, startWorkers, type RunningWorkers } from "../../workers/runtime";
import { makeUser, TEST_PASSWORD } from "../support/factories";
import { callRoute, openRouteContext, signInCookie } from "../support/http";

/**
 * Issue 12 over real sockets, real PostgreSQL and real Redis: the request id of a request reaches the
 * worker's log line of the job it caused, secrets never reach a line, and the queue dashboard is
 * for administrators only.
 */
let route: Awaited<ReturnType<typeof openRouteContext>>;
let base: string;
let server: { close(): void };
let workers: RunningWorkers | null = null;
let dashboard: { close(): Promise<void> };

/** A logger writing JSON lines into an array (a pino destination stream). */
function capture(): { logger: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: "info", format: "json" }, stream);
  return {
    logger,
    text: () => raw.join(""),
    get lines() {
      return raw
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

const web = capture();
const worker = capture();

beforeAll(async () => {
  route = await openRouteContext();
  const { services, context } = route;
  const app = express();
  // The same order as server.ts: request log first, then the edge, then what answers.
  app.use(requestLogging(web.logger));
  applyEdge(app, { trustProxy: false, maxUploadBytes: 1024 * 1024 });
  dashboard = mountQueueDashboard(app, {
    context: () => context,
    openQueues: () => {
      const opened = openQueues(services.config.redisUrl, services.config.queuePrefix);
      return { queues: Object.values(opened.queues), close: () => closeQueues(opened) };
    },
  });
  app.post("/signup", express.urlencoded({ extended: false }), (req, res, next) => {
    const body = req.body as Record<string, string>;
    signUp(services.database.db, { name: body.name, email: body.email, password: body.password }).then(
      (outcome) => res.status(201).json({ id: outcome.created?.id }),
      next,
    );
  });
  app.get("/invitation/:token", (_req, res) => res.send("ok"));
  const s = app.listen(0, "127.0.0.1");
  await new Promise((r) => s.once("listening", r));
  server = s;
  base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await workers?.stop();
  await dashboard?.close();
  server?.close();
  await route?.close();
});

async function until<T>(what: string, fn: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("request ids and structured logs", () => {
  it("carries the request's id into the outbox row and onto the worker's lines for the job it caused", async () => {
    const { services } = route;
    const requestId = "req-trace.0042";
    const res = await fetch(`${base}/signup`, {
      method: "POST",
      body: new URLSearchParams({ name: "Trace Person", email: "trace.person@example.test", password: "a long secret password" }),
      headers: { "X-Request-Id": requestId },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("X-Request-Id")).toBe(requestId);
    const [row] = await services.database.db.select().from(outbox).where(eq(outbox.job, "auth.send_verification"));
    expect(row?.payload).toMatchObject({ requestId });

    // The web's line for the request, with its id.
    const requestLine = await until("the request line", () => web.lines.find((l) => l.requestId === requestId && l.msg === "request completed"));
    expect(requestLine).toMatchObject({ req: { method: "POST", url: "/signup" }, res: { statusCode: 201 } });

    workers = startWorkers({
      db: services.database.db,
      mailer: services.mailer,
      storage: services.storage,
      publicUrl: "http://portal.test",
      secret: services.config.sessionSecret,
      redisUrl: services.config.redisUrl,
      prefix: services.config.queuePrefix,
      logger: worker.logger,
    });
    const done = await until("the job's completion line", () => worker.lines.find((l) => l.job === "auth.send_verification" && l.msg === "job completed"));
    expect(done).toMatchObject({ requestId, jobId: `ob-${row!.id}`, level: 30 });
    expect(worker.lines.find((l) => l.job === "auth.send_verification" && l.msg === "job started")).toMatchObject({ requestId });
    // The password went through the request and the use case, and onto no line.
    expect(web.text() + worker.text()).not.toContain("a long secret password");
  });

  it("replaces an unsafe or over-long X-Request-Id with a fresh one, and makes one when there is none", async () => {
    for (const sent of ["<script>alert(1)</script>", "x".repeat(65), "a b", "\u00e9t\u00e9"]) {
      const res = await fetch(`${base}/invitation/abc`, { headers: { "X-Request-Id": sent } });
      expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const none = await fetch(`${base}/invitation/abc`);
    expect(none.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("never writes cookies, authorization headers, link tokens, passwords or passport numbers", async () => {
    const token = "tok3nV4lueNeverLogged";
    const res = await fetch(`${base}/invitation/${token}?token=${token}2&lang=ko`, {
      headers: { Cookie: "__session=cookieValueNeverLogged", Authorization: "Bearer bearerNeverLogged", "X-Request-Id": "redaction-1" },
    });
    expect(res.status).toBe(200);
    const line = await until("the request line", () => web.lines.find((l) => l.requestId === "redaction-1"));
    expect(line.req).toEqual({ method: "GET", url: "/invitation/[redacted]?token=%5Bredacted%5D&lang=ko" });
    for (const secret of [token, "cookieValueNeverLogged", "bearerNeverLogged"]) expect(web.text()).not.toContain(secret);

    // Objects handed to the logger lose their secret keys at any depth pino can address.
    const out = capture();
    out.logger.info(
      { password: "pw-top", user: { password: "pw-nested", passportNumber: "M12345678" }, dossier: { applicant: { passport: "M87654321", name: "Ada" } }, headers: { cookie: "c=1", authorization: "Bearer x" } },
      "something happened",
    );
    const [logged] = out.lines;
    expect(logged).toMatchObject({
      password: "[redacted]",
      user: { password: "[redacted]", passportNumber: "[redacted]" },
      dossier: { applicant: { passport: "[redacted]", name: "Ada" } },
      headers: { cookie: "[redacted]", authorization: "[redacted]" },
    });
    expect(out.text()).not.toMatch(/pw-top|pw-nested|M12345678|M87654321|Bearer x/);
  });
});

describe("the queue dashboard", () => {
  it("is refused (404) to anonymous visitors, applicants, officers and an administrator without the second factor", async () => {
    const { services, context } = route;
    const db = services.database.db;
    const applicant = await signInCookie(context, (await makeUser(db, "applicant")).email);
    const officer = await signInCookie(context, (await makeUser(db, "officer")).email);
    const admin = await makeUser(db, "admin");
    const half = (await login.action({
      request: new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ email: admin.email, password: TEST_PASSWORD }) }),
      context,
      params: {},
    })) as Response;
    const adminWithoutSecondFactor = half.headers.get("Set-Cookie")!.split(";")[0]!;
    // The app itself sends this session to the second factor before any admin page.
    const adminPage = (await callRoute(adminHome.loader, context, new Request("http://localhost/admin", { headers: { Cookie: adminWithoutSecondFactor } }))) as Response;
    expect(adminPage.headers.get("Location")).toMatch(/^\/mfa\?/);
    for (const cookie of [undefined, applicant, officer, adminWithoutSecondFactor, "__session=forged"]) {
      for (const path of ["/admin/queues", "/admin/queues/", "/admin/queues/api/queues", "/admin/queues/static/css/x.css"]) {
        const res = await fetch(`${base}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
        expect(res.status, `${path} with ${cookie ?? "no cookie"}`).toBe(404);
        expect(await res.text()).toBe("Not found");
      }
      const write = await fetch(`${base}/admin/queues/api/queues/screening/pause`, { method: "PUT", headers: cookie ? { Cookie: cookie } : {} });
      expect(write.status).toBe(404);
    }
  });

  it("is served to an administrator: the page under its own CSP, the queues through its API, bodiless actions accepted", async () => {
    const { services, context } = route;
    const admin = await signInCookie(context, (await makeUser(services.database.db, "admin")).email);
    const page = await fetch(`${base}/admin/queues`, { headers: { Cookie: admin } });
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Security-Policy")).toBe(QUEUE_DASHBOARD_CSP);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    expect(html).toContain("TopTier queues");
    const css = /href="(static\/css\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeTruthy();
    expect((await fetch(`${base}/admin/queues/${css}`, { headers: { Cookie: admin } })).status).toBe(200);

    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { Cookie: admin } });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(["notifications", "screening"]);
    // Bull Board's actions send no body; the edge lets them through on its API path only.
    const pause = await fetch(`${base}/admin/queues/api/queues/screening/pause`, { method: "PUT", headers: { Cookie: admin } });
    expect(pause.status).toBe(200);
    const resume = await fetch(`${base}/admin/queues/api/queues/screening/resume`, { method: "PUT", headers: { Cookie: admin } });
    expect(resume.status).toBe(200);
    // A cross-site write is still refused before the dashboard sees it.
    const cross = await fetch(`${base}/admin/queues/api/queues/screening/pause`, { method: "PUT", headers: { Cookie: admin, Origin: "https://evil.example" } });
    expect(cross.status).toBe(403);
  });
});
