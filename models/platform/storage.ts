import { randomUUID } from "node:crypto";
import { writeFileAtomic } from "./files";
import { mkdir, open, readdir, readFile, stat, unlink } from "node:fs/promises";
import { Readable } from "node:stream";
import path from "node:path";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";

/**
 * Where case documents (uploads, generated letters) live. Local disk in the embedded mode,
 * S3 (or anything speaking its HTTP API) in production. Keys are chosen by the caller,
 * e.g. `cases/<uuid>/<uuid>`, and are validated here anyway.
 */
export interface DocumentStorage {
  readonly kind: "local" | "s3";
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  /** The stored bytes as a stream (read at the reader's pace), or null when nothing is stored under the key. */
  openStream(key: string): Promise<Readable | null>;
  /** Removes the document; deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** Throws an Error with a one-line explanation when the storage cannot be used. */
  check(): Promise<void>;
  /** Every stored object with when it was last written, page by page (for the orphan sweeper). */
  list(): AsyncIterable<StoredObject[]>;
  close?(): Promise<void>;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

export type StorageConfig =
  | { kind: "local"; dir: string }
  | {
      kind: "s3";
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle?: boolean;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

export function createStorage(config: StorageConfig): DocumentStorage {
  switch (config.kind) {
    case "local":
      return new LocalStorage(config.dir);
    case "s3":
      return new S3Storage(config);
  }
}

const KEY_MAX_LENGTH = 1024;
const KEY_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** Throws unless `key` is a relative, slash-separated path of `[A-Za-z0-9_.-]` segments without `.` or `..`. */
export function assertValidKey(key: string): void {
  const fail = (why: string): never => {
    throw new Error(`Invalid document key ${JSON.stringify(key)}: ${why}`);
  };
  if (typeof key !== "string" || key.length === 0) fail("it is empty");
  if (key.length > KEY_MAX_LENGTH) fail(`it is longer than ${KEY_MAX_LENGTH} characters`);
  if (key.includes("\\")) fail("backslashes are not allowed");
  if (key.startsWith("/")) fail("it must be relative");
  for (const segment of key.split("/")) {
    if (segment === "") fail("it has an empty path segment");
    if (segment === "." || segment === "..") fail("'.' and '..' segments are not allowed");
    if (!KEY_SEGMENT.test(segment)) fail("only A-Z a-z 0-9 / _ . - are allowed");
  }
}

function errorCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : undefined;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

// ---------------------------------------------------------------------------------------------
// Local disk

/** Prefix of in-flight temp files; it cannot clash with a key segment starting with a letter or digit. */
const TEMP_PREFIX = ".tmp-";

class LocalStorage implements DocumentStorage {
  readonly kind = "local" as const;
  private readonly root: string;

  constructor(dir: string) {
    if (!dir) throw new Error("Local document storage needs a directory");
    this.root = path.resolve(dir);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.join(this.root, ...key.split("/"));
    // Belt and braces: validation already rules out escaping the root.
    if (!file.startsWith(this.root + path.sep)) throw new Error(`Invalid document key ${JSON.stringify(key)}`);
    return file;
  }

  async put(key: string, body: Uint8Array, _contentType: string): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, body);
  }

  async get(key: string): Promise<Uint8Array | null> {
    const file = this.pathOf(key);
    try {
      const buf = await readFile(file);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      // EISDIR: the key is a "folder" of other keys, which S3 would also report as absent.
      const code = errorCode(err);
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
      throw err;
    }
  }

  async openStream(key: string): Promise<Readable | null> {
    const file = this.pathOf(key);
    try {
      // Open first, so that a missing file answers null here rather than failing the stream later.
      const handle = await open(file, "r");
      if ((await handle.stat()).isDirectory()) {
        await handle.close();
        return null;
      }
      return handle.createReadStream();
    } catch (err) {
      const code = errorCode(err);
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await unlink(file);
    } catch (err) {
      const code = errorCode(err);
      if (code === "ENOENT" || code === "ENOTDIR") return;
      throw err;
    }
  }

