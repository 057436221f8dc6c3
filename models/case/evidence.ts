import { and, asc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { isEmployer, isOfficer, type UseCaseContext } from "../actor";
import { checklistFor } from "../checklist";
import { fieldErrors, readDraft } from "../dossier";
import { AppError } from "../errors";
import type { Db, Queryable } from "../platform/db";
import { cases, documents, evidenceRequestItems, evidenceRequests, type EvidenceRequest, type EvidenceRequestItem } from "../schema/cases";
import { applyTransition, isUuid, loadCaseFor, loadCaseForSystem, resolveCase, type CaseRef } from "./core";
import { documentKindLabels, documentKinds } from "./document-kinds";

/**
 * O5 / A9: requests for evidence (보완요청). An officer asks for items
 * (documents or answers to questions) with guidance and a deadline; the review
 * clock pauses; the applicant answers item by item before the deadline; an
 * unanswered request expires and the case returns to the queue flagged.
 */

const MAX_DAYS = 90;

export const evidenceRequestSchema = z.object({
  guidance: z.string().trim().min(10, "Write guidance for the applicant (at least 10 characters)").max(5000, "Guidance must be 5,000 characters or fewer"),
  deadline: z
    .string({ required_error: "Choose a deadline" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the deadline as YYYY-MM-DD"),
  items: z
    .array(
      z.discriminatedUnion("kind", [
        z.object({
          kind: z.literal("document"),
          documentKind: z.enum(documentKinds),
          label: z.string().trim().max(300).optional(),
          /** Issue 11 item 8: the checklist item asked for (which degree's, job's, person's document); its kind and labels come from the checklist. */
          checklistKey: z.string().max(200).optional(),
        }),
        z.object({ kind: z.literal("question"), label: z.string().trim().min(5, "Write the question (at least 5 characters)").max(1000, "A question must be 1,000 characters or fewer") }),
      ]),
    )
    .min(1, "Ask for at least one item")
    .max(20, "Ask for at most 20 items at once"),
  /** Who must answer: the applicant (default) or the sponsoring employer (E4). */
  addressee: z.enum(["applicant", "employer"], { errorMap: () => ({ message: "Choose who must answer" }) }).default("applicant"),
});
export type EvidenceRequestInput = z.input<typeof evidenceRequestSchema>;

/** Korean end of day of the deadline date: the applicant has the whole day. */
function deadlineInstant(date: string): Date {
  return new Date(`${date}T23:59:59+09:00`);
}

/**
 * Document items already covered by a file on the case (not rejected, not
 * replaced): the officer is warned before asking again. A checklist item is
 * covered by a file uploaded for it; an item of a kind only, by any file of that
 * kind. Named by their labels (English and Korean), never by file names.
 */
export async function itemsAlreadyOnFile(q: Queryable, caseId: string, items: { documentKind?: string; checklistKey?: string; label?: string; labelKo?: string }[]) {
  const asked = items.filter((i) => i.documentKind);
  if (asked.length === 0) return [];
  const onFile = await q
    .select({ kind: documents.kind, checklistItem: documents.checklistItem })
    .from(documents)
    .where(and(eq(documents.caseId, caseId), inArray(documents.kind, [...new Set(asked.map((i) => i.documentKind!))]), ne(documents.reviewStatus, "rejected"), isNull(documents.supersededAt)));
  return asked
    .filter((i) => onFile.some((d) => (i.checklistKey ? d.checklistItem === i.checklistKey : d.kind === i.documentKind)))
    .map((i) => {
      const kind = documentKindLabels[i.documentKind as keyof typeof documentKindLabels];
      return { kind: i.documentKind!, checklistKey: i.checklistKey ?? null, label: { en: i.label ?? kind?.en ?? i.documentKind!, ko: i.labelKo ?? kind?.ko ?? i.documentKind! } };
    });
}

/**
 * O5: ask for evidence. Unless `confirmOnFile` is set, asking for a kind of
 * document that is already on file is refused with a warning naming it.
 */
export async function requestEvidence(
  ctx: UseCaseContext,
  caseId: string,
  input: EvidenceRequestInput & { confirmOnFile?: boolean },
  now = new Date(),
): Promise<EvidenceRequest> {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", "Only officers request evidence.");
  const parsed = evidenceRequestSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "The request needs correcting.", fieldErrors(parsed.error));
  const { guidance, items, addressee } = parsed.data;
  if (addressee === "employer" && items.some((i) => i.kind !== "question")) {
    throw new AppError("validation", "The request needs correcting.", { items: "A request to the employer holds questions only" });
  }
  const deadline = deadlineInstant(parsed.data.deadline);
  if (Number.isNaN(deadline.getTime()) || deadline.getTime() <= now.getTime() + 864e5) {
    throw new AppError("validation", "The request needs correcting.", { deadline: "Give the applicant at least until tomorrow" });
  }
  if (deadline.getTime() > now.getTime() + MAX_DAYS * 864e5) {
    throw new AppError("validation", "The request needs correcting.", { deadline: `A deadline can be at most ${MAX_DAYS} days away` });
  }
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    if (addressee === "employer" && !c.organizationId) {
      throw new AppError("validation", "The request needs correcting.", { addressee: "This case has no sponsoring employer to ask" });
    }
    // Issue 11 item 8: an item of the checklist is asked for by its key; its kind and its labels (both languages) are the checklist's.
    const checklist = checklistFor(readDraft(c.dossier));
    const resolved = items.map((i) => {
      if (i.kind !== "document") return { ...i, labelKo: null as string | null, checklistKey: null as string | null };
      if (!i.checklistKey) return { ...i, label: i.label || documentKindLabels[i.documentKind].en, labelKo: i.label ? null : documentKindLabels[i.documentKind].ko, checklistKey: null };
      const item = checklist.find((x) => x.key === i.checklistKey);
      if (!item) throw new AppError("validation", "The request needs correcting.", { items: "Choose items from this case's checklist" });
      return { kind: "document" as const, documentKind: item.documentKind, label: item.label.en, labelKo: item.label.ko, checklistKey: item.key };
    });
    if (!input.confirmOnFile) {
      const dup = await itemsAlreadyOnFile(
        tx,
        c.id,
        resolved.flatMap((i) => (i.kind === "document" ? [{ documentKind: i.documentKind, checklistKey: i.checklistKey ?? undefined, label: i.label, labelKo: i.labelKo ?? undefined }] : [])),
      );
      if (dup.length) {
        // Not a conflict page: the form shows the items on file (by their labels) and a box to ask again anyway.
        throw new AppError("validation", "Some items you chose are already on file. Tick the box to ask for them again, or untick them.", {
          confirmOnFile: "Some items you chose are already on file",
          // Each item on file, under the name of its box in the form (`item.<checklist key>`, `doc.<kind>`).
          ...Object.fromEntries(dup.map((d) => [d.checklistKey ? `item.${d.checklistKey}` : `doc.${d.kind}`, "Already on file"])),
        });
      }
    }
    const [request] = await tx.insert(evidenceRequests).values({ caseId: c.id, requestedBy: ctx.actor.id, guidance, deadline, addressee, createdAt: now }).returning();
    await tx.insert(evidenceRequestItems).values(
      resolved.map((i) => ({
        requestId: request!.id,
        kind: i.kind,
        documentKind: i.kind === "document" ? i.documentKind : null,
        label: i.label!,
        labelKo: i.labelKo,
        checklistItem: i.checklistKey,
      })),
    );
    await applyTransition(tx, c, "request_evidence", ctx.actor, {
      eventData: { requestId: request!.id, deadline: deadline.toISOString(), items: items.length, ...(addressee === "employer" ? { addressee } : {}) },
      ip: ctx.ip,
      now,
    });
    return request!;
  });
}

