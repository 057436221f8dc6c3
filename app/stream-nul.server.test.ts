import { PassThrough, type Transform } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dropTrailingNuls } from "./stream-nul.server";

/** A page of many short Korean texts: React's 2 KB buffers end where a syllable does not fit. */
const page = () =>
  createElement(
    "main",
    null,
    Array.from({ length: 400 }, (_, i) => createElement("span", { key: i }, "가나", String(i))),
  );

function stream(through: Transform | PassThrough): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    through.on("data", (b: Buffer) => parts.push(b));
    through.on("end", () => resolve(Buffer.concat(parts)));
    through.on("error", reject);
    const { pipe } = renderToPipeableStream(page(), { onAllReady: () => pipe(through), onShellError: reject });
  });
}

describe("the page stream without React 18's NUL bytes (react/react#24985)", () => {
  it("React alone leaves NUL bytes in a Korean page", async () => {
    const raw = await stream(new PassThrough());
    expect(raw.includes(0)).toBe(true);
  });

  it("through dropTrailingNuls the bytes are the page as renderToString writes it", async () => {
    const bytes = await stream(dropTrailingNuls());
    expect(bytes.includes(0)).toBe(false);
    expect(bytes.toString("utf8")).toBe(renderToString(page()));
  });

  it("cuts at most three NUL bytes, and only at the end of a chunk", async () => {
    const t = dropTrailingNuls();
    const out: Buffer[] = [];
    t.on("data", (b: Buffer) => out.push(b));
    t.write(Buffer.from([0x61, 0, 0x62, 0, 0, 0, 0]));
    t.write(Buffer.from([0x63, 0, 0]));
    t.end();
    await new Promise((r) => t.on("end", r));
    expect(out.map((b) => [...b])).toEqual([[0x61, 0, 0x62, 0], [0x63]]);
  });
});
