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

/** The URL without its password (a log line must not carry it). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "redacted";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

export function explainRedisDown(url: string): string {
  return `Redis is not reachable at ${withoutPassword(url)}: background jobs (screening, e-mail) wait in the database until it is. Start it with \`redis-server --daemonize yes\` or set REDIS_URL.`;
}
