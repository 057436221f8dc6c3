/**
 * The TopTier web server: Express serving the Remix build, with the background
 * workers in the same process by default (embedded mode). `npm run start:web`
 * runs the web side alone and `npm run start:worker` the workers (workers/main.ts).
 * `--dev` serves through Vite's middleware with hot reload instead of the build.
 */
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { applyEdge } from "./app/http-guards";
import { mountQueueDashboard } from "./app/queue-dashboard.server";
import { requestLogging } from "./app/request-log.server";
import { httpMetrics, metricsEndpoint, routeLabeller } from "./app/metrics.server";
import { noStoreWhenSignedIn, securityHeaders } from "./app/security-headers.server";
import { createMetrics } from "./models/platform/metrics";
import { ConfigError, loadConfig } from "./models/platform/env";
import { onShutdown } from "./models/platform/files";
import { configureLogging, logger } from "./models/platform/log";
import { destinationFor } from "./models/platform/log-pretty";
import { openServices } from "./models/platform/services";
import { seedDecisionTemplates } from "./models/case/decision-templates";
import { backfillEntryIds } from "./models/case/entry-ids";
import { backfillPassportIndex } from "./models/case/passport-index";
import { encryptStoredPii } from "./models/case/pii-backfill";
import { DEMO_PASSWORD, demoAccounts, seedDemo } from "./models/seed";
import { closeQueues, openQueues, startWorkers } from "./workers/runtime";
import { explainRedisDown, redisReachable } from "./workers/redis-check";

const dev = process.argv.includes("--dev");

async function main() {
  const config = loadConfig();
  const log = configureLogging(config.log, destinationFor(config.log)).child({ component: "web" });
  const services = await openServices(config);
  await services.database.migrate();
  log.info(`database: ${config.database.kind === "pglite" ? `PGlite in ${config.database.dir}` : "PostgreSQL"}; migrations applied`);
  // Issue 10: passport blind index of cases from before migration 0006 (or after a key change); instant when none.
  const indexed = await backfillPassportIndex(services.database.db);
  if (indexed > 0) log.info(`passport index computed for ${indexed} cases`);
  // Issue 12: identity numbers of dossiers from before migration 0009 encrypted, those under an older key
  // of PII_ENCRYPTION_KEYS re-encrypted with the current one (decision 018); instant when none.
  const encrypted = await encryptStoredPii(services.database.db);
  if (encrypted > 0) log.info(`identity numbers encrypted with key "${config.piiEncryptionKeys[0]!.kid}" in ${encrypted} cases`);
  // Issue 12: stable ids for the dossiers' list entries, their files re-keyed from positions; once (recorded), then instant.
  const keyed = await backfillEntryIds(services.database.db);
  if (keyed > 0) log.info(`list entry ids given to ${keyed} cases, their documents re-keyed`);
  // Reference content every installation needs (idempotent): the default decision templates.
  await seedDecisionTemplates(services.database.db);
  if (config.seedDemo) {
    const { created } = await seedDemo(services.database.db);
    // The demo password is published (embedded mode only, never in production): the banner says it.
    log.info(`demo accounts (${created ? "created now" : "already there"}), password for all: ${DEMO_PASSWORD}`);
    for (const a of demoAccounts) log.info(`  ${a.role.padEnd(15)} ${a.email}`);
  }
  if (!(await redisReachable(config.redisUrl))) log.warn(explainRedisDown(config.redisUrl));
  const metrics = createMetrics(config.workersInProcess ? "embedded" : "web");
  const workers = config.workersInProcess
    ? startWorkers({ db: services.database.db, mailer: services.mailer, storage: services.storage, publicUrl: config.publicUrl, secret: config.sessionSecret, redisUrl: config.redisUrl, prefix: config.queuePrefix, lockDurationMs: config.workerLockMs, concurrency: config.workerConcurrency, stopGraceMs: config.workerStopGraceMs, metrics })
    : null;

  // A web process without workers still reports the queues' depth and the outbox at /metrics (when it serves one).
  const countQueues = workers || !config.metrics.token ? null : openQueues(config.redisUrl, config.queuePrefix);
  if (countQueues) metrics.watch({ db: services.database.db, queues: () => countQueues.queues });

  const app = express();
  app.disable("x-powered-by");
  // Issue 12: a request id and one structured line per request, before anything can answer.
  app.use(requestLogging(logger()));
  let labelOf = routeLabeller(null);
  app.use(httpMetrics(metrics, (p) => labelOf(p)));
  app.use(securityHeaders({ production: config.env === "production", dev }));
  // Client address and forwarded host from a configured proxy only (TRUST_PROXY); cross-site writes (403)
  // and body sizes per route kind (411/413), before Remix reads a byte.
  applyEdge(app, config);

  // Issue 10: HTML, data and assets compressed (brotli when the browser offers it, else gzip), as they are
  // produced; compression's defaults skip small bodies and types that do not compress.
  app.use(compression());

  let build: () => Promise<ServerBuild>;
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = path.resolve("build");
    // Build assets carry a content hash in their name: cached for a year, never revalidated.
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    const serverBuild = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
    build = async () => serverBuild;
    labelOf = routeLabeller(serverBuild);
  }
  app.get("/metrics", metricsEndpoint(metrics, config.metrics.token));
  // Issue 12: Bull Board for administrators (404 for anyone else), its queues opened on first use.
  const dashboard = mountQueueDashboard(app, {
    context: () => ({ services, ip: null }),
    openQueues: () => {
      const opened = openQueues(config.redisUrl, config.queuePrefix);
      return { queues: Object.values(opened.queues), close: () => closeQueues(opened) };
    },
  });
  app.use(noStoreWhenSignedIn());
  app.all("*", createRequestHandler({ build, mode: dev ? "development" : "production", getLoadContext: (req, res) => ({ services, ip: req.ip ?? null, cspNonce: res.locals.cspNonce as string }) }));

  const server = app.listen(config.port, () => {
    log.info(`portal at ${config.publicUrl} (${workers ? "workers in this process" : "web only"})${config.devMailPage ? `; e-mail lands in ${config.publicUrl}/dev/mail` : ""}`);
  });

  onShutdown("toptier", async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await workers?.stop();
    await dashboard.close();
    if (countQueues) await closeQueues(countQueues);
    await services.close();
  });
}

main().catch((err) => {
  if (err instanceof ConfigError) logger().fatal(err.message);
  else logger().fatal({ err }, "failed to start");
  process.exit(1);
});
