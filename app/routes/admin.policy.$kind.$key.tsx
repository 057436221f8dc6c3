import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { currentPolicyBody, listPolicyVersions, publishPolicyVersion } from "../../models/policy";
import { asFormError } from "../errors.server";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, Field, fieldId, formatDateTime } from "../ui";

function kindOf(param: string | undefined): "ruleset" | "reference" {
  if (param === "ruleset" || param === "reference") return param;
  throw new Response("Not found", { status: 404 });
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireRole(request, context, ["admin"]);
  const kind = kindOf(params.kind);
  const key = params.key!;
  const db = context.services.database.db;
  const body = await currentPolicyBody(db, kind, key);
  if (!body) throw new Response("No such rule set or reference list", { status: 404 });
  const versions = (await listPolicyVersions(db)).filter((e) => e.kind === kind && e.key === key);
  return {
    kind,
    key,
    json: JSON.stringify(body, null, 2),
    versions: versions.map((v) => ({ version: v.version, source: v.source, effectiveFrom: v.effectiveFrom ?? null, publishedAt: v.publishedAt?.toISOString() ?? null, note: v.note })),
    published: new URL(request.url).searchParams.get("published"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["admin"]);
  const kind = kindOf(params.kind);
  const form = await request.formData();
  const json = String(form.get("json") ?? "");
  const note = String(form.get("note") ?? "");
  try {
    const row = await publishPolicyVersion(caseContext(context, user), { kind, key: params.key!, json, note });
    return redirect(`/admin/policy/${kind}/${encodeURIComponent(params.key!)}?published=${encodeURIComponent(row.version)}`);
  } catch (err) {
    return asFormError(err, { json, note });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.key ?? "Policy"} · TopTier admin` }];

export default function PolicyVersionPage() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const errors = r?.fieldErrors ?? {};
  return (
    <section>
      <p>
        <Link to="/admin/policy">All rule sets and reference lists</Link>
      </p>
      <h1>
        {d.kind === "ruleset" ? "Rule set" : "Reference list"} <code>{d.key}</code>
      </h1>
      {d.published ? (
        <p className="notice" role="status">
          Version {d.published} is published. Open cases are being re-screened in the background.
        </p>
      ) : null}
      <h2>Versions</h2>
      <ul>
        {d.versions.map((v) => (
          <li key={v.version}>
            <strong>{v.version}</strong> · {v.source === "shipped" ? "shipped with the code" : `published ${formatDateTime(v.publishedAt!)}`}
            {v.effectiveFrom ? ` · in force from ${v.effectiveFrom}` : ""}
            {v.note ? ` · ${v.note}` : ""}
          </li>
        ))}
      </ul>
      <h2>Publish a new version</h2>
      <p>Start from the latest version below: change what the policy changed, give it a new &quot;version&quot;{d.kind === "ruleset" ? " and its \"effectiveFrom\" date" : ""}, and publish. The checks explain anything that does not fit the format.</p>
      <ErrorSummary error={r?.error} fieldErrors={errors} />
      <Form method="post">
        <div className={errors.json ? "field field-error" : "field"}>
          <label htmlFor={fieldId("json")}>Definition (JSON)</label>
          {errors.json ? (
            <pre className="error-message" id={`${fieldId("json")}-error`}>
              {errors.json}
            </pre>
          ) : null}
          <textarea id={fieldId("json")} name="json" rows={24} spellCheck={false} defaultValue={r?.values?.json ?? d.json} style={{ fontFamily: "monospace", maxWidth: "100%" }} />
        </div>
        <Field name="note" label="What changed and why (shown in the version list)" defaultValue={r?.values?.note} error={errors.note} />
        <button type="submit">Publish new version</button>
      </Form>
    </section>
  );
}
