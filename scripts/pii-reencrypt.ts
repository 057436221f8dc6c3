/**
 * Issue 12 (decision 018): re-encrypt the stored identity numbers under the current key of
 * PII_ENCRYPTION_KEYS, and say how many cases each key id still holds.
 *
 *   PII_ENCRYPTION_KEYS=k2:<new>,k1:<old> DATABASE_URL=... npm run -s pii:reencrypt
 *
 * Start-up does the same (server.ts); this runs it without a web process, with progress, and
 * checks that no case is left under a key the ring no longer lists. Exit code 0 when every
 * dossier is under the current key, 1 when some are not (e.g. under a key missing from the
 * ring), 2 for a bad environment.
 */
import { encryptStoredPii, storedPiiKeys } from "../models/case/pii-backfill";
import { openDatabase } from "../models/platform/db";
import { ConfigError, loadConfig } from "../models/platform/env";
import { knownPiiKids, setPiiEncryptionKeys } from "../models/platform/pii-crypto";
import { databaseConfigFor } from "../models/platform/services";

async function main(): Promise<number> {
  const config = loadConfig();
  setPiiEncryptionKeys(config.piiEncryptionKeys);
  const database = await openDatabase(databaseConfigFor(config, "worker"));
  try {
    await database.migrate();
    const report = async (when: string) => {
      const rows = await storedPiiKeys(database.db);
      console.log(`${when}: ${rows.map((r) => `${r.kid}${r.current ? " (current)" : ""} ${r.cases}`).join(", ") || "no cases"}`);
      return rows;
    };
    await report("before");
    const done = await encryptStoredPii(database.db, { onBatch: (n) => console.log(`  ${n} cases rewritten with key "${config.piiEncryptionKeys[0]!.kid}"`) });
    console.log(`rewritten: ${done}`);
    const after = await report("after");
    const unknown = after.filter((r) => r.kid !== "clear" && !knownPiiKids().includes(r.kid));
    for (const u of unknown) console.error(`${u.cases} cases are under key "${u.kid}", which PII_ENCRYPTION_KEYS does not list: add it back (after the current key) and run again.`);
    const left = after.filter((r) => !r.current).reduce((n, r) => n + r.cases, 0);
    if (left === 0) console.log("every case is under the current key: the older keys can leave PII_ENCRYPTION_KEYS.");
    return left === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
