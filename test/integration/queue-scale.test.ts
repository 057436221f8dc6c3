import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proposeDecision, reviewDecision } from "../../models/case/actions";
import { addDocument } from "../../models/case/documents";
import { answerEvidence, expireOverdueRequests, listEvidenceRequests, requestEvidence } from "../../models/case/evidence";
import { assignCase, queueOverview, queueSorts, releaseCase, takeNextCase, type QueueStage } from "../../models/case/queue";
import { resumeReview } from "../../models/case/review";
import { createStorage } from "../../models/platform/storage";
import { cases, type Case } from "../../models/schema/cases";
import { users } from "../../models/schema/users";
import { recomputeSlaDueAt, slaDueAt, slaView } from "../../models/sla";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, errorOf, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const HOUR = 3600_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Issue 10: the stored `sla_due_at` stays what the clock says through every
 * transition, and the queue's keyset pages never skip nor repeat a case while
 * cases are taken, released and reprioritised between pages.
 */
describe.each<DbKind>(["pglite", "postgres"])("stored SLA due dates and keyset pages on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "toptier-queue-scale-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = () => t.handle.db;

  /** Cases straight into a queue stage, with their stored due date as the use cases would write it. */
  async function seed(n: number, spec: (i: number) => Partial<typeof cases.$inferInsert> & Pick<Case, "status">) {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const now = Date.now();
    return db()
      .insert(cases)
      .values(
        Array.from({ length: n }, (_, i) => {
          const s = { slaStartedAt: new Date(now - (i % 7) * HOUR), slaPausedMs: 0, statusChangedAt: new Date(now - ((i * 7) % 13) * 60_000), ...spec(i) };
          return {
            applicantId: applicant.id,
            organizationId: org.id,
            receiptNumber: `TT-S-${kind}-${now}-${i}`,
            dossier: validDossier(org.id),
            ...s,
            slaDueAt: slaDueAt({ status: s.status, slaStartedAt: s.slaStartedAt ?? null, slaPausedMs: s.slaPausedMs ?? 0, slaPausedAt: s.slaPausedAt ?? null }),
          };
        }),
      )
      .returning();
  }

  /** The stored due date is the one computed from the clock (and the SQL recomputation finds nothing to change). */
  async function expectDueTrue(id: string, expectNull?: boolean, now = new Date()) {
    const row = await reload(db(), id);
    expect(row.slaDueAt?.getTime() ?? null).toBe(slaDueAt(row)?.getTime() ?? null);
    if (expectNull !== undefined) expect(row.slaDueAt === null).toBe(expectNull);
    // The case page's own arithmetic (from the clock at `now`) agrees with the stored date.
    const view = slaView(row, now);
    if (view?.dueAt) expect(Math.abs(new Date(view.dueAt).getTime() - row.slaDueAt!.getTime())).toBeLessThan(5);
    expect(await recomputeSlaDueAt(db())).toBe(0);
    return row;
  }

  it("keeps sla_due_at true through pause, evidence received, resume, expiry, second review, sending back and the decision", async () => {
    const [c] = await seed(1, () => ({ status: "in_review", slaStartedAt: new Date(Date.now() - 30 * HOUR) }));
    const officer = await makeUser(db(), "officer");
    const senior = await makeUser(db(), "senior_officer");
    const senior2 = await makeUser(db(), "senior_officer");
    const [applicantUser] = await db().select().from(users).where(eq(users.id, c!.applicantId));
    const storage = createStorage({ kind: "local", dir });
    const first = await expectDueTrue(c!.id, false);
    expect((await takeNextCase(ctxFor(db(), officer)))?.id).toBe(c!.id);

    // Pause: a request for evidence.
    const deadline = day(new Date(Date.now() + 5 * 864e5));
    const request = await requestEvidence(ctxFor(db(), officer), c!.id, { guidance: "Please send the contract.", deadline, items: [{ kind: "document", documentKind: "employment_contract" }] });
    await expectDueTrue(c!.id, true);
    // Evidence received: the clock runs on, the pause counted out, so the due date moved later.
    const [view] = await listEvidenceRequests(ctxFor(db(), officer), c!.id);
    await addDocument({ ...ctxFor(db(), applicantUser!), storage, maxBytes: 4096 }, { caseId: c!.id, kind: "employment_contract", filename: "contract.pdf", bytes: samplePdf(), requestItemId: view!.items[0]!.id });
    await new Promise((r) => setTimeout(r, 20));
    await answerEvidence(ctxFor(db(), applicantUser!), c!.id, { requestId: request.id, answers: {} });
    const received = await expectDueTrue(c!.id, false);
    expect(received.status).toBe("evidence_received");
    expect(received.slaDueAt!.getTime()).toBeGreaterThan(first.slaDueAt!.getTime());
    // Resume: same clock, same due date.
    await resumeReview(ctxFor(db(), officer), c!.id);
    expect((await expectDueTrue(c!.id, false)).slaDueAt!.getTime()).toBe(received.slaDueAt!.getTime());
    // Paused again, then the request expires: back in review, priority raised, due date true again.
    const again = await requestEvidence(ctxFor(db(), officer), c!.id, { guidance: "Please send the degree.", deadline, items: [{ kind: "question", label: "Where is the degree from?" }] });
    await expectDueTrue(c!.id, true);
    const later = new Date(again.deadline.getTime() + 1000);
    expect(await expireOverdueRequests(db(), later)).toBe(1);
    const expired = await expectDueTrue(c!.id, false, later);
    expect(expired).toMatchObject({ status: "in_review", priority: 1 });
    // Second review: a fresh clock with the second review's target.
    await takeNextCase(ctxFor(db(), officer));
    await proposeDecision(ctxFor(db(), officer), c!.id, { outcome: "approve", reasons: "All criteria are met on the evidence." });
    const pending = await expectDueTrue(c!.id, false);
    expect(pending.status).toBe("decision_pending");
    expect(pending.slaDueAt!.getTime()).toBeLessThan(expired.slaDueAt!.getTime() + 1);
    // Sent back, proposed again, confirmed: no clock once decided.
    await assignCase(ctxFor(db(), senior2), c!.id, senior2.id);
    await reviewDecision(ctxFor(db(), senior2), c!.id, { confirm: false, comment: "Check the contract dates." });
    await expectDueTrue(c!.id, false);
    await proposeDecision(ctxFor(db(), officer), c!.id, { outcome: "approve", reasons: "All criteria are met on the evidence." });
    await expectDueTrue(c!.id, false);
    await assignCase(ctxFor(db(), senior), c!.id, senior.id);
    await reviewDecision(ctxFor(db(), senior), c!.id, { confirm: true, comment: "" });
    const decided = await expectDueTrue(c!.id, true);
    expect(decided.status).toBe("approved");
  });

  it.each(queueSorts)("pages through a queue in the %s order with no case skipped or repeated while cases are taken, released and moved ahead between pages", async (sort) => {
    const officer = await makeUser(db(), "officer");
    const senior = await makeUser(db(), "senior_officer");
    const stages: QueueStage[] = ["in_review", "evidence_received", "decision_pending"];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            stage: fc.constantFrom(...stages),
            priority: fc.constantFrom(0, 0, 1, 2),
            started: fc.integer({ min: 0, max: 5 }),
            paused: fc.constantFrom(0, 0, 3 * HOUR),
            // Few distinct values on purpose: ties are broken by the later keys (the id last).
            since: fc.integer({ min: 0, max: 2 }),
            received: fc.integer({ min: 0, max: 2 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.constantFrom("take", "release", "bump", "none"), { maxLength: 6 }),
        async (specs, size, moves) => {
          // Each run on its own queue: everything waiting from earlier runs is taken by another officer first.
          const other = await makeUser(db(), "senior_officer");
          while (await takeNextCase(ctxFor(db(), other))) void 0;
          while (await takeNextCase(ctxFor(db(), other), "decision_pending")) void 0;
          const rows = await seed(specs.length, (i) => ({
            status: specs[i]!.stage,
            priority: specs[i]!.priority,
            // Equal started times and equal priorities on purpose: ties are broken by the later keys.
            slaStartedAt: new Date(Date.UTC(2026, 10, 1 + specs[i]!.started)),
            slaPausedMs: specs[i]!.paused,
            statusChangedAt: new Date(Date.UTC(2026, 10, 1, specs[i]!.since)),
            submittedAt: new Date(Date.UTC(2026, 9, 1 + specs[i]!.received)),
          }));
          const ids = new Set(rows.map((r) => r.id));
          const seen: string[] = [];
          const stayed = new Set(ids);
          let after: string | undefined;
          let moved = 0;
          const taken: string[] = [];
          for (let page = 0; page < 100; page++) {
            const o = await queueOverview(ctxFor(db(), senior), { after, size, sort });
            for (const r of o.waiting) seen.push(r.id);
            expect(o.waiting.length).toBeLessThanOrEqual(size);
            // Between pages, someone takes the next case, releases one or the queue changes a priority.
            const move = moves[moved++];
            if (move === "take") {
              const c = await takeNextCase(ctxFor(db(), officer));
              if (c) {
                stayed.delete(c.id);
                taken.push(c.id);
              }
            } else if (move === "release" && taken.length) {
              // A case taken earlier comes back to the queue (it may be listed later, once at most).
              await releaseCase(ctxFor(db(), officer), taken.pop()!);
            } else if (move === "bump") {
              // A case not yet listed moves ahead of the cursor in this order (as an expiry raising its priority
              // would in the most urgent first; as a correction of the dates would in the other two).
              const rest = [...stayed].filter((id) => !seen.includes(id));
              if (rest.length) {
                const ahead = { urgency: { priority: 9 }, longest: { statusChangedAt: new Date(Date.UTC(2020, 0, 1)) }, newest: { submittedAt: new Date(Date.UTC(2030, 0, 1)) } }[sort];
                await db().update(cases).set(ahead).where(eq(cases.id, rest[0]!));
                stayed.delete(rest[0]!);
              }
            }
            if (!o.next) break;
            after = o.next;
          }
          // Never twice; and every case that stayed where it was (not taken, not moved ahead) was listed once.
          expect(new Set(seen).size).toBe(seen.length);
          for (const id of stayed) expect(seen).toContain(id);
          for (const id of seen) expect(ids.has(id)).toBe(true);
          // The pages, put together, are the queue's order.
          const unmoved = seen.filter((id) => stayed.has(id));
          const byId = (a: Case, b: Case) => (a.id < b.id ? -1 : 1);
          const compare = {
            urgency: (a: Case, b: Case) => b.priority - a.priority || a.slaDueAt!.getTime() - b.slaDueAt!.getTime() || a.statusChangedAt.getTime() - b.statusChangedAt.getTime() || byId(a, b),
            longest: (a: Case, b: Case) => a.statusChangedAt.getTime() - b.statusChangedAt.getTime() || byId(a, b),
            newest: (a: Case, b: Case) => b.submittedAt!.getTime() - a.submittedAt!.getTime() || byId(b, a),
          }[sort];
          const order = rows
            .filter((r) => stayed.has(r.id))
            .sort(compare)
            .map((r) => r.id);
          expect(unmoved).toEqual(order);
          // Tidy: this run's cases leave the queue.
          await db().update(cases).set({ assignedOfficerId: other.id }).where(eq(cases.status, "in_review"));
          await db().update(cases).set({ assignedOfficerId: other.id }).where(eq(cases.status, "evidence_received"));
          await db().update(cases).set({ assignedOfficerId: other.id }).where(eq(cases.status, "decision_pending"));
        },
      ),
      { numRuns: kind === "pglite" ? 10 : 15 },
    );
  });

  it("filters the list by stage, assignee, flags and outcome, and answers a bad filter or page link with a message", async () => {
    const officer = await makeUser(db(), "officer");
    const rows = await seed(6, (i) => ({
      status: i < 4 ? "in_review" : "evidence_received",
      flags: i % 2 ? [{ code: "dates_contradict" as const, detail: "x", raisedAt: new Date().toISOString() }] : [],
      assignedOfficerId: i === 5 ? officer.id : null,
    }));
    const ctx = ctxFor(db(), officer);
    const mineOnly = await queueOverview(ctx, { assignee: "me" });
    expect(mineOnly.waiting.map((r) => r.id)).toEqual([rows[5]!.id]);
    const byOfficerId = await queueOverview(ctx, { assignee: officer.id });
    expect(byOfficerId.waiting.map((r) => r.id)).toEqual([rows[5]!.id]);
    const flagged = await queueOverview(ctx, { stage: "in_review", flags: "flagged" });
    expect(flagged.waiting.filter((r) => rows.some((x) => x.id === r.id)).map((r) => r.id).sort()).toEqual([rows[1]!.id, rows[3]!.id].sort());
    expect(flagged.waiting.every((r) => r.flags > 0 && r.status === "in_review")).toBe(true);
    const received = await queueOverview(ctx, { stage: "evidence_received", flags: "none" });
    expect(received.waiting.filter((r) => rows.some((x) => x.id === r.id)).map((r) => r.id)).toEqual([rows[4]!.id]);
    expect((await queueOverview(ctx, { outcome: "eligible" })).waiting.filter((r) => rows.some((x) => x.id === r.id))).toEqual([]);
    expect((await queueOverview(ctx, { outcome: "not_screened" })).waiting.filter((r) => rows.some((x) => x.id === r.id)).length).toBe(5);
    // A page link made for one order is refused by another (not read as a position in it).
    const page1 = await queueOverview(ctx, { stage: "in_review", size: 1 });
    expect(page1.next).toBeTruthy();
    for (const bad of [{ after: "not-a-cursor" }, { size: "0" }, { size: "x" }, { flags: "maybe" }, { assignee: "someone" }, { stage: "draft" }, { outcome: "great" }, { sort: "random" }, { sort: "newest", after: page1.next! }]) {
      const err = await errorOf(queueOverview(ctx, bad as never));
      expect(err?.code).toBe("validation");
      expect(err?.message).toBeTruthy();
    }
    // Second reviews are listed for senior officers only.
    expect((await errorOf(queueOverview(ctx, { stage: "decision_pending" })))?.code).toBe("forbidden");
    await releaseCase(ctx, rows[5]!.id);
  });
});
