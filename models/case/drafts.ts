import { asc, desc, eq } from "drizzle-orm";
import { audit } from "../audit";
import type { UseCaseContext } from "../actor";
import { draftDossierSchema, fieldErrors, type DraftDossier } from "../dossier";
import { AppError } from "../errors";
import { caseEvents, cases, documents, type Case } from "../schema/cases";
import { organizations } from "../schema/organizations";
import { loadCaseFor } from "./core";

function requireApplicant(ctx: UseCaseContext) {
  if (ctx.actor.role !== "applicant") throw new AppError("forbidden", "Only applicants can do this.");
}

function parseDraft(input: unknown): DraftDossier {
  const parsed = draftDossierSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  return parsed.data;
}

async function assertOrganizationExists(ctx: UseCaseContext, draft: DraftDossier) {
  const orgId = draft.offer?.organizationId;
  if (!orgId) return;
  const [org] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new AppError("validation", "Some answers need correcting.", { "offer.organizationId": "Choose your sponsoring employer from the list" });
}

/** Start a new case with whatever the applicant has typed so far. */
export async function createDraftCase(ctx: UseCaseContext, input: unknown): Promise<Case> {
  requireApplicant(ctx);
  const draft = parseDraft(input);
  await assertOrganizationExists(ctx, draft);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cases)
      .values({ applicantId: ctx.actor.id, dossier: draft as never, organizationId: draft.offer?.organizationId ?? null })
      .returning();
    await tx.insert(caseEvents).values({ caseId: row!.id, actorId: ctx.actor.id, type: "created", toStatus: "draft" });
    await audit(tx, { actor: ctx.actor, action: "case.create", caseId: row!.id, ip: ctx.ip });
    return row!;
  });
}

/** Save the draft dossier (replacing the sections given). Only drafts can be edited. */
export async function saveDraft(ctx: UseCaseContext, caseId: string, input: unknown): Promise<Case> {
  requireApplicant(ctx);
  const draft = parseDraft(input);
  await assertOrganizationExists(ctx, draft);
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (c.status !== "draft") throw new AppError("invalid_state", "This case has been submitted; its dossier can no longer be edited.");
    const [row] = await tx
      .update(cases)
      .set({ dossier: draft as never, organizationId: draft.offer?.organizationId ?? null, updatedAt: new Date() })
      .where(eq(cases.id, c.id))
      .returning();
    await audit(tx, { actor: ctx.actor, action: "case.save_draft", caseId: c.id, ip: ctx.ip });
    return row!;
  });
}

/** The applicant's own cases, newest first. */
export async function listMyCases(ctx: UseCaseContext): Promise<Case[]> {
  requireApplicant(ctx);
  return ctx.db.select().from(cases).where(eq(cases.applicantId, ctx.actor.id)).orderBy(desc(cases.createdAt));
}

/** Everything a party may see of one case: the case, its documents, its timeline. */
export async function getCaseView(ctx: UseCaseContext, caseId: string) {
  const c = await loadCaseFor(ctx.db, ctx.actor, caseId);
  const [docs, events, orgRows] = await Promise.all([
    ctx.db.select().from(documents).where(eq(documents.caseId, c.id)).orderBy(asc(documents.createdAt)),
    ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.id)),
    c.organizationId ? ctx.db.select().from(organizations).where(eq(organizations.id, c.organizationId)) : Promise.resolve([]),
  ]);
  return { case: c, documents: docs, events, organization: orgRows[0] ?? null };
}

export async function listOrganizations(ctx: Pick<UseCaseContext, "db">) {
  return ctx.db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.name));
}
