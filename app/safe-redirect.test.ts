import { describe, expect, it } from "vitest";
import { safeRedirect } from "./session.server";

describe("safeRedirect (no open redirects after sign-in)", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirect("/cases/1?x=2#messages", "/home")).toBe("/cases/1?x=2#messages");
    expect(safeRedirect("/officer", "/home")).toBe("/officer");
  });

  it("refuses anything a browser would take off-site, and values a header cannot carry", () => {
    for (const bad of ["//evil.com", "/\\evil.com", "/\t/evil.com", "/\n/evil.com", "/\r\n/evil.com", "https://evil.com", "evil.com", "", null, undefined]) {
      expect(safeRedirect(bad, "/home"), JSON.stringify(bad)).toBe("/home");
    }
    // Whatever comes back is safe to put in a Location header.
    // eslint-disable-next-line no-control-regex -- the point is that no control character comes back
    expect(safeRedirect("/a\u0000b", "/home")).not.toMatch(/[\u0000-\u001f]/);
    expect(safeRedirect("/이름", "/home")).toBe("/%EC%9D%B4%EB%A6%84");
  });
});
