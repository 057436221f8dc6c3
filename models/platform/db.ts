import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "../schema/index";
import { logger } from "./log";
// Issue 12: registers the codec of the dossier column (identity numbers encrypted at rest, pii-column.ts).
import "./pii-crypto";

export type Schema = typeof schema;
/** The database, whichever driver is behind it (PGlite or node-postgres). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Use cases accept either the database or a transaction. */
export type Queryable = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  ping(): Promise<void>;
  /** Apply the committed SQL migrations (models/migrations), the same files on both drivers. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseConfig = { kind: "pglite"; dir?: string } | ({ kind: "postgres"; url: string } & PoolSettings);

/** How one process's PostgreSQL pool behaves (docs/ARCHITECTURE.md, "Database pools"). */
export interface PoolSettings {
  /** Most connections this pool opens (default 10). */
  max?: number;
  /**
   * PostgreSQL cancels any statement of this pool's connections that runs longer
   * (`statement_timeout`, ms; 0 or unset: never). One slow query then fails alone with
   * SQLSTATE 57014 instead of holding a connection while requests pile up behind it.
   */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL ends a connection whose transaction stays idle longer
   * (`idle_in_transaction_session_timeout`, ms; 0 or unset: never), releasing its
   * locks (an audit chain, row locks); the pool drops that connection and opens another.
   */
  idleInTransactionTimeoutMs?: number;
}

/** SQLSTATE of a statement cancelled by statement_timeout, and of a session ended by idle_in_transaction_session_timeout. */
export const STATEMENT_TIMEOUT = "57014";
export const IDLE_IN_TRANSACTION_TIMEOUT = "25P03";

/** The PostgreSQL error behind a failed query (Drizzle wraps it as the cause), if any. */
export function pgErrorOf(err: unknown): { code?: string; message: string } | null {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && typeof e.message === "string") return { code: e.code, message: e.message };
  }
  return null;
}

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.max ?? 10,
      // Sent with each new connection (startup parameters): they hold for every query of this pool.
      ...(config.statementTimeoutMs ? { statement_timeout: config.statementTimeoutMs } : {}),
      ...(config.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs } : {}),
    });
    // An idle client that loses its connection must not crash the process.
    pool.on("error", (err) => logger().warn({ component: "db", err: err.message }, "idle connection error"));
    // Nor may a checked-out one (the pool listens only while a client is idle): PostgreSQL
    // ends a connection idle in a transaction past its timeout with an error no query awaits.
    // The next query on it fails, and the pool discards it when it is released.
    pool.on("connect", (client) => client.on("error", (err) => logger().warn({ component: "db", err: err.message }, "connection error")));
    const db = drizzle(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      ping: async () => void (await pool.query("select 1")),
      // An advisory lock (held on one dedicated connection) keeps a web and a worker
      // process that start together from migrating at the same time.
      migrate: async () => {
        const { migrate } = await import("drizzle-orm/node-postgres/migrator");
        const client = await pool.connect();
        try {
          // Migrations (an index over a large table) and waiting for another migrator may take longer than a request may.
          await client.query("set statement_timeout = 0");
          await client.query("select pg_advisory_lock(7201)");
          await migrate(drizzle(client, { schema }), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock(7201)").catch(() => undefined);
          // Back to the pool's own timeout (RESET returns to the value the connection started with).
          const resetFailed = await client.query("reset statement_timeout").then(() => undefined, (err: Error) => err);
          client.release(resetFailed); // an error: the pool closes this connection instead of reusing it
        }
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  // Migration 0006 creates these (trigram search indexes, the passport blind index backfill).
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { pgcrypto } = await import("@electric-sql/pglite/contrib/pgcrypto");
  if (config.dir) mkdirSync(config.dir, { recursive: true });
  const client = new PGlite({ dataDir: config.dir, extensions: { pg_trgm, pgcrypto } });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    ping: async () => void (await client.query("select 1")),
    migrate: async () => {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    },
    close: () => client.close(),
  };
}
