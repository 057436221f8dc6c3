import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as employerHome from "../../app/routes/employer._index";
import * as employerCsv from "../../app/routes/employer.cases[.]csv";
import * as language from "../../app/routes/language";
import * as login from "../../app/routes/login";
import * as mfaPage from "../../app/routes/mfa";
import * as officerHome from "../../app/routes/officer._index";
import * as officerSearch from "../../app/routes/officer.search";
import * as officerTemplates from "../../app/routes/officer.templates";
import * as forgotPage from "../../app/routes/forgot-password";
import { safeRedirect } from "../../app/session.server";
import { auditLog } from "../../models/schema/audit";
import { eq } from "drizzle-orm";
import { makeOrganization, makeUser, TEST_PASSWORD, TEST_TOTP_SECRET } from "../support/factories";
import { callRoute, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { totpAt } from "../../models/totp";

/**
 * Issue 17 items 1 and 5 through the real routes: no redirect ever leaves the
 * site (property-based, over paths built to resolve off-site), and no GET
 * parameter of the employer and officer list pages, control characters
 * included, makes a 500.
 */
let h: Awaited<ReturnType<typeof openRouteContext>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  h = await openRouteContext();
  const db = h.services.database.db;
  const org = await makeOrganization(db);
  for (const role of ["employer_admin", "officer", "senior_officer"] as const) {
    cookies[role] = await signInCookie(h.context, (await makeUser(db, role, { organizationId: role === "employer_admin" ? org.id : undefined })).email);
  }
});
afterAll(() => h?.close());

/** Pieces browsers treat specially in a path: slashes both ways, dot segments, tabs and line breaks, encodings. */
const piece = fc.constantFrom("/", "\\", "//", "/\\", "\\/", "..", ".", "%2e%2e", "%2f", "%5c", "\t", "\n", "\r", " ", "@", ":", "evil.example", "?", "#", "%00", "\u0000");
const trickyPath = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));
const here = "http://same.invalid";

/** Where a browser goes with this Location on a page of this site. */
const landsOn = (location: string) => new URL(location, `${here}/login`);

describe("redirects stay on the site (item 1)", () => {
  it("safeRedirect: whatever comes in, the result resolves to this origin and does not start with // or /\\", () => {
    fc.assert(
      fc.property(fc.oneof(trickyPath, trickyPath.map((p) => `/${p}`), fc.string()), (input) => {
        const out = safeRedirect(input, "/home");
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//") || out.startsWith("/\\")).toBe(false);
        // eslint-disable-next-line no-control-regex -- nothing a header cannot carry comes back
        expect(out).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(landsOn(out).origin).toBe(here);
      }),
      { numRuns: 3000 },
    );
    // The audit's cases: dot segments that resolve to a protocol-relative URL.
    for (const bad of ["/..//evil.example", "/.//evil.example", "/a/..//evil.example", "/%2e%2e//evil.example", "/..\\/evil.example", "/./\\evil.example"]) {
      const out = safeRedirect(bad, "/home");
      expect(out, bad).not.toMatch(/^\/[/\\]/);
      expect(landsOn(out).host, bad).toBe("same.invalid");
    }
  });

  it("POST /login, /mfa and /language answer a Location on this site for any redirectTo", async () => {
    const user = await makeUser(h.services.database.db, "applicant");
    const officer = await makeUser(h.services.database.db, "officer");
    const post = (p: string, body: Record<string, string>, cookie?: string) =>
      new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body), headers: cookie ? { Cookie: cookie } : {} });
    const check = (res: unknown) => {
      expect(statusOf(res)).toBe(302);
      const location = (res as Response).headers.get("Location")!;
      expect(location).not.toMatch(/^\/[/\\]/);
      expect(new URL(location, "http://localhost/login").host).toBe("localhost");
    };
    await fc.assert(
      fc.asyncProperty(trickyPath.map((p) => `/${p}`), async (redirectTo) => {
        check(await callRoute(language.action as (a: RouteArgs) => Promise<unknown>, h.context, post("/language", { lang: "ko", redirectTo })));
        check(await callRoute(login.action, h.context, post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo })));
      }),
      { numRuns: 40 },
    );
    // The second factor's redirect, with one accepted code per 30-second step.
    const res = await callRoute(login.action, h.context, post("/login", { email: officer.email, password: TEST_PASSWORD }));
    const cookie = (res as Response).headers.get("Set-Cookie")!.split(";")[0]!;
    check(await callRoute(mfaPage.action, h.context, post("/mfa", { code: totpAt(TEST_TOTP_SECRET), redirectTo: "/..//evil.example" }, cookie)));
    // 80 password sign-ins (argon2id): slow on a loaded machine.
  }, 180_000);
});

