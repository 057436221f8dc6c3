import { data, redirect } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type AppLoadContext, type UploadHandler } from "@remix-run/node";
import { UPLOAD_OVERHEAD_BYTES } from "./http-guards";
import { addDocument } from "../models/case/documents";
import { fileTooLarge } from "../models/case/upload-limits";
import { AppError } from "../models/errors";
import type { DocumentRow } from "../models/schema/cases";
import type { User } from "../models/schema/users";
import { caseContext } from "./session.server";

/** Upload requests larger than this are refused before their body is read (the files plus the form fields). */
const FORM_OVERHEAD = UPLOAD_OVERHEAD_BYTES;
/** Issue 11 item 5: files one upload may carry (a form with `multiple`; with JavaScript each file goes on its own). */
export const MAX_UPLOAD_FILES = 10;
/** Besides its files, an upload form has a handful of fields (issue 17 item 2: no request of many parts). */
export const MAX_UPLOAD_FIELDS = 10;

/** A file of a batch that was not stored, and why (the AppError says it in a sentence and, by `file`, in a few words). */
export interface UploadRefusal {
  filename: string;
  error: AppError;
}

/** What one upload request did: the files stored, the ones refused, where the form came from. */
export interface UploadBatch {
  stored: DocumentRow[];
  refused: UploadRefusal[];
  /** The form's field id (several upload forms on one page), else "file". */
  field: string;
  returnTo: string | undefined;
}

/** Refusals that concern one file of a batch (the others are still stored); anything else stops the request. */
const perFile = new Set(["validation", "unsupported", "too_large"]);

/**
 * A5: take the uploaded files of a multipart request and store each through
 * `addDocument`. Used by the documents page, the case page (answers to a
 * request for evidence) and the upload endpoint the page's script calls, so
 * that a refusal shows on the page the form is on.
 *
 * Several files (issue 11 item 5): each is checked and stored on its own, so
 * a bad file in a batch does not lose the good ones; the batch says which
 * were refused and why. A request of one file keeps the old contract: its
 * refusal is thrown (see `receiveUpload`), unless `alwaysBatch` (the upload
 * endpoint, which names the file in its answer).
 *
 * Memory: a request whose Content-Length is over the limit is refused without
 * reading its body (a 100 MB upload costs nothing); a body that lies about its
 * length, or has none, is cut off by the parser as soon as the parts pass the
 * limit, so at most the limit is held in memory. A single file over the
 * per-file limit is read past and refused by name, without being kept.
 *
 * A refusal is an AppError whose field error is keyed by the form's `field`
 * value (several upload forms on one page), else "file".
 */
export async function receiveUploads(request: Request, context: AppLoadContext, user: User, caseId: string, opts: { alwaysBatch?: boolean } = {}): Promise<UploadBatch> {
  const { maxUploadBytes, maxCaseBytes } = context.services.config;
  let field = "file";
  try {
    const declared = Number(request.headers.get("Content-Length") ?? NaN);
    if (Number.isFinite(declared) && declared > maxUploadBytes + FORM_OVERHEAD) throw fileTooLarge(maxUploadBytes);
    let form: FormData;
    const oversized: string[] = [];
    try {
      form = await unstable_parseMultipartFormData(request, boundedUploadHandler(maxUploadBytes, maxUploadBytes + FORM_OVERHEAD, oversized));
    } catch (err) {
      if (err instanceof MaxPartSizeExceededError || err instanceof UploadTooLarge) throw fileTooLarge(maxUploadBytes);
      if (err instanceof TooManyParts) {
        throw new AppError("too_large", `The upload has too many parts: send at most ${MAX_UPLOAD_FILES} files with their form (at most ${MAX_UPLOAD_FIELDS} other fields).`, {
          file: `Send at most ${MAX_UPLOAD_FILES} files at a time`,
        });
      }
      // Remix's multipart parser cannot read a file name holding some characters (it splits the header on them).
      if (err instanceof Error && /content-disposition/i.test(err.message)) throw unreadableName(err.message);
      throw new AppError("validation", "The upload could not be read. Choose the file and try again.", { file: "Choose a file" });
    }
    const str = (k: string) => {
      const v = form.get(k);
      return typeof v === "string" && v !== "" ? v : undefined;
    };
    const f = str("field");
    if (f && /^[\w.:-]{1,80}$/.test(f)) field = f;
    // A file input left empty sends one nameless, empty part: it is no file.
    const files = form.getAll("file").filter((v): v is File => v instanceof File && !(v.size === 0 && !v.name));
    if (files.length === 0 && oversized.length === 0) {
      throw new AppError("validation", "Choose a file to upload.", { file: "Choose a file" });
    }
    const replaces = str("replaces");
    if (replaces && files.length + oversized.length > 1) {
      throw new AppError("validation", "A file is replaced by one file: choose one.", { file: "Choose one file to replace it" });
    }
    const limits = { ...caseContext(context, user), storage: context.services.storage, maxBytes: maxUploadBytes, maxCaseBytes };
    const stored: DocumentRow[] = [];
    const refused: UploadRefusal[] = oversized.map((filename) => ({ filename: cleanName(filename), error: fileTooLarge(maxUploadBytes) }));
    for (const file of files) {
      const filename = cleanName(file.name);
      try {
        stored.push(
          await addDocument(limits, {
            caseId,
            kind: str("kind"),
            checklistItem: str("checklistItem"),
            replaces,
            filename,
            bytes: new Uint8Array(await file.arrayBuffer()),
            requestItemId: str("requestItemId"),
          }),
        );
      } catch (err) {
        if (err instanceof AppError && perFile.has(err.code) && (opts.alwaysBatch || files.length + oversized.length > 1)) refused.push({ filename, error: err });
        else throw err;
      }
    }
    // One file refused: the old contract, the refusal itself.
    if (!opts.alwaysBatch && stored.length === 0 && refused.length === 1) throw refused[0]!.error;
    return { stored, refused, field, returnTo: str("returnTo") };
  } catch (err) {
    throw byField(err, field);
  }
}

