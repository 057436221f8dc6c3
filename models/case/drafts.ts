import { and, asc, count, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { audit } from "../audit";
import type { UseCaseContext } from "../actor";
import { draftDossierSchema, fieldErrors, readDraft, stepSchemas, wizardSteps, type DraftDossier, type WizardStep } from "../dossier";
import { AppError } from "../errors";
import { caseEvents, cases, documents, type Case } from "../schema/cases";
import { organizations } from "../schema/organizations";
import { carryEntryIds } from "../entry-ids";
import { loadCaseFor } from "./core";
import { ensureEntryIds } from "./entry-ids";

function requireApplicant(ctx: UseCaseContext) {
  if (ctx.actor.role !== "applicant") throw new AppError("forbidden", "Only applicants can do this.");
}

function parseDraft(input: unknown): DraftDossier {
  const parsed = draftDossierSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  return parsed.data;
}

async function assertOrganizationExists(ctx: UseCaseContext, draft: Pick<DraftDossier, "offer">) {
  const orgId = draft.offer?.organizationId;
  if (!orgId) return;
  const [org] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new AppError("validation", "Some answers need correcting.", { "offer.organizationId": "Choose your sponsoring employer from the list" });
}

/** Start a new case with whatever the applicant has typed so far. */
/** Unsubmitted applications one applicant may keep open at once (each may hold files up to the case limit). */
export const MAX_OPEN_DRAFTS = 10;

export async function createDraftCase(ctx: UseCaseContext, input: unknown): Promise<Case> {
  requireApplicant(ctx);
  const draft = parseDraft(input);
  await assertOrganizationExists(ctx, draft);
  return ctx.db.transaction(async (tx) => {
    const [open] = await tx.select({ n: count() }).from(cases).where(and(eq(cases.applicantId, ctx.actor.id), eq(cases.status, "draft")));
    if ((open?.n ?? 0) >= MAX_OPEN_DRAFTS) {
      throw new AppError("conflict", "You already have 10 applications that are not submitted. Continue one of them instead of starting another.");
    }
    // Issue 12: every list entry gets its id (a new case knows none, so none posted is kept).
    const dossier = carryEntryIds(draft, { before: {}, after: {} });
    const [row] = await tx
      .insert(cases)
      .values({ applicantId: ctx.actor.id, dossier: dossier as never, organizationId: draft.offer?.organizationId ?? null, draftStep: "personal" })
      .returning();
    await tx.insert(caseEvents).values({ caseId: row!.id, actorId: ctx.actor.id, type: "created", toStatus: "draft" });
    await audit(tx, { actor: ctx.actor, action: "case.create", caseId: row!.id, ip: ctx.ip });
    return row!;
  });
}

/**
 * E2: naming an employer in a draft asks that employer to link the case (they accept or decline);
 * keeping the same employer keeps the answer they gave, and naming none clears the request.
 */
function sponsorLinkAfter(c: Case, orgId: string | null): Case["sponsorLink"] {
  if (!orgId) return null;
  return orgId === c.organizationId ? (c.sponsorLink ?? "requested") : "requested";
}

/** Save the draft dossier (replacing the sections given). Only drafts can be edited. */
export async function saveDraft(ctx: UseCaseContext, caseId: string, input: unknown): Promise<Case> {
  requireApplicant(ctx);
  const draft = parseDraft(input);
  await assertOrganizationExists(ctx, draft);
  return ctx.db.transaction(async (tx) => {
    const locked = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (locked.status !== "draft") throw new AppError("invalid_state", "This case has been submitted; its dossier can no longer be edited.");
    // Issue 12: the stored entries have ids (and their files follow them) before the posted ones are matched to them.
    const { before, after, case: c } = await ensureEntryIds(tx, locked);
    const dossier = carryEntryIds(draft, { before, after });
    const [row] = await tx
      .update(cases)
      .set({ dossier: dossier as never, organizationId: draft.offer?.organizationId ?? null, sponsorLink: sponsorLinkAfter(c, draft.offer?.organizationId ?? null), updatedAt: new Date() })
      .where(eq(cases.id, c.id))
      .returning();
    await audit(tx, { actor: ctx.actor, action: "case.save_draft", caseId: c.id, ip: ctx.ip });
    return row!;
  });
}

/** Where the wizard goes after a page ("check" after the last). */
export const nextStep = (step: WizardStep): WizardStep | "check" => wizardSteps[wizardSteps.indexOf(step) + 1] ?? "check";
export const previousStep = (step: WizardStep | "check"): WizardStep | null =>
  step === "check" ? wizardSteps[wizardSteps.length - 1]! : (wizardSteps[wizardSteps.indexOf(step) - 1] ?? null);

/**
 * A3: save one wizard page. "continue" checks the page is complete and moves the
 * resume point to the next page; "later" keeps whatever is well-formed and
 * resumes on this page. The rest of the dossier is untouched; nothing is saved
 * when the page has an error (the page shows what was typed).
 */
export async function saveStep(ctx: UseCaseContext, caseId: string, step: WizardStep, input: unknown, mode: "continue" | "later"): Promise<Case> {
  requireApplicant(ctx);
  const schema = mode === "continue" ? stepSchemas[step].complete : stepSchemas[step].draft;
  const parsed = (schema as z.ZodType<Partial<DraftDossier>>).safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some answers need correcting.", fieldErrors(parsed.error));
  const section = parsed.data;
  await assertOrganizationExists(ctx, section);
  return ctx.db.transaction(async (tx) => {
    const locked = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (locked.status !== "draft") throw new AppError("invalid_state", "This case has been submitted; its dossier can no longer be edited.");
    // Issue 12: the stored entries have ids (and their files follow them); the page's entries keep theirs only if stored.
    const { before, after, case: c } = await ensureEntryIds(tx, locked);
    const dossier: DraftDossier = { ...readDraft(after), ...carryEntryIds(section, { before, after }) };
    const resumeAt = mode === "continue" ? nextStep(step) : step;
    const orgId = dossier.offer?.hasOffer === "no" ? null : (dossier.offer?.organizationId ?? null);
    const [row] = await tx
      .update(cases)
      .set({ dossier: dossier as never, organizationId: orgId, sponsorLink: sponsorLinkAfter(c, orgId), draftStep: resumeAt, updatedAt: new Date() })
      .where(eq(cases.id, c.id))
      .returning();
    await audit(tx, { actor: ctx.actor, action: "case.save_draft", caseId: c.id, ip: ctx.ip, data: { step } });
    return row!;
  });
}

/** The page to resume the wizard on (A3). */
export async function resumeStep(ctx: UseCaseContext, caseId: string): Promise<{ case: Case; step: WizardStep | "check" }> {
  const c = await loadCaseFor(ctx.db, ctx.actor, caseId);
  const s = c.draftStep;
  return { case: c, step: s === "check" || (wizardSteps as readonly string[]).includes(s ?? "") ? (s as WizardStep | "check") : "personal" };
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
