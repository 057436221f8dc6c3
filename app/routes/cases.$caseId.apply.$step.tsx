import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getCaseView, listOrganizations, nextStep, saveStep } from "../../models/case/drafts";
import { isWizardStep, readDraft, type WizardStep } from "../../models/dossier";
import { shippedReference } from "../../models/eligibility/index";
import { universityNames } from "../../models/institutions";
import { loadPolicy } from "../../models/policy";
import { applyListIntent, stepInputFromForm, text, WizardPage } from "../components/wizard";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";

function stepOf(params: { step?: string }): WizardStep {
  if (!isWizardStep(params.step)) throw new Response("Not found", { status: 404 });
  return params.step;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const step = stepOf(params);
  const view = await getCaseView(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  if (view.case.status !== "draft") throw redirect(`/cases/${view.case.id}`);
  const draft = readDraft(view.case.dossier);
  const values: Record<string, unknown> = step === "achievements" ? { achievements: draft.achievements ?? {} } : { [step]: draft[step] ?? (step === "personal" || step === "offer" ? {} : []) };
  // A page with a list starts with one empty entry to fill (except the optional lists).
  if (step === "education" && !draft.education?.length) values.education = [{}];
  const db = context.services.database.db;
  // Issue 11 item 10: the universities of the reference lists in force, suggested while typing (free text still allowed).
  const universities = step === "education" ? universityNames((await loadPolicy(db)).reference ?? shippedReference()) : [];
  return { caseId: view.case.id, step, values, organizations: step === "offer" ? await listOrganizations({ db }) : [], universities };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const step = stepOf(params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "continue");
  const ctx = caseContext(context, user);
  // Adding or removing an entry re-shows the page with what was typed (nothing is checked yet).
  const changed = applyListIntent(step, intent, stepInputFromForm(step, form, false));
  if (changed) {
    await getCaseView(ctx, params.caseId!).catch(throwAsResponse);
    return data({ ok: true as const, error: undefined, fieldErrors: undefined, values: changed }, { status: 200 });
  }
  const mode = intent === "later" ? "later" : "continue";
  const input = stepInputFromForm(step, form, mode === "later");
  try {
    await saveStep(ctx, params.caseId!, step, input, mode);
  } catch (err) {
    // Show the page again with exactly what was checked, so each message sits by its own field. For "later" that
    // is the list without its wholly blank entries: they held nothing, so nothing typed is lost.
    return asFormError(err, input);
  }
  if (mode === "later") return redirect(`/cases/${params.caseId}?saved=1`);
  return redirect(`/cases/${params.caseId}/apply/${nextStep(step)}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? text.en[`title.${data.step}`] : "Application"} · TopTier` }];

export default function WizardStepPage() {
  const { caseId, step, values, organizations, universities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors } = useT(text);
  return (
    <WizardPage
      key={JSON.stringify(result?.values ?? values)}
      caseId={caseId}
      step={step}
      values={(result?.values as Record<string, unknown> | undefined) ?? values}
      errors={errors(result?.fieldErrors ?? {})}
      error={result?.error}
      organizations={organizations}
      universities={universities}
    />
  );
}
