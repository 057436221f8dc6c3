/**
 * The PostgreSQL pool's guards (issue 10 "How", issue 16): statement_timeout and
 * idle_in_transaction_session_timeout on every pooled connection, on the real server.
 * A query over the limit fails alone with a clear error; the pool keeps serving.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "../../models/audit";
import { loadConfig } from "../../models/platform/env";
import { IDLE_IN_TRANSACTION_TIMEOUT, STATEMENT_TIMEOUT, openDatabase, pgErrorOf, type DatabaseHandle } from "../../models/platform/db";
import { databaseConfigFor, openServices } from "../../models/platform/services";
import { auditLog } from "../../models/schema/audit";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createLogger, setLogger } from "../../models/platform/log";

const rowsOf = (res: unknown) => (res as { rows: Record<string, unknown>[] }).rows;

describe("PostgreSQL pool timeouts", () => {
  let t: TestDatabase;
  let guarded: DatabaseHandle;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    guarded = await openDatabase({ kind: "postgres", url: t.url!, max: 2, statementTimeoutMs: 400, idleInTransactionTimeoutMs: 500 });
  });
  afterAll(async () => {
    await guarded.close();
    await t.drop();
  });

  it("cancels a statement over statement_timeout with a clear error, and the pool keeps answering on every connection", async () => {
    const started = Date.now();
    const err = await guarded.db.execute(sql`select pg_sleep(5)`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, "the slow query must fail").not.toBeNull();
    expect(pgErrorOf(err)).toEqual({ code: STATEMENT_TIMEOUT, message: "canceling statement due to statement timeout" });
    // Cancelled by the server, not left to run for its 5 s.
    expect(Date.now() - started).toBeLessThan(4500);
    // Both connections (the one that timed out included) still serve, in parallel, and within the limit work runs.
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => guarded.db.execute(sql`select ${i}::int as i, pg_sleep(0.05)`)));
    expect(answers.map((r) => rowsOf(r)[0]!.i)).toEqual([0, 1, 2, 3, 4, 5]);
    const [setting] = rowsOf(await guarded.db.execute(sql`select current_setting('statement_timeout') as v`));
    expect(setting!.v).toBe("400ms");
    // A transaction whose statement times out rolls back, and nothing of it stays.
    await expect(
      guarded.db.transaction(async (tx) => {
        await audit(tx, { actor: "system", action: "test.in_slow_tx" });
        await tx.execute(sql`select pg_sleep(5)`);
      }),
    ).rejects.toThrow();
    expect(rowsOf(await guarded.db.execute(sql`select count(*)::int as n from ${auditLog} where action = 'test.in_slow_tx'`))[0]!.n).toBe(0);
  });

  it("ends a transaction left idle past idle_in_transaction_session_timeout, releasing its locks; the pool replaces the connection", async () => {
    const warnings: string[] = [];
    const previous = setLogger(createLogger({ level: "info", format: "json" }, { write: (line: string) => void warnings.push(line) }));
    try {
      const err = await guarded.db
        .transaction(async (tx) => {
          // Holds an audit chain (advisory lock) and then forgets to finish.
          await audit(tx, { actor: "system", action: "test.idle_tx" });
          await new Promise((r) => setTimeout(r, 1200));
          await tx.execute(sql`select 1`);
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err, "the idle transaction must fail").not.toBeNull();
      // The connection is gone: the next statement (here the rollback) fails, whichever comes first.
      const chain: string[] = [];
      for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) chain.push(String(e.message));
      expect(pgErrorOf(err)?.code === IDLE_IN_TRANSACTION_TIMEOUT || chain.some((m) => /not queryable|terminat/i.test(m))).toBe(true);
      // The server said why, and the process did not crash on it.
      expect(warnings.join("\n")).toMatch(/idle-in-transaction timeout/);
    } finally {
      setLogger(previous);
    }
    // Its record was rolled back, its chain is free again (the next append takes chain 0), and the pool serves.
    await audit(guarded.db, { actor: "system", action: "test.after_idle" });
    const rows = rowsOf(await guarded.db.execute(sql`select action, chain from ${auditLog} where action like 'test.%idle%' order by id`));
    expect(rows).toEqual([{ action: "test.after_idle", chain: 0 }]);
    await guarded.ping();
  });

  it("migrates without the pool's statement timeout (an index over a large table may take longer)", async () => {
    await guarded.migrate();
    const [setting] = rowsOf(await guarded.db.execute(sql`select current_setting('statement_timeout') as v`));
    expect(setting!.v).toBe("400ms");
  });
});

describe("pool settings per process", () => {
  const base = { NODE_ENV: "test", DATABASE_URL: "postgres://u@db:5432/toptier" };

  it("sizes the web and the worker pools apart; a web process running the workers gets both shares", () => {
    const c = loadConfig({
      ...base,
      DATABASE_POOL_MAX_WEB: "12",
      DATABASE_POOL_MAX_WORKER: "3",
      DATABASE_STATEMENT_TIMEOUT_MS: "5000",
      DATABASE_WORKER_STATEMENT_TIMEOUT_MS: "90000",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "0",
    });
    expect(databaseConfigFor(c, "worker")).toEqual({ kind: "postgres", url: base.DATABASE_URL, max: 3, statementTimeoutMs: 90_000, idleInTransactionTimeoutMs: 0 });
    expect(databaseConfigFor(c, "web")).toMatchObject({ max: 15, statementTimeoutMs: 5000 });
    expect(databaseConfigFor(loadConfig({ ...base, WORKERS_IN_PROCESS: "false", DATABASE_POOL_MAX_WEB: "12" }), "web")).toMatchObject({ max: 12 });
    // Defaults: 10 web, 10 worker, 15 s per statement (120 s in a worker), 60 s idle in a transaction.
    expect(databaseConfigFor(loadConfig({ ...base, WORKERS_IN_PROCESS: "false" }), "web")).toEqual({
      kind: "postgres",
      url: base.DATABASE_URL,
      max: 10,
      statementTimeoutMs: 15_000,
      idleInTransactionTimeoutMs: 60_000,
    });
    expect(databaseConfigFor(loadConfig({ ...base }), "worker")).toMatchObject({ max: 10, statementTimeoutMs: 120_000 });
    expect(databaseConfigFor(loadConfig({}), "web")).toMatchObject({ kind: "pglite" });
  });

  it("refuses pool sizes and timeouts that are not whole numbers in range, naming each key", () => {
    expect(() => loadConfig({ ...base, DATABASE_POOL_MAX_WEB: "0", DATABASE_POOL_MAX_WORKER: "many", DATABASE_STATEMENT_TIMEOUT_MS: "-1", DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "1.5" })).toThrow(
      /DATABASE_POOL_MAX_WEB[\s\S]*DATABASE_POOL_MAX_WORKER[\s\S]*DATABASE_STATEMENT_TIMEOUT_MS[\s\S]*DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS/,
    );
  });

  it("opens a worker's services with the worker pool and the timeouts on its connections", async () => {
    const t = await createTestDatabase("postgres");
    try {
      const services = await openServices(loadConfig({ ...base, DATABASE_URL: t.url!, DATABASE_POOL_MAX_WORKER: "2", DATABASE_WORKER_STATEMENT_TIMEOUT_MS: "1234" }), { role: "worker" });
      try {
        const [row] = rowsOf(await services.database.db.execute(sql`select current_setting('statement_timeout') as st, current_setting('idle_in_transaction_session_timeout') as idle`));
        expect(row).toEqual({ st: "1234ms", idle: "1min" });
      } finally {
        await services.close();
      }
    } finally {
      await t.drop();
    }
  });
});
