import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: the Remix plugin must not run under Vitest.
export default defineConfig({
  test: {
    include: ["models/**/*.test.ts", "workers/**/*.test.ts", "emails/**/*.test.ts", "app/**/*.test.ts", "test/integration/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    setupFiles: ["test/setup/fail-on-console-error.ts"],
  },
});
