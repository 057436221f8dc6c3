import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { UseCaseContext } from "../actor";
import { dossierSchema, fieldErrors } from "../dossier";
import { AppError } from "../errors";
import type { Db } from "../platform/db";
import { loadPolicy } from "../policy";
import { screenDossier } from "../screening";
import { cases, documents, evidenceRequests, type Case } from "../schema/cases";
import { organizations } from "../schema/organizations";
import { users } from "../schema/users";
import { applyTransition, loadCaseFor, loadCaseForSystem } from "./core";
import { templateForDecision, templateReasons } from "./decision-templates";
import { passportIndex } from "./passport-index";
import { precheckLoaded } from "./precheck";
import { riskFlags } from "./risk";
import { visaExpiryFor } from "./sponsorship";

/** Receipt numbers read like TT-2026-000042: year of submission and a sequence that never repeats. */
function formatReceipt(year: number, n: number): string {
  return `TT-${year}-${String(n).padStart(6, "0")}`;
}

/**
 * A7: submit a complete draft. Checks the whole dossier, that evidence is
 * attached and that the pre-submission check (A6) finds no blocker, gives the
 * case a receipt number, and hands it to the sponsor.
 */
export async function submitCase(ctx: UseCaseContext, caseId: string): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (ctx.actor.role !== "applicant") throw new AppError("forbidden", "Only the applicant can submit the case.");
    if (c.status !== "draft") throw new AppError("invalid_state", "This case has already been submitted.");
    const [me] = await tx.select({ verified: users.emailVerifiedAt }).from(users).where(eq(users.id, ctx.actor.id));
    if (!me?.verified) {
      throw new AppError("invalid_state", "Confirm your e-mail address first: follow the link we sent you, then submit.");
    }
    const parsed = dossierSchema.safeParse(c.dossier);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    const [{ docs } = { docs: 0 }] = await tx.select({ docs: count() }).from(documents).where(eq(documents.caseId, c.id));
    if (docs === 0) errors.file = "Upload at least one document before you submit";
    // A6: the pre-submission check's blockers (facts that disagree, an expired passport, missing answers or passport scan).
    const check = await precheckLoaded(tx, c);
    for (const b of check.blockers) if (!b.code.startsWith("missing:")) errors[b.code] ??= b.message.en;
    if (!parsed.success || docs === 0 || check.blockers.length > 0) {
      throw new AppError("validation", "The case is not complete yet. Fix the items below, then submit again.", errors);
    }
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`nextval('receipt_seq')::int` }).from(sql`(select 1) as one`);
    const now = new Date();
    const receiptNumber = formatReceipt(now.getUTCFullYear(), n);
    const submitted = await applyTransition(tx, c, "submit", ctx.actor, {
      set: { receiptNumber, submittedAt: now, dossier: parsed.data, passportIndex: passportIndex(parsed.data.personal.passportNumber) },
      eventData: { receiptNumber },
      ip: ctx.ip,
    });
    return applyTransition(tx, submitted, "await_sponsor", "system");
  });
}

/** E3: the sponsor confirmation lives in sponsorship.ts. */
export { confirmSponsorship } from "./sponsorship";

/**
 * O3 (first cut), run by the screening job: evaluate the dossier, store the
 * result with its rule-set version, and move the case to the officers' queue.
 * Returns null when the case has moved on (a retried or duplicate job).
 */
export async function completeScreening(db: Db, caseId: string, now = new Date()): Promise<Case | null> {
  return db.transaction(async (tx) => {
    const c = await loadCaseForSystem(tx, caseId, { forUpdate: true });
    if (!c || c.status !== "screening") return null;
    const [org] = c.organizationId ? await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, c.organizationId)) : [];
    const screening = screenDossier(dossierSchema.parse(c.dossier), org?.name ?? "", now, await loadPolicy(tx), c.submittedAt);
    const flags = await riskFlags(tx, c, now);
    return applyTransition(tx, c, "complete_screening", "system", {
      set: { screening, flags },
      eventData: { outcome: screening.result.outcome, ruleset: screening.result.ruleset },
    });
  });
}

