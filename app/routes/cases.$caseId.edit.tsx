import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "../session.server";

/** The skeleton's single-page edit is now the wizard (A3): resume it where the applicant was. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireRole(request, context, ["applicant"]);
  throw redirect(`/cases/${params.caseId}/apply`);
}
