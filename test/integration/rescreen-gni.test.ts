/**
 * Issue 14: a case is screened against the yearly figures of its application
 * date, and publishing a new version of the GNI figures re-screens exactly the
 * cases whose period's figure changed (through the real outbox jobs).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeScreening, confirmSponsorship, proposeDecision, reviewDecision, submitCase } from "../../models/case/actions";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import gni from "../../models/eligibility/reference/gni.json";
import { publishPolicyVersion } from "../../models/policy";
import { createStorage } from "../../models/platform/storage";
import { caseEvents, cases } from "../../models/schema/cases";
import { outbox } from "../../models/schema/outbox";
import { processJob } from "../../workers/runtime";
import { createTestDatabase, type DbKind, type TestDatabase } from "../support/db";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";

describe.each<DbKind>(["pglite", "postgres"])("re-screening after a new GNI figure on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "toptier-gni-"));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = () => t.handle.db;
  const deps = () => ({ db: db(), mailer: { kind: "devmailbox" as const, send: async () => undefined, check: async () => undefined }, storage: createStorage({ kind: "local", dir }), publicUrl: "http://x", secret: "test-secret" });

  /** A case meeting every Top-Tier rule but the salary, applied for on `appliedOn` (Korean calendar), screened and in review. */
  async function screenedCase(appliedOn: string, salary: number) {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const employer = await makeUser(db(), "employer_admin", { organizationId: org.id });
    const dossier = validDossier(org.id, {
      work: [{ employer: "Samsung Electronics", kind: "company", title: "Principal engineer", country: "Korea", start: "2012-01-02", current: true, postdoc: false }],
      offer: { annualSalaryKrw: salary, industry: "ai" },
    });
    const c = await createDraftCase(ctxFor(db(), applicant), dossier);
    await addDocument({ ...ctxFor(db(), applicant), storage: createStorage({ kind: "local", dir }), maxBytes: 4096 }, { caseId: c.id, kind: "passport", filename: "p.pdf", bytes: samplePdf() });
    await submitCase(ctxFor(db(), applicant), c.id);
    // The application date decides the figures: 10:00 in Seoul on that day.
    await db().update(cases).set({ submittedAt: new Date(`${appliedOn}T01:00:00Z`) }).where(eq(cases.id, c.id));
    await confirmSponsorship(ctxFor(db(), employer), c.id, { attest: true });
    return (await completeScreening(db(), c.id))!;
  }

  async function publishGni(version: string, figures: typeof gni.figures) {
    const admin = await makeUser(db(), "admin");
    const row = await publishPolicyVersion(ctxFor(db(), admin), { kind: "reference", key: gni.id, json: JSON.stringify({ ...gni, version, figures }) });
    const [job] = await db().select().from(outbox).where(eq(outbox.job, "screening.rescreen_all")).orderBy(desc(outbox.id)).limit(1);
    expect(job?.payload).toEqual({ policyVersionId: row.id });
    const seen = new Set((await db().select({ id: outbox.id }).from(outbox).where(eq(outbox.job, "screening.rescreen_batch"))).map((r) => r.id));
    await processJob(deps(), { id: `ob-${job!.id}`, name: "screening.rescreen_all", data: job!.payload });
    const batches = (await db().select().from(outbox).where(eq(outbox.job, "screening.rescreen_batch"))).filter((b) => !seen.has(b.id));
    let changed = 0;
    for (const b of batches) changed += ((await processJob(deps(), { id: `ob-${b.id}`, name: "screening.rescreen_batch", data: b.payload })) as { changed: number }).changed;
    return changed;
  }

  const rescreenEvents = async (ids: string[]) =>
    db().select().from(caseEvents).where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, "rescreened")));

  it("screens by the application date and re-screens exactly the cases whose period's figure changed", async () => {
    // 3x GNI: KRW 149,865,000 for applications to 31 March 2026 (2024 figure), KRW 157,248,000 from 1 April 2026 (2025 figure).
    const march = await screenedCase("2026-03-31", 155_000_000);
    const april = await screenedCase("2026-04-01", 155_000_000);
    const aprilRich = await screenedCase("2026-04-01", 250_000_000);
    const decided = await screenedCase("2026-05-15", 155_000_000);
    expect(march.screening?.result).toMatchObject({ outcome: "eligible", asOf: "2026-03-31", applied: { gni: [expect.objectContaining({ year: 2024 })] } });
    expect(april.screening?.result).toMatchObject({ outcome: "not_eligible", asOf: "2026-04-01", applied: { gni: [expect.objectContaining({ year: 2025, amountKrw: 52_416_000 })] } });
    expect(aprilRich.screening?.result.outcome).toBe("eligible");
    const officer = await makeUser(db(), "officer");
    const senior = await makeUser(db(), "senior_officer");
    await proposeDecision(ctxFor(db(), officer), decided.id, { outcome: "refuse", reasons: "Salary below 3x GNI per capita." });
    await reviewDecision(ctxFor(db(), senior), decided.id, { confirm: true });

    // A revised 2025 figure (3x = KRW 154,500,000): only the cases applied for from 1 April 2026 follow it.
    const revised = gni.figures.map((f) => (f.year === 2025 ? { ...f, amountKrw: 51_500_000, source: "revised" } : f));
    expect(await publishGni("2026.04-test", revised)).toBe(2);
    const events = await rescreenEvents([march.id, april.id, aprilRich.id, decided.id]);
    expect(events.map((e) => [e.caseId, e.data]).sort()).toEqual(
      [
        [april.id, { ruleset: "top-tier-f2@2025.2", outcome: "eligible", previousRuleset: "top-tier-f2@2025.2", previousOutcome: "not_eligible" }],
        [aprilRich.id, { ruleset: "top-tier-f2@2025.2", outcome: "eligible", previousRuleset: "top-tier-f2@2025.2", previousOutcome: "eligible" }],
      ].sort(),
    );
    expect((await reload(db(), april.id)).screening?.result).toMatchObject({ outcome: "eligible", asOf: "2026-04-01", applied: { gni: [expect.objectContaining({ year: 2025, amountKrw: 51_500_000 })] } });
    const stillMarch = (await reload(db(), march.id)).screening?.result;
    expect(stillMarch).toMatchObject({ outcome: "eligible", applied: { gni: [expect.objectContaining({ year: 2024, amountKrw: 49_955_000 })] } });
    expect((await reload(db(), decided.id)).screening?.result.applied.gni[0]?.amountKrw).toBe(52_416_000);

    // Adding next year's figure (applies from 1 April 2027) changes no case at all.
    const next = [...revised, { year: 2026, amountKrw: 55_000_000, appliesFrom: "2027-04-01", appliesTo: "2028-03-31", status: "unverified", source: "test" }];
    expect(await publishGni("2026.05-test", next)).toBe(0);
    expect((await rescreenEvents([march.id, april.id, aprilRich.id, decided.id])).length).toBe(2);
  });
});
