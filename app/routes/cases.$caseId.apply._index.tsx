import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { resumeStep } from "../../models/case/drafts";
import { throwAsResponse } from "../errors.server";
import { caseContext, requireRole } from "../session.server";

/** A3: resume the wizard on the page the applicant was last on. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const { case: c, step } = await resumeStep(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  if (c.status !== "draft") throw redirect(`/cases/${c.id}`);
  throw redirect(`/cases/${c.id}/apply/${step}`);
}
