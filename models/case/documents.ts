import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { checklistFor, checklistStatus, type ChecklistItem } from "../checklist";
import { readDraft } from "../dossier";
import { AppError } from "../errors";
import { sniffContentType, storedFilename } from "../files";
import type { Queryable } from "../platform/db";
import type { DocumentStorage } from "../platform/storage";
import { documents, type Case, type DocumentRow } from "../schema/cases";
import { isUuid, loadCaseFor } from "./core";
import { documentKinds } from "./document-kinds";
import { openItemFor } from "./evidence";
import { caseTooLarge, fileTooLarge, VERSIONS_FACTOR, versionsTooLarge } from "./upload-limits";

export { caseTooLarge, fileTooLarge };

/**
 * A5: the applicant's files. Several files per checklist item; the type is
 * decided by content (magic bytes), the name neutralised, the SHA-256 recorded,
 * the object stored under a generated key. Replacing a file keeps the old one
 * (its row points to the replacement): nothing the applicant submitted is ever
 * deleted. A per-file and a per-case limit keep storage bounded; the per-case
 * limit counts the current files (what the dossier holds), not replaced versions,
 * so an applicant near the limit can always swap a large scan for a smaller one.
 */

/** The default per-case total when the caller does not pass one (config MAX_CASE_BYTES). */
export const DEFAULT_MAX_CASE_BYTES = 200 * 1024 * 1024;


export interface UploadInput {
  caseId: string;
  /** What the file is; taken from the checklist item, the request item or the replaced file when one is given. */
  kind?: string;
  /** A4: the checklist item the file is for, e.g. "passport:self". */
  checklistItem?: string;
  filename: string;
  bytes: Uint8Array;
  /** A9: the evidence request item this file answers. */
  requestItemId?: string;
  /** The current file this one replaces (the old one is kept as an earlier version). */
  replaces?: string;
}

export type UploadLimits = { storage: DocumentStorage; maxBytes: number; maxCaseBytes?: number };

/** Where an upload goes: a checklist item or a request item (or neither), with the kind of document. */
interface Target {
  kind: string;
  checklistItem: string | null;
  requestItemId: string | null;
  replaced: DocumentRow | null;
}

async function resolveTarget(q: Queryable, c: Case, input: UploadInput): Promise<Target> {
  if (input.replaces) {
    const old = isUuid(input.replaces)
      ? (await q.select().from(documents).where(and(eq(documents.id, input.replaces), eq(documents.caseId, c.id))))[0]
      : undefined;
    if (!old) throw new AppError("not_found", "Document not found.");
    if (old.supersededAt) throw new AppError("invalid_state", "This file was already replaced. Replace the newest version instead.");
    if (old.requestItemId) {
      const open = c.status === "evidence_requested" ? await openItemFor(q, c.id, old.requestItemId) : null;
      if (!open) throw new AppError("invalid_state", "This file answered a request that is closed; it can no longer be replaced.");
    } else if (c.status !== "draft") {
      throw new AppError("invalid_state", "Files can be replaced until the application is submitted.");
    }
    return { kind: old.kind, checklistItem: old.checklistItem, requestItemId: old.requestItemId, replaced: old };
  }
  if (input.requestItemId) {
    const open = c.status === "evidence_requested" && isUuid(input.requestItemId) ? await openItemFor(q, c.id, input.requestItemId) : null;
    if (!open || open.item.kind !== "document") throw new AppError("invalid_state", "This request for evidence is not open for uploads.");
    return { kind: open.item.documentKind ?? input.kind ?? "other", checklistItem: null, requestItemId: open.item.id, replaced: null };
  }
  if (c.status !== "draft") throw new AppError("invalid_state", "Documents can be added to a draft, or in answer to a request for evidence.");
  if (input.checklistItem) {
    const item = checklistFor(readDraft(c.dossier)).find((i) => i.key === input.checklistItem);
    if (!item) throw new AppError("validation", "Choose what the document is.", { kind: "Choose what the document is" });
    return { kind: item.documentKind, checklistItem: item.key, requestItemId: null, replaced: null };
  }
  if (!(documentKinds as readonly string[]).includes(input.kind ?? "")) {
    throw new AppError("validation", "Choose what the document is.", { kind: "Choose what the document is" });
  }
  return { kind: input.kind!, checklistItem: null, requestItemId: null, replaced: null };
}

