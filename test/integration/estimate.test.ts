import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateFacts, estimateForCase } from "../../models/case/estimate";
import { caseEvents, cases } from "../../models/schema/cases";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, validDossier } from "../support/factories";

/** A8: the queue facts behind a case's estimate, from the database, with a controlled clock. */
const DAY = 864e5;
const now = new Date("2026-06-15T00:00:00Z");

describe.each<DbKind>(["pglite", "postgres"])("case estimate facts on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.drop());
  const db = () => t.handle.db;

  it("counts the cases ahead in the stage (priority first, then time in stage) and the stage's recent throughput", async () => {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const officer = await makeUser(db(), "officer");
    const inReview = async (enteredDaysAgo: number, extra: Partial<typeof cases.$inferInsert> = {}) => {
      const at = new Date(now.getTime() - enteredDaysAgo * DAY);
      const [c] = await db()
        .insert(cases)
        .values({ applicantId: applicant.id, organizationId: org.id, status: "in_review", dossier: validDossier(org.id), slaStartedAt: at, statusChangedAt: at, receiptNumber: `TT-Q-${Math.random()}`, ...extra })
        .returning();
      return c!;
    };
    const older = await inReview(6);
    await inReview(5, { priority: 0, assignedOfficerId: officer.id }); // ahead too: entered earlier, being worked on
    await inReview(1, { priority: 1 }); // ahead: higher priority
    const mine = await inReview(4);
    await inReview(2); // behind
    await inReview(7, { status: "decision_pending" }); // another stage
    // Throughput: two left review within 28 days, one long ago, one moved within the stage (not finished).
    const ev = (c: { id: string }, daysAgo: number, from: "in_review" | "evidence_requested", to: "decision_pending" | "evidence_requested" | "withdrawn") =>
      ({ caseId: c.id, type: "x", fromStatus: from, toStatus: to, at: new Date(now.getTime() - daysAgo * DAY) }) as const;
    await db().insert(caseEvents).values([ev(older, 3, "in_review", "decision_pending"), ev(older, 10, "in_review", "withdrawn"), ev(older, 40, "in_review", "decision_pending"), ev(older, 2, "in_review", "evidence_requested")]);

    const facts = await estimateFacts(db(), mine, now);
    expect(facts).toMatchObject({ status: "in_review", ahead: 3, assigned: false, finishedInWindow: 2, windowDays: 28, evidenceDeadline: null });
    expect(facts.elapsedMs).toBe(4 * DAY);
    // Once an officer has it, nothing is ahead.
    const claimed = { ...mine, assignedOfficerId: officer.id };
    expect((await estimateFacts(db(), claimed, now)).ahead).toBe(0);
    // Through the use case: a range with the queue as its basis; none for a draft.
    const est = await estimateForCase(ctxFor(db(), applicant), mine.id, now);
    expect(est!.basis.queue).toEqual({ ahead: 3, finished: 2, windowDays: 28 });
    expect(est!.toDays).toBeGreaterThan(est!.fromDays);
    const [draft] = await db().insert(cases).values({ applicantId: applicant.id, dossier: {} as never }).returning();
    expect(await estimateForCase(ctxFor(db(), applicant), draft!.id, now)).toBeNull();
  });
});
