import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getCaseView, listOrganizations, saveDraft } from "../../models/case/drafts";
import { dossierFromForm, type DraftDossier } from "../../models/dossier";
import { DossierForm } from "../components/dossier-form";
import { asFormError, throwAsResponse } from "../errors.server";
import { requireRole, caseContext } from "../session.server";
import { ErrorSummary } from "../ui";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const view = await getCaseView(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  if (view.case.status !== "draft") throw redirect(`/cases/${view.case.id}`);
  return { caseId: view.case.id, dossier: view.case.dossier as DraftDossier, organizations: await listOrganizations({ db: context.services.database.db }) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const draft = dossierFromForm(await request.formData());
  try {
    await saveDraft(caseContext(context, user), params.caseId!, draft);
    return redirect(`/cases/${params.caseId}`);
  } catch (err) {
    return asFormError(err, draft);
  }
}

export const meta: MetaFunction = () => [{ title: "Edit application · TopTier" }];

export default function EditCase() {
  const { caseId, dossier, organizations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <section>
      <p>
        <Link to={`/cases/${caseId}`}>Back to the application</Link>
      </p>
      <h1>Edit your answers</h1>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      <DossierForm dossier={(result?.values as DraftDossier | undefined) ?? dossier} errors={errors} organizations={organizations} submitLabel="Save draft" />
    </section>
  );
}
