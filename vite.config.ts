import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

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
  ssr: { external: ["@node-rs/argon2", "@electric-sql/pglite", "pg", "bullmq", "ioredis"] },
  server: { port: 3000 },
});
