import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as audit from "../../app/routes/officer.audit";
import * as caseAudit from "../../app/routes/officer.cases.$caseId_.audit";
import * as caseFile from "../../app/routes/officer.cases.$caseId";
import * as queue from "../../app/routes/officer._index";
import * as search from "../../app/routes/officer.search";
import * as stats from "../../app/routes/officer.stats";
import * as templates from "../../app/routes/officer.templates";
import { loadConfig } from "../../models/platform/env";
import { openServices, type Services } from "../../models/platform/services";
import { cases } from "../../models/schema/cases";
import type { Role } from "../../models/schema/users";
import { createTestDatabase, REDIS_URL, testPrefix, type TestDatabase } from "../support/db";
import { makeOrganization, makeUser, validDossier } from "../support/factories";
import { signInCookie } from "../support/http";

/**
 * O-routes against every role: the expected status of every officer page and
 * action. Anonymous visitors are sent to sign in (302); applicants, employers
 * and administrators get 403; senior-only pages give plain officers 403 too.
 * Allowed actions here are sent without a valid intent, so they answer 400.
 */
type Who = "anonymous" | Role;
const everyone: Who[] = ["anonymous", "applicant", "employer_admin", "employer_member", "officer", "senior_officer", "admin"];

let t: TestDatabase;
let dir: string;
let services: Services;
let context: AppLoadContext;
const cookies = new Map<Who, string>();
let caseId: string;
/** A case whose request for evidence was answered: the "evidence received" queue. */
let receivedId: string;

