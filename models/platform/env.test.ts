import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env";

describe("environment", () => {
  it("defaults to the embedded mode", () => {
    const c = loadConfig({});
    expect(c.database.kind).toBe("pglite");
    expect(c.storage.kind).toBe("local");
    expect(c.mail.kind).toBe("devmailbox");
    expect(c.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(c.port).toBe(3000);
    expect(c.devMailPage).toBe(true);
    expect(c.workersInProcess).toBe(true);
    expect(c.secureCookies).toBe(false);
    expect(c.workerConcurrency).toBe(4);
  });

  it("takes the workers' concurrency per queue, and names the setting when it is not a whole number from 1", () => {
    expect(loadConfig({ WORKER_CONCURRENCY: "16" }).workerConcurrency).toBe(16);
    for (const bad of ["0", "1.5", "many"]) expect(() => loadConfig({ WORKER_CONCURRENCY: bad })).toThrow(/WORKER_CONCURRENCY/);
  });

  it("takes production settings and hides the dev mailbox", () => {
    const c = loadConfig({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://u@db:5432/toptier",
      SMTP_URL: "smtp://mail:25",
      S3_BUCKET: "toptier-docs",
      S3_ENDPOINT: "http://s3:9000",
      S3_FORCE_PATH_STYLE: "true",
      SESSION_SECRET: "x".repeat(40),
      PII_INDEX_KEY: "k".repeat(40),
      PII_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      PORT: "8080",
    });
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://u@db:5432/toptier" });
    expect(c.storage).toMatchObject({ kind: "s3", bucket: "toptier-docs", forcePathStyle: true });
    expect(c.mail.kind).toBe("smtp");
    expect(c.devMailPage).toBe(false);
    expect(c.secureCookies).toBe(true);
    expect(c.seedDemo).toBe(false);
    expect(c.port).toBe(8080);
    expect(c.piiIndexKey).toBe("k".repeat(40));
  });

  it("fails fast listing every bad key", () => {
    let err: unknown;
    try {
      loadConfig({ NODE_ENV: "production", PORT: "99999", REDIS_URL: "not a url", SESSION_SECRET: "short", SEED_DEMO: "true" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const key of ["PORT", "REDIS_URL", "DATABASE_URL", "SMTP_URL", "S3_BUCKET", "SESSION_SECRET", "PII_INDEX_KEY", "PII_ENCRYPTION_KEYS", "SEED_DEMO"]) expect(msg).toContain(key);
  });
});
