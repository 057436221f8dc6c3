import { asc, eq } from "drizzle-orm";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { AppError } from "../errors";
import { availableActions } from "../lifecycle";
import type { Db } from "../platform/db";
import { caseEvents } from "../schema/cases";
import { organizations } from "../schema/organizations";
import { loadCaseFor } from "./core";
import { listActiveTemplates } from "./decision-templates";
import { listEvidenceRequests } from "./evidence";
import { conversationForPage } from "./messages";
import { listOfficers } from "./queue";
import { caseFileReview } from "./review";

/**
 * Issue 10: everything the officer's case file shows, in one transaction on one
 * connection: the case is loaded and authorised once, then each part is one
 * query by the case id on its index (documents as metadata, never their
 * contents; notes; timeline; requests with their items and files; messages;
 * officers; templates when a decision can be proposed), and the view is
 * audited last (so the audit chain's lock is held only up to the commit).
 */
export async function officerCaseFile(ctx: UseCaseContext, caseId: string) {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", "Only officers open the case file.");
  return ctx.db.transaction(async (tx) => {
    const t: UseCaseContext = { ...ctx, db: tx as unknown as Db };
    const c = await loadCaseFor(tx, ctx.actor, caseId);
    const review = await caseFileReview(t, c);
    const events = await tx.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.id));
    const [organization] = c.organizationId ? await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, c.organizationId)) : [];
    const requests = await listEvidenceRequests(t, c);
    const officers = await listOfficers(tx);
    const templates = availableActions(c.status, ctx.actor.role).includes("propose_decision") ? await listActiveTemplates(t) : [];
    // A10: the conversation (shown messages are marked read for the office), then the view's audit record.
    const messages = await conversationForPage(t, c);
    await audit(tx, { actor: ctx.actor, action: "case.view", caseId: c.id, ip: ctx.ip });
    return { case: c, review, events, organization: organization ?? null, requests, officers, templates, messages };
  });
}
