import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDocument } from "../../models/case/documents";
import { answerEvidence, expireOverdueRequests, listEvidenceRequests, requestEvidence } from "../../models/case/evidence";
import { takeNextCase } from "../../models/case/queue";
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
    const onFile = await errorOf(ask({ guidance: "Please send a clearer scan and your degree.", deadline, items }));
    expect(onFile?.code).toBe("conflict");
    expect(onFile?.fieldErrors.confirmOnFile).toMatch(/Passport \(photo page\) is already on file \(passport.pdf\)/);
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
    const back = await reload(db(), c.id);
    expect(back.status).toBe("in_review");
    expect(back.slaPausedAt).toBeNull();
    expect(back.slaPausedMs).toBeGreaterThanOrEqual(0);
    expect(back.slaPausedMs).toBeLessThanOrEqual(resumedAt.getTime() - paused.slaPausedAt!.getTime());
    expect(back.slaStartedAt?.getTime()).toBe(t0.getTime());
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
    const deps = { db: db(), mailer: { kind: "devmailbox" as const, send: async (m: OutgoingMail) => void sent.push(m), check: async () => undefined }, storage: storage(), publicUrl: "http://portal.test" };
    const overdue = events.find((e) => e.type === "sla_overdue")!;
    await processJob(deps, { id: "ob-x", name: "notify.case_event", data: { eventId: overdue.id } });
    const to = sent.map((m) => m.to);
    expect(to).toContain(officer.email);
    expect(to).toContain(senior.email);
    expect(sent.find((m) => m.to === senior.email)?.text).toContain(`/officer/cases/${c.id}`);
  });
});
