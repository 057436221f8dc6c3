import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type AppLoadContext } from "@remix-run/node";
import { addDocument } from "../models/case/documents";
import { fileTooLarge } from "../models/case/upload-limits";
import { AppError } from "../models/errors";
import type { User } from "../models/schema/users";
import { caseContext } from "./session.server";

/** Upload requests larger than this are refused before their body is read (one file plus the form fields). */
const FORM_OVERHEAD = 64 * 1024;

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
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxUploadBytes }));
    } catch (err) {
      if (err instanceof MaxPartSizeExceededError) throw fileTooLarge(maxUploadBytes);
      // Remix's multipart parser cannot read a file name holding ";" (it splits the header on it).
      if (err instanceof Error && /content-disposition/i.test(err.message)) {
        throw new AppError("validation", "The file's name could not be read. Rename the file without a semicolon (;) and upload it again.", {
          file: "Rename the file without a semicolon (;)",
        });
      }
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

export const isMultipart = (request: Request) => (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
