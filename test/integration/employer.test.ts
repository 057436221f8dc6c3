import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as employerCase from "../../app/routes/employer.cases.$caseId";
import * as candidatesPage from "../../app/routes/employer.candidates";
import * as csvRoute from "../../app/routes/employer.cases[.]csv";
import * as dashboard from "../../app/routes/employer._index";
import * as membersPage from "../../app/routes/employer.members";
import * as settingsPage from "../../app/routes/employer.settings";
import * as employerSignup from "../../app/routes/employer.signup";
import * as invitationPage from "../../app/routes/invitation.$token";
import * as joinPage from "../../app/routes/join.$token";
import { confirmSponsorship, proposeDecision, reviewDecision, withdrawCase } from "../../models/case/actions";
import { alertFacts } from "../../models/employer-alerts";
import { createDraftCase } from "../../models/case/drafts";
import { visaExpiryFor } from "../../models/case/sponsorship";
import { answerEvidence, listEvidenceRequests, requestEvidence } from "../../models/case/evidence";
import { loadConfig } from "../../models/platform/env";
import type { OutgoingMail } from "../../models/platform/mail";
import { openServices, type Services } from "../../models/platform/services";
import { auditLog } from "../../models/schema/audit";
import { caseEvents, cases, type Case } from "../../models/schema/cases";
import { organizations } from "../../models/schema/organizations";
import { emailDeliveries, outbox } from "../../models/schema/outbox";
import { users, type User } from "../../models/schema/users";
import { processJob } from "../../workers/runtime";
import { silentLogger } from "../../models/platform/log";
import { runEmployerAlerts, sendCandidateInvitation, sendMemberInvitation } from "../../workers/jobs/employer-alerts";
import { createTestDatabase, REDIS_URL, testPrefix, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, errorOf, makeOrganization, makeUser, reload, validDossier } from "../support/factories";
import { callRoute, dataOf, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";

/**
 * E1-E5 through the routes, on both databases: every employer loader and
 * action keeps companies apart (404 for another company's case), members
 * cannot attest or manage members, a removed member's session ends, invitations
 * work end to end, the CSV is safe, and the alerts go out once each by the clock.
 */

/** Real services on a fresh database of this kind (PGlite in a temporary folder, or a PostgreSQL database). */
async function openContext(kind: DbKind) {
  const dir = mkdtempSync(path.join(tmpdir(), "toptier-employer-"));
  let t: TestDatabase | null = null;
  let env: Record<string, string> = { NODE_ENV: "test", DATA_DIR: dir, REDIS_URL, QUEUE_PREFIX: testPrefix("employer") };
  if (kind === "postgres") {
    t = await createTestDatabase("postgres");
    env = { ...env, DATABASE_URL: t.url! };
  }
  const services: Services = await openServices(loadConfig(env));
  if (kind === "pglite") await services.database.migrate();
  return {
    services,
    context: { services, ip: "127.0.0.1" } as AppLoadContext,
    async close() {
      await services.close();
      await t?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each<DbKind>(["pglite", "postgres"])("employer portal on %s", (kind) => {
  let h: Awaited<ReturnType<typeof openContext>>;
  const db = () => h.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, h.context, request, params);
  const get = (cookie: string, p: string) => new Request(testUrl(p), { headers: { Cookie: cookie } });
  const post = (cookie: string, p: string, body: Record<string, string>) => new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });
  const sent: OutgoingMail[] = [];
  let jobSeq = 0;
  const jobCtx = () => ({
    db: db(),
    mailer: { kind: "devmailbox" as const, send: async (m: OutgoingMail) => void sent.push(m), check: async () => undefined },
    storage: h.services.storage,
    publicUrl: "http://portal.test",
    secret: "test-secret",
    jobId: `test-${++jobSeq}`,
  });

  let orgA: { id: string };
  let orgB: { id: string };
  let adminA: User;
  let memberA: User;
  let adminB: User;
  let applicant: User;
  let caseA: Case;
  let caseB: Case;
  const cookie: Record<string, string> = {};

  async function makeCase(orgId: string, status: Case["status"], receipt: string, name = "Ada Okafor") {
    const [c] = await db()
      .insert(cases)
      .values({ applicantId: applicant.id, organizationId: orgId, status, receiptNumber: receipt, dossier: validDossier(orgId, { personal: { fullName: name } }), submittedAt: new Date(), slaStartedAt: new Date() })
      .returning();
    return c!;
  }

  beforeAll(async () => {
    h = await openContext(kind);
    orgA = await makeOrganization(db(), "Company A");
    orgB = await makeOrganization(db(), "Company B");
    adminA = await makeUser(db(), "employer_admin", { organizationId: orgA.id });
    memberA = await makeUser(db(), "employer_member", { organizationId: orgA.id });
    adminB = await makeUser(db(), "employer_admin", { organizationId: orgB.id });
    applicant = await makeUser(db(), "applicant");
    caseA = await makeCase(orgA.id, "awaiting_sponsor", "TT-EMP-A1", "=HYPERLINK(\"http://evil\")");
    caseB = await makeCase(orgB.id, "awaiting_sponsor", "TT-EMP-B1", "김민지");
    for (const [k, u] of Object.entries({ adminA, memberA, adminB, applicant })) cookie[k] = await signInCookie(h.context, u.email);
  });
  afterAll(() => h.close());

  it("keeps two companies apart on every employer loader and action: 404 for the other's case", async () => {
    const a = caseA.id;
    // Company B's admin on company A's case: every loader and action answers 404.
    expect(statusOf(await call(employerCase.loader, get(cookie.adminB!, `/employer/cases/${a}`), { caseId: a }))).toBe(404);
    for (const intent of ["confirm_sponsorship", "change_sponsorship", "answer_evidence"]) {
      const res = await call(employerCase.action, post(cookie.adminB!, `/employer/cases/${a}`, { intent, attest: "yes", jobTitle: "X", startDate: "2027-01-01", annualSalaryKrw: "90000000", industry: "ai", requestId: a }), { caseId: a });
      expect(statusOf(res), intent).toBe(404);
    }
    // Dashboards and CSV list only the company's own cases.
    const dashA = (await call(dashboard.loader, get(cookie.adminA!, "/employer"))) as { cases: { receiptNumber: string }[] };
    const dashB = (await call(dashboard.loader, get(cookie.adminB!, "/employer"))) as { cases: { receiptNumber: string }[] };
    expect(dashA.cases.map((c) => c.receiptNumber)).toEqual(["TT-EMP-A1"]);
    expect(dashB.cases.map((c) => c.receiptNumber)).toEqual(["TT-EMP-B1"]);
    // Arriving from the confirmation link or an accepted invitation (?welcome=1) shows a notice; otherwise none.
    expect(((await call(dashboard.loader, get(cookie.adminA!, "/employer?welcome=1"))) as { welcome: boolean }).welcome).toBe(true);
    expect((dashA as unknown as { welcome: boolean }).welcome).toBe(false);
    const csvB = await ((await call(csvRoute.loader, get(cookie.adminB!, "/employer/cases.csv"))) as Response).text();
    expect(csvB).toContain("TT-EMP-B1");
    expect(csvB).not.toContain("TT-EMP-A1");
    // Members, invitations and link requests of another company are not found either.
    expect(statusOf(await call(membersPage.action, post(cookie.adminB!, "/employer/members", { intent: "remove", id: memberA.id })))).toBe(404);
    expect(statusOf(await call(membersPage.action, post(cookie.adminB!, "/employer/members", { intent: "role", id: memberA.id, role: "employer_admin" })))).toBe(404);
    const membersB = (await call(membersPage.loader, get(cookie.adminB!, "/employer/members"))) as { members: { id: string }[] };
    expect(membersB.members.map((m) => m.id)).toEqual([adminB.id]);
    await call(membersPage.action, post(cookie.adminA!, "/employer/members", { intent: "invite", email: "colleague@a.test", role: "employer_member" }));
    const [inv] = (await call(membersPage.loader, get(cookie.adminA!, "/employer/members")) as { invitations: { id: string }[] }).invitations;
    expect(statusOf(await call(membersPage.action, post(cookie.adminB!, "/employer/members", { intent: "revoke", id: inv!.id })))).toBe(404);
    const draft = await createDraftCase(ctxFor(db(), applicant), { offer: { organizationId: orgA.id, jobTitle: "Engineer" } });
    for (const intent of ["accept_link", "decline_link"]) {
      expect(statusOf(await call(candidatesPage.action, post(cookie.adminB!, "/employer/candidates", { intent, id: draft.id })))).toBe(404);
    }
    await call(candidatesPage.action, post(cookie.adminA!, "/employer/candidates", { intent: "invite", candidateName: "Secret Hire", email: "secret@example.test", jobTitle: "Chief scientist" }));
    const candA = (await call(candidatesPage.loader, get(cookie.adminA!, "/employer/candidates"))) as { invitations: { id: string }[] };
    expect(candA.invitations).toHaveLength(1);
    expect(statusOf(await call(candidatesPage.action, post(cookie.adminB!, "/employer/candidates", { intent: "revoke", id: candA.invitations[0]!.id })))).toBe(404);
    const candB = (await call(candidatesPage.loader, get(cookie.adminB!, "/employer/candidates"))) as { linkRequests: unknown[]; invitations: unknown[] };
    expect(candB.linkRequests).toEqual([]);
    expect(candB.invitations).toEqual([]);
    // Not even a draft of their own applicants' other cases: the draft is invisible on the case page.
    expect(statusOf(await call(employerCase.loader, get(cookie.adminA!, `/employer/cases/${draft.id}`), { caseId: draft.id }))).toBe(404);
    // Settings stay per company.
    await call(settingsPage.action, post(cookie.adminB!, "/employer/settings", { evidenceDueDays: "3", visaExpiryDays: "60" }));
    const [a2] = await db().select().from(organizations).where(eq(organizations.id, orgA.id));
    expect(a2!.alertSettings).toEqual({ evidenceDueDays: [7, 2], visaExpiryDays: [90, 30] });
  });

  it("lets a member see cases but not attest, invite members, change roles or edit settings", async () => {
    const seen = (await call(dashboard.loader, get(cookie.memberA!, "/employer"))) as { cases: unknown[] };
    expect(seen.cases).toHaveLength(1);
    const page = (await call(employerCase.loader, get(cookie.memberA!, `/employer/cases/${caseA.id}`), { caseId: caseA.id })) as { canConfirm: boolean };
    expect(page.canConfirm).toBe(false);
    const attest = await call(employerCase.action, post(cookie.memberA!, `/employer/cases/${caseA.id}`, { intent: "confirm_sponsorship", attest: "yes", jobTitle: "Scientist", startDate: "2027-03-01", annualSalaryKrw: "150000000", industry: "ai" }), { caseId: caseA.id });
    expect(statusOf(attest)).toBe(403);
    expect((await reload(db(), caseA.id)).status).toBe("awaiting_sponsor");
    expect(statusOf(await call(membersPage.action, post(cookie.memberA!, "/employer/members", { intent: "invite", email: "x@a.test", role: "employer_admin" })))).toBe(403);
    expect(statusOf(await call(membersPage.action, post(cookie.memberA!, "/employer/members", { intent: "role", id: memberA.id, role: "employer_admin" })))).toBe(403);
    expect(statusOf(await call(settingsPage.loader, get(cookie.memberA!, "/employer/settings")))).toBe(403);
    expect(statusOf(await call(settingsPage.action, post(cookie.memberA!, "/employer/settings", { evidenceDueDays: "1", visaExpiryDays: "1" })))).toBe(403);
    // Applicants and officers are not employers: 403 on the portal.
    expect(statusOf(await call(dashboard.loader, get(cookie.applicant!, "/employer")))).toBe(403);
    expect(statusOf(await call(csvRoute.loader, get(cookie.applicant!, "/employer/cases.csv")))).toBe(403);
  });

  it("refuses bad input: invalid registration number, negative or absurd salary, malformed invitation address", async () => {
    const signup = (body: Record<string, string>) => call(employerSignup.action, new Request(testUrl("/employer/signup"), { method: "POST", body: new URLSearchParams(body) }));
    const base = { companyName: `Newco ${kind}`, industry: "robotics", name: "Park Jisoo", email: `hr-${kind}@newco.test`, password: "long enough password" };
    const bad = await signup({ ...base, registrationNumber: "124-81-00990" });
    expect(statusOf(bad)).toBe(400);
    expect((dataOf(bad).fieldErrors as Record<string, string>).registrationNumber).toMatch(/not valid/);
    const ok = await signup({ ...base, registrationNumber: kind === "pglite" ? "220-81-11115" : "211-87-00009" });
    expect(dataOf(ok)).toEqual({ sent: base.email });
    const [created] = await db().select().from(users).where(eq(users.email, base.email));
    expect(created).toMatchObject({ role: "employer_admin", emailVerifiedAt: null });
    const [org] = await db().select().from(organizations).where(eq(organizations.id, created!.organizationId!));
    expect(org!.registrationNumber).toBe(kind === "pglite" ? "2208111115" : "2118700009");
    expect(await db().select().from(outbox).where(and(eq(outbox.job, "auth.send_verification")))).toEqual(expect.arrayContaining([expect.objectContaining({ payload: { userId: created!.id } })]));
    const dup = await signup({ ...base, email: `other-${kind}@newco.test`, registrationNumber: org!.registrationNumber! });
    expect(statusOf(dup)).toBe(409);
    // Issue 17 item 7: an address that has an account gets "check your e-mail" too; no company is registered
    // and the owner is told by e-mail.
    const orgsBefore = await db().select({ id: organizations.id }).from(organizations);
    const taken = await signup({ ...base, email: base.email.toUpperCase(), registrationNumber: kind === "pglite" ? "124-81-00998" : "220-81-62517" });
    expect(dataOf(taken)).toEqual({ sent: base.email });
    expect(await db().select({ id: organizations.id }).from(organizations)).toHaveLength(orgsBefore.length);
    expect(await db().select().from(outbox).where(eq(outbox.job, "auth.send_account_exists"))).toEqual(
      expect.arrayContaining([expect.objectContaining({ payload: { userId: created!.id, hour: expect.any(Number) } })]),
    );

    const confirm = (salary: string) =>
      call(employerCase.action, post(cookie.adminA!, `/employer/cases/${caseA.id}`, { intent: "confirm_sponsorship", attest: "yes", jobTitle: "Scientist", startDate: "2027-03-01", annualSalaryKrw: salary, industry: "ai" }), { caseId: caseA.id });
    for (const salary of ["-150000000", "0", "900000000000", "abc", "1000"]) {
      const res = await confirm(salary);
      expect(statusOf(res), salary).toBe(400);
      expect((dataOf(res).fieldErrors as Record<string, string>).annualSalaryKrw, salary).toBeTruthy();
    }
    const noAttest = await call(employerCase.action, post(cookie.adminA!, `/employer/cases/${caseA.id}`, { intent: "confirm_sponsorship", jobTitle: "Scientist", startDate: "2027-03-01", annualSalaryKrw: "150000000", industry: "ai" }), { caseId: caseA.id });
    expect(statusOf(noAttest)).toBe(400);
    expect((await reload(db(), caseA.id)).status).toBe("awaiting_sponsor");

    for (const email of ["not-an-address", "a@", "two@@x.test", ""]) {
      const inv = await call(membersPage.action, post(cookie.adminA!, "/employer/members", { intent: "invite", email, role: "employer_member" }));
      expect(statusOf(inv), email).toBe(400);
      const cand = await call(candidatesPage.action, post(cookie.adminA!, "/employer/candidates", { intent: "invite", candidateName: "Ada", email, jobTitle: "Scientist" }));
      expect(statusOf(cand), email).toBe(400);
      expect((dataOf(cand).fieldErrors as Record<string, string>).email).toBeTruthy();
    }
    expect(statusOf(await call(settingsPage.action, post(cookie.adminA!, "/employer/settings", { evidenceDueDays: "seven", visaExpiryDays: "30" })))).toBe(400);
  });

  it("confirms the sponsorship with the offer, then audits a change and screens the case again", async () => {
    const res = await call(employerCase.action, post(cookie.adminA!, `/employer/cases/${caseA.id}`, { intent: "confirm_sponsorship", attest: "yes", jobTitle: "Principal scientist", startDate: "2027-03-01", annualSalaryKrw: "150,000,000", industry: "ai" }), { caseId: caseA.id });
    expect(statusOf(res)).toBe(302);
    let c = await reload(db(), caseA.id);
    expect(c.status).toBe("screening");
    expect(c.sponsorship).toMatchObject({ jobTitle: "Principal scientist", startDate: "2027-03-01", annualSalaryKrw: 150_000_000, industry: "ai", attestedBy: adminA.id });
    expect(c.dossier.offer.annualSalaryKrw).toBe(150_000_000);
    // Screening done: the case is in review; the admin raises the salary.
    await db().update(cases).set({ status: "in_review" }).where(eq(cases.id, caseA.id));
    const before = (await db().select().from(outbox).orderBy(asc(outbox.id))).length;
    const change = await call(employerCase.action, post(cookie.adminA!, `/employer/cases/${caseA.id}`, { intent: "change_sponsorship", attest: "yes", jobTitle: "Principal scientist", startDate: "2027-03-01", annualSalaryKrw: "170000000", industry: "ai" }), { caseId: caseA.id });
    expect(statusOf(change)).toBe(302);
    c = await reload(db(), caseA.id);
    expect(c.sponsorship!.annualSalaryKrw).toBe(170_000_000);
    const [record] = await db().select().from(auditLog).where(and(eq(auditLog.caseId, caseA.id), eq(auditLog.action, "case.sponsorship_changed")));
    expect(record!.data).toEqual({ from: { annualSalaryKrw: 150_000_000 }, to: { annualSalaryKrw: 170_000_000 } });
    const jobs = (await db().select().from(outbox).orderBy(asc(outbox.id))).slice(before).map((j) => j.job);
    expect(jobs).toEqual(expect.arrayContaining(["screening.run", "screening.rescreen_batch"]));
    const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, caseA.id));
    expect(events.map((e) => e.type)).toContain("sponsorship_changed");
    const page = (await call(employerCase.loader, get(cookie.adminA!, `/employer/cases/${caseA.id}`), { caseId: caseA.id })) as { events: { text: string }[] };
    expect(page.events.map((e) => e.text)).toContain("The employer changed the confirmed offer (salary); the case is screened again");
    // A member cannot change it either.
    expect(statusOf(await call(employerCase.action, post(cookie.memberA!, `/employer/cases/${caseA.id}`, { intent: "change_sponsorship", attest: "yes", annualSalaryKrw: "1" }), { caseId: caseA.id }))).toBe(403);
  });

  it("asks the employer for evidence without asking the applicant, and takes the employer's answer", async () => {
    const officer = await makeUser(db(), "officer");
    const deadline = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
    const request = await requestEvidence(ctxFor(db(), officer), caseA.id, { guidance: "Please confirm the contract terms.", deadline, addressee: "employer", items: [{ kind: "question", label: "Is the contract permanent?" }] });
    expect(request.addressee).toBe("employer");
    expect((await errorOf(requestEvidence(ctxFor(db(), officer), caseB.id, { guidance: "Please send the passport.", deadline, addressee: "employer", items: [{ kind: "document", documentKind: "passport" }] })))?.fieldErrors.items).toMatch(/questions only/);
    // The applicant is not asked: the request is not theirs to see or answer.
    expect(await listEvidenceRequests(ctxFor(db(), applicant), caseA.id)).toEqual([]);
    expect((await errorOf(answerEvidence(ctxFor(db(), applicant), caseA.id, { requestId: request.id, answers: {} })))?.code).toBe("forbidden");
    const page = (await call(employerCase.loader, get(cookie.memberA!, `/employer/cases/${caseA.id}`), { caseId: caseA.id })) as { requests: { id: string; items: { id: string }[] }[] };
    expect(page.requests.map((r) => r.id)).toEqual([request.id]);
    const item = page.requests[0]!.items[0]!.id;
    const empty = await call(employerCase.action, post(cookie.memberA!, `/employer/cases/${caseA.id}`, { intent: "answer_evidence", requestId: request.id }), { caseId: caseA.id });
    expect(statusOf(empty)).toBe(400);
    const dash = (await call(dashboard.loader, get(cookie.adminA!, "/employer"))) as { cases: { id: string; actsNext: string; nextDeadline: { kind: string } | null }[] };
    expect(dash.cases.find((c) => c.id === caseA.id)).toMatchObject({ actsNext: "employer", nextDeadline: { kind: "evidence" } });
    const ok = await call(employerCase.action, post(cookie.memberA!, `/employer/cases/${caseA.id}`, { intent: "answer_evidence", requestId: request.id, [`answer.${item}`]: "Yes, permanent." }), { caseId: caseA.id });
    expect(statusOf(ok)).toBe(302);
    expect((await reload(db(), caseA.id)).status).toBe("evidence_received");
  });

  it("exports the dashboard as CSV for Excel with formulas neutralised", async () => {
    const res = (await call(csvRoute.loader, get(cookie.adminA!, "/employer/cases.csv"))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="sponsored-cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe("Receipt number,Applicant,Job title,Stage,Days in stage,Next deadline,Deadline type,Who acts next,Submitted");
    expect(lines[1]).toMatch(/^TT-EMP-A1,"'=HYPERLINK\(""http:\/\/evil""\)",Principal scientist,Evidence received,0,/);
    // Korean names survive, and a Korean admin gets Korean headers.
    await db().update(users).set({ locale: "ko" }).where(eq(users.id, adminB.id));
    const ko = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await ((await call(csvRoute.loader, get(cookie.adminB!, "/employer/cases.csv"))) as Response).arrayBuffer());
    expect(ko).toMatch(/^\uFEFF접수번호,신청인,/);
    expect(ko).toContain("TT-EMP-B1,김민지,");
    // Filters and search apply to the export too.
    const none = await ((await call(csvRoute.loader, get(cookie.adminA!, "/employer/cases.csv?q=nobody"))) as Response).text();
    expect(none.split("\r\n").filter(Boolean)).toHaveLength(1);
    const byStage = (await call(dashboard.loader, get(cookie.adminA!, "/employer?stage=approved"))) as { cases: unknown[] };
    expect(byStage.cases).toEqual([]);
    const byName = (await call(dashboard.loader, get(cookie.adminB!, "/employer?q=%EB%AF%BC%EC%A7%80"))) as { cases: { receiptNumber: string }[] };
    expect(byName.cases.map((c) => c.receiptNumber)).toEqual(["TT-EMP-B1"]);
  });

  it("invites a member who signs up by the e-mailed link; removing them ends their sessions; the last admin stays", async () => {
    const email = `new-member-${kind}@a.test`;
    expect(statusOf(await call(membersPage.action, post(cookie.adminA!, "/employer/members", { intent: "invite", email, role: "employer_member" })))).toBe(200);
    const [job] = (await db().select().from(outbox).where(eq(outbox.job, "employer.send_member_invitation")).orderBy(asc(outbox.id))).slice(-1);
    sent.length = 0;
    await sendMemberInvitation({ invitationId: job!.payload.invitationId as string }, jobCtx());
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(email);
    const token = decodeURIComponent(/\/join\/([^\s"<]+)/.exec(sent[0]!.text)![1]!);
    const open = (await call(joinPage.loader, new Request(testUrl(`/join/${token}`)), { token })) as { state: string; email: string };
    expect(open).toMatchObject({ state: "open", email });
    expect(statusOf(await call(joinPage.loader, new Request(testUrl("/join/forged")), { token: "forged" }))).toBe(404);
    const joined = (await call(joinPage.action, new Request(testUrl(`/join/${token}`), { method: "POST", body: new URLSearchParams({ intent: "signup", name: "New Member", password: "long enough password" }) }), { token })) as Response;
    expect(joined.status).toBe(302);
    const [member] = await db().select().from(users).where(eq(users.email, email));
    expect(member).toMatchObject({ role: "employer_member", organizationId: orgA.id });
    expect(member!.emailVerifiedAt).not.toBeNull();
    // The link works once.
    expect(statusOf(await call(joinPage.action, new Request(testUrl(`/join/${token}`), { method: "POST", body: new URLSearchParams({ intent: "signup", name: "Again", password: "long enough password" }) }), { token }))).toBe(409);

    const memberCookie = await signInCookie(h.context, email, { password: "long enough password" });
    expect(statusOf(await call(dashboard.loader, get(memberCookie, "/employer")))).toBe(200);
    expect(statusOf(await call(membersPage.action, post(cookie.adminA!, "/employer/members", { intent: "remove", id: member!.id })))).toBe(200);
    const after = await call(dashboard.loader, get(memberCookie, "/employer"));
    expect(statusOf(after)).toBe(302);
    expect((after as Response).headers.get("Location")).toMatch(/^\/login/);

    // The only admin can neither be demoted nor removed.
    expect(statusOf(await call(membersPage.action, post(cookie.adminA!, "/employer/members", { intent: "role", id: adminA.id, role: "employer_member" })))).toBe(409);
    expect(statusOf(await call(membersPage.action, post(cookie.adminA!, "/employer/members", { intent: "remove", id: adminA.id })))).toBe(409);
  });

  it("invites a candidate: the link signs them up and starts a draft linked to the company with the offer", async () => {
    const email = `candidate-${kind}@example.test`;
    expect(statusOf(await call(candidatesPage.action, post(cookie.memberA!, "/employer/candidates", { intent: "invite", candidateName: "Grace Hopper", email, jobTitle: "Compiler researcher" })))).toBe(200);
    const [job] = (await db().select().from(outbox).where(eq(outbox.job, "employer.send_candidate_invitation")).orderBy(asc(outbox.id))).slice(-1);
    sent.length = 0;
    const ctx = jobCtx();
    await sendCandidateInvitation({ invitationId: job!.payload.invitationId as string }, ctx);
    // A retried job (same job id) sends nothing more, and the link already sent keeps working.
    await sendCandidateInvitation({ invitationId: job!.payload.invitationId as string }, ctx);
    expect(sent).toHaveLength(1);
    // A worker that died after the SMTP server took the e-mail but before marking it sent: the
    // retry sends it again, with the same link, so the one already delivered still works.
    await db().update(emailDeliveries).set({ status: "sending" }).where(like(emailDeliveries.idempotencyKey, `candidate-invite:${job!.payload.invitationId as string}:%`));
    await sendCandidateInvitation({ invitationId: job!.payload.invitationId as string }, ctx);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toBe(sent[0]!.text);
    sent.length = 1;
    expect(sent[0]!.subject).toContain("Company A invites you to apply");
    const token = decodeURIComponent(/\/invitation\/([^\s"<]+)/.exec(sent[0]!.text)![1]!);
    const res = (await call(invitationPage.action, new Request(testUrl(`/invitation/${token}`), { method: "POST", body: new URLSearchParams({ intent: "signup", name: "Grace Hopper", password: "long enough password" }) }), { token })) as Response;
    expect(res.status).toBe(302);
    const caseId = /^\/cases\/([0-9a-f-]{36})$/.exec(res.headers.get("Location")!)![1]!;
    const c = await reload(db(), caseId);
    expect(c).toMatchObject({ status: "draft", organizationId: orgA.id, sponsorLink: "accepted" });
    expect(c.dossier.offer).toMatchObject({ organizationId: orgA.id, jobTitle: "Compiler researcher" });
    const cands = (await call(candidatesPage.loader, get(cookie.adminA!, "/employer/candidates"))) as { invitations: { email: string; state: string }[] };
    expect(cands.invitations.find((i) => i.email === email)!.state).toBe("accepted");
    const dash = (await call(dashboard.loader, get(cookie.adminA!, "/employer"))) as { preparing: { id: string; name: string }[] };
    expect(dash.preparing).toEqual([expect.objectContaining({ id: caseId, name: "Grace Hopper" })]);
    // Company B sees nothing of it.
    const dashB = (await call(dashboard.loader, get(cookie.adminB!, "/employer"))) as { preparing: unknown[] };
    expect(dashB.preparing).toEqual([]);
  });

  it("answers an applicant's link request (accept or decline)", async () => {
    const other = await makeUser(db(), "applicant");
    const d1 = await createDraftCase(ctxFor(db(), other), { personal: { fullName: "Linus" }, offer: { organizationId: orgA.id, jobTitle: "Kernel engineer" } });
    const d2 = await createDraftCase(ctxFor(db(), other), { personal: { fullName: "Linus" }, offer: { organizationId: orgA.id, jobTitle: "Not offered" } });
    const list = (await call(candidatesPage.loader, get(cookie.memberA!, "/employer/candidates"))) as { linkRequests: { id: string; jobTitle: string }[] };
    expect(list.linkRequests.map((r) => r.id)).toEqual(expect.arrayContaining([d1.id, d2.id]));
    expect(statusOf(await call(candidatesPage.action, post(cookie.memberA!, "/employer/candidates", { intent: "accept_link", id: d1.id })))).toBe(200);
    expect(statusOf(await call(candidatesPage.action, post(cookie.memberA!, "/employer/candidates", { intent: "decline_link", id: d2.id })))).toBe(200);
    expect(await reload(db(), d1.id)).toMatchObject({ sponsorLink: "accepted", organizationId: orgA.id });
    const declined = await reload(db(), d2.id);
    expect(declined).toMatchObject({ sponsorLink: "declined", organizationId: null });
    expect(declined.dossier.offer?.organizationId).toBeUndefined();
    // Answered requests leave the list, and cannot be answered twice.
    const again = (await call(candidatesPage.loader, get(cookie.memberA!, "/employer/candidates"))) as { linkRequests: { id: string }[] };
    expect(again.linkRequests.map((r) => r.id)).not.toContain(d1.id);
    expect(statusOf(await call(candidatesPage.action, post(cookie.memberA!, "/employer/candidates", { intent: "decline_link", id: d1.id })))).toBe(404);
  });

  it("sets the visa expiry on approval and alerts each admin once per lead time, in their language, by the clock", async () => {
    // An approval through the four-eyes review sets the visa's expiry.
    const officer = await makeUser(db(), "officer");
    const senior = await makeUser(db(), "senior_officer");
    const approved = await makeCase(orgB.id, "in_review", "TT-EMP-B2", "Alan Turing");
    await proposeDecision(ctxFor(db(), officer), approved.id, { outcome: "approve", reasons: "All criteria are met by a wide margin." });
    await reviewDecision(ctxFor(db(), senior), approved.id, { confirm: true });
    const decided = await reload(db(), approved.id);
    expect(decided.status).toBe("approved");
    expect(decided.visaExpiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(decided.visaExpiresOn).toBe(visaExpiryFor(decided.statusChangedAt));
    const page = (await call(employerCase.loader, get(cookie.adminB!, `/employer/cases/${approved.id}`), { caseId: approved.id })) as { case: { decided: string; visaExpiresOn: string } };
    expect(page.case).toMatchObject({ decided: "approved", visaExpiresOn: decided.visaExpiresOn });

    // A controlled clock: the visa expires on 2027-03-01, a request to company B falls due 2027-01-20.
    await db().update(cases).set({ visaExpiresOn: "2027-03-01" }).where(eq(cases.id, approved.id));
    const officerB = await makeUser(db(), "officer");
    const open = await makeCase(orgB.id, "in_review", "TT-EMP-B3", "Barbara Liskov");
    const req = await requestEvidence(ctxFor(db(), officerB), open.id, { guidance: "Please state the contract length.", deadline: "2027-01-20", addressee: "employer", items: [{ kind: "question", label: "How long is the contract?" }] }, new Date("2027-01-05T00:00:00Z"));
    expect(req.deadline.toISOString()).toBe("2027-01-20T14:59:59.000Z");
    const adminB2 = await makeUser(db(), "employer_admin", { organizationId: orgB.id }); // English; adminB reads Korean
    await db().update(users).set({ locale: "ko" }).where(eq(users.id, adminB.id));
    await db().update(organizations).set({ alertSettings: { evidenceDueDays: [7, 2], visaExpiryDays: [60, 30] } }).where(eq(organizations.id, orgB.id));
    const run = async (at: string) => {
      sent.length = 0;
      const r = await runEmployerAlerts(jobCtx(), new Date(at));
      return { ...r, mails: sent.filter((m) => m.to === adminB.email || m.to === adminB2.email).map((m) => `${m.to === adminB.email ? "ko" : "en"}:${m.subject}`) };
    };
    const visa = ["en:Visa expiring: Alan Turing", "ko:비자 만료 예정: Alan Turing"];
    const evidence = ["en:Evidence due soon: TT-EMP-B3", "ko:보완 요청 기한 임박: TT-EMP-B3"];
    const digest = ["en:Your week on TopTier: Company B", "ko:Company B 주간 요약"];
    const expectMails = async (at: string, expected: string[]) => expect((await run(at)).mails.sort(), at).toEqual([...expected].sort());
    // Monday 4 January 2027, 08:00 KST: the visa is 56 days away (within 60); the week's digest waits for 09:00.
    await expectMails("2027-01-03T23:00:00Z", visa);
    await expectMails("2027-01-03T23:30:00Z", []);
    await expectMails("2027-01-04T00:30:00Z", digest);
    // Thursday 14 January: the request is due within 7 days; a new week, a new digest; each once.
    await expectMails("2027-01-14T01:00:00Z", [...evidence, ...digest]);
    await expectMails("2027-01-14T02:00:00Z", []);
    // Tuesday 19 January: within 2 days.
    await expectMails("2027-01-19T01:00:00Z", [...evidence, ...digest]);
    // Sunday 31 January: the visa within 30 days; the request's deadline has passed, so no more about it.
    await expectMails("2027-01-31T01:00:00Z", [...visa, ...digest]);
    await expectMails("2027-01-31T23:00:00Z", []);
    await expectMails("2027-02-01T00:30:00Z", digest);
    // Company A's admins heard nothing about company B's cases.
    expect(sent.filter((m) => m.to === adminA.email && /TT-EMP-B/.test(m.subject))).toEqual([]);
  });

  it("stops the hourly alerts between organisations when the worker stops, and the retry sends only what was not sent", async () => {
    // Wednesday 10 March 2027: every organisation's admins are due this week's digest.
    const at = new Date("2027-03-10T03:00:00Z");
    const digests = () => sent.filter((m) => /^Your week on TopTier|주간 요약$/.test(m.subject)).map((m) => `${m.to} ${m.subject}`);
    sent.length = 0;
    const stopping = new AbortController();
    const ctx = jobCtx();
    // The worker is asked to stop while the first digest goes out.
    const mailer = { ...ctx.mailer, send: async (m: OutgoingMail) => (await ctx.mailer.send(m), stopping.abort(new Error("the worker is stopping"))) };
    await expect(runEmployerAlerts({ ...ctx, mailer, signal: stopping.signal }, at)).rejects.toThrow("the worker is stopping");
    const before = digests();
    expect(before).toHaveLength(1);
    // The retry (another worker) sends the rest, and not the one already sent.
    await runEmployerAlerts(jobCtx(), at);
    const all = digests();
    expect(all.length).toBeGreaterThan(1);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(before));
    // The same through the worker's entry point: a stopping worker's signal reaches the job.
    await expect(processJob({ ...jobCtx(), logger: silentLogger }, { id: "stop-test", name: "employer.alerts", data: {} }, AbortSignal.abort(new Error("the worker is stopping")))).rejects.toThrow(
      "the worker is stopping",
    );
  });

  it("answers odd input with a clear status, never a 500, and lets only a confirmed admin attest", async () => {
    // A stage name that is an inherited property of an object is no stage: the whole list, not a database error.
    const odd = (await call(dashboard.loader, get(cookie.adminA!, "/employer?stage=toString"))) as { cases: unknown[] };
    expect(Array.isArray(odd.cases)).toBe(true);
    expect(statusOf(await call(csvRoute.loader, get(cookie.adminA!, "/employer/cases.csv?stage=constructor")))).toBe(200);
    // A request id that is not an id: not found.
    const own = await makeCase(orgA.id, "evidence_requested", "TT-EMP-A9");
    expect(statusOf(await call(employerCase.action, post(cookie.adminA!, `/employer/cases/${own.id}`, { intent: "answer_evidence", requestId: "abc" }), { caseId: own.id }))).toBe(404);
    // An admin whose e-mail address is not confirmed cannot attest (anyone could register a company's number).
    const unconfirmed = await makeUser(db(), "employer_admin", { organizationId: orgA.id, verified: false });
    const waiting = await makeCase(orgA.id, "awaiting_sponsor", "TT-EMP-A10");
    const refused = await errorOf(confirmSponsorship(ctxFor(db(), unconfirmed), waiting.id, { attest: true, jobTitle: "Research scientist", startDate: "2027-03-01", annualSalaryKrw: 180_000_000, industry: "ai" }));
    expect(refused?.message).toMatch(/Confirm your e-mail address first/);
    expect((await reload(db(), waiting.id)).status).toBe("awaiting_sponsor");
  });

  it("closes the employer's open requests when the applicant withdraws: no more alerts, nothing left to expire", async () => {
    const officer = await makeUser(db(), "officer");
    const c = await makeCase(orgA.id, "in_review", "TT-EMP-A11");
    const deadline = new Date(Date.now() + 5 * 864e5).toISOString().slice(0, 10);
    await requestEvidence(ctxFor(db(), officer), c.id, { guidance: "Please confirm the contract length.", deadline, addressee: "employer", items: [{ kind: "question", label: "How long is the contract?" }] });
    expect((await alertFacts(db(), orgA.id)).evidence.map((e) => e.caseId)).toContain(c.id);
    await withdrawCase(ctxFor(db(), applicant), c.id);
    const [request] = await listEvidenceRequests(ctxFor(db(), officer), c.id);
    expect(request?.status).toBe("closed");
    expect((await alertFacts(db(), orgA.id)).evidence.map((e) => e.caseId)).not.toContain(c.id);
  });
});
