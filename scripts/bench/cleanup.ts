/**
 * What a benchmark must undo (databases, Redis keys, temporary folders, child
 * processes), undone in reverse order at the end, after a failure, and on
 * Ctrl-C or SIGTERM.
 */
import { Redis } from "ioredis";

type Step = { label: string; run: () => Promise<unknown> | unknown };

export class Cleanup {
  private steps: Step[] = [];
  private running: Promise<void> | null = null;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n[bench] ${signal}: cleaning up`);
    void this.run().finally(() => process.exit(130));
  };

  constructor() {
    process.once("SIGINT", this.onSignal);
    process.once("SIGTERM", this.onSignal);
  }

  /** Register an undo step; returns it so that it can also be run early. */
  add(label: string, run: Step["run"]): () => Promise<void> {
    const step: Step = { label, run };
    this.steps.push(step);
    return async () => {
      const at = this.steps.indexOf(step);
      if (at < 0) return;
      this.steps.splice(at, 1);
      await step.run();
    };
  }

  /** Undo everything, newest first; a failing step is reported and the others still run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length) {
        const step = this.steps.pop()!;
        let timer: NodeJS.Timeout | undefined;
        try {
          // A step that hangs (a connection that never closes) must not keep the others from running.
          await Promise.race([
            Promise.resolve().then(step.run),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error("no end after 30 s; going on")), 30_000);
            }),
          ]);
        } catch (err) {
          console.error(`[bench] cleanup "${step.label}" failed: ${(err as Error).message}`);
        } finally {
          clearTimeout(timer);
        }
      }
      process.off("SIGINT", this.onSignal);
      process.off("SIGTERM", this.onSignal);
    })();
    return this.running;
  }
}

/** Delete every Redis key under `prefix:` (a bench's own BullMQ prefix). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
  let removed = 0;
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) removed += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return removed;
}
