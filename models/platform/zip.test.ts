import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { writeZip, zipSafeName } from "./zip";

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

describe("writeZip", () => {
  const text = "hello ".repeat(1000);
  const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
  const entries = [
    { name: "README.txt", data: text },
    { name: "cases/TT-1/documents/여권 사본.pdf", data: random },
    { name: "empty.json", data: "" },
  ];

  it("round-trips names (UTF-8) and contents, deflating what shrinks and storing what does not", () => {
    const zip = writeZip(entries, new Date("2026-05-01T12:34:56Z"));
    const read = readZip(zip);
    expect([...read.keys()]).toEqual(entries.map((e) => e.name));
    expect(read.get("README.txt")!.toString("utf8")).toBe(text);
    expect(new Uint8Array(read.get("cases/TT-1/documents/여권 사본.pdf")!)).toEqual(random);
    expect(read.get("empty.json")!.length).toBe(0);
    expect(zip.byteLength).toBeLessThan(text.length); // the text was deflated
  });

  // python3 is on every machine of this kind (env: node-svc): required, not skipped when missing.
  it("is read by Python's zipfile, CRCs and all", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "toptier-zip-"));
    try {
      const file = path.join(dir, "t.zip");
      writeFileSync(file, writeZip(entries));
      const out = execFileSync("python3", ["-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print('|'.join(z.namelist()))", file], { encoding: "utf8" });
      expect(out.trim()).toBe(entries.map((e) => e.name).join("|"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps names inside the archive and refuses duplicates", () => {
    expect(zipSafeName("../../etc/passwd")).toBe("etc/passwd");
    expect(zipSafeName("/abs\\win\\x.txt")).toBe("abs/win/x.txt");
    expect(() => writeZip([{ name: "a.txt", data: "1" }, { name: "./a.txt", data: "2" }])).toThrow(/Duplicate/);
    expect(() => writeZip([{ name: "..", data: "1" }])).toThrow(/Invalid entry name/);
  });
});
