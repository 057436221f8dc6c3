/** The worker process (`npm run start:worker`): the outbox relay and the BullMQ workers, nothing else. */
import { ConfigError, loadConfig } from "../models/platform/env";
import { onShutdown } from "../models/platform/files";
import { openServices } from "../models/platform/services";
import { explainRedisDown, redisReachable } from "./redis-check";
import { startWorkers } from "./runtime";

async function main() {
  const config = loadConfig();
  const services = await openServices(config, { role: "worker" });
  await services.database.migrate();
  if (!(await redisReachable(config.redisUrl))) console.warn(explainRedisDown(config.redisUrl));
  const running = startWorkers({
    db: services.database.db,
    mailer: services.mailer,
    storage: services.storage,
    publicUrl: config.publicUrl,
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    lockDurationMs: config.workerLockMs,
  });
  console.log(`[worker] running (queues: ${Object.keys(running.queues).join(", ")})`);
  onShutdown("worker", async () => {
    await running.stop();
    await services.close();
  });
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error("[worker] failed to start:", err);
  process.exit(1);
});