/** The bytes the case's files take: the current ones, and all versions (replaced ones kept) together. */
async function storedBytes(q: Queryable, caseId: string): Promise<{ current: number; all: number }> {
  const [row] = await q
    .select({
      current: sql<string>`coalesce(sum(${documents.sizeBytes}) filter (where ${documents.supersededAt} is null), 0)`,
      all: sql<string>`coalesce(sum(${documents.sizeBytes}), 0)`,
    })
    .from(documents)
    .where(eq(documents.caseId, caseId));
  return { current: Number(row?.current ?? 0), all: Number(row?.all ?? 0) };
}

/** Refuse what is not an acceptable file, before anything is stored. */
export function checkFile(bytes: Uint8Array, maxBytes: number) {
  if (bytes.byteLength === 0) throw new AppError("validation", "The file is empty. Choose the file again.", { file: "The file is empty" });
  if (bytes.byteLength > maxBytes) throw fileTooLarge(maxBytes);
  const type = sniffContentType(bytes);
  if (!type) {
    throw new AppError("unsupported", "The file is not a PDF, PNG or JPEG, whatever its name says. Upload a PDF or an image.", {
      file: "The file must be a PDF, PNG or JPEG",
    });
  }
  return type;
}

/**
 * Store one uploaded file: on a draft (optionally for a checklist item), in
 * answer to an open request item, or as the new version of a current file.
 * A refused file changes nothing.
 */
export async function addDocument(ctx: UseCaseContext & UploadLimits, input: UploadInput): Promise<DocumentRow> {
  if (ctx.actor.role !== "applicant") throw new AppError("forbidden", "Only the applicant can upload documents.");
  const c = await loadCaseFor(ctx.db, ctx.actor, input.caseId);
  await resolveTarget(ctx.db, c, input); // fail fast, before anything is stored
  const type = checkFile(input.bytes, ctx.maxBytes);
  const maxCaseBytes = ctx.maxCaseBytes ?? DEFAULT_MAX_CASE_BYTES;
  const filename = storedFilename(input.filename, type);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const storageKey = `cases/${c.id}/${randomUUID()}`;
  await ctx.storage.put(storageKey, input.bytes, type);
  try {
    return await ctx.db.transaction(async (tx) => {
      // One upload at a time per case: the state checked above and the total below cannot be raced.
      const locked = await loadCaseFor(tx, ctx.actor, c.id, { forUpdate: true });
      const target = await resolveTarget(tx, locked, input);
      const freed = target.replaced ? target.replaced.sizeBytes : 0;
      const stored = await storedBytes(tx, c.id);
      if (stored.current - freed + input.bytes.byteLength > maxCaseBytes) throw caseTooLarge(maxCaseBytes);
      // Replacing never frees storage (versions are kept): bound the whole history too, so no one can fill the disk.
      if (stored.all + input.bytes.byteLength > VERSIONS_FACTOR * maxCaseBytes) throw versionsTooLarge();
      const [row] = await tx
        .insert(documents)
        .values({
          caseId: c.id,
          kind: target.kind,
          filename,
          contentType: type,
          sizeBytes: input.bytes.byteLength,
          sha256,
          storageKey,
          uploadedBy: ctx.actor.id,
          requestItemId: target.requestItemId,
          checklistItem: target.checklistItem,
        })
        .returning();
      if (target.replaced) {
        const done = await tx
          .update(documents)
          .set({ supersededBy: row!.id, supersededAt: row!.createdAt })
          .where(and(eq(documents.id, target.replaced.id), isNull(documents.supersededAt)))
          .returning({ id: documents.id });
        if (done.length === 0) throw new AppError("conflict", "This file was replaced meanwhile. Reload the page and try again.");
      }
      await audit(tx, {
        actor: ctx.actor,
        action: target.replaced ? "document.replace" : "document.upload",
        caseId: c.id,
        ip: ctx.ip,
        data: { documentId: row!.id, sha256, kind: target.kind, checklistItem: target.checklistItem, replaces: target.replaced?.id ?? null },
      });
      return row!;
    });
  } catch (err) {
    await ctx.storage.delete(storageKey).catch(() => undefined);
    throw err;
  }
}

