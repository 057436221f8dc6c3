import type { LoaderFunctionArgs } from "@remix-run/node";
import { readDecisionLetter } from "../../models/case/letter";
import { contentDisposition } from "../../models/files";
import { throwAsResponse } from "../errors.server";
import { caseContext, requireUser } from "../session.server";

/** O6: download the decision letter (PDF): the applicant of the case and officers; anyone else gets 404. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { bytes, filename } = await readDecisionLetter({ ...caseContext(context, user), storage: context.services.storage }, params.caseId!).catch(
    throwAsResponse,
  );
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(filename, "attachment"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
