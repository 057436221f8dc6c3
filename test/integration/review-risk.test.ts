import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as applicantCasePage from "../../app/routes/cases.$caseId._index";
import * as employerCasePage from "../../app/routes/employer.cases.$caseId";
import * as officerCasePage from "../../app/routes/officer.cases.$caseId";
import { completeScreening, confirmSponsorship, submitCase, withdrawCase } from "../../models/case/actions";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { addCaseNote, listCaseNotes, reviewDocument } from "../../models/case/review";
import { riskFlags } from "../../models/case/risk";
import type { Dossier } from "../../models/dossier";
import { AppError } from "../../models/errors";
import { loadConfig } from "../../models/platform/env";
import type { Services } from "../../models/platform/services";
import { createStorage } from "../../models/platform/storage";
import { auditLog } from "../../models/schema/audit";
import { cases, documents, type Case, type DocumentRow } from "../../models/schema/cases";
import { organizations } from "../../models/schema/organizations";
import type { User } from "../../models/schema/users";
import { createTestDatabase, dropRedisKeys, REDIS_URL, testPrefix, type DbKind, type TestDatabase } from "../support/db";
import { createRateLimits, type RateLimits } from "../../models/platform/rate-limits";
import { callRoute, type RouteArgs, signInCookie, testUrl } from "../support/http";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";