describe("every GET parameter of the employer and officer list pages takes any text (item 5)", () => {
  // Control characters (NUL first), the audit's %00, and strings of any code points.
  const nasty = fc.oneof(
    fc.constantFrom("\u0000", "a\u0000b", "\u0001\u001f\u007f", "%00", "\ud800", "'; drop table cases; --", "%", "_", "\\", "x".repeat(5000)),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.array(fc.integer({ min: 0, max: 0x1f }), { minLength: 1, maxLength: 5 }).map((cs) => String.fromCharCode(...cs)),
  );
  const pages: { name: string; loader: (a: RouteArgs) => Promise<unknown>; path: string; params: string[]; who: string }[] = [
    { name: "employer dashboard", loader: employerHome.loader, path: "/employer", params: ["q", "stage", "sort"], who: "employer_admin" },
    { name: "employer CSV", loader: employerCsv.loader, path: "/employer/cases.csv", params: ["q", "stage", "sort"], who: "employer_admin" },
    { name: "officer queues", loader: officerHome.loader, path: "/officer", params: ["empty"], who: "officer" },
    { name: "officer search", loader: officerSearch.loader, path: "/officer/search", params: ["q", "stage"], who: "officer" },
    { name: "decision templates", loader: officerTemplates.loader, path: "/officer/templates", params: ["edit", "saved"], who: "senior_officer" },
  ];
  for (const page of pages) {
    it(`${page.name}: ${page.params.join(", ")}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...page.params), nasty, async (param, value) => {
          const url = new URL(testUrl(page.path));
          url.searchParams.set(param, value);
          const res = await callRoute(page.loader, h.context, new Request(url, { headers: { Cookie: cookies[page.who]! } }));
          // A clear answer (200, 400, 404), never a server error.
          expect([200, 400, 404], `${param}=${JSON.stringify(value)}`).toContain(statusOf(res));
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe("unknown accounts look like known ones (item 7)", () => {
  it("login and reset answer alike and do the same work (a password hash check, an audit record) for an unknown address", async () => {
    const db = h.services.database.db;
    const known = await makeUser(db, "applicant");
    const post = (p: string, body: Record<string, string>) => new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body) });
    const ctx = { ...h.context, ip: "198.51.100.77" };
    const count = async (action: string) => (await db.select().from(auditLog).where(eq(auditLog.action, action))).length;

    const wrongKnown = await callRoute(login.action, ctx, post("/login", { email: known.email, password: "not the password" }));
    const unknown = await callRoute(login.action, ctx, post("/login", { email: "nobody-here@example.test", password: "not the password" }));
    expect([statusOf(wrongKnown), statusOf(unknown)]).toEqual([400, 400]);
    expect((unknown as { data: unknown }).data).toEqual({ ...(wrongKnown as { data: { values: unknown } }).data, values: { email: "nobody-here@example.test" } });
    expect(await count("user.login_failed")).toBeGreaterThan(0);
    expect(await count("user.login_failed_unknown")).toBe(1);

    const resetKnown = await callRoute(forgotPage.action, ctx, post("/forgot-password", { email: known.email }));
    const resetUnknown = await callRoute(forgotPage.action, ctx, post("/forgot-password", { email: "nobody-here@example.test" }));
    expect([statusOf(resetKnown), statusOf(resetUnknown)]).toEqual([200, 200]);
    expect(Object.keys((resetUnknown as { data: object }).data)).toEqual(Object.keys((resetKnown as { data: object }).data));
    expect(await count("user.password_reset_requested")).toBe(1);
    expect(await count("user.password_reset_unknown")).toBe(1);
  });
});
