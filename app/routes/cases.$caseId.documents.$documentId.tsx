import type { LoaderFunctionArgs } from "@remix-run/node";
import { readDocument } from "../../models/case/documents";
import { contentDisposition } from "../../models/files";
import { throwAsResponse } from "../errors.server";
import { requireUser, caseContext } from "../session.server";

/** Download one document: the applicant and officers only (employers see no documents), with safe headers. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { document, bytes } = await readDocument(
    { ...caseContext(context, user), storage: context.services.storage },
    params.caseId!,
    params.documentId!,
  ).catch(throwAsResponse);
  const inline = new URL(request.url).searchParams.get("inline") === "1";
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": document.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(document.filename, inline ? "inline" : "attachment"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // O4: officers see documents inline in the case file. server.ts sends X-Frame-Options: DENY on every response,
      // which kept the frame empty; frame-ancestors 'self' takes precedence over it (CSP Level 2+), so our own pages
      // may frame the file and no other site may. The sandbox stays: Chromium's PDF viewer renders under it.
      "Content-Security-Policy": "default-src 'none'; sandbox; frame-ancestors 'self'",
    },
  });
}
