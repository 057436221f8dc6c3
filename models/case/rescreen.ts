import { isDeepStrictEqual } from "node:util";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { audit } from "../audit";
import { dossierSchema } from "../dossier";
import { enqueue } from "../jobs";
import type { CaseStatus } from "../lifecycle";
import type { Db } from "../platform/db";
import { loadPolicy } from "../policy";
import { screenDossier } from "../screening";
import { caseEvents, cases } from "../schema/cases";
import { organizations } from "../schema/organizations";

/** Screened and not yet decided: these follow a policy change. */
export const rescreenableStatuses: CaseStatus[] = ["in_review", "evidence_requested", "decision_pending"];
export const RESCREEN_BATCH = 200;

/**
 * After a policy version is published: split every open, screened case into
 * batch jobs (ids only), written to the outbox page by page.
 */
export async function planRescreening(db: Db, batchSize = RESCREEN_BATCH): Promise<{ cases: number; batches: number }> {
  let after = "00000000-0000-0000-0000-000000000000";
  let total = 0;
  let batches = 0;
  for (;;) {
    const page = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(inArray(cases.status, rescreenableStatuses), gt(cases.id, after)))
      .orderBy(asc(cases.id))
      .limit(batchSize * 10);
    if (page.length === 0) break;
    await db.transaction(async (tx) => {
      for (let i = 0; i < page.length; i += batchSize) {
        await enqueue(tx, "screening.rescreen_batch", { caseIds: page.slice(i, i + batchSize).map((r) => r.id) });
        batches++;
      }
    });
    total += page.length;
    after = page.at(-1)!.id;
  }
  return { cases: total, batches };
}

/**
 * Re-screen a batch of cases under the policy in force. A case whose result
 * changed gets the new result and a timeline event saying what changed; a case
 * decided meanwhile is left alone. Returns how many results changed.
 */
export async function rescreenCases(db: Db, caseIds: string[], now = new Date()): Promise<{ changed: number; unchanged: number; skipped: number }> {
  const policy = await loadPolicy(db);
  const counts = { changed: 0, unchanged: 0, skipped: 0 };
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ c: cases, employer: organizations.name })
      .from(cases)
      .leftJoin(organizations, eq(organizations.id, cases.organizationId))
      .where(and(inArray(cases.id, caseIds), inArray(cases.status, rescreenableStatuses)))
      .orderBy(asc(cases.id))
      .for("update", { of: cases });
    counts.skipped = caseIds.length - rows.length;
    for (const { c, employer } of rows) {
      const dossier = dossierSchema.safeParse(c.dossier);
      if (!dossier.success) {
        counts.skipped++;
        continue;
      }
      const next = screenDossier(dossier.data, employer ?? "", now, policy);
      const before = c.screening?.result;
      if (before && sameResult(before, next.result)) {
        counts.unchanged++;
        continue;
      }
      await tx.update(cases).set({ screening: next, updatedAt: now }).where(eq(cases.id, c.id));
      const data = { ruleset: next.result.ruleset, outcome: next.result.outcome, previousRuleset: before?.ruleset ?? null, previousOutcome: before?.outcome ?? null };
      await tx.insert(caseEvents).values({ caseId: c.id, type: "rescreened", data, at: now });
      await audit(tx, { actor: "system", action: "case.rescreen", caseId: c.id, data });
      counts.changed++;
    }
  });
  return counts;
}

/** Same result whatever the key order (JSONB reorders keys) and the assessment day. */
function sameResult(stored: object, fresh: object): boolean {
  const plain = (x: object) => ({ ...(JSON.parse(JSON.stringify(x)) as object), asOf: null });
  return isDeepStrictEqual(plain(stored), plain(fresh));
}
