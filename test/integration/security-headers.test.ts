import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noStoreWhenSignedIn, securityHeaders } from "../../app/security-headers.server";

/**
 * The header middleware on a real Express server over HTTP, with handlers that
 * answer as each kind of route does (the real pages are checked in
 * production-mode.test.ts): a public page, a signed-in page, a route with a
 * Content-Security-Policy of its own (the document viewer, the letter), and a
 * hashed asset.
 */
let base: string;
let close: () => Promise<void>;

function start(production: boolean) {
  const app = express();
  app.use(securityHeaders({ production }));
  app.use("/assets", express.static(import.meta.dirname, { immutable: true, maxAge: "1y" }));
  app.use(noStoreWhenSignedIn());
  app.get("/page", (_req, res) => res.type("html").send(`<script nonce="${res.locals.cspNonce as string}"></script>`));
  // As @remix-run/express writes a Response's headers: with res.append.
  app.get("/document", (_req, res) => {
    res.append("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'self'");
    res.append("Cache-Control", "private, no-store");
    res.type("application/pdf").send("%PDF-1.4");
  });
  return new Promise<{ base: string; close: () => Promise<void> }>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => {
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

beforeAll(async () => {
  ({ base, close } = await start(true));
});
afterAll(() => close());

const cspOf = (res: Response) => res.headers.get("content-security-policy") ?? "";

describe("security headers (P5)", () => {
  it("a public page: CSP with a fresh nonce that matches its inline script, no framing, nosniff, referrer, HSTS in production, cacheable", async () => {
    const [a, b] = await Promise.all([fetch(`${base}/page`), fetch(`${base}/page`)]);
    const nonceOf = async (res: Response) => /nonce="([^"]+)"/.exec(await res.text())![1]!;
    const [na, nb] = [await nonceOf(a), await nonceOf(b)];
    expect(na).not.toBe(nb);
    expect(cspOf(a)).toContain(`script-src 'self' 'nonce-${na}'`);
    expect(cspOf(a)).toContain("frame-ancestors 'none'");
    expect(cspOf(a)).toContain("object-src 'none'");
    expect(cspOf(a)).toContain("form-action 'self'");
    expect(cspOf(a)).not.toContain("unsafe-inline'; ");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    expect(a.headers.get("referrer-policy")).toBe("same-origin");
    expect(a.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    expect(a.headers.get("x-powered-by")).toBeNull();
    expect(a.headers.get("cache-control")).toBeNull();
  });

  it("a signed-in request: Cache-Control no-store", async () => {
    const res = await fetch(`${base}/page`, { headers: { Cookie: "lang=ko; __session=abc" } });
    expect(res.headers.get("cache-control")).toBe("no-store");
    const other = await fetch(`${base}/page`, { headers: { Cookie: "my__session=abc" } });
    expect(other.headers.get("cache-control")).toBeNull();
  });

  it("a route's own CSP and Cache-Control replace the defaults (one header each, never two enforced together)", async () => {
    const res = await fetch(`${base}/document`, { headers: { Cookie: "__session=abc" } });
    expect(cspOf(res)).toBe("default-src 'none'; sandbox; frame-ancestors 'self'");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("a hashed asset keeps its long immutable cache, even for a signed-in browser", async () => {
    const res = await fetch(`${base}/assets/security-headers.test.ts`, { headers: { Cookie: "__session=abc" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("no HSTS outside production (a developer's http://localhost is not pinned to https)", async () => {
    const dev = await start(false);
    try {
      const res = await fetch(`${dev.base}/page`);
      expect(res.headers.get("strict-transport-security")).toBeNull();
      expect(cspOf(res)).not.toContain("upgrade-insecure-requests");
    } finally {
      await dev.close();
    }
  });
});
