import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeScreening, confirmSponsorship, proposeDecision, reviewDecision, submitCase } from "../../models/case/actions";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { planRescreening, rescreenCases } from "../../models/case/rescreen";
import topTier from "../../models/eligibility/rulesets/top-tier-f2.json";
import gni from "../../models/eligibility/reference/gni.json";
import { listPolicyVersions, loadPolicy, publishPolicyVersion } from "../../models/policy";
import type { PolicyCheckError } from "../../models/policy-problems";
import { createStorage } from "../../models/platform/storage";
import { auditLog } from "../../models/schema/audit";
import { caseEvents } from "../../models/schema/cases";
import { outbox } from "../../models/schema/outbox";
import { processJob } from "../../workers/runtime";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf, validDossier, errorOf } from "../support/factories";

/** A new version of the Top-Tier rules in which 3x GNI already waives both education and experience. */
function lenientTopTier(version: string) {
  const copy = structuredClone(topTier) as typeof topTier & { root: { children: { id: string; waives?: string; condition?: { id: string; multiple?: number } }[] } };
  copy.version = version;
  copy.effectiveFrom = "2026-01-01";
  const waiver = copy.root.children.find((c) => c.id === "high_earner_waiver")!;
  waiver.waives = "all";
  waiver.condition!.multiple = 3;
  return copy;
}

