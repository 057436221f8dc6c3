import { Redis } from "ioredis";

/** One quick connection attempt, for a clear start-up message. */
export async function redisReachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  r.on("error", () => undefined);
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export function explainRedisDown(url: string): string {
  return `[toptier] Redis is not reachable at ${url}: background jobs (screening, e-mail) wait in the database until it is. Start it with \`redis-server --daemonize yes\` or set REDIS_URL.`;
}
