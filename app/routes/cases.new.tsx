import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createDraftCase, listOrganizations } from "../../models/case/drafts";
import { dossierFromForm, type DraftDossier } from "../../models/dossier";
import { DossierForm } from "../components/dossier-form";
import { asFormError } from "../errors.server";
import { requireRole, caseContext } from "../session.server";
import { ErrorSummary } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["applicant"]);
  return { organizations: await listOrganizations({ db: context.services.database.db }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const draft = dossierFromForm(await request.formData());
  try {
    const c = await createDraftCase(caseContext(context, user), draft);
    return redirect(`/cases/${c.id}`);
  } catch (err) {
    return asFormError(err, draft);
  }
}

export const meta: MetaFunction = () => [{ title: "New application · TopTier" }];

export default function NewCase() {
  const { organizations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <section>
      <h1>New application</h1>
      <p>Fill in what you have; you can save a draft and come back later.</p>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      <DossierForm dossier={(result?.values as DraftDossier | undefined) ?? {}} errors={errors} organizations={organizations} submitLabel="Save draft and continue" />
    </section>
  );
}
