import { createReadableStreamFromReadable, type ActionFunctionArgs } from "@remix-run/node";
import { exportMyData } from "../../models/export";
import { contentDisposition } from "../../models/files";
import { throwAsResponse } from "../errors.server";
import { caseContext, requireRole } from "../session.server";

/**
 * A12: POST /account/export.zip answers the applicant's data as a ZIP. A
 * resource route (no page), so that the browser's form post receives the file
 * itself; the page at /account/export explains what is in it and posts here.
 * The archive is streamed: the client's download pace drives the reads from storage.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const { filename, stream } = await exportMyData({ ...caseContext(context, user), storage: context.services.storage }).catch(throwAsResponse);
  // Streamed as it is written (models/platform/zip.ts): no Content-Length, memory stays flat whatever the size.
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition(filename, "attachment"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
