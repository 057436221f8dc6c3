import type { AppLoadContext } from "@remix-run/node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../support/factories";
import { openRemixHandler, openRouteContext, signInCookie, testUrl } from "../support/http";

/**
 * A database too busy to answer in time (statement_timeout, SQLSTATE 57014) is an
 * overload, not a bug: the page says so with 503 and Retry-After instead of the 500
 * "something went wrong" page, and a client-side navigation gets the same status.
 * The overload is made deterministic: a second connection holds an exclusive lock on
 * the cases table, so the applicant's case list waits past the 300 ms timeout.
 */
describe("a statement timeout answers 503 busy, not 500", () => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let context: AppLoadContext;
  let remix: Awaited<ReturnType<typeof openRemixHandler>>;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    harness = await openRouteContext({ DATABASE_STATEMENT_TIMEOUT_MS: "300" });
    context = harness.context;
    remix = await openRemixHandler(context, "production");
    handle = remix.handle;
  }, 120_000);
  afterAll(async () => {
    await remix?.close();
    await harness?.close();
  });

  async function withCasesLocked<T>(fn: () => Promise<T>): Promise<T> {
    const locker = new pg.Client({ connectionString: harness.t.url! });
    await locker.connect();
    try {
      await locker.query("begin");
      await locker.query("lock table cases in access exclusive mode");
      return await fn();
    } finally {
      await locker.query("rollback");
      await locker.end();
    }
  }

  it("shows the busy page with Retry-After while the database cannot answer, and the page again after", async () => {
    const applicant = await makeUser(harness.services.database.db, "applicant");
    const cookie = await signInCookie(context, applicant.email);
    const get = (path: string) => handle(new Request(testUrl(path), { headers: { Cookie: cookie } }));

    const ok = await get("/cases");
    expect(ok.status).toBe(200);
    await ok.text();

    const [busy, busyData] = await withCasesLocked(async () => {
      const page = await get("/cases");
      const data = await get("/cases.data");
      return [{ status: page.status, retryAfter: page.headers.get("Retry-After"), body: await page.text() }, { status: data.status, retryAfter: data.headers.get("Retry-After") }];
    });
    expect(busy.status).toBe(503);
    expect(busy.retryAfter).toBe("10");
    expect(busy.body).toContain("The service is busy");
    expect(busy.body).toContain("접속이 많아");
    expect(busy.body).toContain('href="/cases"');
    expect(busyData).toEqual({ status: 503, retryAfter: "10" });

    // Once the lock is gone, the same request is served as before.
    const after = await get("/cases");
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain("The service is busy");
  });

  it("still answers other errors as they were (a missing case is a 404, not a busy page)", async () => {
    const applicant = await makeUser(harness.services.database.db, "applicant");
    const cookie = await signInCookie(context, applicant.email);
    const res = await handle(new Request(testUrl("/cases/00000000-0000-4000-8000-000000000000"), { headers: { Cookie: cookie } }));
    expect(res.status).toBe(404);
    expect(res.headers.get("Retry-After")).toBeNull();
  });
});