  async *list(): AsyncIterable<StoredObject[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch((err: unknown) => {
      if (errorCode(err) === "ENOENT") return [];
      throw err;
    });
    let page: StoredObject[] = [];
    for (const e of entries) {
      if (!e.isFile()) continue;
      const file = path.join(e.parentPath, e.name);
      const key = path.relative(this.root, file).split(path.sep).join("/");
      const info = await stat(file).catch(() => null);
      if (!info) continue;
      page.push({ key, modifiedAt: info.mtime });
      if (page.length === 1000) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      const probe = path.join(this.root, `${TEMP_PREFIX}probe-${randomUUID()}`);
      await writeFileAtomic(probe, new TextEncoder().encode("probe"));
      await unlink(probe);
    } catch (err) {
      throw new Error(`Document storage directory ${this.root} is not usable: ${errorMessage(err)}`, { cause: err });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// S3

type S3Config = Extract<StorageConfig, { kind: "s3" }>;

class S3Storage implements DocumentStorage {
  readonly kind = "s3" as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly where: string;

  constructor(config: S3Config) {
    if (!config.bucket) throw new Error("S3 document storage needs a bucket name");
    if (!config.region) throw new Error("S3 document storage needs a region");
    if ((config.accessKeyId === undefined) !== (config.secretAccessKey === undefined)) {
      throw new Error("S3 document storage: give both accessKeyId and secretAccessKey, or neither");
    }
    const clientConfig: S3ClientConfig = {
      region: config.region,
      forcePathStyle: config.forcePathStyle ?? false,
      // Without these the SDK sends streamed uploads with aws-chunked framing and trailing
      // checksums, which S3-compatible servers (s3rver, some appliances) store verbatim.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    };
    if (config.endpoint) clientConfig.endpoint = config.endpoint;
    if (config.accessKeyId !== undefined && config.secretAccessKey !== undefined) {
      clientConfig.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
    }
    this.client = new S3Client(clientConfig);
    this.bucket = config.bucket;
    this.where = `S3 bucket "${config.bucket}" ${config.endpoint ? `at ${config.endpoint}` : `in ${config.region}`}`;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.byteLength,
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    assertValidKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!res.Body) return new Uint8Array(0);
      return await res.Body.transformToByteArray();
    } catch (err) {
      if (isMissingKey(err)) return null;
      throw err;
    }
  }

  async openStream(key: string): Promise<Readable | null> {
    assertValidKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!res.Body) return Readable.from([]);
      return res.Body as Readable;
    } catch (err) {
      if (isMissingKey(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (isMissingKey(err)) return;
      throw err;
    }
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const status = httpStatus(err);
      let why: string;
      if (status === 404) why = "does not exist";
      else if (status === 403) why = "is not accessible with these credentials (403 Forbidden)";
      else if (status === 301 || status === 400) why = `answered ${status}: wrong region or endpoint?`;
      else if (status !== undefined) why = `answered HTTP ${status}`;
      else why = `is unreachable: ${oneLine(errorMessage(err))}`;
      throw new Error(`Document storage: ${this.where} ${why}`, { cause: err });
    }
  }

  async *list(): AsyncIterable<StoredObject[]> {
    let token: string | undefined;
    do {
      const res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token, MaxKeys: 1000 }));
      const page = (res.Contents ?? []).filter((o) => o.Key).map((o) => ({ key: o.Key!, modifiedAt: o.LastModified ?? new Date(0) }));
      if (page.length) yield page;
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function httpStatus(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null || !("$metadata" in err)) return undefined;
  const meta = (err as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return meta?.httpStatusCode;
}

/** A missing object (NoSuchKey, or a bare 404 as HEAD-style answers carry no body); a missing bucket is not. */
function isMissingKey(err: unknown): boolean {
  const name = err instanceof Error ? err.name : undefined;
  if (name === "NoSuchKey") return true;
  if (name === "NoSuchBucket") return false;
  return httpStatus(err) === 404;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
