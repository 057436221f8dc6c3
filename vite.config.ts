import { vitePlugin as remix } from "@remix-run/dev";
import fs from "node:fs";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Remix v2 gives every route module a browser chunk, also a resource route (no component: a
 * loader or action only, e.g. healthz, logout, the CSV and ZIP downloads), whose chunk is then
 * empty and Rollup says "Generated an empty chunk" for each (remix-run/remix#9055, not fixed in
 * v2). Those are expected; an empty chunk of any other module is still reported.
 */
const routeChunkNames = new Set(fs.readdirSync("app/routes").map((f) => f.replace(/\.tsx?$/, "").replace(/[$[\]]/g, "_")));
const isResourceRouteChunk = (names: readonly string[] | undefined) => Boolean(names?.length) && names!.every((n) => routeChunkNames.has(n));

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  // Server-only packages must not be pre-bundled for the browser (stack.md).
  optimizeDeps: { exclude: ["pg", "bullmq", "ioredis", "drizzle-orm", "@aws-sdk/client-s3", "nodemailer", "@electric-sql/pglite", "@node-rs/argon2"] },
  build: {
    rollupOptions: {
      onwarn(warning, handler) {
        if (warning.code === "EMPTY_BUNDLE" && isResourceRouteChunk(warning.names)) return;
        handler(warning);
      },
    },
  },
  ssr: { external: ["@node-rs/argon2", "@electric-sql/pglite", "pg", "bullmq", "ioredis"] },
  server: { port: 3000 },
});