/** A document of a case the actor may see, with its bytes. */
export async function readDocument(ctx: UseCaseContext & { storage: DocumentStorage }, caseId: string, documentId: string) {
  const c = await loadCaseFor(ctx.db, ctx.actor, caseId);
  // Employers see the case, not the applicant's evidence.
  if (ctx.actor.role !== "applicant" && !isOfficer(ctx.actor.role)) throw new AppError("not_found", "Document not found.");
  if (!isUuid(documentId)) throw new AppError("not_found", "Document not found.");
  const [doc] = await ctx.db.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.caseId, c.id)));
  if (!doc) throw new AppError("not_found", "Document not found.");
  const bytes = await ctx.storage.get(doc.storageKey);
  if (!bytes) throw new AppError("not_found", "The file of this document is missing from storage.");
  await audit(ctx.db, { actor: ctx.actor, action: "document.view", caseId: c.id, ip: ctx.ip, data: { documentId: doc.id } });
  return { document: doc, bytes };
}

export interface FileView {
  id: string;
  kind: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  createdAt: string;
  reviewStatus: DocumentRow["reviewStatus"];
  reviewReason: string | null;
  /** Earlier versions this file replaced, newest first. */
  versions: { id: string; filename: string; sizeBytes: number; sha256: string; createdAt: string; supersededAt: string }[];
}

/** Current files with their history: each current file carries the chain of files it replaced. */
export function filesWithHistory(rows: DocumentRow[]): (FileView & { checklistItem: string | null; requestItemId: string | null })[] {
  const byReplacement = new Map<string, DocumentRow>();
  for (const r of rows) if (r.supersededBy) byReplacement.set(r.supersededBy, r);
  return rows
    .filter((r) => !r.supersededAt)
    .map((r) => {
      const versions: FileView["versions"] = [];
      const seen = new Set<string>([r.id]);
      for (let prev = byReplacement.get(r.id); prev && !seen.has(prev.id); prev = byReplacement.get(prev.id)) {
        seen.add(prev.id);
        versions.push({
          id: prev.id,
          filename: prev.filename,
          sizeBytes: prev.sizeBytes,
          sha256: prev.sha256,
          createdAt: prev.createdAt.toISOString(),
          supersededAt: (prev.supersededAt ?? prev.createdAt).toISOString(),
        });
      }
      return {
        id: r.id,
        kind: r.kind,
        filename: r.filename,
        sizeBytes: r.sizeBytes,
        sha256: r.sha256,
        contentType: r.contentType,
        createdAt: r.createdAt.toISOString(),
        reviewStatus: r.reviewStatus,
        reviewReason: r.reviewReason,
        checklistItem: r.checklistItem,
        requestItemId: r.requestItemId,
        versions,
      };
    });
}

/**
 * A4/A5 for the applicant's documents page: the checklist from the dossier, each
 * item with its current files (and their earlier versions), done or missing;
 * files not tied to an item; the space used against the per-case limit.
 */
export async function documentsOverview(ctx: UseCaseContext, caseId: string, maxCaseBytes = DEFAULT_MAX_CASE_BYTES) {
  const c = await loadCaseFor(ctx.db, ctx.actor, caseId);
  if (ctx.actor.role !== "applicant" && !isOfficer(ctx.actor.role)) throw new AppError("not_found", "Document not found.");
  const rows = await ctx.db.select().from(documents).where(eq(documents.caseId, c.id)).orderBy(asc(documents.createdAt), asc(documents.id));
  const files = filesWithHistory(rows);
  const items = checklistFor(readDraft(c.dossier));
  const status = checklistStatus(items, rows);
  const keys = new Set(items.map((i) => i.key));
  const usedBytes = files.reduce((n, f) => n + f.sizeBytes, 0);
  return {
    case: c,
    checklist: status.map((s) => ({ ...s, fileList: files.filter((f) => f.checklistItem === s.key) })),
    /** Files not tied to a current checklist item (general uploads, answers to requests, items the dossier no longer asks for). */
    otherFiles: files.filter((f) => !f.checklistItem || !keys.has(f.checklistItem)),
    usedBytes,
    maxCaseBytes,
    totalFiles: rows.length,
  };
}

export type ChecklistEntry = ChecklistItem & { files: number; done: boolean };
