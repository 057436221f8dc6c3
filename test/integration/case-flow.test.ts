import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, checkVerificationToken, createSession, revokeSession, signUp, userForSession, verifyEmail, issueVerificationToken } from "../../models/auth";
import { completeScreening, confirmSponsorship, listSponsoredCases, proposeDecision, reviewDecision, submitCase, withdrawCase } from "../../models/case/actions";
import { addDocument, readDocument } from "../../models/case/documents";
import { queueOverview } from "../../models/case/queue";
import { createDraftCase, getCaseView, saveDraft } from "../../models/case/drafts";
import { AppError } from "../../models/errors";
import { createStorage } from "../../models/platform/storage";
import { auditLog } from "../../models/schema/audit";
import { caseEvents, documents } from "../../models/schema/cases";
import { outbox } from "../../models/schema/outbox";
import { users } from "../../models/schema/users";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, fakeExe, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";

/** The same use-case suite runs on PGlite (the embedded default) and on the machine's PostgreSQL. */
describe.each<DbKind>(["pglite", "postgres"])("case lifecycle use cases on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  const storage = () => createStorage({ kind: "local", dir });
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "toptier-files-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = () => t.handle.db;

  async function expectAppError(p: Promise<unknown>, code: AppError["code"]) {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return err as AppError;
  }

  async function world() {
    const org = await makeOrganization(db());
    const otherOrg = await makeOrganization(db());
    return {
      org,
      otherOrg,
      applicant: await makeUser(db(), "applicant"),
      otherApplicant: await makeUser(db(), "applicant"),
      employer: await makeUser(db(), "employer_admin", { organizationId: org.id }),
      member: await makeUser(db(), "employer_member", { organizationId: org.id }),
      otherEmployer: await makeUser(db(), "employer_admin", { organizationId: otherOrg.id }),
      officer: await makeUser(db(), "officer"),
      senior: await makeUser(db(), "senior_officer"),
      senior2: await makeUser(db(), "senior_officer"),
    };
  }

  async function submittedCase(w: Awaited<ReturnType<typeof world>>) {
    const c = await createDraftCase(ctxFor(db(), w.applicant), validDossier(w.org.id));
    await addDocument({ ...ctxFor(db(), w.applicant), storage: storage(), maxBytes: 1024 * 1024 }, { caseId: c.id, kind: "passport", filename: "passport.pdf", bytes: samplePdf() });
    return submitCase(ctxFor(db(), w.applicant), c.id);
  }

  it("walks a case from draft to a four-eyes approval, with a timeline, audit records and outbox jobs", async () => {
    const w = await world();
    const draft = await createDraftCase(ctxFor(db(), w.applicant), { personal: { fullName: "Ada Okafor" } });
    expect(draft.status).toBe("draft");
    await saveDraft(ctxFor(db(), w.applicant), draft.id, validDossier(w.org.id));
    const doc = await addDocument(
      { ...ctxFor(db(), w.applicant), storage: storage(), maxBytes: 1024 * 1024 },
      { caseId: draft.id, kind: "passport", filename: "../../etc/passport.pdf", bytes: samplePdf() },
    );
    expect(doc.filename).toBe("passport.pdf");
    expect(doc.contentType).toBe("application/pdf");
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);

    const submitted = await submitCase(ctxFor(db(), w.applicant), draft.id);
    expect(submitted.status).toBe("awaiting_sponsor");
    expect(submitted.receiptNumber).toMatch(/^TT-\d{4}-\d{6}$/);

    expect((await listSponsoredCases(ctxFor(db(), w.employer))).map((c) => c.id)).toContain(draft.id);
    expect((await listSponsoredCases(ctxFor(db(), w.otherEmployer))).map((c) => c.id)).not.toContain(draft.id);

    await expectAppError(confirmSponsorship(ctxFor(db(), w.member), draft.id, { attest: true }), "forbidden");
    await expectAppError(confirmSponsorship(ctxFor(db(), w.employer), draft.id, { attest: false }), "validation");
    const confirmed = await confirmSponsorship(ctxFor(db(), w.employer), draft.id, { attest: true });
    expect(confirmed.status).toBe("screening");

    const screened = await completeScreening(db(), draft.id);
    expect(screened?.status).toBe("in_review");
    expect(screened?.screening?.result.ruleset).toMatch(/@/);
    expect(screened?.screening?.result.criteria.length).toBeGreaterThan(0);
    // A second (duplicate or retried) screening job finds the case moved on.
    expect(await completeScreening(db(), draft.id)).toBeNull();

    expect((await queueOverview(ctxFor(db(), w.officer))).waiting.map((c) => c.id)).toContain(draft.id);
    await expectAppError(proposeDecision(ctxFor(db(), w.officer), draft.id, { outcome: "approve", reasons: "short" }), "validation");
    await proposeDecision(ctxFor(db(), w.officer), draft.id, { outcome: "approve", reasons: "Meets every Top-Tier criterion on file." });

    // Nobody confirms their own decision: a senior who proposed cannot confirm.
    const c2 = await submittedCase(w);
    await confirmSponsorship(ctxFor(db(), w.employer), c2.id, { attest: true });
    await completeScreening(db(), c2.id);
    await proposeDecision(ctxFor(db(), w.senior), c2.id, { outcome: "refuse", reasons: "Income below three times GNI per capita." });
    const own = await expectAppError(reviewDecision(ctxFor(db(), w.senior), c2.id, { confirm: true }), "forbidden");
    expect(own.message).toMatch(/another senior officer/);
    // A plain officer cannot confirm at all.
    await expectAppError(reviewDecision(ctxFor(db(), w.officer), draft.id, { confirm: true }), "forbidden");

    const approved = await reviewDecision(ctxFor(db(), w.senior), draft.id, { confirm: true });
    expect(approved.status).toBe("approved");
    expect(approved.decision?.confirmedBy).toBe(w.senior.id);

    const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, draft.id)).orderBy(asc(caseEvents.id));
    expect(events.map((e) => e.type)).toEqual(["created", "submit", "await_sponsor", "confirm_sponsorship", "complete_screening", "propose_decision", "approve"]);
    const audits = await db().select().from(auditLog).where(eq(auditLog.caseId, draft.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["case.create", "case.save_draft", "document.upload", "case.submit", "case.confirm_sponsorship", "case.complete_screening", "case.approve"]),
    );
    const jobs = await db().select().from(outbox);
    const forCase = jobs.filter((j) => j.job === "screening.run" && j.payload.caseId === draft.id);
    expect(forCase).toHaveLength(1);
    // Payloads carry ids only.
    for (const j of jobs) expect(JSON.stringify(j.payload)).not.toMatch(/Ada|A12345678/);
  });

  it("hides every case from those who may not see it, with not-found rather than forbidden", async () => {
    const w = await world();
    const draft = await createDraftCase(ctxFor(db(), w.applicant), validDossier(w.org.id));
    for (const who of [w.otherApplicant, w.employer, w.officer, w.otherEmployer]) {
      await expectAppError(getCaseView(ctxFor(db(), who), draft.id), "not_found");
    }
    await expectAppError(getCaseView(ctxFor(db(), w.applicant), "not-a-uuid"), "not_found");
    await expectAppError(saveDraft(ctxFor(db(), w.otherApplicant), draft.id, {}), "not_found");

    const c = await submittedCase(w);
    await expectAppError(getCaseView(ctxFor(db(), w.otherEmployer), c.id), "not_found");
    await expectAppError(getCaseView(ctxFor(db(), w.otherApplicant), c.id), "not_found");
    expect((await getCaseView(ctxFor(db(), w.employer), c.id)).case.id).toBe(c.id);
    // The sponsor sees the case but not the applicant's documents.
    const [doc] = await db().select().from(documents).where(eq(documents.caseId, c.id));
    await expectAppError(readDocument({ ...ctxFor(db(), w.employer), storage: storage() }, c.id, doc!.id), "not_found");
    const read = await readDocument({ ...ctxFor(db(), w.officer), storage: storage() }, c.id, doc!.id);
    expect(Buffer.from(read.bytes).toString("latin1")).toMatch(/^%PDF-/);
  });

  it("refuses incomplete submissions and bad uploads with field messages, and keeps the dossier", async () => {
    const w = await world();
    const draft = await createDraftCase(ctxFor(db(), w.applicant), { personal: { fullName: "Only A Name" } });
    const err = await expectAppError(submitCase(ctxFor(db(), w.applicant), draft.id), "validation");
    expect(err.fieldErrors["personal.birthDate"]).toBeTruthy();
    expect(err.fieldErrors.file).toMatch(/Upload at least one document/);

    const upload = (bytes: Uint8Array, filename = "x.pdf", maxBytes = 1024) =>
      addDocument({ ...ctxFor(db(), w.applicant), storage: storage(), maxBytes }, { caseId: draft.id, kind: "passport", filename, bytes });
    expect((await expectAppError(upload(fakeExe(), "passport.pdf"), "unsupported")).message).toMatch(/not a PDF, PNG or JPEG/);
    expect((await expectAppError(upload(new Uint8Array()), "validation")).message).toMatch(/empty/);
    const big = new Uint8Array(2048);
    big.set(samplePdf());
    expect((await expectAppError(upload(big), "too_large")).message).toMatch(/larger than/);
    await expectAppError(
      addDocument({ ...ctxFor(db(), w.applicant), storage: storage(), maxBytes: 1024 }, { caseId: draft.id, kind: "../secret", filename: "a.pdf", bytes: samplePdf() }),
      "validation",
    );
    await expectAppError(saveDraft(ctxFor(db(), w.applicant), draft.id, { offer: { annualSalaryKrw: -5 } }), "validation");
    expect((await reload(db(), draft.id)).dossier).toEqual({ personal: { fullName: "Only A Name" } });

    const unverified = await makeUser(db(), "applicant", { verified: false });
    const c = await createDraftCase(ctxFor(db(), unverified), validDossier(w.org.id));
    await addDocument({ ...ctxFor(db(), unverified), storage: storage(), maxBytes: 4096 }, { caseId: c.id, kind: "passport", filename: "p.pdf", bytes: samplePdf() });
    expect((await expectAppError(submitCase(ctxFor(db(), unverified), c.id), "invalid_state")).message).toMatch(/Confirm your e-mail/);
  });

  it("follows the transition table: no double submission, withdraw only while open", async () => {
    const w = await world();
    const c = await submittedCase(w);
    await expectAppError(submitCase(ctxFor(db(), w.applicant), c.id), "invalid_state");
    await expectAppError(completeScreening(db(), c.id).then((r) => (r === null ? Promise.reject(new AppError("invalid_state", "moved on")) : r)), "invalid_state");
    const withdrawn = await withdrawCase(ctxFor(db(), w.applicant), c.id);
    expect(withdrawn.status).toBe("withdrawn");
    await expectAppError(withdrawCase(ctxFor(db(), w.applicant), c.id), "invalid_state");
    await expectAppError(confirmSponsorship(ctxFor(db(), w.employer), c.id, { attest: true }), "invalid_state");
  });

  it("signs up, verifies by token, authenticates and revokes sessions", async () => {
    const first = await signUp(db(), { name: "New Person", email: `New.${kind}@Example.test`, password: "long enough password" });
    const user = first.created!;
    expect(first.email).toBe(`new.${kind}@example.test`);
    expect(user.email).toBe(`new.${kind}@example.test`);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const [job] = await db().select().from(outbox).where(eq(outbox.job, "auth.send_verification")).orderBy(asc(outbox.id));
    expect(job?.payload).toEqual({ userId: expect.any(String) });
    // Issue 17 item 7: the same address again creates nothing and fails nothing; the owner is told by e-mail.
    const dup = await signUp(db(), { name: "Dup", email: ` NEW.${kind}@example.test`, password: "another long password" });
    expect(dup).toEqual({ email: `new.${kind}@example.test`, created: null });
    expect(await db().select({ n: count() }).from(users).where(eq(users.email, user.email))).toEqual([{ n: 1 }]);
    const [notice] = await db().select().from(outbox).where(eq(outbox.job, "auth.send_account_exists"));
    expect(notice?.payload).toEqual({ userId: user.id, hour: expect.any(Number) });
    const bad = await expectAppError(signUp(db(), { name: "", email: "not-an-email", password: "short" }), "validation");
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["email", "name", "password"]);

    const token = await issueVerificationToken(db(), user.id);
    await expectAppError(verifyEmail(db(), "forged-token"), "not_found");
    expect(await checkVerificationToken(db(), token)).toEqual({ state: "confirm", email: user.email });
    const confirmed = await verifyEmail(db(), token);
    expect(confirmed.signIn).toBe(true);
    expect(confirmed.user.emailVerifiedAt).toBeInstanceOf(Date);
    // A link to a confirmed address (this one again, or another) only says so: it never signs in twice.
    expect((await verifyEmail(db(), token)).signIn).toBe(false);
    expect((await verifyEmail(db(), await issueVerificationToken(db(), user.id))).signIn).toBe(false);
    expect(await checkVerificationToken(db(), token)).toEqual({ state: "confirmed", email: user.email });

    expect(await authenticate(db(), { email: user.email, password: "wrong password!" })).toBeNull();
    expect(await authenticate(db(), { email: "nobody@example.test", password: "whatever it is" })).toBeNull();
    const ok = await authenticate(db(), { email: ` NEW.${kind}@example.test `, password: "long enough password" });
    expect(ok?.id).toBe(user.id);
    const session = await createSession(db(), user.id);
    expect((await userForSession(db(), session))?.id).toBe(user.id);
    await revokeSession(db(), session);
    expect(await userForSession(db(), session)).toBeNull();
  });
});
