import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../models/platform/db";

/** The machine's PostgreSQL server (trust auth); tests create their own databases and drop them. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type DbKind = "pglite" | "postgres";

export interface TestDatabase {
  handle: DatabaseHandle;
  /** For PostgreSQL: the URL of this test's own database (child processes connect to it). */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database: an in-memory PGlite, or a new database on the real PostgreSQL. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite" });
    await handle.migrate();
    return { handle, url: null, drop: () => handle.close() };
  }
  const name = `toptier_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ kind: "postgres", url, max: 20 });
  await handle.migrate();
  return {
    handle,
    url,
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A fresh database of `kind` for the enclosing describe block (made before its tests,
 * dropped after them); call the returned function inside a test for the handle.
 */
export function useTestDatabase(kind: DbKind, hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }): () => TestDatabase {
  let t: TestDatabase | undefined;
  hooks.beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  hooks.afterAll(async () => {
    await t?.drop();
  });
  return () => {
    if (!t) throw new Error("The test database is made in beforeAll: use it inside a test.");
    return t;
  };
}

/** A Redis key prefix of this test's own (queues and rate limits), so runs in parallel never count together. */
export const testPrefix = (tag = "t") => `toptier-test-${tag}-${process.pid}-${randomBytes(3).toString("hex")}`;

/** Remove every Redis key under a test prefix. */
export async function dropRedisKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const { Redis } = await import("ioredis");
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await r.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== "0");
  } finally {
    r.disconnect();
  }
}
