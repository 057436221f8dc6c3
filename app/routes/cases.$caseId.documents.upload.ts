import type { ActionFunctionArgs } from "@remix-run/node";
import { AppError } from "../../models/errors";
import { requireRole } from "../session.server";
import { receiveUploads, refusal } from "../upload.server";

/**
 * Issue 11 item 5: the upload endpoint the upload form's script calls, one
 * request per file (so each has its own progress bar and its own limit). The
 * same checks as the pages' actions (receiveUploads); the answer is JSON:
 * the files stored, and the ones refused with the refusal in a sentence and
 * in a few words. Without JavaScript the form posts to the page instead.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  try {
    const batch = await receiveUploads(request, context, user, params.caseId!, { alwaysBatch: true });
    return Response.json(
      {
        ok: batch.refused.length === 0,
        stored: batch.stored.map((d) => ({ id: d.id, filename: d.filename, checklistItem: d.checklistItem })),
        refused: batch.refused.map((r) => refusal(r.filename, r.error)),
      },
      // All refused: the status of the (first) refusal, as the page's action would answer it.
      { status: batch.refused.length && !batch.stored.length ? batch.refused[0]!.error.status : 200 },
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const filename = nameOf(request);
    return Response.json({ ok: false, stored: [], refused: [refusal(filename, err)], error: err.message, fieldErrors: err.fieldErrors }, { status: err.status });
  }
}

/** The name of the file a refused request carried (the body may not have been read): from the script's header, else empty. */
function nameOf(request: Request): string {
  try {
    return decodeURIComponent(request.headers.get("X-File-Name") ?? "").slice(0, 200);
  } catch {
    return "";
  }
}

export const loader = () => new Response("Not found", { status: 404 });
