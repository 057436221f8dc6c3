/** The worker process (`npm run start:worker`): the outbox relay and the BullMQ workers, nothing else. */
import { backfillEntryIds } from "../models/case/entry-ids";
import { ConfigError, loadConfig } from "../models/platform/env";
import { createServer } from "node:http";
import { onShutdown } from "../models/platform/files";
import { configureLogging, logger } from "../models/platform/log";
import { destinationFor } from "../models/platform/log-pretty";
import { createMetrics, scrapeAccess } from "../models/platform/metrics";
import { openServices } from "../models/platform/services";
import { explainRedisDown, redisReachable } from "./redis-check";
import { startWorkers } from "./runtime";

async function main() {
  const config = loadConfig();
  const log = configureLogging(config.log, destinationFor(config.log)).child({ component: "worker" });
  const services = await openServices(config, { role: "worker" });
  await services.database.migrate();
  // Issue 12: the one-time entry-id backfill, whichever process starts first (idempotent, recorded when done).
  const keyed = await backfillEntryIds(services.database.db);
  if (keyed > 0) log.info(`list entry ids given to ${keyed} cases, their documents re-keyed`);
  if (!(await redisReachable(config.redisUrl))) log.warn(explainRedisDown(config.redisUrl));
  const metrics = createMetrics("worker");
  const running = startWorkers({
    db: services.database.db,
    mailer: services.mailer,
    storage: services.storage,
    publicUrl: config.publicUrl,
    secret: config.sessionSecret,
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    lockDurationMs: config.workerLockMs,
    concurrency: config.workerConcurrency,
    stopGraceMs: config.workerStopGraceMs,
    metrics,
  });
  log.info({ queues: Object.keys(running.queues) }, "running");
  // A worker has no web server: with METRICS_PORT it serves its own /metrics (same token as the web's).
  const metricsServer = config.metrics.port
    ? createServer((req, res) => {
        const access = req.url === "/metrics" ? scrapeAccess(config.metrics.token, req.headers.authorization) : "disabled";
        if (access !== "ok") {
          res.writeHead(access === "denied" ? 401 : 404, { "Content-Type": "text/plain" }).end(access === "denied" ? "A metrics token is required." : "Not found");
          return;
        }
        metrics.registry.metrics().then(
          (body) => res.writeHead(200, { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" }).end(body),
          () => res.writeHead(500).end(),
        );
      }).listen(config.metrics.port, () => log.info(`metrics at :${config.metrics.port}/metrics`))
    : null;
  onShutdown("worker", async () => {
    await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
    await running.stop();
    await services.close();
  });
}

main().catch((err) => {
  if (err instanceof ConfigError) logger().fatal(err.message);
  else logger().fatal({ err }, "failed to start");
  process.exit(1);
});