beforeAll(async () => {
  t = await createTestDatabase("postgres");
  dir = mkdtempSync(path.join(tmpdir(), "toptier-authz-"));
  services = await openServices(loadConfig({ NODE_ENV: "test", DATABASE_URL: t.url!, DATA_DIR: dir, REDIS_URL, QUEUE_PREFIX: testPrefix("authz") }));
  context = { services, ip: "127.0.0.1" };
  const org = await makeOrganization(t.handle.db);
  for (const who of everyone) {
    if (who === "anonymous") continue;
    const user = await makeUser(t.handle.db, who, { organizationId: who.startsWith("employer") ? org.id : undefined });
    cookies.set(who, await signInCookie(context, user.email));
  }
  const applicant = await makeUser(t.handle.db, "applicant");
  const [c] = await t.handle.db
    .insert(cases)
    .values({ applicantId: applicant.id, organizationId: org.id, status: "in_review", receiptNumber: "TT-AUTHZ-1", dossier: validDossier(org.id) })
    .returning();
  caseId = c!.id;
  const [r] = await t.handle.db
    .insert(cases)
    .values({ applicantId: applicant.id, organizationId: org.id, status: "evidence_received", receiptNumber: "TT-AUTHZ-2", dossier: validDossier(org.id) })
    .returning();
  receivedId = r!.id;
});
afterAll(async () => {
  await services.close();
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<unknown>;
async function statusOf(fn: Handler, who: Who, p: string, method: "GET" | "POST", params: Record<string, string> = {}, body: Record<string, string> = { intent: "nothing-valid" }) {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(who);
  if (cookie) headers.Cookie = cookie;
  const init: RequestInit = method === "POST" ? { method, headers, body: new URLSearchParams(body) } : { headers };
  let out: unknown;
  try {
    out = await fn({ request: new Request(`http://localhost${p}`, init), context, params });
  } catch (thrown) {
    out = thrown;
  }
  if (out instanceof Response) return out.status;
  return (out as { init?: { status?: number } } | null)?.init?.status ?? 200;
}

const officerRoles: Who[] = ["officer", "senior_officer"];
const seniorOnly: Who[] = ["senior_officer"];

const matrix: { name: string; fn: () => Handler; path: () => string; method: "GET" | "POST"; allowed: Who[]; allowedStatus: number[]; params?: () => Record<string, string> }[] = [
  { name: "queue page", fn: () => queue.loader as Handler, path: () => "/officer", method: "GET", allowed: officerRoles, allowedStatus: [200] },
  { name: "take next", fn: () => queue.action as Handler, path: () => "/officer", method: "POST", allowed: officerRoles, allowedStatus: [302] },
  { name: "case file", fn: () => caseFile.loader as Handler, path: () => `/officer/cases/${caseId}`, method: "GET", allowed: officerRoles, allowedStatus: [200], params: () => ({ caseId }) },
  { name: "case file (evidence received)", fn: () => caseFile.loader as Handler, path: () => `/officer/cases/${receivedId}`, method: "GET", allowed: officerRoles, allowedStatus: [200], params: () => ({ caseId: receivedId }) },
  { name: "case file actions", fn: () => caseFile.action as Handler, path: () => `/officer/cases/${caseId}`, method: "POST", allowed: officerRoles, allowedStatus: [400], params: () => ({ caseId }) },
  { name: "search", fn: () => search.loader as Handler, path: () => "/officer/search?q=TT-AUTHZ", method: "GET", allowed: officerRoles, allowedStatus: [200] },
  { name: "statistics", fn: () => stats.loader as Handler, path: () => "/officer/stats", method: "GET", allowed: seniorOnly, allowedStatus: [200] },
  { name: "templates", fn: () => templates.loader as Handler, path: () => "/officer/templates", method: "GET", allowed: seniorOnly, allowedStatus: [200] },
  { name: "template actions", fn: () => templates.action as Handler, path: () => "/officer/templates", method: "POST", allowed: seniorOnly, allowedStatus: [400] },
  { name: "audit chain", fn: () => audit.loader as Handler, path: () => "/officer/audit", method: "GET", allowed: seniorOnly, allowedStatus: [200] },
  { name: "audit verification", fn: () => audit.action as Handler, path: () => "/officer/audit", method: "POST", allowed: seniorOnly, allowedStatus: [200, 400] },
  { name: "case audit history", fn: () => caseAudit.loader as Handler, path: () => `/officer/cases/${caseId}/audit`, method: "GET", allowed: seniorOnly, allowedStatus: [200], params: () => ({ caseId }) },
];

describe("authorisation matrix of the back office", () => {
  for (const row of matrix) {
    it(`${row.method} ${row.name}`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number | number[]> = {};
      for (const who of everyone) {
        got[who] = await statusOf(row.fn(), who, row.path(), row.method, row.params?.());
        want[who] = who === "anonymous" ? 302 : row.allowed.includes(who) ? row.allowedStatus : 403;
      }
      for (const who of everyone) {
        const w = want[who]!;
        if (Array.isArray(w)) expect(w, `${who} on ${row.name}`).toContain(got[who]);
        else expect(got[who], `${who} on ${row.name}`).toBe(w);
      }
    });
  }
});

describe("the evidence-received queue through the routes", () => {
  it("lets officers take from it and resume the review; every other role is refused", async () => {
    const db = t.handle.db;
    const org = await makeOrganization(db);
    const [c] = await db
      .insert(cases)
      .values({ applicantId: (await makeUser(db, "applicant")).id, organizationId: org.id, status: "evidence_received", receiptNumber: "TT-AUTHZ-RESUME", dossier: validDossier(org.id), priority: 9 })
      .returning();
    const resume = { intent: "resume_review" };
    for (const who of everyone.filter((w) => !officerRoles.includes(w))) {
      expect(await statusOf(queue.action as Handler, who, "/officer", "POST", {}, { stage: "evidence_received" }), who).toBe(who === "anonymous" ? 302 : 403);
      expect(await statusOf(caseFile.action as Handler, who, `/officer/cases/${c!.id}`, "POST", { caseId: c!.id }, resume), who).toBe(who === "anonymous" ? 302 : 403);
    }
    expect((await db.select().from(cases).where(eq(cases.id, c!.id)))[0]).toMatchObject({ status: "evidence_received", assignedOfficerId: null });
    // An officer takes it (the most urgent there: priority 9) and resumes the review.
    const taken = (await queue.action({
      request: new Request("http://localhost/officer", { method: "POST", headers: { Cookie: cookies.get("officer")! }, body: new URLSearchParams({ stage: "evidence_received" }) }),
      context,
      params: {},
    })) as Response;
    expect(taken.headers.get("Location")).toBe(`/officer/cases/${c!.id}`);
    expect(await statusOf(caseFile.action as Handler, "officer", `/officer/cases/${c!.id}`, "POST", { caseId: c!.id }, resume)).toBe(302);
    expect((await db.select().from(cases).where(eq(cases.id, c!.id)))[0]?.status).toBe("in_review");
    // Once resumed there is nothing to resume.
    expect(await statusOf(caseFile.action as Handler, "senior_officer", `/officer/cases/${c!.id}`, "POST", { caseId: c!.id }, resume)).toBe(409);
  });
});

describe("four-eyes through the routes", () => {
  it("lets neither the proposer nor a plain officer confirm a decision, whichever intent they post", async () => {
    const db = t.handle.db;
    const org = await makeOrganization(db);
    const applicant = await makeUser(db, "applicant");
    const proposer = await makeUser(db, "senior_officer");
    const officer = await makeUser(db, "officer");
    const [c] = await db
      .insert(cases)
      .values({
        applicantId: applicant.id,
        organizationId: org.id,
        status: "decision_pending",
        receiptNumber: "TT-AUTHZ-4EYES",
        dossier: validDossier(org.id),
        decision: { outcome: "approve", reasons: "All criteria met.", proposedBy: proposer.id, proposedAt: new Date().toISOString() },
      })
      .returning();
    for (const user of [proposer, officer]) {
      const cookie = await signInCookie(context, user.email);
      for (const intent of ["confirm", "return"]) {
        const res = (await caseFile.action({
          request: new Request(`http://localhost/officer/cases/${c!.id}`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams({ intent, comment: "Looks fine to me." }) }),
          context,
          params: { caseId: c!.id },
        })) as { init?: { status?: number } };
        expect(res.init?.status, `${user.role} ${intent}`).toBe(403);
      }
    }
    const [after] = await db.select().from(cases).where(eq(cases.id, c!.id));
    expect(after?.status).toBe("decision_pending");
  });
});
