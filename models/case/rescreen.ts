import { isDeepStrictEqual } from "node:util";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { auditMany } from "../audit";
import { dossierSchema } from "../dossier";
import { enqueue } from "../jobs";
import type { CaseStatus } from "../lifecycle";
import type { Db } from "../platform/db";
import { loadPolicy } from "../policy";
import { screenDossier, type ScreeningRecord } from "../screening";
import { caseEvents, cases } from "../schema/cases";
import { organizations } from "../schema/organizations";

/** Screened and not yet decided: these follow a policy change. */
export const rescreenableStatuses: CaseStatus[] = ["in_review", "evidence_requested", "evidence_received", "decision_pending"];
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
    const changes: { id: string; screening: ScreeningRecord; data: Record<string, unknown> }[] = [];
    for (const { c, employer } of rows) {
      const dossier = dossierSchema.safeParse(c.dossier);
      if (!dossier.success) {
        counts.skipped++;
        continue;
      }
      const next = screenDossier(dossier.data, employer ?? "", now, policy, c.submittedAt);
      const before = c.screening?.result;
      if (before && sameResult(before, next.result)) {
        counts.unchanged++;
        continue;
      }
      const data = { ruleset: next.result.ruleset, outcome: next.result.outcome, previousRuleset: before?.ruleset ?? null, previousOutcome: before?.outcome ?? null };
      changes.push({ id: c.id, screening: next, data });
    }
    if (changes.length === 0) return;
    // One statement each for the updates, the timeline events and the audit records of the batch.
    const values = sql.join(
      changes.map((ch) => sql`(${ch.id}::uuid, ${JSON.stringify(ch.screening)}::jsonb)`),
      sql`, `,
    );
    await tx.execute(sql`update ${cases} set screening = v.screening, updated_at = ${now} from (values ${values}) as v(id, screening) where ${cases.id} = v.id`);
    await tx.insert(caseEvents).values(changes.map((ch) => ({ caseId: ch.id, type: "rescreened", data: ch.data, at: now })));
    await auditMany(
      tx,
      changes.map((ch) => ({ actor: "system" as const, action: "case.rescreen", caseId: ch.id, data: ch.data })),
    );
    counts.changed = changes.length;
  });
  return counts;
}

/**
 * Same result whatever the key order (JSONB reorders keys), the assessment day
 * and the version labels of reference parts (a new version of the GNI figures
 * changes only the cases whose period's figure changed: the figures applied are
 * in the criteria's facts and in `applied`).
 */
function sameResult(stored: object, fresh: object): boolean {
  const plain = (x: object) => ({ ...(JSON.parse(JSON.stringify(x)) as object), asOf: null, reference: null });
  return isDeepStrictEqual(plain(stored), plain(fresh));
}
