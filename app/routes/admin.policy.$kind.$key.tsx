import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { currentPolicyBody, listPolicyVersions, publishPolicyVersion } from "../../models/policy";
import { asFormError } from "../errors.server";
import { defineMessages } from "../../models/i18n";
import { metaTitle } from "../components/officer-common";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, Field, fieldId } from "../ui";

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

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => metaTitle(matches, text, data?.kind === "reference" ? "reference" : "ruleset", data?.key);

const text = defineMessages(
  {
    all: "All rule sets and reference lists",
    ruleset: "Rule set",
    reference: "Reference list",
    published: "Version {version} is published. Open cases are being re-screened in the background.",
    versions: "Versions",
    shipped: "shipped with the code",
    publishedAt: "published {at}",
    inForce: " · in force from {date}",
    publishTitle: "Publish a new version",
    publishIntroRuleset:
      "Start from the latest version below: change what the policy changed, give it a new \"version\" and its \"effectiveFrom\" date, and publish. The checks explain anything that does not fit the format.",
    publishIntroReference:
      "Start from the latest version below: change what the policy changed, give it a new \"version\", and publish. The checks explain anything that does not fit the format.",
    json: "Definition (JSON)",
    note: "What changed and why (shown in the version list)",
    publish: "Publish new version",
  },
  {
    all: "모든 심사 규칙 및 참조 목록",
    ruleset: "심사 규칙",
    reference: "참조 목록",
    published: "버전 {version}을(를) 게시했습니다. 진행 중인 사건을 백그라운드에서 다시 심사하고 있습니다.",
    versions: "버전",
    shipped: "프로그램과 함께 배포",
    publishedAt: "{at} 게시",
    inForce: " · {date}부터 시행",
    publishTitle: "새 버전 게시",
    publishIntroRuleset:
      "아래 최신 버전에서 시작하세요. 정책이 바뀐 부분을 고치고 새 \"version\"과 \"effectiveFrom\" 날짜를 정한 뒤 게시합니다. 형식에 맞지 않는 부분은 검사 결과가 설명합니다.",
    publishIntroReference:
      "아래 최신 버전에서 시작하세요. 정책이 바뀐 부분을 고치고 새 \"version\"을 정한 뒤 게시합니다. 형식에 맞지 않는 부분은 검사 결과가 설명합니다.",
    json: "정의 (JSON)",
    note: "변경 내용과 이유 (버전 목록에 표시)",
    publish: "새 버전 게시",
  },
);

export default function PolicyVersionPage() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const errors = r?.fieldErrors ?? {};
  const { t, m, dateTime } = useT(text);
  return (
    <section>
      <p>
        <Link to="/admin/policy">{t("all")}</Link>
      </p>
      <h1>
        {d.kind === "ruleset" ? t("ruleset") : t("reference")} <code>{d.key}</code>
      </h1>
      {d.published ? (
        <p className="notice" role="status">
          {t("published", { version: d.published })}
        </p>
      ) : null}
      <h2>{t("versions")}</h2>
      <ul>
        {d.versions.map((v) => (
          <li key={v.version}>
            <strong>{v.version}</strong> · {v.source === "shipped" ? t("shipped") : t("publishedAt", { at: dateTime(v.publishedAt!) })}
            {v.effectiveFrom ? t("inForce", { date: v.effectiveFrom }) : ""}
            {v.note ? ` · ${v.note}` : ""}
          </li>
        ))}
      </ul>
      <h2>{t("publishTitle")}</h2>
      <p>{d.kind === "ruleset" ? t("publishIntroRuleset") : t("publishIntroReference")}</p>
      <ErrorSummary error={r?.error} fieldErrors={errors} />
      <Form method="post">
        <div className={errors.json ? "field field-error" : "field"}>
          <label htmlFor={fieldId("json")}>{t("json")}</label>
          {errors.json ? (
            <pre className="error-message" id={`${fieldId("json")}-error`}>
              {m(errors.json)}
            </pre>
          ) : null}
          <textarea id={fieldId("json")} name="json" rows={24} spellCheck={false} defaultValue={r?.values?.json ?? d.json} style={{ fontFamily: "monospace", maxWidth: "100%" }} />
        </div>
        <Field name="note" label={t("note")} defaultValue={r?.values?.note} error={errors.note} />
        <button type="submit">{t("publish")}</button>
      </Form>
    </section>
  );
}