export interface EvidenceRequestView extends EvidenceRequest {
  items: (EvidenceRequestItem & { files: { id: string; filename: string }[] })[];
}

/**
 * Every request of a case, newest first, with items and the files that answer them.
 * Officers see all; the applicant and the sponsor see the requests addressed to them.
 */
export async function listEvidenceRequests(ctx: UseCaseContext, caseId: CaseRef): Promise<EvidenceRequestView[]> {
  const c = await resolveCase(ctx.db, ctx.actor, caseId);
  const mine = isOfficer(ctx.actor.role) ? undefined : eq(evidenceRequests.addressee, isEmployer(ctx.actor.role) ? "employer" : "applicant");
  const requests = await ctx.db.select().from(evidenceRequests).where(and(eq(evidenceRequests.caseId, c.id), mine)).orderBy(asc(evidenceRequests.createdAt));
  if (requests.length === 0) return [];
  const items = await ctx.db
    .select()
    .from(evidenceRequestItems)
    .where(inArray(evidenceRequestItems.requestId, requests.map((r) => r.id)));
  const files = await ctx.db
    .select({ id: documents.id, filename: documents.filename, requestItemId: documents.requestItemId })
    .from(documents)
    .where(and(eq(documents.caseId, c.id), sql`${documents.requestItemId} is not null`));
  return requests
    .map((r) => ({
      ...r,
      items: items.filter((i) => i.requestId === r.id).map((i) => ({ ...i, files: files.filter((f) => f.requestItemId === i.id) })),
    }))
    .reverse();
}

/** The open request of a case item belongs to, for uploads against it (applicant only). */
export async function openItemFor(q: Queryable, caseId: string, itemId: string) {
  const [row] = await q
    .select({ item: evidenceRequestItems, request: evidenceRequests })
    .from(evidenceRequestItems)
    .innerJoin(evidenceRequests, eq(evidenceRequests.id, evidenceRequestItems.requestId))
    .where(and(eq(evidenceRequestItems.id, itemId), eq(evidenceRequests.caseId, caseId), eq(evidenceRequests.status, "open")));
  return row ?? null;
}

