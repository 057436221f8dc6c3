import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../models/platform/env";
import { openServices, type Services } from "../../models/platform/services";
import { createDraftCase } from "../../models/case/drafts";
import * as adminPolicy from "../../app/routes/admin.policy.$kind.$key";
import * as apiEligibility from "../../app/routes/api.eligibility";
import * as caseDocuments from "../../app/routes/cases.$caseId.documents";
import * as eligibilityPage from "../../app/routes/eligibility";
import * as casePage from "../../app/routes/cases.$caseId._index";
import * as devMail from "../../app/routes/dev.mail._index";
import * as employerCase from "../../app/routes/employer.cases.$caseId";
import * as healthz from "../../app/routes/healthz";
import * as readyz from "../../app/routes/readyz";
import * as login from "../../app/routes/login";
import * as mfa from "../../app/routes/mfa";
import * as officerQueue from "../../app/routes/officer._index";
import { totpAt } from "../../models/totp";
import { users } from "../../models/schema/users";
import { eq } from "drizzle-orm";
import * as newCase from "../../app/routes/cases.new";
import * as wizardStep from "../../app/routes/cases.$caseId.apply.$step";
import * as officerCase from "../../app/routes/officer.cases.$caseId";
import * as signup from "../../app/routes/signup";
import type { TestDatabase } from "../support/db";
import { openRouteContext, callRoute, dataOf, type RouteArgs, signInCookie, statusOf, testUrl } from "../support/http";
import { TEST_PASSWORD, TEST_TOTP_SECRET, ctxFor, fakeExe, makeOrganization, makeUser, samplePdf, validDossier } from "../support/factories";

/**
 * Loaders and actions called with real Requests against a real database and
 * real services: bad input answers 400 (or 413/415) with messages, another
 * user's case answers 404, nothing answers 500.
 */
let harness: Awaited<ReturnType<typeof openRouteContext>>;
let t: TestDatabase;
let dir: string;
let services: Services;
let context: AppLoadContext;

beforeAll(async () => {
  harness = await openRouteContext({ MAX_UPLOAD_BYTES: String(64 * 1024) });
  ({ t, dir, services, context } = harness);
});
afterAll(() => harness.close());

const url = testUrl;
const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, context, request, params);


const cookieFor = (email: string) => signInCookie(context, email);

const form = (cookie: string, p: string, body: URLSearchParams | FormData) => new Request(url(p), { method: "POST", body, headers: { Cookie: cookie } });
const get = (cookie: string, p: string) => new Request(url(p), { headers: { Cookie: cookie } });

