import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proposeDecision, reviewDecision } from "../../models/case/actions";
import { assignCase, queueOverview, releaseCase, takeNextCase } from "../../models/case/queue";
import { openDatabase, type DatabaseHandle } from "../../models/platform/db";
import { cases, type Case } from "../../models/schema/cases";
import { slaDueAt, slaTargets } from "../../models/sla";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, reload, validDossier, errorOf } from "../support/factories";

/** Cases straight into the review stage (the path there is covered by case-flow.test.ts). */
async function seedInReview(t: TestDatabase, n: number, opts: { priority?: (i: number) => number; ageMinutes?: (i: number) => number } = {}) {
  const db = t.handle.db;
  const org = await makeOrganization(db);
  const applicant = await makeUser(db, "applicant");
  const now = Date.now();
  const rows = await db
    .insert(cases)
    .values(
      Array.from({ length: n }, (_, i) => ({
        applicantId: applicant.id,
        organizationId: org.id,
        status: "in_review" as const,
        receiptNumber: `TT-Q-${t.url ? "pg" : "lite"}-${now}-${i}`,
        dossier: validDossier(org.id),
        priority: opts.priority?.(i) ?? 0,
        statusChangedAt: new Date(now - (opts.ageMinutes?.(i) ?? n - i) * 60_000),
      })),
    )
    .returning();
  return rows;
}