/**
 * A9: the applicant answers an open request: every question answered in text,
 * every document item with at least one file uploaded against it, before the
 * deadline. The case goes to "evidence received" (its own queue) and the review clock runs on.
 */
export async function answerEvidence(
  ctx: UseCaseContext,
  caseId: string,
  input: { requestId: string; answers: Record<string, string>; note?: string },
  now = new Date(),
): Promise<EvidenceRequest> {
  if (ctx.actor.role !== "applicant" && !isEmployer(ctx.actor.role)) throw new AppError("forbidden", "Only the applicant answers a request for evidence.");
  const addressee = isEmployer(ctx.actor.role) ? "employer" : "applicant";
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    // Not an id at all: the same answer as an unknown one (the database would refuse the value).
    if (!isUuid(input.requestId)) throw new AppError("not_found", "Request not found.");
    const [request] = await tx
      .select()
      .from(evidenceRequests)
      .where(and(eq(evidenceRequests.id, input.requestId), eq(evidenceRequests.caseId, c.id)))
      .for("update");
    if (!request) throw new AppError("not_found", "Request not found.");
    if (request.addressee !== addressee) {
      throw new AppError("forbidden", addressee === "employer" ? "Only the applicant answers a request for evidence." : "This request is addressed to the sponsoring employer.");
    }
    if (request.status !== "open") throw new AppError("invalid_state", "This request is closed.");
    if (request.deadline.getTime() < now.getTime()) throw new AppError("invalid_state", "The deadline of this request has passed; the officer has been told.");
    const items = await tx.select().from(evidenceRequestItems).where(eq(evidenceRequestItems.requestId, request.id));
    const files = await tx
      .select({ requestItemId: documents.requestItemId })
      .from(documents)
      .where(and(eq(documents.caseId, c.id), inArray(documents.requestItemId, items.map((i) => i.id))));
    const errors: Record<string, string> = {};
    for (const item of items) {
      if (item.kind === "question") {
        const text = (input.answers[item.id] ?? "").trim();
        if (text.length === 0) errors[`answer.${item.id}`] = `Answer: ${item.label}`;
        else if (text.length > 5000) errors[`answer.${item.id}`] = "An answer must be 5,000 characters or fewer";
      } else if (!files.some((f) => f.requestItemId === item.id)) {
        errors[`file.${item.id}`] = `Upload a file for: ${item.label}`;
      }
    }
    const note = (input.note ?? "").trim();
    if (note.length > 5000) errors.note = "The note must be 5,000 characters or fewer";
    if (Object.keys(errors).length) throw new AppError("validation", "Some items are not answered yet.", errors);
    for (const item of items.filter((i) => i.kind === "question")) {
      await tx.update(evidenceRequestItems).set({ answerText: input.answers[item.id]!.trim(), answeredAt: now }).where(eq(evidenceRequestItems.id, item.id));
    }
    const [answered] = await tx
      .update(evidenceRequests)
      .set({ status: "answered", answerNote: note || null, answeredAt: now })
      .where(eq(evidenceRequests.id, request.id))
      .returning();
    await applyTransition(tx, c, "answer_evidence", ctx.actor, { eventData: { requestId: request.id, ...(addressee === "employer" ? { addressee } : {}) }, ip: ctx.ip, now });
    return answered!;
  });
}

/**
 * Scheduled: requests whose deadline passed unanswered expire; their case
 * returns to the queue (unassigned) with raised priority and an event saying so.
 */
export async function expireOverdueRequests(db: Db, now = new Date()): Promise<number> {
  const overdue = await db
    .select({ id: evidenceRequests.id, caseId: evidenceRequests.caseId, addressee: evidenceRequests.addressee })
    .from(evidenceRequests)
    // Only requests whose case still waits on them: others must not fill the batch and starve real ones.
    .innerJoin(cases, and(eq(cases.id, evidenceRequests.caseId), eq(cases.status, "evidence_requested")))
    .where(and(eq(evidenceRequests.status, "open"), lt(evidenceRequests.deadline, now)))
    .limit(500);
  let expired = 0;
  for (const r of overdue) {
    await db.transaction(async (tx) => {
      const c = await loadCaseForSystem(tx, r.caseId, { forUpdate: true });
      if (!c || c.status !== "evidence_requested") return;
      await tx.update(evidenceRequests).set({ status: "expired" }).where(eq(evidenceRequests.id, r.id));
      await applyTransition(tx, c, "expire_evidence", "system", {
        set: { assignedOfficerId: null, assignedAt: null, priority: Math.max(c.priority, 1) },
        eventData: { requestId: r.id, ...(r.addressee === "employer" ? { addressee: r.addressee } : {}) },
        now,
      });
      expired++;
    });
  }
  return expired;
}