describe.each<DbKind>(["pglite", "postgres"])("policy versions and re-screening on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "toptier-policy-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = () => t.handle.db;

  async function inReview() {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const employer = await makeUser(db(), "employer_admin", { organizationId: org.id });
    const c = await createDraftCase(ctxFor(db(), applicant), validDossier(org.id));
    await addDocument({ ...ctxFor(db(), applicant), storage: createStorage({ kind: "local", dir }), maxBytes: 4096 }, { caseId: c.id, kind: "passport", filename: "p.pdf", bytes: samplePdf() });
    await submitCase(ctxFor(db(), applicant), c.id);
    await confirmSponsorship(ctxFor(db(), employer), c.id, { attest: true });
    return (await completeScreening(db(), c.id))!;
  }

  it("checks who publishes and what: admin only, valid JSON, the format, the same id, a new version", async () => {
    const admin = await makeUser(db(), "admin");
    const officer = await makeUser(db(), "senior_officer");
    const publish = (json: string, who = admin, key = "top-tier-f2") => publishPolicyVersion(ctxFor(db(), who), { kind: "ruleset", key, json });
    expect((await errorOf(publish(JSON.stringify(lenientTopTier("x")), officer)))?.code).toBe("forbidden");
    const notJson = await errorOf(publish("{ not json"));
    expect(notJson?.fieldErrors.json).toMatch(/Not valid JSON/);
    // Issue 11 item 11: each problem in both languages, for the administrator's page.
    expect((notJson as PolicyCheckError).problems).toEqual([{ path: null, en: expect.stringMatching(/at line 1, column 3$/), ko: "JSON 문법 오류: 1행 3열 근처를 확인하세요" }]);
    const broken = { ...lenientTopTier("2026.9"), root: { id: "r", type: "all_of", children: [{ id: "x", type: "income_multiple_of_gni", multiple: "three" }] } };
    const bad = await errorOf(publish(JSON.stringify(broken)));
    expect(bad?.fieldErrors.json).toMatch(/multiple/);
    expect((bad as PolicyCheckError).problems).toContainEqual({ path: "root.children[0].multiple", en: "Expected number, received string", ko: "숫자 값이어야 합니다 (지금은 문자열)" });
    expect((await errorOf(publish(JSON.stringify(lenientTopTier("2026.9")), admin, "e7-1")))?.fieldErrors.json).toMatch(/must stay "e7-1"/);
    const taken = await errorOf(publish(JSON.stringify({ ...lenientTopTier("x"), version: "2025.2" })));
    expect(taken?.code).toBe("conflict");
    expect((taken as PolicyCheckError).problems).toEqual([{ path: "version", en: 'Change "version" (2025.2 is taken)', ko: '"version"을 바꾸세요 (2025.2는 이미 있습니다)' }]);
    const gniErr = await errorOf(publishPolicyVersion(ctxFor(db(), admin), { kind: "reference", key: "no-such-list", json: "{}" }));
    expect(gniErr?.code).toBe("not_found");
  });

  it("re-screens open cases under a newly published version, records it on the timeline, and leaves decided cases alone", async () => {
    const open = await inReview();
    expect(open.screening?.result).toMatchObject({ ruleset: "top-tier-f2@2025.2", outcome: "not_eligible" });
    const decided = await inReview();
    const officer = await makeUser(db(), "officer");
    const senior = await makeUser(db(), "senior_officer");
    await proposeDecision(ctxFor(db(), officer), decided.id, { outcome: "refuse", reasons: "Experience requirement not met on file." });
    await reviewDecision(ctxFor(db(), senior), decided.id, { confirm: true });

    const admin = await makeUser(db(), "admin");
    const row = await publishPolicyVersion(ctxFor(db(), admin), { kind: "ruleset", key: "top-tier-f2", json: JSON.stringify(lenientTopTier("2026.1")), note: "3x GNI waives both" });
    const [job] = await db().select().from(outbox).where(eq(outbox.job, "screening.rescreen_all"));
    expect(job?.payload).toEqual({ policyVersionId: row.id });
    // Issue 17: who published, and what changed from the version in force before.
    const published = await db().select().from(auditLog).where(eq(auditLog.action, "policy.publish"));
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ actorId: admin.id, actorRole: "admin" });
    expect(published[0]!.data).toMatchObject({ kind: "ruleset", key: "top-tier-f2", version: "2026.1", previousVersion: "2025.2", note: "3x GNI waives both" });
    const changed = (published[0]!.data as { changed: string[]; changedCount: number }).changed;
    expect(changed).toEqual(expect.arrayContaining(["effectiveFrom", expect.stringMatching(/^root\.children\.\d+\.waives$/), expect.stringMatching(/\.condition\.multiple$/)]));
    expect(changed).not.toContain("version");
    // The version list names each rule set and list in both languages (issue 11 item 11), the published version too.
    const entries = await listPolicyVersions(db());
    expect(entries.filter((e) => e.key === "top-tier-f2").map((e) => [e.version, e.source, e.titleKo])).toEqual([
      ["2025.2", "shipped", topTier.title.ko],
      ["2026.1", "published", topTier.title.ko],
    ]);
    expect(entries.find((e) => e.key === "research_institutes")).toMatchObject({ title: "World-class research institutes", titleKo: "세계 수준 연구기관", editionKo: expect.stringMatching(/^자체 정리 목록/) });
    for (const e of entries) expect(e.titleKo, e.key).toMatch(/[가-힣]/);

    // The job plans batches through the outbox; each batch job re-screens its cases.
    const deps = { db: db(), mailer: { kind: "devmailbox" as const, send: async () => undefined, check: async () => undefined }, storage: createStorage({ kind: "local", dir }), publicUrl: "http://x", secret: "test-secret" };
    expect(await processJob(deps, { id: "ob-1", name: "screening.rescreen_all", data: job!.payload })).toMatchObject({ cases: expect.any(Number), batches: expect.any(Number) });
    const batches = await db().select().from(outbox).where(eq(outbox.job, "screening.rescreen_batch"));
    const ids = batches.flatMap((b) => (b.payload as { caseIds: string[] }).caseIds);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(decided.id);
    for (const b of batches) await processJob(deps, { id: `ob-${b.id}`, name: "screening.rescreen_batch", data: b.payload });

    const after = await reload(db(), open.id);
    expect(after.screening?.result).toMatchObject({ ruleset: "top-tier-f2@2026.1", outcome: "eligible" });
    const events = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, open.id), eq(caseEvents.type, "rescreened")));
    expect(events.map((e) => e.data)).toEqual([{ ruleset: "top-tier-f2@2026.1", outcome: "eligible", previousRuleset: "top-tier-f2@2025.2", previousOutcome: "not_eligible" }]);
    expect((await reload(db(), decided.id)).screening?.result.ruleset).toBe("top-tier-f2@2025.2");

    // Running the same batch again changes nothing and writes no second event.
    expect(await rescreenCases(db(), [open.id, decided.id])).toEqual({ changed: 0, unchanged: 1, skipped: 1 });
    expect((await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, open.id), eq(caseEvents.type, "rescreened")))).length).toBe(1);

    // New screenings use the version in force, too.
    const fresh = await inReview();
    expect(fresh.screening?.result.ruleset).toBe("top-tier-f2@2026.1");
    expect(await planRescreening(db())).toMatchObject({ cases: expect.any(Number) });
  });

  it("applies a published reference list version (a new GNI figure) to evaluation", async () => {
    const admin = await makeUser(db(), "admin");
    const before = await loadPolicy(db());
    const next = structuredClone(gni);
    next.version = "2026.1";
    next.figures = [{ ...gni.figures[0]!, amountKrw: 40_000_000 }];
    await publishPolicyVersion(ctxFor(db(), admin), { kind: "reference", key: gni.id, json: JSON.stringify(next) });
    const after = await loadPolicy(db());
    expect(after.signature).not.toBe(before.signature);
    expect(after.reference.gni.version).toBe("2026.1");
    expect(after.reference.gni.figures[0]?.amountKrw).toBe(40_000_000);
    expect(after.catalog.length).toBe(before.catalog.length);
  });
});