describe("routes with real requests", () => {
  it("answers bad sign-up and sign-in input with 400 and field messages", async () => {
    const bad = await call(signup.action, new Request(url("/signup"), { method: "POST", body: new URLSearchParams({ name: "", email: "nope", password: "x" }) }));
    expect(statusOf(bad)).toBe(400);
    expect(Object.keys(dataOf(bad).fieldErrors as object).sort()).toEqual(["email", "name", "password"]);
    const wrong = await call(login.action, new Request(url("/login"), { method: "POST", body: new URLSearchParams({ email: "x@example.test", password: "nope" }) }));
    expect(statusOf(wrong)).toBe(400);
    expect(dataOf(wrong).error).toMatch(/not right/);
    // Issue 17 item 7: a new address and one with an account get the same answer, and neither signs in here.
    const signUpAs = (email: string) => call(signup.action, new Request(url("/signup"), { method: "POST", body: new URLSearchParams({ name: "Route Test", email, password: "long enough password" }) }));
    const ok = await signUpAs("route@example.test");
    const again = await signUpAs("ROUTE@example.test");
    for (const res of [ok, again]) {
      expect(statusOf(res)).toBe(200);
      expect(res instanceof Response ? res.headers.get("Set-Cookie") : null).toBeNull();
    }
    expect(dataOf(ok)).toEqual({ sent: "route@example.test" });
    expect(dataOf(again)).toEqual(dataOf(ok));
  });

  it("sends anonymous visitors to sign in and other roles away", async () => {
    const anon = await call(newCase.loader, new Request(url("/cases/new")));
    expect(statusOf(anon)).toBe(302);
    expect((anon as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fcases%2Fnew");
    const officer = await makeUser(services.database.db, "officer");
    expect(statusOf(await call(newCase.loader, get(await cookieFor(officer.email), "/cases/new")))).toBe(403);
  });

  it("keeps what was typed when the dossier form is invalid", async () => {
    const applicant = await makeUser(services.database.db, "applicant");
    const cookie = await cookieFor(applicant.email);
    const started = await call(newCase.action, form(cookie, "/cases/new", new URLSearchParams()));
    expect(statusOf(started)).toBe(302);
    const to = (started as Response).headers.get("Location")!;
    expect(to).toMatch(/^\/cases\/[0-9a-f-]{36}\/apply\/personal$/);
    const caseId = to.split("/")[2]!;
    const body = new URLSearchParams({ "personal.fullName": "Keep Me", "personal.birthDate": "1990-02-30", intent: "continue" });
    const res = await call(wizardStep.action, form(cookie, to, body), { caseId, step: "personal" });
    expect(statusOf(res)).toBe(400);
    const d = dataOf(res);
    expect(d.fieldErrors).toMatchObject({ "personal.passportNumber": "Enter your passport number", "personal.birthDate": "Enter a real date" });
    expect(d.values).toMatchObject({ personal: { fullName: "Keep Me" } });
  });

  it("refuses oversized, fake-typed and empty uploads with clear messages and never a 500", async () => {
    const db = services.database.db;
    const org = await makeOrganization(db);
    const applicant = await makeUser(db, "applicant");
    const cookie = await cookieFor(applicant.email);
    const c = await createDraftCase(ctxFor(db, applicant), validDossier(org.id));
    const upload = async (bytes: Uint8Array, name: string) => {
      const fd = new FormData();
      fd.set("kind", "passport");
      fd.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "application/pdf" }));
      return call(caseDocuments.action, form(cookie, `/cases/${c.id}/documents`, fd), { caseId: c.id });
    };
    const big = new Uint8Array(200 * 1024);
    big.set(samplePdf());
    const tooBig = await upload(big, "scan.pdf");
    expect(statusOf(tooBig)).toBe(413);
    expect(dataOf(tooBig).error).toBe("The file is larger than 64 KB. Upload a smaller scan.");
    const fake = await upload(fakeExe(), "passport.pdf");
    expect(statusOf(fake)).toBe(415);
    expect(dataOf(fake).error).toMatch(/not a PDF, PNG or JPEG/);
    expect(statusOf(await upload(new Uint8Array(), "empty.pdf"))).toBe(400);
    const good = await upload(samplePdf(), "C:\\Users\\ada\\passport.pdf");
    expect(statusOf(good)).toBe(302);
    expect((good as Response).headers.get("Location")).toBe(`/cases/${c.id}?uploaded=passport.pdf`);
  });

  it("answers 404 for another user's case on every role's page", async () => {
    const db = services.database.db;
    const org = await makeOrganization(db);
    const owner = await makeUser(db, "applicant");
    const c = await createDraftCase(ctxFor(db, owner), validDossier(org.id));
    const intruder = await cookieFor((await makeUser(db, "applicant")).email);
    expect(statusOf(await call(casePage.loader, get(intruder, `/cases/${c.id}`), { caseId: c.id }))).toBe(404);
    expect(statusOf(await call(casePage.action, form(intruder, `/cases/${c.id}`, new URLSearchParams({ intent: "withdraw", confirmWithdraw: "yes" })), { caseId: c.id }))).toBe(404);
    expect(statusOf(await call(casePage.loader, get(intruder, "/cases/not-a-uuid"), { caseId: "not-a-uuid" }))).toBe(404);
    const employer = await cookieFor((await makeUser(db, "employer_admin", { organizationId: org.id })).email);
    // A draft is not visible to the sponsor yet; an officer sees no drafts either.
    expect(statusOf(await call(employerCase.loader, get(employer, `/employer/cases/${c.id}`), { caseId: c.id }))).toBe(404);
    const officer = await cookieFor((await makeUser(db, "officer")).email);
    expect(statusOf(await call(officerCase.loader, get(officer, `/officer/cases/${c.id}`), { caseId: c.id }))).toBe(404);
  });

  it("reports readiness as 200 when every service answers and 503 when Redis does not (liveness stays 200); details only to administrators", async () => {
    const admin = await cookieFor((await makeUser(services.database.db, "admin")).email);
    const applicant = await cookieFor((await makeUser(services.database.db, "applicant")).email);
    const health = (ctx: typeof context, cookie?: string) => readyz.loader({ request: new Request(url("/readyz"), { headers: cookie ? { Cookie: cookie } : {} }), context: ctx, params: {} });
    const ok = await health(context, admin);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "up", ok: true, checks: { database: { ok: true }, redis: { ok: true }, storage: { ok: true }, mail: { ok: true } } });
    // Issue 17 item 8: the public (and any other role) learns up or down, nothing else.
    for (const cookie of [undefined, applicant]) {
      const pub = await health(context, cookie);
      expect(pub.status).toBe(200);
      expect(await pub.json()).toEqual({ status: "up" });
    }
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: t.url!, DATA_DIR: dir, REDIS_URL: "redis://127.0.0.1:1" });
    const broken = await openServices(config);
    try {
      const res = await health({ services: broken, ip: null }, admin);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "down", ok: false, checks: { redis: { ok: false, error: expect.any(String) }, database: { ok: true } } });
      const pub = await health({ services: broken, ip: null });
      expect(pub.status).toBe(503);
      const text = await pub.text();
      expect(JSON.parse(text)).toEqual({ status: "down" });
      expect(text).not.toMatch(/redis|127\.0\.0\.1|postgres|bucket|smtp/i);
      // Issue 12: liveness checks no dependency: the process is up while Redis is away.
      const live = healthz.loader();
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: "up" });
    } finally {
      await broken.close();
    }
  });


  it("shows the dev mailbox only outside production", async () => {
    expect(statusOf(await call(devMail.loader, new Request(url("/dev/mail"))))).toBe(200);
    const prod = { ...context, services: { ...services, config: { ...services.config, devMailPage: false } } };
    const res = await devMail.loader({ request: new Request(url("/dev/mail")), context: prod, params: {} }).catch((e: unknown) => e);
    expect(statusOf(res)).toBe(404);
  });

  it("answers POST /api/eligibility with the explained result, 400 naming bad fields, and 429 past the limit", async () => {
    const dossier = {
      asOf: "2026-06-01",
      birthDate: "1988-03-14",
      degrees: [{ level: "phd", field: "Computer Science", institution: "KAIST", awarded: "2014-02-20" }],
      experience: [{ organization: "Samsung Electronics", kind: "company", start: "2014-03-01", end: null }],
      offer: { employer: "Hanbit AI Labs", industry: "ai", annualSalaryKrw: 160_000_000 },
    };
    const post = (body: string, ip = "203.0.113.7") =>
      apiEligibility.action({ request: new Request(url("/api/eligibility"), { method: "POST", body, headers: { "Content-Type": "application/json" } }), context: { ...context, ip }, params: {} });
    const ok = await post(JSON.stringify(dossier));
    expect(ok.status).toBe(200);
    const result = await ok.json();
    expect(result).toMatchObject({ ruleset: "top-tier-f2@2025.2", outcome: "eligible", asOf: "2026-06-01" });
    expect(result.criteria.every((c: { detail: string; detailKo: string }) => c.detail.length > 0 && c.detailKo.length > 0)).toBe(true);

    const badJson = await post("{ nope");
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error).toMatch(/not valid JSON/);
    const bad = await post(JSON.stringify({ ...dossier, birthDate: "1988-02-30", offer: { ...dossier.offer, annualSalaryKrw: "lots" } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toEqual(expect.arrayContaining(["birthDate", "offer.annualSalaryKrw"]));

    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await post(JSON.stringify(dossier), "198.51.100.9")).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await post(JSON.stringify(dossier), "198.51.100.9");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await post(JSON.stringify(dossier), "198.51.100.10")).status).toBe(200);
  });

  it("runs the public self-check from the form, with field errors on the right inputs", async () => {
    const body = new URLSearchParams({
      birthDate: "1990-05-01",
      "degrees.0.level": "master",
      "degrees.0.field": "Physics",
      "degrees.0.institution": "Unknown Institute of Nowhere",
      "degrees.0.awarded": "2015-02-01",
      "offer.has": "no",
    });
    const res = await call(eligibilityPage.action, new Request(url("/eligibility"), { method: "POST", body }));
    expect(statusOf(res)).toBe(200);
    const r = res as { result: { outcome: string; criteria: { id: string; status: string }[]; alternatives: { visa: string }[] } };
    expect(r.result.outcome).toBe("not_eligible");
    expect(r.result.criteria.find((c) => c.id === "education")?.status).toBe("needs_review");
    expect(r.result.alternatives.length).toBeGreaterThan(0);

    const bad = await call(eligibilityPage.action, new Request(url("/eligibility"), { method: "POST", body: new URLSearchParams({ birthDate: "yesterday", "degrees.0.level": "phd", "offer.has": "yes", "offer.annualSalaryKrw": "abc" }) }));
    expect(statusOf(bad)).toBe(400);
    const fe = dataOf(bad).fieldErrors as Record<string, string>;
    expect(Object.keys(fe)).toEqual(expect.arrayContaining(["birthDate", "degrees.0.institution", "offer.annualSalaryKrw"]));
    expect((dataOf(bad).values as Record<string, string>)["offer.annualSalaryKrw"]).toBe("abc");
  });

  it("lets only administrators publish policy, with the checks' messages on a bad definition", async () => {
    const admin = await cookieFor((await makeUser(services.database.db, "admin")).email);
    const officer = await cookieFor((await makeUser(services.database.db, "senior_officer")).email);
    const params = { kind: "ruleset", key: "d10" };
    expect(statusOf(await call(adminPolicy.loader, get(officer, "/admin/policy/ruleset/d10"), params))).toBe(403);
    expect(statusOf(await call(adminPolicy.loader, get(admin, "/admin/policy/nope/d10"), { kind: "nope", key: "d10" }))).toBe(404);
    expect(statusOf(await call(adminPolicy.loader, get(admin, "/admin/policy/ruleset/none"), { kind: "ruleset", key: "none" }))).toBe(404);
    const page = (await call(adminPolicy.loader, get(admin, "/admin/policy/ruleset/d10"), params)) as { json: string };
    const bad = await call(adminPolicy.action, form(admin, "/admin/policy/ruleset/d10", new URLSearchParams({ json: page.json.replace('"minLevel": "master"', '"minLevel": "doctorate"') })), params);
    expect(statusOf(bad)).toBe(400);
    expect((dataOf(bad).fieldErrors as Record<string, string>).json).toMatch(/minLevel/);
    const next = JSON.parse(page.json) as { version: string };
    next.version = "2026.2";
    const ok = await call(adminPolicy.action, form(admin, "/admin/policy/ruleset/d10", new URLSearchParams({ json: JSON.stringify(next), note: "test" })), params);
    expect(statusOf(ok)).toBe(302);
    expect((ok as Response).headers.get("Location")).toBe("/admin/policy/ruleset/d10?published=2026.2");
  });
});