/** The field error belongs by the form it came from. */
function byField(err: unknown, field: string): unknown {
  if (err instanceof AppError && field !== "file" && err.fieldErrors.file) {
    const { file, ...rest } = err.fieldErrors;
    return new AppError(err.code, err.message, { ...rest, [field]: file });
  }
  return err;
}

// Browsers send '"' and line breaks in a file name as %22, %0D and %0A (WHATWG multipart encoding).
const cleanName = (name: string) => name.replace(/%22/g, '"').replace(/%0[AD]/gi, " ");

/**
 * One file, as before issue 11: the stored document, or the refusal thrown
 * (also when a batch of several is posted and some are refused: the first).
 */
export async function receiveUpload(request: Request, context: AppLoadContext, user: User, caseId: string) {
  const batch = await receiveUploads(request, context, user, caseId);
  if (batch.refused.length) throw byField(batch.refused[0]!.error, batch.field);
  return { doc: batch.stored[0]!, returnTo: batch.returnTo };
}

class UploadTooLarge extends Error {}
class TooManyParts extends Error {}

/**
 * The memory upload handler with two more bounds: the number of parts, and the
 * bytes of all parts together (a body without Content-Length is cut off there).
 */
function boundedUploadHandler(maxPartSize: number, maxTotal: number, oversized: string[]): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize });
  let fields = 0;
  let files = 0;
  let total = 0;
  return async (part) => {
    if (part.filename === undefined ? ++fields > MAX_UPLOAD_FIELDS : ++files > MAX_UPLOAD_FILES) throw new TooManyParts();
    let size = 0;
    let over = false;
    async function* counted() {
      for await (const chunk of part.data) {
        total += chunk.byteLength;
        if (total > maxTotal) throw new UploadTooLarge();
        size += chunk.byteLength;
        // A file over the per-file limit: read past the rest of it (counted against the total), keep nothing.
        if (part.filename !== undefined && size > maxPartSize) {
          over = true;
          continue;
        }
        yield chunk;
      }
    }
    if (part.filename === undefined) return memory({ ...part, data: counted() });
    const chunks: Uint8Array[] = [];
    for await (const chunk of counted()) chunks.push(chunk);
    if (over) {
      oversized.push(part.filename);
      return undefined;
    }
    return new File(chunks as BlobPart[], part.filename, { type: part.contentType });
  };
}

/**
 * Issue 17 item 10: say which characters of the file's name the upload cannot
 * carry (the parser splits the header on ";" and "="), instead of
 * always blaming a semicolon.
 */
function unreadableName(parserMessage: string): AppError {
  const header = /filename\*?=([^]*)$/i.exec(parserMessage)?.[1] ?? "";
  // The characters Remix's parser splits the header on (a quote or <> in a name arrive encoded or pass).
  const names: [string, string][] = [
    [";", "a semicolon (;)"],
    ["=", "an equals sign (=)"],
  ];
  // The name between its quotes (the parser quotes the header it could not read: drop what follows the name).
  const name = header.replace(/^"/, "").replace(/"[^"]*$/, "");
  const found = names.filter(([c]) => name.includes(c)).map(([, label]) => label);
  if (!found.length) {
    return new AppError("validation", "The file's name could not be read. Rename the file with letters, digits, spaces, - or _ and upload it again.", {
      file: "Rename the file with letters, digits, spaces, - or _",
    });
  }
  const list = found.join(" or ");
  return new AppError("validation", `The file's name could not be read: uploads cannot carry ${list} in a name. Rename the file without ${list} and upload it again.`, {
    file: `Rename the file without ${list}`,
  });
}

/** The refusal of one file as the upload form shows it: in a sentence, and in a few words. */
export const refusal = (filename: string, err: AppError) => ({
  filename,
  message: err.message,
  reason: Object.values(err.fieldErrors)[0] ?? err.message,
});

/**
 * A page's answer to an upload without JavaScript: back to the page with the
 * stored names (`to`), or, when some file was refused, the page again with
 * the refused files by name (the stored ones are kept and named too).
 */
export function batchResponse(batch: UploadBatch, to: (query: string, stored: DocumentRow[]) => string) {
  const query = batch.stored.map((d) => `uploaded=${encodeURIComponent(d.filename)}`).join("&");
  if (!batch.refused.length) return redirect(to(query, batch.stored));
  return data(
    {
      ok: false as const,
      error: "Some files were not uploaded.",
      fieldErrors: { [batch.field]: "Some files were not uploaded" } as Record<string, string>,
      values: undefined,
      batch: { field: batch.field, uploaded: batch.stored.map((d) => d.filename), refused: batch.refused.map((r) => refusal(r.filename, r.error)) },
    },
    { status: 400 },
  );
}

export const isMultipart = (request: Request) => (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