describe.each<DbKind>(["pglite", "postgres"])("review queues on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t.drop());
  const db = () => t.handle.db;

  it("hands out the highest priority first, then the longest waiting, and never a claimed case", async () => {
    const rows = await seedInReview(t, 4, { priority: (i) => (i === 2 ? 1 : 0), ageMinutes: (i) => [10, 50, 5, 30][i]! });
    const officer = await makeUser(db(), "officer");
    const other = await makeUser(db(), "officer");
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await takeNextCase(ctxFor(db(), i % 2 ? other : officer)))!.id);
    expect(order).toEqual([rows[2]!.id, rows[1]!.id, rows[3]!.id, rows[0]!.id]);
    expect(await takeNextCase(ctxFor(db(), officer))).toBeNull();
    const overview = await queueOverview(ctxFor(db(), officer));
    expect(overview.mine.map((c) => c.id).sort()).toEqual([rows[2]!.id, rows[3]!.id].sort());
    expect(overview.counts.find((c) => c.stage === "in_review")).toMatchObject({ waiting: 0, assigned: 4 });
  });

  it("takes next across the review stages by priority, then SLA due date, and counts evidence received as its own queue", async () => {
    const target = slaTargets.stages.in_review! * 3600_000;
    const now = Date.now();
    // Oldest first by "in stage since", but the due dates say otherwise: a long pause pushes a due date out.
    const rows = await seedInReview(t, 4, { ageMinutes: (i) => [40, 30, 20, 10][i]! });
    // Written straight to the table (as the use cases would, the stored due date follows the clock).
    const set = (i: number, v: Partial<typeof cases.$inferInsert> & Pick<Case, "status">) =>
      db()
        .update(cases)
        .set({ ...v, slaDueAt: slaDueAt({ status: v.status, slaStartedAt: v.slaStartedAt ?? null, slaPausedMs: v.slaPausedMs ?? 0, slaPausedAt: null }) })
        .where(eq(cases.id, rows[i]!.id));
    await set(0, { status: "in_review", slaStartedAt: new Date(now - 2 * 3600_000) }); // due in target - 2 h
    await set(1, { status: "evidence_received", slaStartedAt: new Date(now - 50 * 3600_000), slaPausedMs: 10 * 3600_000 }); // due in target - 40 h
    await set(2, { status: "evidence_received", slaStartedAt: new Date(now - 3600_000) }); // due in target - 1 h
    await set(3, { status: "in_review", slaStartedAt: new Date(now - 30 * 3600_000), priority: 1 }); // priority first
    const officer = await makeUser(db(), "officer");
    const before = await queueOverview(ctxFor(db(), officer));
    expect(before.counts.map((c) => c.stage)).toEqual(["in_review", "evidence_received", "decision_pending"]);
    expect(before.counts.find((c) => c.stage === "evidence_received")).toMatchObject({ waiting: 2 });
    expect(before.waiting.filter((w) => rows.some((r) => r.id === w.id)).map((w) => w.id)).toEqual([3, 1, 0, 2].map((i) => rows[i]!.id));
    expect(target).toBeGreaterThan(50 * 3600_000);

    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await takeNextCase(ctxFor(db(), officer)))!.id);
    expect(order).toEqual([3, 1, 0, 2].map((i) => rows[i]!.id));
    // Taking does not change the stage: the case shows under "evidence received" with its officer.
    expect((await reload(db(), rows[1]!.id)).status).toBe("evidence_received");
    const after = await queueOverview(ctxFor(db(), officer));
    expect(after.counts.find((c) => c.stage === "evidence_received")).toMatchObject({ waiting: 0, assigned: 2 });
    expect(after.mine.filter((m) => m.status === "evidence_received")).toHaveLength(2);
    // A stage of its own can be taken from alone, and assigned like the others.
    await releaseCase(ctxFor(db(), officer), rows[2]!.id);
    await releaseCase(ctxFor(db(), officer), rows[0]!.id);
    expect((await takeNextCase(ctxFor(db(), officer), "evidence_received"))?.id).toBe(rows[2]!.id);
    expect(await takeNextCase(ctxFor(db(), officer), "evidence_received")).toBeNull();
    const colleague = await makeUser(db(), "officer");
    await assignCase(ctxFor(db(), officer), rows[2]!.id, colleague.id);
    expect((await reload(db(), rows[2]!.id)).assignedOfficerId).toBe(colleague.id);
    expect((await takeNextCase(ctxFor(db(), officer), "in_review"))?.id).toBe(rows[0]!.id);
  });

  it("assigns, releases and routes second reviews to another senior officer", async () => {
    const [c] = await seedInReview(t, 1);
    const officer = await makeUser(db(), "officer");
    const colleague = await makeUser(db(), "officer");
    const senior = await makeUser(db(), "senior_officer");
    const senior2 = await makeUser(db(), "senior_officer");
    const applicant = await makeUser(db(), "applicant");

    await assignCase(ctxFor(db(), officer), c!.id, colleague.id);
    expect((await reload(db(), c!.id)).assignedOfficerId).toBe(colleague.id);
    // A plain officer cannot take a colleague's case away; a senior officer can.
    expect((await errorOf(assignCase(ctxFor(db(), officer), c!.id, officer.id)))?.code).toBe("forbidden");
    expect((await errorOf(releaseCase(ctxFor(db(), officer), c!.id)))?.code).toBe("forbidden");
    expect((await errorOf(assignCase(ctxFor(db(), senior), c!.id, applicant.id)))?.code).toBe("validation");
    await assignCase(ctxFor(db(), senior), c!.id, officer.id);
    await releaseCase(ctxFor(db(), officer), c!.id);
    expect((await reload(db(), c!.id)).assignedOfficerId).toBeNull();

    const mine = await takeNextCase(ctxFor(db(), officer));
    expect(mine?.id).toBe(c!.id);
    await proposeDecision(ctxFor(db(), senior), c!.id, { outcome: "approve", reasons: "All criteria are met on the evidence." });
    // The proposal leaves the officer's hands for the second-review queue, which plain officers cannot take from.
    expect((await reload(db(), c!.id)).assignedOfficerId).toBeNull();
    expect((await errorOf(takeNextCase(ctxFor(db(), officer), "decision_pending")))?.code).toBe("forbidden");
    // The proposer does not get their own decision to review.
    expect(await takeNextCase(ctxFor(db(), senior), "decision_pending")).toBeNull();
    expect((await errorOf(assignCase(ctxFor(db(), senior2), c!.id, senior.id)))?.code).toBe("validation");
    expect((await takeNextCase(ctxFor(db(), senior2), "decision_pending"))?.id).toBe(c!.id);
    // Sent back: it returns to the officer who proposed it.
    await reviewDecision(ctxFor(db(), senior2), c!.id, { confirm: false, comment: "Check the degree certificate." });
    expect((await reload(db(), c!.id)).assignedOfficerId).toBe(senior.id);
  });

  it("shows a senior officer every officer's load and refuses non-officers", async () => {
    const senior = await makeUser(db(), "senior_officer");
    const officer = await makeUser(db(), "officer");
    const overview = await queueOverview(ctxFor(db(), senior));
    expect(overview.loads?.some((l) => l.officerId === officer.id && l.cases === 0)).toBe(true);
    expect((await queueOverview(ctxFor(db(), officer))).loads).toBeNull();
    const applicant = await makeUser(db(), "applicant");
    expect((await errorOf(takeNextCase(ctxFor(db(), applicant))))?.code).toBe("forbidden");
    expect((await errorOf(queueOverview(ctxFor(db(), await makeUser(db(), "employer_admin")))))?.code).toBe("forbidden");
  });
});

describe("take next under concurrency (real PostgreSQL, many connections)", () => {
  let t: TestDatabase;
  const handles: DatabaseHandle[] = [];
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
    await t.drop();
  });

  it("never hands the same case to two officers", async () => {
    const rows = await seedInReview(t, 40);
    const officers = await Promise.all(Array.from({ length: 12 }, () => makeUser(t.handle.db, "officer")));
    // Each officer on a pool of its own, as if on separate web processes.
    for (let i = 0; i < officers.length; i++) handles.push(await openDatabase({ kind: "postgres", url: t.url!, max: 3 }));
    const claims = await Promise.all(
      officers.flatMap((o, i) => Array.from({ length: 5 }, () => takeNextCase(ctxFor(handles[i]!.db, o)))),
    );
    const got = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(got).toHaveLength(40);
    expect(new Set(got).size).toBe(40);
    expect(new Set(got)).toEqual(new Set(rows.map((r) => r.id)));
    expect(claims.filter((c) => c === null)).toHaveLength(20);
    const fresh = await Promise.all(rows.map((r) => reload(t.handle.db, r.id)));
    const byCase = new Map(claims.filter(Boolean).map((c) => [c!.id, c!.assignedOfficerId]));
    for (const r of fresh) expect(r.assignedOfficerId).toBe(byCase.get(r.id));
  });
});
