import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdge } from "../../app/http-guards";

/**
 * Issue 17 items 2, 3 and 9 at the HTTP edge, over real sockets: the client
 * address and the forwarded host come from a configured proxy only, and bodies
 * are refused from their headers (413 per route kind, 411 without a length).
 */
const servers: { close(): void }[] = [];
async function serve(trustProxy: false | number | string[]) {
  const app = express();
  applyEdge(app, { trustProxy, maxUploadBytes: 1024 * 1024 });
  app.all("*", (req, res) => {
    let bodyBytes = 0;
    req.on("data", (c: Buffer) => (bodyBytes += c.length));
    req.on("end", () => res.json({ ip: req.ip, bodyBytes }));
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let direct: string;
let behindProxy: string;
beforeAll(async () => {
  direct = await serve(false);
  behindProxy = await serve(["loopback"]);
});
afterAll(() => servers.forEach((s) => s.close()));

describe("the HTTP edge", () => {
  it("takes the client address from X-Forwarded-For only from a trusted proxy (the rate limits' key)", async () => {
    const headers = { "X-Forwarded-For": "203.0.113.9" };
    expect(await (await fetch(`${direct}/x`, { headers })).json()).toMatchObject({ ip: "127.0.0.1" });
    expect(await (await fetch(`${behindProxy}/x`, { headers })).json()).toMatchObject({ ip: "203.0.113.9" });
  });

  it("uses X-Forwarded-Host for the cross-site check only behind a trusted proxy", async () => {
    const post = (base: string) =>
      fetch(`${base}/login`, { method: "POST", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://portal.example", "X-Forwarded-Host": "portal.example" } });
    expect((await post(direct)).status).toBe(403);
    expect((await post(behindProxy)).status).toBe(200);
  });

  it("refuses a write whose body no route can read (no type, or another type) with 415 instead of a crash", async () => {
    for (const headers of [{}, { "Content-Type": "text/plain" }, { "Content-Type": "application/xml" }] as Record<string, string>[]) {
      const res = await fetch(`${direct}/officer?index`, { method: "POST", body: "intent=take", headers });
      expect(res.status).toBe(415);
      expect(await res.text()).toMatch(/application\/x-www-form-urlencoded/);
    }
    const bare = await fetch(`${direct}/officer?index`, { method: "POST" });
    expect(bare.status).toBe(415);
    const form = await fetch(`${direct}/officer?index`, { method: "POST", body: "intent=take", headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" } });
    expect(form.status).toBe(200);
  });

  it("refuses bodies over the limit of their route kind before reading them, and bodies without a length", async () => {
    const form = await fetch(`${direct}/login`, { method: "POST", body: "a=" + "x".repeat(300 * 1024), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(413);
    expect(form.headers.get("connection")).toBe("close");
    expect(await form.text()).toBe("This form is too large: at most 256 KB can be sent.");
    const upload = (path: string, size: number) => {
      const fd = new FormData();
      fd.set("file", new Blob([new Uint8Array(size)]), "a.pdf");
      return fetch(`${direct}${path}`, { method: "POST", body: fd });
    };
    // An upload route takes the upload limit (1 MB + 64 KB here); any other route the form limit.
    expect((await upload("/cases/abc/documents", 900 * 1024)).status).toBe(200);
    expect((await upload("/cases/abc/documents", 1200 * 1024)).status).toBe(413);
    expect((await upload("/account", 900 * 1024)).status).toBe(413);
    const json = await fetch(`${direct}/api/eligibility`, { method: "POST", body: JSON.stringify({ x: "y".repeat(300 * 1024) }), headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(413);
    expect(await json.text()).toMatch(/JSON body is too large/);
    const chunked = await fetch(`${direct}/login`, {
      method: "POST",
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("a=b")), c.close()) }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
    expect(await chunked.text()).toMatch(/Content-Length/);
    // Small bodies pass and are read in full.
    expect(await (await fetch(`${direct}/login`, { method: "POST", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded" } })).json()).toMatchObject({ bodyBytes: 3 });
  });
});