describe("second factor for officers", () => {
  it("keeps an officer out of the back office until a right code is given, and stops guessing after 10 tries", async () => {
    const officer = await makeUser(services.database.db, "officer");
    const res = (await call(login.action, new Request(url("/login"), { method: "POST", body: new URLSearchParams({ email: officer.email, password: TEST_PASSWORD }) }))) as Response;
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0]!;
    const queue = await call(officerQueue.loader, get(cookie, "/officer"));
    expect(statusOf(queue)).toBe(302);
    expect((queue as Response).headers.get("Location")).toBe("/mfa?redirectTo=%2Fofficer");
    const wrong = totpAt(TEST_TOTP_SECRET, new Date(Date.now() - 10 * 60_000));
    const tries: number[] = [];
    for (let i = 0; i < 11; i++) tries.push(statusOf(await call(mfa.action, form(cookie, "/mfa", new URLSearchParams({ code: wrong })))));
    expect(tries.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(tries[10]).toBe(429);
    // Still locked out of the queue, even with the right code, until the window passes.
    expect(statusOf(await call(mfa.action, form(cookie, "/mfa", new URLSearchParams({ code: totpAt(TEST_TOTP_SECRET) }))))).toBe(429);
    expect(statusOf(await call(officerQueue.loader, get(cookie, "/officer")))).toBe(302);
  });

  it("counts only wrong codes: an officer signing in many times in a row is never locked out", async () => {
    const officer = await makeUser(services.database.db, "officer");
    for (let i = 0; i < 12; i++) {
      const res = (await call(login.action, new Request(url("/login"), { method: "POST", body: new URLSearchParams({ email: officer.email, password: TEST_PASSWORD }) }))) as Response;
      const cookie = res.headers.get("Set-Cookie")!.split(";")[0]!;
      // Each sign-in here is a new session within the same 30 s step: forget the last step so the code is not a replay.
      await services.database.db.update(users).set({ totpLastStep: null }).where(eq(users.id, officer.id));
      expect(statusOf(await call(mfa.action, form(cookie, "/mfa", new URLSearchParams({ code: totpAt(TEST_TOTP_SECRET) }))))).toBe(302);
    }
  });
});
