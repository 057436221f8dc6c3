import { randomUUID } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { logger } from "./log";

/**
 * Write a file so that a crash never leaves half of it: write a temporary file
 * in the same folder, flush it to disk, then rename it into place.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.tmp-${path.basename(file)}-${randomUUID()}`);
  let renamed = false;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    renamed = true;
  } finally {
    if (!renamed) await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** Stop cleanly on SIGTERM or SIGINT, once: the web server and the worker share this. */
export function onShutdown(label: string, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info({ component: label, signal }, "finishing what is running, then stopping");
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger().error({ component: label, err }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => handler("SIGTERM"));
  process.on("SIGINT", () => handler("SIGINT"));
}
