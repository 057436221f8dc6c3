/**
 * `npm run db:migrate`: apply the committed migrations (models/migrations/) and exit. The deploy step between
 * stopping the old processes and starting the new ones (docs/DEPLOYMENT.md); the web and worker processes also
 * migrate on start, serialised by the same advisory lock, so running it twice or alongside them is harmless.
 */
import { openDatabase } from "../models/platform/db";
import { ConfigError, loadConfig } from "../models/platform/env";

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.database.kind === "postgres" ? { kind: "postgres", url: config.database.url, max: 1 } : config.database);
  try {
    await database.migrate();
    console.log(`[migrate] ${config.database.kind === "postgres" ? "PostgreSQL" : `PGlite in ${config.database.dir}`}: migrations applied`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error("[migrate] failed:", err);
  process.exit(1);
});
