import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "../schema/index";

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

export type DatabaseConfig = { kind: "pglite"; dir?: string } | { kind: "postgres"; url: string; max?: number };

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new pg.Pool({ connectionString: config.url, max: config.max ?? 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on("error", (err) => console.warn(`[db] idle connection error: ${err.message}`));
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
          await client.query("select pg_advisory_lock(7201)");
          await migrate(drizzle(client, { schema }), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock(7201)").catch(() => undefined);
          client.release();
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
