import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passportIndex } from "../../models/case/passport-index";
import { searchCases, type SearchInput } from "../../models/case/search";
import type { AppError } from "../../models/errors";
import type { CaseStatus } from "../../models/lifecycle";
import type { Services } from "../../models/platform/services";
import type { Db } from "../../models/platform/db";
import { auditLog } from "../../models/schema/audit";
import { caseEvents, cases, type Case } from "../../models/schema/cases";
import type { User } from "../../models/schema/users";
import { caseStatistics, latestStatistics, SNAPSHOT_EVERY_MS, takeStatisticsSnapshot } from "../../models/stats";
import { statisticsSnapshots } from "../../models/schema/statistics";
import { processJob } from "../../workers/runtime";
import { schedules } from "../../workers/jobs/scheduled";
import { createMailer } from "../../models/platform/mail";
import { createStorage } from "../../models/platform/storage";
import { silentLogger } from "../../models/platform/log";
import { tmpdir } from "node:os";
import * as searchPage from "../../app/routes/officer.search";
import * as statsPage from "../../app/routes/officer.stats";
import { callRoute, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, validDossier } from "../support/factories";

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const day = 864e5;

interface CaseSpec {
  status: CaseStatus;
  name?: string;
  passport?: string;
  org?: string | null;
  receipt?: string | null;
  submittedAt?: Date | null;
  statusChangedAt?: Date;
  slaState?: Case["slaState"];
}

/** Cases straight into their stage (the path there is covered by case-flow.test.ts). */
async function insertCases(db: Db, applicant: User, specs: CaseSpec[]): Promise<Case[]> {
  return db
    .insert(cases)
    .values(
      specs.map((s) => ({
        applicantId: applicant.id,
        organizationId: s.org ?? null,
        status: s.status,
        receiptNumber: s.receipt ?? null,
        dossier: validDossier(s.org ?? "", { personal: { fullName: s.name ?? "Someone Else", passportNumber: s.passport ?? "Z99999999" } }),
        // As submitCase sets it: submitted cases carry the passport's blind index, drafts none.
        passportIndex: s.status === "draft" ? null : passportIndex(s.passport ?? "Z99999999"),
        submittedAt: s.submittedAt === undefined ? (s.status === "draft" ? null : new Date()) : s.submittedAt,
        statusChangedAt: s.statusChangedAt ?? new Date(),
        slaState: s.slaState ?? "ok",
      })),
    )
    .returning();
}

