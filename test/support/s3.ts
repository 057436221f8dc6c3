import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export interface RunningS3 {
  /** e.g. http://127.0.0.1:40123 — use with forcePathStyle: true. */
  endpoint: string;
  /** A bucket that exists on this server. */
  bucket: string;
  stop(): Promise<void>;
}

/** A real S3 HTTP API (s3rver) in-process on a random loopback port, backed by a temp directory. */
export async function startS3rver(): Promise<RunningS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "toptier-s3rver-"));
  const bucket = "toptier-test";
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  let address;
  try {
    address = await server.run();
  } catch (err) {
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