describe.each<DbKind>(["pglite", "postgres"])("O4 document review and notes, O3 risk flags on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let context: AppLoadContext;
  // Sign-in goes through the real rate limits, on Redis under a prefix of this file's own.
  let rateLimits: RateLimits;
  const limitPrefix = testPrefix("review");
  const storage = () => createStorage({ kind: "local", dir });
  const db = () => t.handle.db;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "toptier-review-"));
    const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dir });
    // The route modules need the database, the storage and the config; nothing else is opened.
    rateLimits = createRateLimits({ redisUrl: REDIS_URL, prefix: limitPrefix });
    context = { services: { config, database: t.handle, storage: storage(), rateLimits } as unknown as Services, ip: "127.0.0.1" };
  });
  afterAll(async () => {
    rateLimits?.close();
    await dropRedisKeys(limitPrefix);
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectAppError(p: Promise<unknown>, code: AppError["code"]) {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return err as AppError;
  }

  /** Every case gets its own passport number unless a test shares one on purpose. */
  const uniquePassport = () => `P${randomBytes(5).toString("hex").toUpperCase()}`;

  async function registeredOrganization() {
    const registrationNumber = String(1_000_000_000 + (randomBytes(4).readUInt32BE() % 8_999_999_999)).slice(0, 10);
    const [org] = await db().insert(organizations).values({ name: `Registered ${registrationNumber}`, registrationNumber, industry: "ai" }).returning();
    return org!;
  }

  async function world() {
    const org = await registeredOrganization();
    const otherOrg = await makeOrganization(db());
    return {
      org,
      otherOrg,
      applicant: await makeUser(db(), "applicant"),
      otherApplicant: await makeUser(db(), "applicant"),
      employer: await makeUser(db(), "employer_admin", { organizationId: org.id }),
      otherEmployer: await makeUser(db(), "employer_admin", { organizationId: otherOrg.id }),
      officer: await makeUser(db(), "officer"),
      senior: await makeUser(db(), "senior_officer"),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  /** A submitted case waiting for its sponsor (drafts and this stage are not reviewable). */
  async function submitted(
    w: World,
    opts: { applicant?: User; orgId?: string; dossier?: Parameters<typeof validDossier>[1] } = {},
  ): Promise<{ case: Case; doc: DocumentRow }> {
    const applicant = opts.applicant ?? w.applicant;
    const dossier: Dossier = validDossier(opts.orgId ?? w.org.id, { ...opts.dossier, personal: { passportNumber: uniquePassport(), ...opts.dossier?.personal } });
    const draft = await createDraftCase(ctxFor(db(), applicant), dossier);
    const doc = await addDocument({ ...ctxFor(db(), applicant), storage: storage(), maxBytes: 1024 * 1024 }, { caseId: draft.id, kind: "passport", filename: "passport.pdf", bytes: samplePdf() });
    return { case: await submitCase(ctxFor(db(), applicant), draft.id), doc };
  }

  /** Sponsor confirmation and screening: the case lands in review with its flags. */
  async function screen(c: Case, employer: User): Promise<Case> {
    await confirmSponsorship(ctxFor(db(), employer), c.id, { attest: true });
    const screened = await completeScreening(db(), c.id);
    expect(screened?.status).toBe("in_review");
    return screened!;
  }

  async function inReview(w: World, opts: Parameters<typeof submitted>[1] = {}) {
    const s = await submitted(w, opts);
    return { case: await screen(s.case, w.employer), doc: s.doc };
  }

  const docRow = async (id: string) => (await db().select().from(documents).where(eq(documents.id, id)))[0]!;

  describe("document review", () => {
    it("verifies, rejects only with a 10 to 1,000 character reason, re-reviews, and audits every review", async () => {
      const w = await world();
      const { case: c, doc } = await inReview(w);
      expect(doc.reviewStatus).toBe("pending");

      const verified = await reviewDocument(ctxFor(db(), w.officer), { caseId: c.id, documentId: doc.id, verdict: "verified" });
      expect(verified).toMatchObject({ reviewStatus: "verified", reviewReason: null, reviewedBy: w.officer.id });
      expect(verified.reviewedAt).toBeInstanceOf(Date);

      // Rejecting needs a reason; a failed attempt changes nothing.
      for (const reason of [undefined, "", "   ", "too short", "x".repeat(1001)]) {
        const err = await expectAppError(reviewDocument(ctxFor(db(), w.officer), { caseId: c.id, documentId: doc.id, verdict: "rejected", reason }), "validation");
        expect(err.fieldErrors.reason).toBeTruthy();
      }
      await expectAppError(reviewDocument(ctxFor(db(), w.officer), { caseId: c.id, documentId: doc.id, verdict: "maybe" }), "validation");
      expect((await docRow(doc.id)).reviewStatus).toBe("verified");

      const reason = "The photo page is cut off at the machine-readable zone.";
      const rejected = await reviewDocument(ctxFor(db(), w.senior), { caseId: c.id, documentId: doc.id, verdict: "rejected", reason: `  ${reason}  ` });
      expect(rejected).toMatchObject({ reviewStatus: "rejected", reviewReason: reason, reviewedBy: w.senior.id });
      const longest = "y".repeat(1000);
      expect((await reviewDocument(ctxFor(db(), w.officer), { caseId: c.id, documentId: doc.id, verdict: "rejected", reason: longest })).reviewReason).toBe(longest);

      // Re-review: verifying again clears the rejection reason; the latest review is on the row.
      const again = await reviewDocument(ctxFor(db(), w.officer), { caseId: c.id, documentId: doc.id, verdict: "verified", reason: "Clear scan supplied on paper." });
      expect(again).toMatchObject({ reviewStatus: "verified", reviewReason: null, reviewedBy: w.officer.id });

      // ... and the audit trail keeps every review in order.
      const audits = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.caseId, c.id), eq(auditLog.action, "document.review")))
        .orderBy(auditLog.id);
      expect(audits.map((a) => [a.actorId, a.data.verdict, a.data.previous])).toEqual([
        [w.officer.id, "verified", "pending"],
        [w.senior.id, "rejected", "verified"],
        [w.officer.id, "rejected", "rejected"],
        [w.officer.id, "verified", "rejected"],
      ]);
      expect(audits[1]!.data).toMatchObject({ documentId: doc.id, reason });
    });

    it("answers not-found for documents that are not on the case", async () => {
      const w = await world();
      const { case: c } = await inReview(w);
      const { doc: otherDoc } = await inReview(w);
      for (const documentId of [otherDoc.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
        await expectAppError(reviewDocument(ctxFor(db(), w.officer), { caseId: c.id, documentId, verdict: "verified" }), "not_found");
      }
      expect((await docRow(otherDoc.id)).reviewStatus).toBe("pending");
    });

    it("lets only officers review: the applicant and the sponsor are refused, strangers do not find the case", async () => {
      const w = await world();
      const { case: c, doc } = await inReview(w);
      const attempt = (u: User) => reviewDocument(ctxFor(db(), u), { caseId: c.id, documentId: doc.id, verdict: "verified" });
      // loadCaseFor decides: those who can see the case are forbidden, the others get not-found.
      await expectAppError(attempt(w.applicant), "forbidden");
      await expectAppError(attempt(w.employer), "forbidden");
      await expectAppError(attempt(w.otherApplicant), "not_found");
      await expectAppError(attempt(w.otherEmployer), "not_found");
      expect((await docRow(doc.id)).reviewStatus).toBe("pending");
    });

    it("reviews documents only in review, evidence requested and decision pending", async () => {
      const w = await world();
      const { case: early, doc: earlyDoc } = await submitted(w);
      expect(early.status).toBe("awaiting_sponsor");
      const review = (caseId: string, documentId: string) => reviewDocument(ctxFor(db(), w.officer), { caseId, documentId, verdict: "verified" });
      await expectAppError(review(early.id, earlyDoc.id), "invalid_state");

      const { case: c, doc } = await inReview(w);
      for (const status of ["evidence_requested", "decision_pending", "in_review"] as const) {
        await db().update(cases).set({ status }).where(eq(cases.id, c.id));
        expect((await review(c.id, doc.id)).reviewStatus).toBe("verified");
      }
      for (const status of ["screening", "approved", "refused"] as const) {
        await db().update(cases).set({ status }).where(eq(cases.id, c.id));
        await expectAppError(review(c.id, doc.id), "invalid_state");
      }
      const { case: gone, doc: goneDoc } = await inReview(w);
      await withdrawCase(ctxFor(db(), w.applicant), gone.id);
      await expectAppError(review(gone.id, goneDoc.id), "invalid_state");
      expect((await docRow(goneDoc.id)).reviewStatus).toBe("pending");
    });
  });

  describe("officer notes", () => {
    it("adds notes of 1 to 5,000 characters with author and time, listed newest first, audited without the text", async () => {
      const w = await world();
      const { case: c } = await inReview(w);
      for (const body of ["", "   ", undefined, "n".repeat(5001)]) {
        const err = await expectAppError(addCaseNote(ctxFor(db(), w.officer), c.id, body), "validation");
        expect(err.fieldErrors.body).toBeTruthy();
      }
      const first = await addCaseNote(ctxFor(db(), w.officer), c.id, "  Called the university registrar.  ");
      expect(first).toMatchObject({ body: "Called the university registrar.", authorId: w.officer.id });
      await addCaseNote(ctxFor(db(), w.senior), c.id, "x");
      await addCaseNote(ctxFor(db(), w.senior), c.id, "z".repeat(5000));
      const notes = await listCaseNotes(ctxFor(db(), w.officer), c.id);
      expect(notes.map((n) => [n.body.slice(0, 10), n.authorName])).toEqual([
        ["z".repeat(10), w.senior.name],
        ["x", w.senior.name],
        ["Called the", w.officer.name],
      ]);
      expect(notes[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(notes[2]!.createdAt.getTime());
      const audits = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.caseId, c.id), eq(auditLog.action, "case.note_add")));
      expect(audits).toHaveLength(3);
      expect(JSON.stringify(audits.map((a) => a.data))).not.toMatch(/registrar/);
    });

    it("keeps notes from everyone but officers", async () => {
      const w = await world();
      const { case: c } = await inReview(w);
      await addCaseNote(ctxFor(db(), w.officer), c.id, "Secret-ish: the employer's headcount looks inflated.");
      await expectAppError(addCaseNote(ctxFor(db(), w.applicant), c.id, "let me in"), "forbidden");
      await expectAppError(addCaseNote(ctxFor(db(), w.employer), c.id, "let me in"), "forbidden");
      await expectAppError(addCaseNote(ctxFor(db(), w.otherApplicant), c.id, "let me in"), "not_found");
      await expectAppError(listCaseNotes(ctxFor(db(), w.applicant), c.id), "forbidden");
      await expectAppError(listCaseNotes(ctxFor(db(), w.employer), c.id), "forbidden");
      await expectAppError(listCaseNotes(ctxFor(db(), w.otherEmployer), c.id), "not_found");
      expect(await listCaseNotes(ctxFor(db(), w.officer), c.id)).toHaveLength(1);
    });
  });

  describe("the pages", () => {
    const url = testUrl;
    const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, context, request, params);
    const cookieFor = (user: User) => signInCookie(context, user.email);
    const get = (cookie: string, p: string) => new Request(url(p), { headers: { Cookie: cookie } });
    const post = (cookie: string, p: string, body: Record<string, string>) => new Request(url(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });
    const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200));

    it("shows notes, reviews and flags to officers, and neither notes nor flags to the applicant or the sponsor", async () => {
      const w = await world();
      // Sponsored by the unregistered organisation, so that the case has a flag to keep from the others.
      const { case: s, doc } = await submitted(w, { orgId: w.otherOrg.id });
      const c = await screen(s, w.otherEmployer);
      expect(c.flags.map((f) => f.code)).toEqual(["employer_not_registered"]);
      const secret = `Note ${randomBytes(6).toString("hex")} for officers only`;
      const officer = await cookieFor(w.officer);
      const params = { caseId: c.id };

      // Through the officer page's action: a note, a rejection without reason (400), a rejection with one.
      expect(statusOf(await call(officerCasePage.action, post(officer, `/officer/cases/${c.id}`, { intent: "note_add", body: secret }), params))).toBe(302);
      const bad = await call(officerCasePage.action, post(officer, `/officer/cases/${c.id}`, { intent: "document_reject", documentId: doc.id, reason: "" }), params);
      expect(statusOf(bad)).toBe(400);
      expect((bad as { data: { fieldErrors: Record<string, string>; values: { documentId: string } } }).data).toMatchObject({ fieldErrors: { reason: expect.any(String) }, values: { documentId: doc.id } });
      const rejectReason = "Scan unreadable: please upload the original.";
      expect(statusOf(await call(officerCasePage.action, post(officer, `/officer/cases/${c.id}`, { intent: "document_reject", documentId: doc.id, reason: rejectReason }), params))).toBe(302);

      const officerView = (await call(officerCasePage.loader, get(officer, `/officer/cases/${c.id}`), params)) as Awaited<ReturnType<typeof officerCasePage.loader>>;
      expect(officerView.caseFile.notes.map((n) => n.body)).toEqual([secret]);
      expect(officerView.caseFile.documents).toEqual([expect.objectContaining({ id: doc.id, contentType: "application/pdf", reviewStatus: "rejected", reviewReason: rejectReason, reviewerName: w.officer.name })]);
      expect(officerView.flags.map((f) => [f.code, f.label.ko])).toEqual([["employer_not_registered", "미등록 초청 기업"]]);

      const applicantView = await call(applicantCasePage.loader, get(await cookieFor(w.applicant), `/cases/${c.id}`), params);
      expect(statusOf(applicantView)).toBe(200);
      const sponsor = w.otherEmployer;
      const employerView = await call(employerCasePage.loader, get(await cookieFor(sponsor), `/employer/cases/${c.id}`), params);
      expect(statusOf(employerView)).toBe(200);
      for (const view of [applicantView, employerView]) {
        const text = JSON.stringify(view);
        expect(text).toContain(c.id);
        expect(text).not.toContain(secret);
        expect(text).not.toContain(rejectReason);
        expect(text).not.toMatch(/notes|employer_not_registered|registration number/i);
      }
      // The sponsor cannot reach the officer page at all.
      expect(statusOf(await call(officerCasePage.loader, get(await cookieFor(sponsor), `/officer/cases/${c.id}`), params))).toBe(403);
    });
  });

  describe("risk flags at screening", () => {
    const codes = (c: Case) => c.flags.map((f) => f.code);

    it("raises nothing on a clean case", async () => {
      const w = await world();
      // The degree awarded on the 15th birthday exactly is not a contradiction.
      const { case: c } = await inReview(w, { dossier: { personal: { birthDate: "1988-03-14" }, degree: { awarded: "2003-03-14" } } });
      expect(c.flags).toEqual([]);
      expect((await reload(db(), c.id)).flags).toEqual([]);
    });

    it("flags the same passport (normalised) on another applicant's non-withdrawn case, not on a withdrawn one or a draft", async () => {
      const w = await world();
      const passport = uniquePassport();
      const { case: theirs } = await submitted(w, { applicant: w.otherApplicant, dossier: { personal: { passportNumber: passport } } });
      // Stored as typed elsewhere (lower case, spaces, hyphen): still the same passport.
      const typed = `${passport.slice(0, 3).toLowerCase()} ${passport.slice(3, 6)}-${passport.slice(6)}`;
      await db().update(cases).set({ dossier: { ...theirs.dossier, personal: { ...theirs.dossier.personal, passportNumber: typed } } }).where(eq(cases.id, theirs.id));
      const { case: mine } = await inReview(w, { dossier: { personal: { passportNumber: passport } } });
      expect(codes(mine)).toEqual(["passport_on_other_case"]);
      expect(mine.flags[0]!.detail).toContain(theirs.receiptNumber!);
      expect(mine.flags[0]!.detail).toMatch(/another applicant/);
      expect(mine.flags[0]!.raisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

      const lone = uniquePassport();
      const { case: withdrawn } = await submitted(w, { applicant: w.otherApplicant, dossier: { personal: { passportNumber: lone } } });
      await withdrawCase(ctxFor(db(), w.otherApplicant), withdrawn.id);
      await createDraftCase(ctxFor(db(), w.otherApplicant), validDossier(w.org.id, { personal: { passportNumber: lone } }));
      const { case: clean } = await inReview(w, { dossier: { personal: { passportNumber: lone } } });
      expect(clean.flags).toEqual([]);
    });

    it("flags another open case of the same applicant with the passport, not a closed one", async () => {
      const w = await world();
      const passport = uniquePassport();
      const { case: first } = await inReview(w, { dossier: { personal: { passportNumber: passport } } });
      expect(first.flags).toEqual([]);
      const { case: second } = await inReview(w, { dossier: { personal: { passportNumber: passport } } });
      expect(codes(second)).toEqual(["passport_on_other_case"]);
      expect(second.flags[0]!.detail).toContain(first.receiptNumber!);
      expect(second.flags[0]!.detail).toMatch(/same applicant/);

      // Once the first case is closed, a new case of the same applicant is not flagged for it.
      const other = uniquePassport();
      const { case: old } = await submitted(w, { dossier: { personal: { passportNumber: other } } });
      await db().update(cases).set({ status: "refused" }).where(eq(cases.id, old.id));
      const { case: fresh } = await inReview(w, { dossier: { personal: { passportNumber: other } } });
      expect(fresh.flags).toEqual([]);
    });

    it("flags dates that contradict each other", async () => {
      const w = await world();
      const young = await inReview(w, { dossier: { personal: { birthDate: "1988-03-14" }, degree: { awarded: "2003-03-13" } } });
      expect(codes(young.case)).toEqual(["dates_contradict"]);
      expect(young.case.flags[0]!.detail).toMatch(/15th birthday \(2003-03-14\)/);

      const unborn = await inReview(w, { dossier: { personal: { birthDate: "1990-05-01" }, degree: { awarded: "1989-06-01" } } });
      expect(codes(unborn.case)).toEqual(["dates_contradict"]);
      expect(unborn.case.flags[0]!.detail).toMatch(/birth date \(1990-05-01\) is after the degree/);

      // A degree dated after the submission: the dossier's own check runs against today, so set the submission back.
      const early = await submitted(w, { dossier: { degree: { awarded: "2016-02-20" } } });
      await db().update(cases).set({ submittedAt: new Date("2015-06-30T12:00:00Z") }).where(eq(cases.id, early.case.id));
      const late = await screen(early.case, w.employer);
      expect(codes(late)).toEqual(["dates_contradict"]);
      expect(late.flags[0]!.detail).toMatch(/2016-02-20, after the case was submitted \(2015-06-30\)/);
    });

    it("flags a sponsor with no business registration number", async () => {
      const w = await world();
      const s = await submitted(w, { orgId: w.otherOrg.id });
      const c = await screen(s.case, w.otherEmployer);
      expect(codes(c)).toEqual(["employer_not_registered"]);
      expect(c.flags[0]!.detail).toContain(w.otherOrg.name);
      // The same organisation, once registered, raises nothing (checked directly on the stored case).
      await db().update(organizations).set({ registrationNumber: String(Date.now()).slice(-10) }).where(eq(organizations.id, w.otherOrg.id));
      expect(await riskFlags(db(), await reload(db(), c.id), new Date())).toEqual([]);
    });
  });
});
