import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./csrf";

describe("cross-site write protection", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteWrite("GET", { "sec-fetch-site": "cross-site" })).toBe(false);
  });
  it("refuses a form posted from another site", () => {
    expect(isCrossSiteWrite("POST", { "sec-fetch-site": "cross-site", host: "portal.test" })).toBe(true);
    expect(isCrossSiteWrite("POST", { "sec-fetch-site": "same-site", host: "portal.test" })).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "https://evil.test", host: "portal.test" })).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "null", host: "portal.test" })).toBe(true);
  });
  it("accepts same-origin posts and clients that are not browsers", () => {
    expect(isCrossSiteWrite("POST", { "sec-fetch-site": "same-origin", host: "portal.test" })).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: "http://portal.test:3000", host: "portal.test:3000" })).toBe(false);
    expect(isCrossSiteWrite("POST", { host: "portal.test" })).toBe(false);
  });
  it("believes X-Forwarded-Host only from a trusted proxy (issue 17 item 9)", () => {
    const forged = { origin: "https://evil.test", host: "portal.test", "x-forwarded-host": "evil.test" };
    expect(isCrossSiteWrite("POST", forged)).toBe(true);
    expect(isCrossSiteWrite("POST", forged, true)).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: "https://portal.example", host: "10.0.0.5:3000", "x-forwarded-host": "portal.example" }, true)).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: "https://portal.example", host: "10.0.0.5:3000", "x-forwarded-host": "portal.example" }, false)).toBe(true);
  });
});
