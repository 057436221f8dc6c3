import type { ActionFunctionArgs } from "@remix-run/node";
import { exportMyData } from "../../models/export";
import { contentDisposition } from "../../models/files";
import { throwAsResponse } from "../errors.server";
import { caseContext, requireRole } from "../session.server";

/**
 * A12: POST /account/export.zip answers the applicant's data as a ZIP. A
 * resource route (no page), so that the browser's form post receives the file
 * itself; the page at /account/export explains what is in it and posts here.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const { filename, bytes } = await exportMyData({ ...caseContext(context, user), storage: context.services.storage }).catch(throwAsResponse);
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(filename, "attachment"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