describe.each<DbKind>(["pglite", "postgres"])("case search on %s", (kind) => {
  let t: TestDatabase;
  let officer: User;
  let rows: Case[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const db = t.handle.db;
    const robotics = await makeOrganization(db, "Hanbit Robotics");
    const quantum = await makeOrganization(db, "Daejeon Quantum Labs");
    const applicant = await makeUser(db, "applicant");
    officer = await makeUser(db, "officer");
    const at = (d: number) => new Date(Date.UTC(2026, 2, d));
    rows = await insertCases(db, applicant, [
      /* 0 */ { status: "in_review", receipt: "TT-2026-000101", name: "Ada Okafor", passport: "A12345678", org: robotics.id, submittedAt: at(1) },
      /* 1 */ { status: "approved", receipt: "TT-2026-000102", name: "Minji Park", passport: "M98765432", org: quantum.id, submittedAt: at(3) },
      /* 2 */ { status: "evidence_requested", receipt: "TT-2025-000999", name: "Carlos ADAMS", passport: "C55555555", org: quantum.id, submittedAt: at(2) },
      /* 3 */ { status: "awaiting_sponsor", receipt: "TT-2026-001010", name: "Sofia Lee", passport: "S11112222", org: null, submittedAt: at(4) },
      // Drafts share a name, a passport and an employer with the cases above: never found.
      /* 4 */ { status: "draft", name: "Ada Draftsperson", passport: "A12345678", org: robotics.id },
      /* 5 */ { status: "draft", receipt: null, name: "Minji Park", passport: "M98765432", org: quantum.id },
    ]);
  });
  afterAll(async () => t.drop());
  const db = () => t.handle.db;
  const ids = async (input: SearchInput, user: User = officer) => (await searchCases(ctxFor(db(), user), input)).hits.map((h) => h.id);

  it("finds by receipt number, exactly or by its start, in any case", async () => {
    expect(await ids({ q: "TT-2026-000102" })).toEqual([rows[1]!.id]);
    expect(await ids({ q: "tt-2026-0001" })).toEqual([rows[1]!.id, rows[0]!.id]);
    expect(await ids({ q: "TT-2026-00" })).toEqual([rows[3]!.id, rows[1]!.id, rows[0]!.id]);
    // A receipt is matched from its start only.
    expect(await ids({ q: "000999" })).toEqual([]);
    const [hit] = (await searchCases(ctxFor(db(), officer), { q: "tt-2025-000999" })).hits;
    expect(hit).toMatchObject({ id: rows[2]!.id, receiptNumber: "TT-2025-000999", applicant: "Carlos ADAMS", employer: "Daejeon Quantum Labs", matched: ["receipt"] });
  });

  it("finds by any part of the applicant's name, ignoring case", async () => {
    // "ada" is in "Ada Okafor" and in "Carlos ADAMS", newest submission first; the draft "Ada Draftsperson" never shows.
    expect(await ids({ q: "ada" })).toEqual([rows[2]!.id, rows[0]!.id]);
    expect(await ids({ q: "  OKAF " })).toEqual([rows[0]!.id]);
    expect(await ids({ q: "okaf\u0000" })).toEqual([rows[0]!.id]);
    expect(await ids({ q: "minji" })).toEqual([rows[1]!.id]);
    expect(await ids({ q: "Nobody Atall" })).toEqual([]);
  });

  it("finds by passport number after normalising spaces, dashes and case", async () => {
    expect(await ids({ q: "A12345678" })).toEqual([rows[0]!.id]);
    expect(await ids({ q: "m 9876-5432" })).toEqual([rows[1]!.id]);
    const [hit] = (await searchCases(ctxFor(db(), officer), { q: "s1111 2222" })).hits;
    expect(hit).toMatchObject({ id: rows[3]!.id, matched: ["passport"] });
    // Exact only: part of a passport number finds nothing.
    expect(await ids({ q: "A1234567" })).toEqual([]);
  });

  it("finds by part of the employer's name", async () => {
    expect(await ids({ q: "quantum" })).toEqual([rows[1]!.id, rows[2]!.id]);
    expect(await ids({ q: "Hanbit Robo" })).toEqual([rows[0]!.id]);
  });

  it("filters by stage, treats wildcards as text and never shows drafts", async () => {
    expect(await ids({ q: "quantum", stage: "approved" })).toEqual([rows[1]!.id]);
    expect(await ids({ q: "quantum", stage: "in_review" })).toEqual([]);
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "_" })).toEqual([]);
    for (const q of ["Draftsperson", "A12345678", "Hanbit", "Minji", "TT-"]) {
      const found = await ids({ q });
      expect(found).not.toContain(rows[4]!.id);
      expect(found).not.toContain(rows[5]!.id);
    }
  });

  it("limits the results and says when there are more", async () => {
    const r = await searchCases(ctxFor(db(), officer), { q: "TT-" }, { limit: 2 });
    expect(r.hits.map((h) => h.id)).toEqual([rows[3]!.id, rows[1]!.id]);
    expect(r.more).toBe(true);
    expect((await searchCases(ctxFor(db(), officer), { q: "TT-" }, { limit: 4 })).more).toBe(false);
  });

  it("answers an empty, too long or badly staged search with a message, and refuses non-officers", async () => {
    for (const input of [{ q: "" }, { q: "   " }, { q: "x".repeat(201) }, { q: "ada", stage: "draft" }]) {
      const err = await errorOf(searchCases(ctxFor(db(), officer), input));
      expect(err?.code).toBe("validation");
      expect(Object.keys(err!.fieldErrors)).toEqual([input.q.trim() && input.q.length <= 200 ? "stage" : "q"]);
    }
    expect(await ids({ q: "x".repeat(200) })).toEqual([]);
    expect(await ids({ q: "ada" }, await makeUser(db(), "senior_officer"))).toHaveLength(2);
    for (const role of ["applicant", "employer_admin", "admin"] as const) {
      expect((await errorOf(searchCases(ctxFor(db(), await makeUser(db(), role)), { q: "ada" })))?.code).toBe("forbidden");
    }
  });

  it("audits each search with the length of the query, never its text", async () => {
    await searchCases(ctxFor(db(), officer), { q: "Okafor A12345678", stage: "in_review" });
    const records = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "case.search"), eq(auditLog.actorId, officer.id)));
    const last = records.sort((a, b) => a.id - b.id).at(-1)!;
    expect(last.data).toEqual({ queryLength: 16, stage: "in_review", results: 0, more: false });
    expect(JSON.stringify(records)).not.toMatch(/Okafor|A12345678|Minji|quantum/i);
  });
});

