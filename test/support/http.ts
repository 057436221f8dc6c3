import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import * as login from "../../app/routes/login";
import * as mfa from "../../app/routes/mfa";
import { users } from "../../models/schema/users";
import { totpAt } from "../../models/totp";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "./factories";

/**
 * Sign in through the real login action (and, for officers, the second-factor
 * action with a code from the test secret); returns the Cookie header value.
 */
export async function signInCookie(context: AppLoadContext, email: string, opts: { password?: string; totpSecret?: string } = {}): Promise<string> {
  const res = (await login.action({
    request: new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ email, password: opts.password ?? TEST_PASSWORD }) }),
    context,
    params: {},
  })) as Response;
  expect(res.status).toBe(302);
  const cookie = res.headers.get("Set-Cookie")!.split(";")[0]!;
  const probe = await mfa.loader({ request: new Request("http://localhost/mfa", { headers: { Cookie: cookie } }), context, params: {} }).catch((r: unknown) => r);
  // A redirect away from /mfa means no second factor is owed.
  if (probe instanceof Response) return cookie;
  // A code is accepted once (replay protection, tested in accounts.test.ts); test officers
  // sign in many times within one 30-second step, as if each time on a new step.
  await context.services.database.db.update(users).set({ totpLastStep: null }).where(eq(users.email, email.toLowerCase()));
  const done = (await mfa.action({
    request: new Request("http://localhost/mfa", { method: "POST", body: new URLSearchParams({ code: totpAt(opts.totpSecret ?? TEST_TOTP_SECRET) }), headers: { Cookie: cookie } }),
    context,
    params: {},
  })) as Response;
  expect(done.status).toBe(302);
  return cookie;
}

export type RouteArgs = { request: Request; context: AppLoadContext; params: Record<string, string> };

/** Call a loader or action; a thrown Response (redirect, 404) is returned like a returned one. */
export async function callRoute(fn: (a: RouteArgs) => Promise<unknown>, context: AppLoadContext, request: Request, params: Record<string, string> = {}) {
  try {
    return await fn({ request, context, params });
  } catch (thrown) {
    return thrown;
  }
}

/** The status of a route result: a Response, or the result of Remix's `data(...)` (200 when plain data). */
export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
}

/** The body of a Remix `data(...)` result. */
/** What a route returned: the payload of `data(...)`, or the plain object itself. */
export const dataOf = (result: unknown) => {
  const r = result as { type?: string; data?: Record<string, unknown> };
  return (r?.type === "DataWithResponseInit" ? r.data : result) as Record<string, unknown>;
};

export const testUrl = (p: string) => `http://localhost${p}`;

/** A rendered page's HTML with React's empty text separators (`<!-- -->`) dropped. */
export const pageHtml = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");

/**
 * Real services (database, storage, mail, health) for route tests, on a fresh
 * PostgreSQL database and a temporary data folder; `close()` removes both.
 */
export async function openRouteContext(env: Record<string, string> = {}, ip = "127.0.0.1", kind: "postgres" | "pglite" = "postgres") {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { loadConfig } = await import("../../models/platform/env");
  const { openServices } = await import("../../models/platform/services");
  const { createTestDatabase, dropRedisKeys, REDIS_URL, testPrefix } = await import("./db");
  const prefix = env.QUEUE_PREFIX ?? testPrefix("routes");
  const dir = mkdtempSync(path.join(tmpdir(), "toptier-routes-"));
  // PGlite: the embedded database in the data folder, as `npm start` runs it (migrated here, removed with the folder).
  const t = kind === "postgres" ? await createTestDatabase("postgres") : null;
  const services = await openServices(loadConfig({ NODE_ENV: "test", ...(t ? { DATABASE_URL: t.url! } : {}), DATA_DIR: dir, REDIS_URL, QUEUE_PREFIX: prefix, ...env }));
  if (!t) await services.database.migrate();
  const context: AppLoadContext = { services, ip };
  return {
    t: t ?? { handle: services.database, url: null, drop: async () => undefined },
    dir,
    services,
    context,
    async close() {
      await services.close();
      await dropRedisKeys(prefix);
      await t?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The whole Remix app (the server build through Vite, as `npm start` serves it in development)
 * as a request handler over a route context. `mode` "production" sanitises errors as production does.
 */
export async function openRemixHandler(context: AppLoadContext, mode: "development" | "production" = "development") {
  const { createServer } = await import("vite");
  const { createRequestHandler } = await import("@remix-run/node");
  const { realpathSync } = await import("node:fs");
  // fs.allow: a git worktree may share the main checkout's node_modules through a symlink (outside the root).
  const vite = await createServer({ server: { middlewareMode: true, hmr: false, fs: { allow: [process.cwd(), realpathSync("node_modules")] } }, appType: "custom", logLevel: "silent" });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  const handler = createRequestHandler(build, mode);
  return { handle: (request: Request) => handler(request, context), close: () => vite.close() };
}
