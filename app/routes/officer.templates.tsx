import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createTemplate, getTemplate, listTemplates, setTemplateActive, updateTemplate } from "../../models/case/decision-templates";
import { AppError } from "../../models/errors";
import { asFormError, throwAsResponse } from "../errors.server";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, Field, fieldId, formatDateTime } from "../ui";

/** O6: senior officers maintain the decision templates (reasons in English and Korean). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["senior_officer"]);
  const ctx = caseContext(context, user);
  const url = new URL(request.url);
  const editId = url.searchParams.get("edit");
  const editing = editId ? await getTemplate(ctx, editId).catch(throwAsResponse) : null;
  const templates = await listTemplates(ctx);
  return {
    templates: templates.map((t) => ({ ...t, updatedAt: t.updatedAt.toISOString() })),
    editing: editing ? { ...editing, updatedAt: editing.updatedAt.toISOString() } : null,
    saved: url.searchParams.get("saved"),
  };
}

const fields = ["code", "outcome", "titleEn", "titleKo", "bodyEn", "bodyKo"] as const;
type Values = Partial<Record<(typeof fields)[number] | "intent" | "id", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["senior_officer"]);
  const form = await request.formData();
  const ctx = caseContext(context, user);
  const values: Values = { intent: String(form.get("intent") ?? ""), id: String(form.get("id") ?? "") };
  for (const f of fields) values[f] = String(form.get(f) ?? "");
  try {
    let code: string;
    switch (values.intent) {
      case "create":
        code = (await createTemplate(ctx, values)).code;
        break;
      case "update":
        code = (await updateTemplate(ctx, values.id!, values)).code;
        break;
      case "deactivate":
      case "activate":
        code = (await setTemplateActive(ctx, values.id!, values.intent === "activate")).code;
        break;
      default:
        throw new AppError("validation", "Choose what to do.");
    }
    return redirect(`/officer/templates?saved=${encodeURIComponent(code)}`);
  } catch (err) {
    return asFormError(err, values);
  }
}

export const meta: MetaFunction = () => [{ title: "Decision templates · 결정 사유 서식 · TopTier" }];

function TextArea({ name, label, error, defaultValue }: { name: string; label: string; error?: string; defaultValue?: string }) {
  const id = fieldId(name);
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <textarea id={id} name={name} rows={6} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}

function TemplateForm({ intent, values, errors, id }: { intent: "create" | "update"; values: Values; errors: Record<string, string>; id?: string }) {
  return (
    <Form method="post">
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {intent === "create" ? (
        <Field name="code" label="Code" hint="A fixed name for the template, e.g. refuse-income-threshold (lower-case letters, digits, hyphens)" defaultValue={values.code} error={errors.code} />
      ) : (
        <p>
          Code: <code>{values.code}</code> (fixed)
        </p>
      )}
      <fieldset className={errors.outcome ? "field field-error" : "field"}>
        <legend>For decisions that</legend>
        {errors.outcome ? <p className="error-message">{errors.outcome}</p> : null}
        <input type="radio" id={fieldId("outcome")} name="outcome" value="approve" defaultChecked={values.outcome === "approve"} />{" "}
        <label htmlFor={fieldId("outcome")}>Approve</label>{" "}
        <input type="radio" id={`${fieldId("outcome")}-refuse`} name="outcome" value="refuse" defaultChecked={values.outcome === "refuse"} />{" "}
        <label htmlFor={`${fieldId("outcome")}-refuse`}>Refuse</label>
      </fieldset>
      <Field name="titleEn" label="Title (English)" defaultValue={values.titleEn} error={errors.titleEn} />
      <Field name="titleKo" label="Title (Korean, 한국어)" defaultValue={values.titleKo} error={errors.titleKo} />
      <TextArea name="bodyEn" label="Reasons text (English)" defaultValue={values.bodyEn} error={errors.bodyEn} />
      <TextArea name="bodyKo" label="Reasons text (Korean, 한국어)" defaultValue={values.bodyKo} error={errors.bodyKo} />
      <button type="submit" name="intent" value={intent}>
        {intent === "create" ? "Add template" : "Save changes"}
      </button>
    </Form>
  );
}

export default function Templates() {
  const { templates, editing, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  const sent = (result?.values ?? {}) as Values;
  const editValues: Values | null = editing ? (sent.intent === "update" && sent.id === editing.id ? { ...sent, code: editing.code } : editing) : null;
  return (
    <section>
      <p>
        <Link to="/officer">Back to the queue</Link>
      </p>
      <h1>Decision templates</h1>
      <p>
        Officers choose these when they record a decision: the text becomes the reasons, in English and Korean, shown to the applicant and printed
        on the decision letter. Deactivated templates are no longer offered; decisions that used them keep their text.
      </p>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      {saved ? (
        <p role="status" className="notice">
          Saved template <code>{saved}</code>.
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Outcome</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id}>
              <td>
                <code>{t.code}</code>
              </td>
              <td>{t.outcome === "approve" ? "Approve" : "Refuse"}</td>
              <td>
                {t.titleEn}
                <br />
                <span lang="ko">{t.titleKo}</span>
              </td>
              <td>{t.active ? "Active" : "Deactivated"}</td>
              <td>{formatDateTime(t.updatedAt)}</td>
              <td>
                <Link to={`/officer/templates?edit=${t.id}`}>Edit</Link>{" "}
                <Form method="post" className="inline">
                  <input type="hidden" name="id" value={t.id} />
                  <button type="submit" name="intent" value={t.active ? "deactivate" : "activate"} className="secondary">
                    {t.active ? "Deactivate" : "Activate"}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && editValues ? (
        <section aria-labelledby="edit">
          <h2 id="edit">Edit {editing.code}</h2>
          <TemplateForm intent="update" id={editing.id} values={editValues} errors={sent.intent === "update" ? errors : {}} />
          <p>
            <Link to="/officer/templates">Cancel</Link>
          </p>
        </section>
      ) : null}
      {editing ? null : (
        <section aria-labelledby="new">
          <h2 id="new">Add a template</h2>
          <TemplateForm intent="create" values={sent.intent === "create" ? sent : {}} errors={sent.intent === "create" ? errors : {}} />
        </section>
      )}
    </section>
  );
}