describe.each<DbKind>(["pglite", "postgres"])("statistics on %s", (kind) => {
  let t: TestDatabase;
  let senior: User;
  // A Wednesday, noon in Seoul: ISO week 2026-W12 began on Monday 16 March (KST), 2026-03-15T15:00Z.
  const now = new Date("2026-03-18T03:00:00Z");
  const ago = (days: number) => new Date(now.getTime() - days * day);
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const db = t.handle.db;
    const org = await makeOrganization(db);
    const applicant = await makeUser(db, "applicant");
    senior = await makeUser(db, "senior_officer");
    const old = new Date("2025-06-01T00:00:00Z");
    const [a, b, c, d, , , , , , , , , , e] = await insertCases(db, applicant, [
      // Open cases: backlog and SLA.
      { status: "in_review", org: org.id, submittedAt: new Date("2026-03-16T00:00:00Z"), slaState: "ok" }, // W12 (Mon 09:00 KST)
      { status: "approved", org: org.id, submittedAt: new Date("2026-03-15T16:00:00Z"), statusChangedAt: ago(10) }, // W12 in Seoul, a Sunday in UTC
      { status: "refused", org: org.id, submittedAt: new Date("2026-03-15T14:00:00Z"), statusChangedAt: ago(10) }, // W11 (Sun 23:00 KST)
      { status: "decision_pending", org: org.id, submittedAt: new Date("2026-03-10T00:00:00Z"), slaState: "ok" }, // W11
      { status: "in_review", org: org.id, submittedAt: new Date("2026-01-01T00:00:00Z"), slaState: "ok" }, // 2026-W01, the oldest week shown
      { status: "in_review", org: org.id, submittedAt: new Date("2025-12-20T00:00:00Z"), slaState: "overdue" }, // 2025-W51: before the 12 weeks
      { status: "evidence_requested", org: org.id, submittedAt: old, slaState: "at_risk" },
      { status: "awaiting_sponsor", org: org.id, submittedAt: old, slaState: "ok" },
      { status: "approved", org: org.id, submittedAt: old, statusChangedAt: ago(30) },
      { status: "approved", org: org.id, submittedAt: old, statusChangedAt: ago(89) },
      { status: "approved", org: org.id, submittedAt: old, statusChangedAt: ago(120) }, // decided before the window
      { status: "withdrawn", org: org.id, submittedAt: old, slaState: "overdue" },
      { status: "draft", org: org.id, slaState: "overdue" },
      { status: "evidence_received", org: org.id, submittedAt: old, slaState: "ok" }, // its own stage in the backlog
    ]);
    const ev = (caseId: string, at: Date, from: CaseStatus | null, to: CaseStatus | null, type = "transition") => ({ caseId, at, fromStatus: from, toStatus: to, type });
    await db.insert(caseEvents).values([
      // a: in review 4 days, evidence requested 6 days, evidence received 2 days, back in review (still there: not measured).
      ev(a!.id, ago(30), "screening", "in_review"),
      ev(a!.id, ago(26), "in_review", "evidence_requested"),
      ev(a!.id, ago(25), null, null, "rescreened"),
      ev(a!.id, ago(20), "evidence_requested", "evidence_received"),
      ev(a!.id, ago(18), "evidence_received", "in_review"),
      // e: evidence received and still waiting (not measured).
      ev(e!.id, ago(3), "evidence_requested", "evidence_received"),
      // b: in review 2 days, second review half a day.
      ev(b!.id, ago(50), "screening", "in_review"),
      ev(b!.id, ago(48), "in_review", "decision_pending"),
      ev(b!.id, ago(47.5), "decision_pending", "approved"),
      // c: in review 100 days, left 100 days ago (outside the window); second review 90 days, ended 10 days ago.
      ev(c!.id, ago(200), "screening", "in_review"),
      ev(c!.id, ago(100), "in_review", "decision_pending"),
      ev(c!.id, ago(10), "decision_pending", "refused"),
      // d: entered review before the window, left inside it: 10 days.
      ev(d!.id, ago(95), "screening", "in_review"),
      ev(d!.id, ago(85), "in_review", "decision_pending"),
    ]);
  });
  afterAll(async () => t.drop());
  const db = () => t.handle.db;

  it("computes intake, backlog, time in stage, SLA compliance and approval rate", async () => {
    const s = await caseStatistics(ctxFor(db(), senior), { now });
    expect(s.intake).toHaveLength(12);
    expect(s.intake[0]).toEqual({ week: "2026-W01", startsOn: "2025-12-29", submitted: 1 });
    expect(s.intake.at(-1)).toEqual({ week: "2026-W12", startsOn: "2026-03-16", submitted: 2 });
    expect(s.intake.filter((w) => w.submitted > 0)).toEqual([
      { week: "2026-W01", startsOn: "2025-12-29", submitted: 1 },
      { week: "2026-W11", startsOn: "2026-03-09", submitted: 2 },
      { week: "2026-W12", startsOn: "2026-03-16", submitted: 2 },
    ]);
    expect(s.backlog).toEqual([
      { stage: "submitted", cases: 0 },
      { stage: "awaiting_sponsor", cases: 1 },
      { stage: "screening", cases: 0 },
      { stage: "in_review", cases: 3 },
      { stage: "evidence_requested", cases: 1 },
      { stage: "evidence_received", cases: 1 },
      { stage: "decision_pending", cases: 1 },
    ]);
    const stay = Object.fromEntries(s.stageDays.map((x) => [x.stage, x]));
    expect(stay.in_review!.stays).toBe(3);
    expect(stay.in_review!.medianDays).toBeCloseTo(4, 6); // 4, 2 and 10 days
    expect(stay.evidence_requested).toMatchObject({ stays: 1 });
    expect(stay.evidence_requested!.medianDays).toBeCloseTo(6, 6);
    expect(stay.evidence_received).toMatchObject({ stays: 1 });
    expect(stay.evidence_received!.medianDays).toBeCloseTo(2, 6);
    expect(stay.decision_pending!.stays).toBe(2);
    expect(stay.decision_pending!.medianDays).toBeCloseTo(45.25, 6); // 0.5 and 90 days
    expect(stay.submitted).toEqual({ stage: "submitted", medianDays: null, stays: 0 });
    expect(s.sla).toEqual({ open: 7, ok: 5, atRisk: 1, overdue: 1, compliance: 5 / 7 });
    expect(s.decisions).toEqual({ approved: 3, refused: 1, approvalRate: 0.75 });
  });

  it("is for senior officers only", async () => {
    for (const role of ["officer", "applicant", "employer_admin", "admin"] as const) {
      const ctx = ctxFor(db(), await makeUser(db(), role));
      expect((await errorOf(caseStatistics(ctx)))?.code).toBe("forbidden");
      expect((await errorOf(latestStatistics(ctx)))?.code).toBe("forbidden");
    }
  });

  it("shows the newest snapshot the job stored, computes one when there is none yet, and keeps a day of them", async () => {
    const ctx = ctxFor(db(), senior);
    await db().delete(statisticsSnapshots);
    // None yet (a new installation): the page's read computes the figures now and stores them.
    const first = await latestStatistics(ctx);
    expect(first.backlog).toEqual((await caseStatistics(ctx)).backlog);
    expect(await db().select().from(statisticsSnapshots)).toHaveLength(1);
    // The job stores a snapshot; the page shows the newest one, not the tables' figures of this moment.
    const { statistics } = await takeStatisticsSnapshot(db());
    const org = await makeOrganization(db());
    const [extra] = await insertCases(db(), await makeUser(db(), "applicant"), [{ status: "in_review", org: org.id, submittedAt: ago(1), slaState: "ok" }]);
    const shown = await latestStatistics(ctx);
    expect(shown.asOf.toISOString()).toBe(statistics.asOf.toISOString());
    const inReview = (s: { backlog: { stage: string; cases: number }[] }) => s.backlog.find((b) => b.stage === "in_review")!.cases;
    expect(inReview(shown)).toBe(inReview(first));
    expect(inReview(await caseStatistics(ctx))).toBe(inReview(first) + 1);
    // The next snapshot counts the new case; one older than a day is removed when it is stored.
    await db().insert(statisticsSnapshots).values({ asOf: new Date(Date.now() - 2 * day), figures: { ...statistics }, ms: 1 });
    await takeStatisticsSnapshot(db());
    const latest = await latestStatistics(ctx);
    expect(inReview(latest)).toBe(inReview(first) + 1);
    const kept = await db().select().from(statisticsSnapshots);
    expect(kept.every((r) => r.asOf.getTime() > Date.now() - day - 60_000)).toBe(true);
    await db().delete(cases).where(eq(cases.id, extra!.id));
  });

  it("runs as the stats.snapshot job, on the worker's schedule", async () => {
    await db().delete(statisticsSnapshots);
    const result = await processJob({ db: db(), mailer: createMailer({ kind: "devmailbox", dir: tmpdir(), from: "TopTier <no-reply@toptier.test>" }), storage: createStorage({ kind: "local", dir: tmpdir() }), publicUrl: "http://portal.test", secret: "s", logger: silentLogger }, { name: "stats.snapshot", data: {}, id: "stats-1", attemptsMade: 0 });
    expect(result).toMatchObject({ ms: expect.any(Number) });
    expect(await db().select().from(statisticsSnapshots)).toHaveLength(1);
    expect(schedules.find((s) => s.name === "stats.snapshot")?.everyMs).toBe(SNAPSHOT_EVERY_MS);
  });
});

