import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { checklistFor } from "../checklist";
import { readDraft } from "../dossier";
import { AppError } from "../errors";
import type { CaseStatus } from "../lifecycle";
import { caseNotes, documents, type Case, type DocumentRow } from "../schema/cases";
import { users } from "../schema/users";
import { applyTransition, loadCaseFor, resolveCase, type CaseRef } from "./core";

/**
 * O4: the officer's case file. Officers check each document (verified, or
 * rejected with a reason) and keep notes that only officers ever see.
 *
 * The document row holds the latest review; every review is also an audit
 * record (`document.review`), so the history of re-reviews is in the audit trail.
 * Reviews are not timeline events: the timeline is shown to the applicant and
 * the sponsor, and a rejection reason is an internal working note until an
 * officer turns it into a request for evidence.
 */

/** The stages in which an officer works on the evidence. */
export const documentReviewStatuses = ["in_review", "evidence_requested", "evidence_received", "decision_pending"] as const satisfies readonly CaseStatus[];

export const REVIEW_REASON_MIN = 10;
export const REVIEW_REASON_MAX = 1000;
export const NOTE_MAX = 5000;

export type ReviewVerdict = "verified" | "rejected";

export const canReviewDocuments = (status: CaseStatus) => (documentReviewStatuses as readonly CaseStatus[]).includes(status);

function requireOfficer(ctx: UseCaseContext, what: string) {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", `Only officers can ${what}.`);
}

function reviewInput(input: { verdict?: string; reason?: string | null }): { verdict: ReviewVerdict; reason: string | null } {
  if (input.verdict !== "verified" && input.verdict !== "rejected") {
    throw new AppError("validation", "Choose whether the document is verified or rejected.", { verdict: "Choose verified or rejected" });
  }
  if (input.verdict === "verified") return { verdict: "verified", reason: null };
  const reason = (input.reason ?? "").trim();
  if (reason.length < REVIEW_REASON_MIN) {
    throw new AppError("validation", "Say why the document is rejected.", {
      reason: `Write the reason for rejecting the document (at least ${REVIEW_REASON_MIN} characters)`,
    });
  }
  if (reason.length > REVIEW_REASON_MAX) {
    throw new AppError("validation", "The reason is too long.", { reason: `The reason must be ${REVIEW_REASON_MAX.toLocaleString("en-US")} characters or fewer` });
  }
  return { verdict: "rejected", reason };
}

/**
 * O4: mark a document verified, or rejected with a reason (10 to 1,000 characters).
 * A document can be reviewed again; the latest review is what the case file shows.
 */
export async function reviewDocument(
  ctx: UseCaseContext,
  input: { caseId: string; documentId: string; verdict?: string; reason?: string | null },
): Promise<DocumentRow> {
  return ctx.db.transaction(async (tx) => {
    // The case row is locked so that two reviews of the same case do not interleave with a status change.
    const c = await loadCaseFor(tx, ctx.actor, input.caseId, { forUpdate: true });
    requireOfficer(ctx, "review documents");
    const { verdict, reason } = reviewInput(input);
    if (!canReviewDocuments(c.status)) {
      throw new AppError("invalid_state", "Documents can be reviewed only while the case is in review, waiting for evidence, with evidence received or waiting for the decision.");
    }
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.documentId)) throw new AppError("not_found", "Document not found.");
    const [before] = await tx
      .select({ reviewStatus: documents.reviewStatus })
      .from(documents)
      .where(and(eq(documents.id, input.documentId), eq(documents.caseId, c.id)));
    if (!before) throw new AppError("not_found", "Document not found.");
    const [row] = await tx
      .update(documents)
      .set({ reviewStatus: verdict, reviewReason: reason, reviewedBy: ctx.actor.id, reviewedAt: new Date() })
      .where(eq(documents.id, input.documentId))
      .returning();
    await audit(tx, {
      actor: ctx.actor,
      action: "document.review",
      caseId: c.id,
      ip: ctx.ip,
      data: { documentId: input.documentId, verdict, reason, previous: before.reviewStatus },
    });
    return row!;
  });
}

/**
 * O1/O5: an officer takes up an answered request for evidence and goes on with
 * the review (evidence received -> in review; the review clock runs on). An
 * unassigned case becomes the officer's; a colleague's case stays with them
 * unless a senior officer acts.
 */
export async function resumeReview(ctx: UseCaseContext, caseId: string): Promise<Case> {
  requireOfficer(ctx, "resume a review");
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (c.assignedOfficerId && c.assignedOfficerId !== ctx.actor.id && ctx.actor.role !== "senior_officer") {
      throw new AppError("forbidden", "This case is with another officer; a senior officer can reassign it.");
    }
    return applyTransition(tx, c, "resume_review", ctx.actor, {
      set: c.assignedOfficerId ? {} : { assignedOfficerId: ctx.actor.id, assignedAt: new Date() },
      ip: ctx.ip,
    });
  });
}

