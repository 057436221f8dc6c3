import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type AppLoadContext, type UploadHandler } from "@remix-run/node";
import { UPLOAD_OVERHEAD_BYTES } from "./http-guards";
import { addDocument } from "../models/case/documents";
import { fileTooLarge } from "../models/case/upload-limits";
import { AppError } from "../models/errors";
import type { User } from "../models/schema/users";
import { caseContext } from "./session.server";

/** Upload requests larger than this are refused before their body is read (one file plus the form fields). */
const FORM_OVERHEAD = UPLOAD_OVERHEAD_BYTES;
/** An upload form has a file and a handful of fields (issue 17 item 2: no request of many parts). */
export const MAX_UPLOAD_PARTS = 12;

/**
 * A5: take one uploaded file from a multipart request and store it through
 * `addDocument`. Used by the documents page and the case page (answers to a
 * request for evidence), so that a refusal shows on the page the form is on.
 *
 * Memory: a request whose Content-Length is over the limit is refused without
 * reading its body (a 100 MB upload costs nothing); a body that lies about its
 * length, or has none, is cut off by the parser as soon as the file part passes
 * the limit, so at most the limit is held in memory.
 *
 * A refusal is an AppError whose field error is keyed by the form's `field`
 * value (several upload forms on one page), else "file".
 */
export async function receiveUpload(request: Request, context: AppLoadContext, user: User, caseId: string) {
  const { maxUploadBytes, maxCaseBytes } = context.services.config;
  let field = "file";
  try {
    const declared = Number(request.headers.get("Content-Length") ?? NaN);
    if (Number.isFinite(declared) && declared > maxUploadBytes + FORM_OVERHEAD) throw fileTooLarge(maxUploadBytes);
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, boundedUploadHandler(maxUploadBytes, maxUploadBytes + FORM_OVERHEAD));
    } catch (err) {
      if (err instanceof MaxPartSizeExceededError || err instanceof UploadTooLarge) throw fileTooLarge(maxUploadBytes);
      if (err instanceof TooManyParts) {
        throw new AppError("too_large", `The upload has too many parts: send one file with its form (at most ${MAX_UPLOAD_PARTS} parts).`, { file: "Send one file at a time" });
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
    const file = form.get("file");
    if (!(file instanceof File) || (file.size === 0 && !file.name)) {
      throw new AppError("validation", "Choose a file to upload.", { file: "Choose a file" });
    }
    const doc = await addDocument(
      { ...caseContext(context, user), storage: context.services.storage, maxBytes: maxUploadBytes, maxCaseBytes },
      {
        caseId,
        kind: str("kind"),
        checklistItem: str("checklistItem"),
        replaces: str("replaces"),
        // Browsers send '"' and line breaks in a file name as %22, %0D and %0A (WHATWG multipart encoding).
        filename: file.name.replace(/%22/g, '"').replace(/%0[AD]/gi, " "),
        bytes: new Uint8Array(await file.arrayBuffer()),
        requestItemId: str("requestItemId"),
      },
    );
    return { doc, returnTo: str("returnTo") };
  } catch (err) {
    // The field error belongs by the form it came from.
    if (err instanceof AppError && field !== "file" && err.fieldErrors.file) {
      const { file, ...rest } = err.fieldErrors;
      throw new AppError(err.code, err.message, { ...rest, [field]: file });
    }
    throw err;
  }
}

class UploadTooLarge extends Error {}
class TooManyParts extends Error {}

/**
 * The memory upload handler with two more bounds: the number of parts, and the
 * bytes of all parts together (a body without Content-Length is cut off there).
 */
function boundedUploadHandler(maxPartSize: number, maxTotal: number): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize });
  let parts = 0;
  let total = 0;
  return (part) => {
    if (++parts > MAX_UPLOAD_PARTS) throw new TooManyParts();
    async function* counted() {
      for await (const chunk of part.data) {
        total += chunk.byteLength;
        if (total > maxTotal) throw new UploadTooLarge();
        yield chunk;
      }
    }
    return memory({ ...part, data: counted() });
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

export const isMultipart = (request: Request) => (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