describe("search and statistics pages (real requests)", () => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let services: Services;
  let context: AppLoadContext;
  beforeAll(async () => {
    harness = await openRouteContext();
    ({ services, context } = harness);
  });
  afterAll(() => harness.close());

  const url = testUrl;
  const dataOf = (r: unknown) => ((r as { data?: unknown }).data ?? r) as Record<string, unknown>;
  const cookieFor = (user: User) => signInCookie(context, user.email);
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request) => callRoute(fn, context, request);
  const get = (cookie: string, p: string) => new Request(url(p), { headers: { Cookie: cookie } });

  it("searches through a linkable GET form, answers bad searches with 400 and other roles with 403", async () => {
    const db = services.database.db;
    const org = await makeOrganization(db, "Pangyo Vision");
    const [c, received] = await insertCases(db, await makeUser(db, "applicant"), [
      { status: "in_review", receipt: "TT-2026-777001", name: "Route Person", org: org.id },
      { status: "evidence_received", receipt: "TT-2026-777002", name: "Route Answerer", org: org.id },
    ]);
    const officer = await cookieFor(await makeUser(db, "officer"));

    const idle = await call(searchPage.loader, get(officer, "/officer/search"));
    expect(statusOf(idle)).toBe(200);
    expect(dataOf(idle).result).toBeNull();
    const found = await call(searchPage.loader, get(officer, "/officer/search?q=pangyo&stage=in_review"));
    expect(statusOf(found)).toBe(200);
    expect(dataOf(found).result).toMatchObject({ more: false, hits: [{ id: c!.id, receiptNumber: "TT-2026-777001", matched: ["employer"] }] });
    const answered = await call(searchPage.loader, get(officer, "/officer/search?q=pangyo&stage=evidence_received"));
    expect(dataOf(answered).result).toMatchObject({ more: false, hits: [{ id: received!.id, status: "evidence_received" }] });
    for (const q of ["", "%20%20", "%00", "x".repeat(201)]) {
      const bad = await call(searchPage.loader, get(officer, `/officer/search?q=${q}`));
      expect(statusOf(bad)).toBe(400);
      expect(dataOf(bad).error).toMatch(/Enter a receipt number|200 characters or fewer/);
    }
    expect(statusOf(await call(searchPage.loader, get(officer, "/officer/search?q=ada&stage=nonsense")))).toBe(400);

    const applicant = await cookieFor(await makeUser(db, "applicant"));
    expect(statusOf(await call(searchPage.loader, get(applicant, "/officer/search?q=route")))).toBe(403);
    expect(statusOf(await call(statsPage.loader, get(officer, "/officer/stats")))).toBe(403);
    const senior = await cookieFor(await makeUser(db, "senior_officer"));
    const stats = await call(statsPage.loader, get(senior, "/officer/stats"));
    expect(statusOf(stats)).toBe(200);
    expect(dataOf(stats).backlog).toContainEqual({ stage: "in_review", cases: 1 });
    expect(dataOf(stats).backlog).toContainEqual({ stage: "evidence_received", cases: 1 });
  });
});