const decisionInput = (input: { outcome?: string; reasons?: string }) => {
  const errors: Record<string, string> = {};
  if (input.outcome !== "approve" && input.outcome !== "refuse") errors.outcome = "Choose approve or refuse";
  const reasons = (input.reasons ?? "").trim();
  if (reasons.length < 10) errors.reasons = "Write the reasons for the decision (at least 10 characters)";
  if (reasons.length > 10_000) errors.reasons = "Reasons must be 10,000 characters or fewer";
  if (Object.keys(errors).length) throw new AppError("validation", "The decision needs correcting.", errors);
  return { outcome: input.outcome as "approve" | "refuse", reasons };
};

/**
 * O6: an officer records a decision; it waits for a second, senior officer. With a
 * `templateCode` (an active template for the same outcome) and no reasons typed, the
 * template's text (English, then Korean) becomes the reasons.
 */
export async function proposeDecision(
  ctx: UseCaseContext,
  caseId: string,
  input: { outcome?: string; reasons?: string; templateCode?: string },
): Promise<Case> {
  const template = input.templateCode?.trim() ? await templateForDecision(ctx.db, input.templateCode, input.outcome) : null;
  const d = decisionInput({ ...input, reasons: input.reasons?.trim() || (template ? templateReasons(template) : "") });
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    return applyTransition(tx, c, "propose_decision", ctx.actor, {
      // The case leaves the officer's hands for the second-review queue.
      set: { decision: { ...d, proposedBy: ctx.actor.id, proposedAt: new Date().toISOString() }, assignedOfficerId: null, assignedAt: null },
      eventData: template ? { outcome: d.outcome, template: template.code } : { outcome: d.outcome },
      ip: ctx.ip,
    });
  });
}

/** O6 four-eyes: a senior officer other than the proposer confirms, or returns it with a comment. */
export async function reviewDecision(
  ctx: UseCaseContext,
  caseId: string,
  input: { confirm: boolean; comment?: string },
): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (!c.decision || c.status !== "decision_pending") throw new AppError("invalid_state", "There is no decision waiting for review on this case.");
    if (c.decision.proposedBy === ctx.actor.id) {
      throw new AppError("forbidden", "You recorded this decision; another senior officer must confirm it.");
    }
    if (!input.confirm) {
      const comment = (input.comment ?? "").trim();
      if (comment.length < 5) throw new AppError("validation", "Say why the decision goes back.", { comment: "Write a comment for the officer" });
      // Back to the officer who proposed it.
      return applyTransition(tx, c, "return_decision", ctx.actor, {
        set: { decision: null, assignedOfficerId: c.decision.proposedBy, assignedAt: new Date() },
        eventData: { comment },
        ip: ctx.ip,
      });
    }
    const confirmed = { ...c.decision, confirmedBy: ctx.actor.id, confirmedAt: new Date().toISOString() };
    return applyTransition(tx, c, c.decision.outcome === "approve" ? "approve" : "refuse", ctx.actor, {
      // E5: an approval grants the visa; its expiry drives the employer's alerts.
      set: { decision: confirmed, ...(c.decision.outcome === "approve" ? { visaExpiresOn: visaExpiryFor(new Date()) } : {}) },
      eventData: { outcome: c.decision.outcome },
      // The decision letter (PDF) is made in the background; the job skips a case that has one.
      jobs: [{ job: "letter.make", payload: { caseId: c.id } }],
      ip: ctx.ip,
    });
  });
}

/** A12 (first cut): the applicant withdraws a submitted, undecided case. */
export async function withdrawCase(ctx: UseCaseContext, caseId: string): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    const withdrawn = await applyTransition(tx, c, "withdraw", ctx.actor, { ip: ctx.ip });
    // Nobody need answer a request for evidence on a withdrawn case (no alerts, no expiry later).
    await tx.update(evidenceRequests).set({ status: "closed" }).where(and(eq(evidenceRequests.caseId, c.id), eq(evidenceRequests.status, "open")));
    return withdrawn;
  });
}

/** E4 (first cut): every submitted case the actor's organisation sponsors. */
export async function listSponsoredCases(ctx: UseCaseContext): Promise<Case[]> {
  if (!ctx.actor.organizationId || !(ctx.actor.role === "employer_admin" || ctx.actor.role === "employer_member")) {
    throw new AppError("forbidden", "Only employer accounts have sponsored cases.");
  }
  return ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.organizationId, ctx.actor.organizationId), ne(cases.status, "draft")))
    .orderBy(asc(cases.statusChangedAt));
}
