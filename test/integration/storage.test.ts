import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorage, type DocumentStorage } from "../../models/platform/storage";
import { startS3rver, type RunningS3 } from "../support/s3";

const TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

function newKey(): string {
  return `cases/${randomUUID()}/${randomUUID()}`;
}

const BAD_KEYS = [
  "",
  "/cases/a",
  "cases/../etc/passwd",
  "..",
  "cases/./a",
  "cases\\a",
  "cases//a",
  "cases/a/",
  "cases/a b",
  "cases/ä",
  "cases/a?x=1",
  "cases/a%2F..",
  "x".repeat(1025),
];

/** The same contract for every DocumentStorage. */
function storageContract(name: string, setup: () => Promise<{ storage: DocumentStorage; teardown(): Promise<void> }>) {
  describe(`${name} storage contract`, () => {
    let storage: DocumentStorage;
    let teardown: () => Promise<void>;

    beforeAll(async () => {
      ({ storage, teardown } = await setup());
    });
    afterAll(async () => {
      await storage?.close?.();
      await teardown?.();
    });

    it("check() passes on a usable storage", async () => {
      await expect(storage.check()).resolves.toBeUndefined();
    });

    it("round-trips small binary content byte for byte", async () => {
      const key = newKey();
      const body = new Uint8Array([0, 1, 2, 255, 254, 13, 10, 0, 0x80, 0x7f]);
      await storage.put(key, body, "application/octet-stream");
      const got = await storage.get(key);
      expect(got).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(got!).equals(Buffer.from(body))).toBe(true);
    });

    it("round-trips an empty document", async () => {
      const key = newKey();
      await storage.put(key, new Uint8Array(0), "text/plain");
      const got = await storage.get(key);
      expect(got).not.toBeNull();
      expect(got!.byteLength).toBe(0);
    });

    it("round-trips a 2 MB random document without aws-chunked framing", async () => {
      const key = newKey();
      const body = new Uint8Array(randomBytes(2 * 1024 * 1024));
      await storage.put(key, body, "application/pdf");
      const got = await storage.get(key);
      // aws-chunked framing stored inside the object ("200000\r\n<data>\r\n0\r\nx-amz-checksum-...")
      // would show up as a longer body that does not start with the data.
      expect(got!.byteLength).toBe(body.byteLength);
      expect(Buffer.from(got!).equals(Buffer.from(body))).toBe(true);
    });

    it("returns null for a missing key", async () => {
      expect(await storage.get(newKey())).toBeNull();
    });

    it("streams a stored document (2 MB, read in chunks), and answers null for a missing key or a 'folder'", async () => {
      const key = newKey();
      const body = new Uint8Array(randomBytes(2 * 1024 * 1024));
      await storage.put(key, body, "application/pdf");
      const stream = await storage.openStream(key);
      expect(stream).not.toBeNull();
      const chunks: Buffer[] = [];
      for await (const c of stream!) chunks.push(Buffer.from(c as Uint8Array));
      expect(chunks.length).toBeGreaterThan(1);
      expect(Buffer.concat(chunks).equals(Buffer.from(body))).toBe(true);
      expect(await storage.openStream(newKey())).toBeNull();
      const folder = `cases/${randomUUID()}`;
      await storage.put(`${folder}/doc`, new Uint8Array([1]), "application/octet-stream");
      expect(await storage.openStream(folder)).toBeNull();
    });

    it("returns null for a 'folder' that only holds other keys", async () => {
      const folder = `cases/${randomUUID()}`;
      await storage.put(`${folder}/doc`, new Uint8Array([1]), "application/octet-stream");
      expect(await storage.get(folder)).toBeNull();
    });

    it("overwrites a document", async () => {
      const key = newKey();
      await storage.put(key, new TextEncoder().encode("first version, longer"), "text/plain");
      await storage.put(key, new TextEncoder().encode("second"), "text/plain");
      expect(new TextDecoder().decode((await storage.get(key))!)).toBe("second");
    });

    it("deletes a document, and deleting an absent key is fine", async () => {
      const key = newKey();
      await storage.put(key, new Uint8Array([42]), "application/octet-stream");
      await storage.delete(key);
      expect(await storage.get(key)).toBeNull();
      await expect(storage.delete(key)).resolves.toBeUndefined();
      await expect(storage.delete(newKey())).resolves.toBeUndefined();
    });

    it("accepts the allowed characters", async () => {
      const key = `cases/${randomUUID()}/Scan_2024-01.v2.PDF`;
      await storage.put(key, new Uint8Array([7]), "application/pdf");
      expect(Array.from((await storage.get(key))!)).toEqual([7]);
    });

    it.each(BAD_KEYS.map((k) => [k.length > 40 ? `${k.slice(0, 10)}… (${k.length} chars)` : JSON.stringify(k), k]))(
      "rejects the bad key %s in put, get and delete",
      async (_label, key) => {
        await expect(storage.put(key, new Uint8Array([1]), "text/plain")).rejects.toThrow(/Invalid document key/);
        await expect(storage.get(key)).rejects.toThrow(/Invalid document key/);
        await expect(storage.delete(key)).rejects.toThrow(/Invalid document key/);
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------

let localRoot: string;
beforeAll(async () => {
  localRoot = await mkdtemp(path.join(tmpdir(), "toptier-storage-"));
});
afterAll(async () => {
  await rm(localRoot, { recursive: true, force: true });
});

storageContract("local", async () => {
  const dir = path.join(localRoot, "docs", "not-yet-created");
  return { storage: createStorage({ kind: "local", dir }), teardown: async () => undefined };
});

let s3: RunningS3;
storageContract("s3", async () => {
  s3 = await startS3rver();
  const storage = createStorage({
    kind: "s3",
    bucket: s3.bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    ...TEST_CREDENTIALS,
  });
  return { storage, teardown: () => s3.stop() };
});

describe("local storage specifics", () => {
  it("leaves no temp files behind and stores the document at its key", async () => {
    const dir = path.join(localRoot, "specifics");
    const storage = createStorage({ kind: "local", dir });
    await storage.put("cases/a/b", new Uint8Array([1, 2, 3]), "application/octet-stream");
    await storage.put("cases/a/b", new Uint8Array([4, 5]), "application/octet-stream");
    expect(await readdir(path.join(dir, "cases", "a"))).toEqual(["b"]);
    await storage.check();
    expect((await readdir(dir)).sort()).toEqual(["cases"]);
  });

  it("check() fails clearly when the directory cannot be created or written", async () => {
    // Tests may run as root, for whom chmod is no obstacle: put the directory under a regular file.
    const blocker = path.join(localRoot, "a-file");
    await writeFile(blocker, "not a directory");
    const storage = createStorage({ kind: "local", dir: path.join(blocker, "docs") });
    const err = await storage.check().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/^Document storage directory .*a-file\/docs is not usable: .*ENOTDIR/);
    expect(err!.message).not.toContain("\n");
  });
});

describe("s3 storage specifics", () => {
  let server: RunningS3;
  beforeAll(async () => {
    server = await startS3rver();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("stores the exact bytes as the object, as seen by a plain HTTP GET", async () => {
    const storage = createStorage({
      kind: "s3",
      bucket: server.bucket,
      region: "us-east-1",
      endpoint: server.endpoint,
      forcePathStyle: true,
      ...TEST_CREDENTIALS,
    });
    const key = newKey();
    const body = new Uint8Array(randomBytes(2 * 1024 * 1024 + 17));
    await storage.put(key, body, "application/pdf");
    await storage.close?.();
    // s3rver serves objects anonymously; this bypasses the SDK so its response handling cannot hide framing.
    const res = await fetch(`${server.endpoint}/${server.bucket}/${key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const raw = Buffer.from(await res.arrayBuffer());
    expect(raw.length).toBe(body.byteLength);
    expect(raw.equals(Buffer.from(body))).toBe(true);
  });

  it("check() fails clearly for a missing bucket", async () => {
    const storage = createStorage({
      kind: "s3",
      bucket: "no-such-bucket",
      region: "us-east-1",
      endpoint: server.endpoint,
      forcePathStyle: true,
      ...TEST_CREDENTIALS,
    });
    try {
      await expect(storage.check()).rejects.toThrow(
        `Document storage: S3 bucket "no-such-bucket" at ${server.endpoint} does not exist`,
      );
    } finally {
      await storage.close?.();
    }
  });

  it("check() fails clearly when the endpoint is unreachable", async () => {
    const stopped = await startS3rver();
    await stopped.stop();
    const storage = createStorage({
      kind: "s3",
      bucket: stopped.bucket,
      region: "us-east-1",
      endpoint: stopped.endpoint,
      forcePathStyle: true,
      ...TEST_CREDENTIALS,
    });
    try {
      const err = await storage.check().then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/^Document storage: S3 bucket "toptier-test" at http:\/\/127\.0\.0\.1:\d+ is unreachable: /);
      expect(err?.message).not.toContain("\n");
    } finally {
      await storage.close?.();
    }
  });

  it("rejects half-given credentials", () => {
    expect(() =>
      createStorage({ kind: "s3", bucket: "b-x", region: "us-east-1", accessKeyId: "only-the-id" }),
    ).toThrow(/both accessKeyId and secretAccessKey/);
  });
});