/** O4: an officer adds a note to the case (1 to 5,000 characters). Applicants and sponsors never see notes. */
export async function addCaseNote(ctx: UseCaseContext, caseId: string, body: string | null | undefined) {
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId);
    requireOfficer(ctx, "write case notes");
    const text = (body ?? "").trim();
    if (text.length === 0) throw new AppError("validation", "The note is empty.", { body: "Write the note" });
    if (text.length > NOTE_MAX) {
      throw new AppError("validation", "The note is too long.", { body: `A note must be ${NOTE_MAX.toLocaleString("en-US")} characters or fewer` });
    }
    const [note] = await tx.insert(caseNotes).values({ caseId: c.id, authorId: ctx.actor.id, body: text }).returning();
    // The audit record names the note; the text stays in case_notes (the audit trail is read more widely).
    await audit(tx, { actor: ctx.actor, action: "case.note_add", caseId: c.id, ip: ctx.ip, data: { noteId: note!.id, length: text.length } });
    return note!;
  });
}

export interface CaseNoteView {
  id: string;
  body: string;
  createdAt: Date;
  authorId: string;
  authorName: string;
}

/** O4: the notes of a case, newest first, with who wrote them. Officers only. */
export async function listCaseNotes(ctx: UseCaseContext, caseId: CaseRef): Promise<CaseNoteView[]> {
  const c = await resolveCase(ctx.db, ctx.actor, caseId);
  requireOfficer(ctx, "read case notes");
  return ctx.db
    .select({ id: caseNotes.id, body: caseNotes.body, createdAt: caseNotes.createdAt, authorId: caseNotes.authorId, authorName: users.name })
    .from(caseNotes)
    .innerJoin(users, eq(users.id, caseNotes.authorId))
    .where(eq(caseNotes.caseId, c.id))
    .orderBy(desc(caseNotes.createdAt), desc(caseNotes.id));
}

export interface ReviewedDocument {
  id: string;
  kind: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  reviewStatus: DocumentRow["reviewStatus"];
  reviewReason: string | null;
  reviewedAt: Date | null;
  reviewerName: string | null;
  /** The list entry the file was uploaded for ("Doctorate, KAIST", a dependant's name), when its checklist item is one entry's and still exists. */
  entry: { en: string; ko: string } | null;
}

/** A checklist item an officer can ask for again (issue 11 item 8). */
export interface EvidenceChoice {
  key: string;
  documentKind: string;
  label: { en: string; ko: string };
  onFile: boolean;
}

/** O4: what the case file shows: the documents with their latest review, the notes, and whether reviews are open. */
export async function caseFileReview(
  ctx: UseCaseContext,
  caseId: CaseRef,
): Promise<{ case: Case; documents: ReviewedDocument[]; notes: CaseNoteView[]; canReview: boolean; checklist: EvidenceChoice[] }> {
  const c = await resolveCase(ctx.db, ctx.actor, caseId);
  requireOfficer(ctx, "open the case file");
  const reviewer = alias(users, "reviewer");
  const [docs, notes] = await Promise.all([
    ctx.db
      .select({
        id: documents.id,
        kind: documents.kind,
        filename: documents.filename,
        contentType: documents.contentType,
        sizeBytes: documents.sizeBytes,
        sha256: documents.sha256,
        reviewStatus: documents.reviewStatus,
        reviewReason: documents.reviewReason,
        reviewedAt: documents.reviewedAt,
        reviewerName: reviewer.name,
        checklistItem: documents.checklistItem,
        supersededAt: documents.supersededAt,
      })
      .from(documents)
      .leftJoin(reviewer, eq(reviewer.id, documents.reviewedBy))
      .where(eq(documents.caseId, c.id))
      .orderBy(asc(documents.createdAt)),
    listCaseNotes(ctx, c),
  ]);
  // Issue 12: a file is shown against the entry it was uploaded for (its key is the entry's stable id).
  const checklist = checklistFor(readDraft(c.dossier));
  const entries = new Map(checklist.flatMap((i) => (i.entry ? [[i.key, i.entry] as const] : [])));
  return {
    case: c,
    documents: docs.map(({ checklistItem, supersededAt: _superseded, ...d }) => ({ ...d, entry: (checklistItem && entries.get(checklistItem)) || null })),
    // Issue 11 item 8: the items an evidence request can name, each with whether a current, not rejected file answers it.
    checklist: checklist.map((i) => ({
      key: i.key,
      documentKind: i.documentKind,
      label: i.label,
      onFile: docs.some((d) => d.checklistItem === i.key && !d.supersededAt && d.reviewStatus !== "rejected"),
    })),
    notes,
    canReview: canReviewDocuments(c.status),
  };
}
