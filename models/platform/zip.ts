import { type PassThrough, Readable } from "node:stream";
import { ZipFile } from "yazl";

/**
 * ZIP archives streamed with yazl (the A12 data export): names in UTF-8, ZIP64
 * when an archive grows past 4 GiB, each entry deflated unless told not to
 * (scans and PDFs are compressed already). Entries whose bytes come from
 * storage are opened one at a time, when the archive reaches them, so an
 * export never holds more than one file in memory, nor more than one open
 * download from S3.
 */
export interface ZipEntry {
  /** Path inside the archive, "/"-separated, no leading "/" and no ".." segments. */
  name: string;
  /** The bytes, or a function that opens them when the archive reaches this entry. */
  data: Uint8Array | string | (() => Promise<Readable | Uint8Array | string>);
  modified?: Date;
  /** false to store the bytes as they are (already compressed formats). */
  compress?: boolean;
}

/** A name safe inside an archive: no absolute paths, no "..", no backslashes, no control characters. */
export function zipSafeName(name: string): string {
  return name
    .replace(/\\/g, "/")
    .split("/")
    // eslint-disable-next-line no-control-regex
    .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, "").trim())
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .join("/");
}

const toBuffer = (data: Uint8Array | string) => (typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

/**
 * The archive as a stream. Names are checked before anything is written (a bad or duplicate
 * name throws here); a failure to open an entry's bytes later destroys the stream with that error.
 */
export function zipStream(entries: ZipEntry[], now = new Date()): Readable {
  const names = new Set<string>();
  for (const e of entries) {
    const name = zipSafeName(e.name);
    if (!name) throw new Error(`Invalid entry name ${JSON.stringify(e.name)}`);
    if (names.has(name)) throw new Error(`Duplicate entry name ${JSON.stringify(name)}`);
    names.add(name);
  }
  const zip = new ZipFile();
  // yazl's output is a PassThrough: reading it at the client's pace keeps memory flat (backpressure).
  const out = zip.outputStream as PassThrough;
  const fail = (err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err)));
  zip.on("error", fail);
  for (const e of entries) {
    const name = zipSafeName(e.name);
    const options = { mtime: e.modified ?? now, compress: e.compress ?? true };
    const data = e.data;
    if (typeof data !== "function") {
      zip.addBuffer(toBuffer(data), name, options);
      continue;
    }
    zip.addReadStreamLazy(name, options, (cb) => {
      data().then(
        (opened) => cb(null, opened instanceof Readable ? opened : Readable.from([toBuffer(opened)])),
        (err: unknown) => fail(err),
      );
    });
  }
  zip.end();
  return out;
}

/** The whole archive in memory (tests and small archives). */
export async function zipBytes(entries: ZipEntry[], now = new Date()): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipStream(entries, now)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
