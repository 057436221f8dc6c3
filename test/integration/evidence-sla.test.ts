import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proposeDecision } from "../../models/case/actions";
import { addDocument } from "../../models/case/documents";
import { answerEvidence, expireOverdueRequests, listEvidenceRequests, requestEvidence } from "../../models/case/evidence";
import { queueOverview, takeNextCase } from "../../models/case/queue";
import { resumeReview } from "../../models/case/review";
import type { OutgoingMail } from "../../models/platform/mail";
import { createStorage } from "../../models/platform/storage";
import { caseEvents, cases, documents } from "../../models/schema/cases";
import { outbox } from "../../models/schema/outbox";
import { scanSla, slaTargets, slaView } from "../../models/sla";
import { processJob } from "../../workers/runtime";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf, validDossier, errorOf } from "../support/factories";

const HOUR = 3600_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe.each<DbKind>(["pglite", "postgres"])("evidence requests and SLA clocks on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "toptier-evidence-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = () => t.handle.db;
  const storage = () => createStorage({ kind: "local", dir });

  /** A case in review since `since`, with a passport on file, claimed by an officer. */
  async function inReview(since: Date) {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const employer = await makeUser(db(), "employer_admin", { organizationId: org.id });
    const officer = await makeUser(db(), "officer");
    const [c] = await db()
      .insert(cases)
      .values({ applicantId: applicant.id, organizationId: org.id, status: "in_review", receiptNumber: `TT-E-${Math.random()}`, dossier: validDossier(org.id), slaStartedAt: since, statusChangedAt: since })
      .returning();
    await db().insert(documents).values({ caseId: c!.id, kind: "passport", filename: "passport.pdf", contentType: "application/pdf", sizeBytes: 10, sha256: "x".repeat(64), storageKey: `k/${c!.id}`, uploadedBy: applicant.id });
    await db().update(cases).set({ assignedOfficerId: officer.id }).where(eq(cases.id, c!.id));
    return { c: c!, applicant, employer, officer };
  }

  it("asks for one checklist item by its key: which degree, stored with its English and Korean labels (issue 11 item 8)", async () => {
    const { c, officer, applicant } = await inReview(new Date(Date.now() - HOUR));
    const deadline = day(new Date(Date.now() + 14 * 864e5));
    // validDossier's degree has no entry id: its checklist key is its position (docs/decisions/017).
    await requestEvidence(ctxFor(db(), officer), c.id, { guidance: "Please send the certificate of this degree.", deadline, items: [{ kind: "document", documentKind: "other", checklistKey: "degree:0" }] });
    const [view] = await listEvidenceRequests(ctxFor(db(), applicant), c.id);
    expect(view!.items).toHaveLength(1);
    expect(view!.items[0]).toMatchObject({ kind: "document", documentKind: "degree_certificate", checklistItem: "degree:0", label: "Degree certificate: Doctorate, KAIST", labelKo: "학위증명서: 박사, KAIST" });
  });

  it("asks for evidence, warns about what is on file, pauses the clock, and takes the applicant's answer", async () => {
    const t0 = new Date(Date.now() - 10 * HOUR);
    const { c, applicant, officer, employer } = await inReview(t0);
    const ask = (input: Parameters<typeof requestEvidence>[2], now = new Date()) => requestEvidence(ctxFor(db(), officer), c.id, input, now);
    const deadline = day(new Date(Date.now() + 14 * 864e5));

    expect((await errorOf(ask({ guidance: "Please send more.", deadline, items: [] })))?.fieldErrors.items).toMatch(/at least one item/);
    expect((await errorOf(ask({ guidance: "Please send more.", deadline: day(new Date()), items: [{ kind: "question", label: "Where did you work in 2019?" }] })))?.fieldErrors.deadline).toMatch(/tomorrow/);
    expect((await errorOf(ask({ guidance: "Please send more.", deadline: day(new Date(Date.now() + 120 * 864e5)), items: [{ kind: "question", label: "Where?????" }] })))?.fieldErrors.deadline).toMatch(/90 days/);
    const items = [
      { kind: "document" as const, documentKind: "passport" as const },
      { kind: "document" as const, documentKind: "degree_certificate" as const },
      { kind: "question" as const, label: "Which team will you join?" },
    ];
    // Issue 11 item 8 (changed on purpose): what is on file is named by its item, never by its file name, and
    // the form asks to confirm (a 400 with the items marked), not a 409 page.
    const onFile = await errorOf(ask({ guidance: "Please send a clearer scan and your degree.", deadline, items }));
    expect(onFile?.code).toBe("validation");
    expect(onFile?.fieldErrors.confirmOnFile).toBe("Some items you chose are already on file");
    expect(Object.keys(onFile!.fieldErrors).sort()).toEqual(["confirmOnFile", "doc.passport"]);
    expect(JSON.stringify(onFile)).not.toContain("passport.pdf");
    // A checklist item is asked for by its key: which degree (or job, or person); an unknown key is refused.
    expect((await errorOf(ask({ guidance: "Please send your degree certificate.", deadline, items: [{ kind: "document", documentKind: "other", checklistKey: "degree:nope" }] })))?.fieldErrors.items).toMatch(
      /checklist/,
    );
    expect((await reload(db(), c.id)).status).toBe("in_review");

    const request = await ask({ guidance: "Please send a clearer scan and your degree.", deadline, items, confirmOnFile: true });
    const paused = await reload(db(), c.id);
    expect(paused.status).toBe("evidence_requested");
    expect(paused.slaPausedAt).toBeInstanceOf(Date);
    expect(slaView(paused, new Date())?.paused).toBe(true);
    const [event] = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "request_evidence")));
    expect((await db().select().from(outbox).where(eq(outbox.job, "notify.case_event"))).some((o) => o.payload.eventId === event!.id)).toBe(true);

    // Neither the sponsor nor another applicant can answer; an incomplete answer names what is missing.
    const other = await makeUser(db(), "applicant");
    expect((await errorOf(answerEvidence(ctxFor(db(), other), c.id, { requestId: request.id, answers: {} })))?.code).toBe("not_found");
    expect((await errorOf(answerEvidence(ctxFor(db(), employer), c.id, { requestId: request.id, answers: {} })))?.code).toBe("forbidden");
    const [view] = await listEvidenceRequests(ctxFor(db(), applicant), c.id);
    const question = view!.items.find((i) => i.kind === "question")!;
    const docItems = view!.items.filter((i) => i.kind === "document");
    const incomplete = await errorOf(answerEvidence(ctxFor(db(), applicant), c.id, { requestId: request.id, answers: {} }));
    expect(Object.keys(incomplete!.fieldErrors).sort()).toEqual([`answer.${question.id}`, ...docItems.map((i) => `file.${i.id}`)].sort());

    // Uploads against items; a question item takes no file; an upload without an item is refused now.
    const up = (requestItemId?: string) =>
      addDocument({ ...ctxFor(db(), applicant), storage: storage(), maxBytes: 4096 }, { caseId: c.id, kind: "passport", filename: "scan.pdf", bytes: samplePdf(), requestItemId });
    expect((await errorOf(up()))?.code).toBe("invalid_state");
    expect((await errorOf(up(question.id)))?.code).toBe("invalid_state");
    for (const i of docItems) await up(i.id);
    const resumedAt = new Date();
    await answerEvidence(ctxFor(db(), applicant), c.id, { requestId: request.id, answers: { [question.id]: "The vision team." }, note: "Both attached." }, resumedAt);
    // The answer puts the case in the "evidence received" queue, still with its officer; the review clock runs on.
    const back = await reload(db(), c.id);
    expect(back.status).toBe("evidence_received");
    expect(back.assignedOfficerId).toBe(officer.id);
    expect(back.slaPausedAt).toBeNull();
    expect(back.slaPausedMs).toBeGreaterThanOrEqual(0);
    expect(back.slaPausedMs).toBeLessThanOrEqual(resumedAt.getTime() - paused.slaPausedAt!.getTime());
    expect(back.slaStartedAt?.getTime()).toBe(t0.getTime());
    expect(slaView(back, new Date())).toMatchObject({ stage: "in_review", paused: false, targetHours: slaTargets.stages.in_review });
    // Only officers resume the review; the clock neither restarts nor pauses again.
    expect((await errorOf(resumeReview(ctxFor(db(), applicant), c.id)))?.code).toBe("forbidden");
    expect((await errorOf(resumeReview(ctxFor(db(), await makeUser(db(), "officer")), c.id)))?.code).toBe("forbidden");
    await resumeReview(ctxFor(db(), officer), c.id);
    const resumed = await reload(db(), c.id);
    expect(resumed).toMatchObject({ status: "in_review", assignedOfficerId: officer.id, slaPausedAt: null, slaPausedMs: back.slaPausedMs });
    expect(resumed.slaStartedAt?.getTime()).toBe(t0.getTime());
    expect((await errorOf(resumeReview(ctxFor(db(), officer), c.id)))?.code).toBe("invalid_state");
    const [answered] = await listEvidenceRequests(ctxFor(db(), officer), c.id);
    expect(answered).toMatchObject({ status: "answered", answerNote: "Both attached." });
    expect(answered!.items.find((i) => i.id === question.id)?.answerText).toBe("The vision team.");
    expect(answered!.items.filter((i) => i.kind === "document").every((i) => i.files.length === 1)).toBe(true);
    expect((await errorOf(answerEvidence(ctxFor(db(), applicant), c.id, { requestId: request.id, answers: {} })))?.code).toBe("invalid_state");
  });

  it("expires an unanswered request after its deadline and returns the case to the queue flagged", async () => {
    const { c, officer } = await inReview(new Date(Date.now() - HOUR));
    const request = await requestEvidence(ctxFor(db(), officer), c.id, { guidance: "Send the contract please.", deadline: day(new Date(Date.now() + 3 * 864e5)), items: [{ kind: "document", documentKind: "employment_contract" }] });
    expect(await expireOverdueRequests(db(), new Date())).toBe(0);
    const after = new Date(request.deadline.getTime() + 1000);
    expect(await expireOverdueRequests(db(), after)).toBe(1);
    const back = await reload(db(), c.id);
    expect(back).toMatchObject({ status: "in_review", assignedOfficerId: null, priority: 1 });
    expect((await listEvidenceRequests(ctxFor(db(), officer), c.id))[0]?.status).toBe("expired");
    expect(await expireOverdueRequests(db(), after)).toBe(0);
    // It is now the most urgent case in the queue.
    expect((await takeNextCase(ctxFor(db(), await makeUser(db(), "officer"))))?.id).toBe(c.id);
  });

  it("queues an answered request under evidence received: taken from there, asked again or decided, and the assignee is told", async () => {
    const t0 = new Date(Date.now() - 5 * HOUR);
    const { c, applicant, officer } = await inReview(t0);
    const deadline = day(new Date(Date.now() + 10 * 864e5));
    const ask = () => requestEvidence(ctxFor(db(), officer), c.id, { guidance: "Which team will you join, please?", deadline, items: [{ kind: "question", label: "Which team will you join?" }] });
    const answer = async (requestId: string) => {
      const [view] = await listEvidenceRequests(ctxFor(db(), applicant), c.id);
      return answerEvidence(ctxFor(db(), applicant), c.id, { requestId, answers: { [view!.items[0]!.id]: "The vision team." } });
    };
    await answer((await ask()).id);
    expect((await reload(db(), c.id)).status).toBe("evidence_received");
    const mine = await queueOverview(ctxFor(db(), officer));
    expect(mine.mine.find((m) => m.id === c.id)?.status).toBe("evidence_received");
    expect(mine.counts.find((q) => q.stage === "evidence_received")?.assigned).toBeGreaterThanOrEqual(1);

    // The requesting officer is told by e-mail.
    const sent: OutgoingMail[] = [];
    const deps = { db: db(), mailer: { kind: "devmailbox" as const, send: async (m: OutgoingMail) => void sent.push(m), check: async () => undefined }, storage: storage(), publicUrl: "http://portal.test", secret: "test-secret" };
    const [answered] = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "answer_evidence")));
    expect(answered).toMatchObject({ fromStatus: "evidence_requested", toStatus: "evidence_received" });
    await processJob(deps, { id: "ob-y", name: "notify.case_event", data: { eventId: answered!.id } });
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[officer.email, expect.stringContaining("Evidence received")]]);

    // Asked again straight from "evidence received": the clock pauses again.
    const again = await ask();
    expect(await reload(db(), c.id)).toMatchObject({ status: "evidence_requested", slaPausedAt: expect.any(Date) });
    // Released meanwhile, it waits in the queue when answered; the officer who asked is still told.
    await db().update(cases).set({ assignedOfficerId: null }).where(eq(cases.id, c.id));
    await answer(again.id);
    const answers = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "answer_evidence")));
    expect(answers).toHaveLength(2);
    sent.length = 0;
    await processJob(deps, { id: "ob-z", name: "notify.case_event", data: { eventId: answers.find((e) => e.id !== answered!.id)!.id } });
    expect(sent.map((m) => m.to)).toEqual([officer.email]);
    const colleague = await makeUser(db(), "officer");
    const waiting = await queueOverview(ctxFor(db(), colleague));
    expect(waiting.waiting.find((w) => w.id === c.id)?.status).toBe("evidence_received");
    const taken = await takeNextCase(ctxFor(db(), colleague), "evidence_received");
    expect(taken).toMatchObject({ id: c.id, status: "evidence_received", assignedOfficerId: colleague.id });
    // A decision can be proposed directly from "evidence received".
    await proposeDecision(ctxFor(db(), colleague), c.id, { outcome: "approve", reasons: "All criteria are met on the evidence." });
    const decided = await reload(db(), c.id);
    expect(decided.status).toBe("decision_pending");
    expect(decided.slaStartedAt!.getTime()).toBeGreaterThan(t0.getTime());
  });

  it("tells the employer, not the applicant, of a request addressed to the employer, of its answer's arrival and of its expiry", async () => {
    const { c, applicant, employer, officer } = await inReview(new Date(Date.now() - HOUR));
    const sent: OutgoingMail[] = [];
    const deps = { db: db(), mailer: { kind: "devmailbox" as const, send: async (m: OutgoingMail) => void sent.push(m), check: async () => undefined }, storage: storage(), publicUrl: "http://portal.test", secret: "test-secret" };
    const notify = async (type: string) => {
      const events = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, type)));
      sent.length = 0;
      await processJob(deps, { id: `ob-${type}-${events.at(-1)!.id}`, name: "notify.case_event", data: { eventId: events.at(-1)!.id } });
      return sent.map((m) => m.to);
    };
    const deadline = day(new Date(Date.now() + 14 * 864e5));
    const ask = () => requestEvidence(ctxFor(db(), officer), c.id, { guidance: "Please confirm the contract terms.", deadline, addressee: "employer", items: [{ kind: "question", label: "Is the contract permanent?" }] });
    await ask();
    expect(await notify("request_evidence")).toEqual([employer.email]);
    const [view] = await listEvidenceRequests(ctxFor(db(), employer), c.id);
    await answerEvidence(ctxFor(db(), employer), c.id, { requestId: view!.id, answers: { [view!.items[0]!.id]: "Yes, permanent." } });
    expect(await notify("answer_evidence")).toEqual([officer.email]);

    // Asked again and left unanswered: the expiry is the employer's news too.
    await ask();
    await expireOverdueRequests(db(), new Date(Date.now() + 30 * 864e5));
    const recipients = await notify("expire_evidence");
    expect(recipients).toEqual([employer.email]);
    expect(recipients).not.toContain(applicant.email);
  });

  it("runs the review clock on while evidence is received: at risk and overdue count from the review's start", async () => {
    const target = slaTargets.stages.in_review! * HOUR;
    const t0 = new Date("2026-02-02T00:00:00Z");
    const received = await inReview(t0);
    // Paused for 10 hours while evidence was requested, then received.
    await db().update(cases).set({ status: "evidence_received", slaPausedMs: 10 * HOUR }).where(eq(cases.id, received.c.id));
    await scanSla(db(), new Date(t0.getTime() + 0.75 * target + 5 * HOUR));
    expect((await reload(db(), received.c.id)).slaState).toBe("ok");
    await scanSla(db(), new Date(t0.getTime() + 0.75 * target + 11 * HOUR));
    expect((await reload(db(), received.c.id)).slaState).toBe("at_risk");
    const [event] = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, received.c.id), eq(caseEvents.type, "sla_at_risk")));
    expect(event?.data).toMatchObject({ stage: "in_review" });
    await scanSla(db(), new Date(t0.getTime() + target + 11 * HOUR));
    expect((await reload(db(), received.c.id)).slaState).toBe("overdue");
  });

  it("marks cases at risk and overdue once each, skips paused clocks, and escalates overdue cases to senior officers", async () => {
    const target = slaTargets.stages.in_review! * HOUR;
    const t0 = new Date("2026-01-05T00:00:00Z");
    const { c, officer } = await inReview(t0);
    const paused = await inReview(t0);
    await db().update(cases).set({ status: "evidence_requested", slaPausedAt: t0 }).where(eq(cases.id, paused.c.id));
    const senior = await makeUser(db(), "senior_officer");

    await scanSla(db(), new Date(t0.getTime() + 0.5 * target));
    expect((await reload(db(), c.id)).slaState).toBe("ok");
    await scanSla(db(), new Date(t0.getTime() + 0.8 * target));
    expect((await reload(db(), c.id)).slaState).toBe("at_risk");
    await scanSla(db(), new Date(t0.getTime() + 0.9 * target));
    await scanSla(db(), new Date(t0.getTime() + target + HOUR));
    expect((await reload(db(), c.id)).slaState).toBe("overdue");
    await scanSla(db(), new Date(t0.getTime() + 2 * target));
    const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(events.filter((e) => e.type === "sla_at_risk")).toHaveLength(1);
    expect(events.filter((e) => e.type === "sla_overdue")).toHaveLength(1);
    expect((await reload(db(), paused.c.id)).slaState).toBe("ok");

    const sent: OutgoingMail[] = [];
    const deps = { db: db(), mailer: { kind: "devmailbox" as const, send: async (m: OutgoingMail) => void sent.push(m), check: async () => undefined }, storage: storage(), publicUrl: "http://portal.test", secret: "test-secret" };
    const overdue = events.find((e) => e.type === "sla_overdue")!;
    await processJob(deps, { id: "ob-x", name: "notify.case_event", data: { eventId: overdue.id } });
    const to = sent.map((m) => m.to);
    expect(to).toContain(officer.email);
    expect(to).toContain(senior.email);
    expect(sent.find((m) => m.to === senior.email)?.text).toContain(`/officer/cases/${c.id}`);
  });
});
