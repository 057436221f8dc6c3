import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apiEligibility from "../../app/routes/api.eligibility";
import * as forgotPage from "../../app/routes/forgot-password";
import * as login from "../../app/routes/login";
import { loadConfig } from "../../models/platform/env";
import { createRateLimits } from "../../models/platform/rate-limits";
import { openServices, type Services } from "../../models/platform/services";
import { dropRedisKeys, REDIS_URL, testPrefix } from "../support/db";
import { makeUser, TEST_PASSWORD } from "../support/factories";
import { callRoute, dataOf, openRouteContext, statusOf, testUrl } from "../support/http";
import { startTcpProxy } from "../support/tcp-proxy";

/**
 * Issue 12 / issue 17 item 3: the rate limits live in Redis (rate-limiter-flexible),
 * so several web processes count together; sign-in fails closed (503) when Redis
 * does not answer in time, other limits fall back to counting per process.
 */
let h: Awaited<ReturnType<typeof openRouteContext>>;
let second: Services;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let behindProxy: Services;
const prefix = testPrefix("rl");
const slowPrefix = testPrefix("rl-slow");

const post = (p: string, body: Record<string, string>) => new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body) });
const signInAs = (context: AppLoadContext, email: string, password: string) => callRoute(login.action, context, post("/login", { email, password }));

beforeAll(async () => {
  h = await openRouteContext({ QUEUE_PREFIX: prefix });
  // A second web process: its own services (database pool, Redis connections) on the same database and Redis.
  second = await openServices(loadConfig({ NODE_ENV: "test", DATABASE_URL: h.t.url!, DATA_DIR: h.dir, REDIS_URL, QUEUE_PREFIX: prefix }));
  proxy = await startTcpProxy({ host: "127.0.0.1", port: 6379 });
  behindProxy = await openServices(loadConfig({ NODE_ENV: "test", DATABASE_URL: h.t.url!, DATA_DIR: h.dir, REDIS_URL: proxy.url, QUEUE_PREFIX: slowPrefix, RATE_LIMIT_TIMEOUT_MS: "200" }));
});

afterAll(async () => {
  await behindProxy?.close();
  await proxy?.stop();
  await second?.close();
  await dropRedisKeys(slowPrefix);
  await h?.close();
});

describe("rate limits in Redis", () => {
  it("counts one limit across two limiter instances on the same Redis (two processes)", async () => {
    const a = createRateLimits({ redisUrl: REDIS_URL, prefix });
    const b = createRateLimits({ redisUrl: REDIS_URL, prefix });
    await Promise.all([a.ready(), b.ready()]);
    try {
      for (let i = 0; i < 5; i++) {
        expect((await a.consume("resetEmail", "shared@example.test")).ok).toBe(i < 3);
        expect((await b.peek("resetEmail", "shared@example.test")).ok).toBe(i < 2);
      }
      const refused = await b.consume("resetEmail", "shared@example.test");
      expect(refused).toMatchObject({ ok: false, reason: "limited" });
      expect(refused.ok ? 0 : refused.retryAfterSeconds).toBeGreaterThan(3000);
      await a.reset("resetEmail", "shared@example.test");
      expect((await b.consume("resetEmail", "shared@example.test")).ok).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });

  it("shares the sign-in limit between two web processes: ten failures across both, then 429 on both", async () => {
    const user = await makeUser(h.services.database.db, "applicant");
    const one = h.context;
    const two: AppLoadContext = { services: second, ip: one.ip };
    for (let i = 0; i < 10; i++) expect(statusOf(await signInAs(i % 2 ? two : one, user.email, `wrong ${i}`))).toBe(400);
    for (const ctx of [one, two]) {
      const res = await signInAs(ctx, user.email, TEST_PASSWORD);
      expect(statusOf(res)).toBe(429);
      expect(dataOf(res).error).toMatch(/Too many failed sign-in attempts/);
    }
  });

  it("fails closed for sign-in when Redis answers too slowly or not at all, and recovers", async () => {
    const user = await makeUser(h.services.database.db, "applicant");
    const ctx: AppLoadContext = { services: behindProxy, ip: "192.0.2.10" };
    await expect.poll(async () => statusOf(await signInAs(ctx, user.email, TEST_PASSWORD)), { timeout: 10_000 }).toBe(302);

    proxy.slow(1000);
    const slow = await signInAs(ctx, user.email, TEST_PASSWORD);
    expect(statusOf(slow)).toBe(503);
    expect(dataOf(slow).error).toMatch(/briefly unavailable/);
    expect((slow as { init?: { headers?: Record<string, string> } }).init?.headers?.["Retry-After"]).toBe("30");
    // Nothing was let through uncounted: no session cookie, and a reset link is refused too.
    expect(slow instanceof Response).toBe(false);
    expect(statusOf(await callRoute(forgotPage.action, ctx, post("/forgot-password", { email: user.email })))).toBe(503);
    proxy.slow(0);
    await expect.poll(async () => statusOf(await signInAs(ctx, user.email, TEST_PASSWORD)), { timeout: 10_000 }).toBe(302);

    await proxy.down();
    expect(statusOf(await signInAs(ctx, user.email, TEST_PASSWORD))).toBe(503);
    await proxy.up();
    await expect.poll(async () => statusOf(await signInAs(ctx, user.email, TEST_PASSWORD)), { timeout: 15_000 }).toBe(302);
  });

  it("keeps the public API's limit while Redis is down, counted in this process", async () => {
    await proxy.down();
    try {
      const ctx: AppLoadContext = { services: behindProxy, ip: "192.0.2.20" };
      const ask = () => callRoute(apiEligibility.action, ctx, new Request(testUrl("/api/eligibility"), { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } }));
      for (let i = 0; i < 60; i++) expect(statusOf(await ask())).toBe(400);
      const limited = (await ask()) as Response;
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    } finally {
      await proxy.up();
    }
  });
});
