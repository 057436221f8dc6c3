import { customType } from "drizzle-orm/pg-core";

/**
 * Issue 12: the JSONB column whose identity numbers are encrypted at rest (decision 018). Drizzle calls
 * `toDriver` for every value written (insert, update) and `fromDriver` for every value read (select,
 * returning): the one place a dossier is encrypted and decrypted. The codec itself
 * (models/platform/pii-crypto.ts, node:crypto) registers on load: this module is also in the browser
 * bundle's graph (through the schema), which must not import node:crypto. Opening a database
 * (models/platform/db.ts) loads it; without it, reads and writes fail rather than store a clear number.
 *
 * The codec and the key ring live on globalThis: the Remix server build bundles its own copy of the
 * models, and its routes must encrypt with the keys server.ts configured, not with defaults of their copy.
 */
export interface PiiCodec {
  seal(doc: unknown): unknown;
  open(stored: unknown): unknown;
}

const CODEC = Symbol.for("toptier.pii.codec");
type WithCodec = typeof globalThis & { [CODEC]?: PiiCodec };

export function registerPiiCodec(codec: PiiCodec): void {
  (globalThis as WithCodec)[CODEC] ??= codec;
}

function codec(): PiiCodec {
  const c = (globalThis as WithCodec)[CODEC];
  if (!c) throw new Error("The identity number codec (models/platform/pii-crypto.ts) is not loaded: open the database through models/platform/db.ts.");
  return c;
}

export const encryptedJsonb = <T>(name: string) =>
  customType<{ data: T; driverData: unknown }>({
    dataType: () => "jsonb",
    toDriver: (value) => JSON.stringify(codec().seal(value)),
    fromDriver: (value) => codec().open(typeof value === "string" ? JSON.parse(value) : value) as T,
  })(name);
