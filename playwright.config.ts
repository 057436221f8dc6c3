import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * Browser end-to-end tests against the production build, on Debian's Chromium
 * (`npm run test:e2e` installs it when missing; never `npx playwright install`).
 *
 * Every run gets its own server: a fresh DATA_DIR (PGlite database, documents,
 * dev mailbox) and its own BullMQ key prefix, so it shares nothing with a
 * developer's `npm start` or another run. Playwright loads this file in the
 * runner and again in each test worker: the values are made once, in the
 * runner, and handed down through the environment.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;

const createdHere = !process.env.TOPTIER_E2E_DATA_DIR;
if (createdHere) {
  process.env.TOPTIER_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "toptier-e2e-"));
  process.env.TOPTIER_E2E_QUEUE_PREFIX = `e2e-${process.pid}`;
}
const DATA_DIR = process.env.TOPTIER_E2E_DATA_DIR!;
const QUEUE_PREFIX = process.env.TOPTIER_E2E_QUEUE_PREFIX ?? `e2e-${process.pid}`;

if (createdHere && !process.env.E2E_KEEP_DATA) {
  // The runner exits after the web server has been stopped: remove what the run left behind
  // (set E2E_KEEP_DATA=1 to keep the data folder for a look after a failure).
  process.on("exit", () => {
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { Redis } from "ioredis";
         const r = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 1 });
         try {
           await r.connect();
           let cursor = "0";
           do {
             const [next, keys] = await r.scan(cursor, "MATCH", process.argv[2] + ":*", "COUNT", 500);
             cursor = next;
             if (keys.length) await r.del(...keys);
           } while (cursor !== "0");
         } catch {} finally { r.disconnect(); }`,
        redisUrl,
        QUEUE_PREFIX,
      ],
      { stdio: "ignore", timeout: 10_000, cwd: import.meta.dirname },
    );
  });
}

export default defineConfig({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 120_000,
  expect: {
    timeout: 10_000,
    // Visual baselines (test/e2e/visual.spec.ts): a small tolerance for anti-aliasing, no animations or caret.
    toHaveScreenshot: { maxDiffPixelRatio: 0.01, threshold: 0.2, animations: "disabled", caret: "hide", scale: "css" },
  },
  // One baseline per screen, kept beside the tests: CI runs on the same kind of machine and Chromium.
  snapshotPathTemplate: "{testDir}/__screenshots__/{testFilePath}/{arg}{ext}",
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    // The production build, served in development mode (dev mailbox, demo accounts) whatever
    // NODE_ENV the calling shell has; NODE_ENV is not set for the build, which stays a production one.
    command: "npm run build && NODE_ENV=development npx tsx server.ts",
    url: `${BASE_URL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets the server finish its jobs and close Redis and the database cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(PORT),
      DATA_DIR,
      QUEUE_PREFIX,
      PUBLIC_URL: BASE_URL,
    },
  },
});
