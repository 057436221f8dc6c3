import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { AppError } from "../errors";
import { acceptedTypes, formatSize, safeFilename, sniffContentType } from "../files";
import type { DocumentStorage } from "../platform/storage";
import { documents, type DocumentRow } from "../schema/cases";
import { loadCaseFor } from "./core";
import { documentKinds } from "./document-kinds";
import { openItemFor } from "./evidence";

/**
 * Store one uploaded file on a draft case. The type is decided by content, the
 * name is neutralised, the SHA-256 recorded, and the object stored under a
 * generated key. Nothing about the rest of the dossier changes.
 */
export async function addDocument(
  ctx: UseCaseContext & { storage: DocumentStorage; maxBytes: number },
  input: { caseId: string; kind: string; filename: string; bytes: Uint8Array; requestItemId?: string },
): Promise<DocumentRow> {
  if (ctx.actor.role !== "applicant") throw new AppError("forbidden", "Only the applicant can upload documents.");
  const c = await loadCaseFor(ctx.db, ctx.actor, input.caseId);
  let requestItemId: string | null = null;
  if (input.requestItemId) {
    // A9: a file answering an item of an open request for evidence.
    const open = c.status === "evidence_requested" && /^[0-9a-f-]{36}$/i.test(input.requestItemId) ? await openItemFor(ctx.db, c.id, input.requestItemId) : null;
    if (!open || open.item.kind !== "document") throw new AppError("invalid_state", "This request for evidence is not open for uploads.");
    requestItemId = open.item.id;
  } else if (c.status !== "draft") {
    throw new AppError("invalid_state", "Documents can be added to a draft, or in answer to a request for evidence.");
  }
  if (!(documentKinds as readonly string[]).includes(input.kind)) {
    throw new AppError("validation", "Choose what the document is.", { kind: "Choose what the document is" });
  }
  if (input.bytes.byteLength === 0) {
    throw new AppError("validation", "The file is empty. Choose the file again.", { file: "The file is empty" });
  }
  if (input.bytes.byteLength > ctx.maxBytes) {
    throw new AppError("too_large", `The file is larger than ${formatSize(ctx.maxBytes)}. Upload a smaller scan.`, {
      file: `The file must be ${formatSize(ctx.maxBytes)} or smaller`,
    });
  }
  const type = sniffContentType(input.bytes);
  if (!type) {
    throw new AppError("unsupported", "The file is not a PDF, PNG or JPEG, whatever its name says. Upload a PDF or an image.", {
      file: "The file must be a PDF, PNG or JPEG",
    });
  }
  const filename = safeFilename(input.filename, acceptedTypes[type].ext);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const storageKey = `cases/${c.id}/${randomUUID()}`;
  await ctx.storage.put(storageKey, input.bytes, type);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(documents)
        .values({ caseId: c.id, kind: input.kind, filename, contentType: type, sizeBytes: input.bytes.byteLength, sha256, storageKey, uploadedBy: ctx.actor.id, requestItemId })
        .returning();
      await audit(tx, { actor: ctx.actor, action: "document.upload", caseId: c.id, ip: ctx.ip, data: { documentId: row!.id, sha256, kind: input.kind } });
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
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) throw new AppError("not_found", "Document not found.");
  const [doc] = await ctx.db.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.caseId, c.id)));
  if (!doc) throw new AppError("not_found", "Document not found.");
  const bytes = await ctx.storage.get(doc.storageKey);
  if (!bytes) throw new AppError("not_found", "The file of this document is missing from storage.");
  await audit(ctx.db, { actor: ctx.actor, action: "document.view", caseId: c.id, ip: ctx.ip, data: { documentId: doc.id } });
  return { document: doc, bytes };
}
