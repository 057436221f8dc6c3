import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { zipBytes, zipStream, zipSafeName } from "./zip";

/** Read a ZIP by its central directory (our own reader, independent of the writer's code paths), checking every CRC. */
function readZip(zip: Uint8Array): Map<string, Buffer> {
  const b = Buffer.from(zip);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(b.readUInt32LE(at)).toBe(0x02014b50);
    const method = b.readUInt16LE(at + 10);
    const crc = b.readUInt32LE(at + 16);
    const csize = b.readUInt32LE(at + 20);
    const nameLen = b.readUInt16LE(at + 28);
    const local = b.readUInt32LE(at + 42);
    const name = b.toString("utf8", at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const body = b.subarray(dataAt, dataAt + csize);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(crc32(data) >>> 0).toBe(crc);
    out.set(name, data);
    at += 46 + nameLen + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return out;
}

describe("zipStream (yazl)", () => {
  const text = "hello ".repeat(1000);
  const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
  const entries = [
    { name: "README.txt", data: text },
    { name: "cases/TT-1/documents/여권 사본.pdf", data: random },
    { name: "empty.json", data: "" },
  ];

  it("round-trips names (UTF-8) and contents, deflated or stored as asked", async () => {
    const zip = await zipBytes([...entries.slice(0, 1), { ...entries[1]!, compress: false }, entries[2]!], new Date("2026-05-01T12:34:56Z"));
    const read = readZip(zip);
    expect([...read.keys()]).toEqual(entries.map((e) => e.name));
    expect(read.get("README.txt")!.toString("utf8")).toBe(text);
    expect(new Uint8Array(read.get("cases/TT-1/documents/여권 사본.pdf")!)).toEqual(random);
    expect(read.get("empty.json")!.length).toBe(0);
    expect(zip.byteLength).toBeLessThan(text.length); // the text was deflated
  });

  // python3 is on every machine of this kind (env: node-svc): required, not skipped when missing.
  it("is read by Python's zipfile, CRCs and all", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "toptier-zip-"));
    try {
      const file = path.join(dir, "t.zip");
      writeFileSync(file, await zipBytes(entries));
      const out = execFileSync("python3", ["-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print('|'.join(z.namelist()))", file], { encoding: "utf8" });
      expect(out.trim()).toBe(entries.map((e) => e.name).join("|"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps names inside the archive and refuses duplicates", () => {
    expect(zipSafeName("../../etc/passwd")).toBe("etc/passwd");
    expect(zipSafeName("/abs\\win\\x.txt")).toBe("abs/win/x.txt");
    expect(() => zipStream([{ name: "a.txt", data: "1" }, { name: "./a.txt", data: "2" }])).toThrow(/Duplicate/);
    expect(() => zipStream([{ name: "..", data: "1" }])).toThrow(/Invalid entry name/);
  });

  it("opens lazy entries one at a time, in order, only when the archive reaches them", async () => {
    const opened: string[] = [];
    let open = 0;
    let maxOpen = 0;
    const big = new Uint8Array(64 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const lazy = (name: string) => ({
      name,
      compress: false,
      data: async () => {
        opened.push(name);
        open++;
        maxOpen = Math.max(maxOpen, open);
        // A slow reader of 4 chunks (as a download from S3 would be).
        return Readable.from(
          (async function* () {
            for (let i = 0; i < 4; i++) {
              await new Promise((r) => setTimeout(r, 2));
              yield Buffer.from(big.subarray(i * 16384, (i + 1) * 16384));
            }
            open--;
          })(),
        );
      },
    });
    const stream = zipStream([lazy("a.bin"), lazy("b.bin"), lazy("c.bin"), { name: "last.json", data: async () => JSON.stringify({ opened }) }]);
    await new Promise((r) => setTimeout(r, 20));
    // Nobody reads yet: backpressure keeps the later files closed.
    expect(opened.length).toBeLessThan(3);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const read = readZip(Buffer.concat(chunks));
    expect(maxOpen).toBe(1);
    for (const n of ["a.bin", "b.bin", "c.bin"]) expect(read.get(n)!.equals(Buffer.from(big)), n).toBe(true);
    expect(JSON.parse(read.get("last.json")!.toString("utf8"))).toEqual({ opened: ["a.bin", "b.bin", "c.bin"] });
  });

  it("a lazy entry that fails to open fails the stream with its error", async () => {
    const stream = zipStream([{ name: "ok.txt", data: "fine" }, { name: "broken.bin", data: () => Promise.reject(new Error("storage is down")) }]);
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toThrow(/storage is down/);
  });
});
