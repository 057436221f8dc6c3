import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { currentPolicyBody, listPolicyVersions, publishPolicyVersion } from "../../models/policy";
import { PolicyCheckError, type PolicyProblem } from "../../models/policy-problems";
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
  const latest = versions[versions.length - 1];
  return {
    kind,
    key,
    title: latest?.title ?? key,
    titleKo: latest?.titleKo ?? null,
    edition: latest?.edition ?? null,
    editionKo: latest?.editionKo ?? null,
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
    // The checks' problems go to the page one by one, so it can show them in the reader's language.
    if (err instanceof PolicyCheckError) return data({ ok: false as const, error: err.message, fieldErrors: err.fieldErrors, values: { json, note }, problems: err.problems }, { status: err.status });
    return asFormError(err, { json, note });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => metaTitle(matches, text, data?.kind === "reference" ? "reference" : "ruleset", data?.key);

const text = defineMessages(
  {
    all: "All rule sets and reference lists",
    ruleset: "Rule set",
    reference: "Reference list",
    id: "Id",
    current: "Latest version",
    edition: "Edition",
    published: "Version {version} is published. Open cases are being re-screened in the background.",
    versions: "Versions",
    shipped: "shipped with the code",
    publishedAt: "published {at}",
    inForce: " · in force from {date}",
    publishTitle: "Publish a new version",
    publishIntro: "Start from the latest version below: change what the policy changed and publish. The checks explain anything that does not fit the format.",
    mustChange: "Change these fields every time:",
    versionField: "a new version number (a number used before is refused)",
    effectiveFromField: "the day the version takes effect, as YYYY-MM-DD",
    json: "Definition (JSON)",
    jsonHint: "Keep the field names (in English) as they are and change the values. Korean wording is in the fields named ko.",
    problems: "The definition does not pass the checks:",
    problemsOne: "The definition has 1 problem to fix",
    problemsMany: "The definition has {n} problems to fix",
    note: "What changed and why (shown in the version list)",
    publish: "Publish new version",
  },
  {
    all: "모든 심사 규칙 및 참조 목록",
    ruleset: "심사 규칙",
    reference: "참조 목록",
    id: "식별자",
    current: "최신 버전",
    edition: "기준 자료",
    published: "버전 {version}을(를) 게시했습니다. 진행 중인 사건을 백그라운드에서 다시 심사하고 있습니다.",
    versions: "버전",
    shipped: "프로그램과 함께 배포",
    publishedAt: "{at} 게시",
    inForce: " · {date}부터 시행",
    publishTitle: "새 버전 게시",
    publishIntro: "아래 최신 버전에서 시작하세요. 정책이 바뀐 부분을 고친 뒤 게시합니다. 형식에 맞지 않는 부분은 검사 결과가 설명합니다.",
    mustChange: "게시할 때마다 바꿀 항목:",
    versionField: "새 버전 번호 (이미 쓴 번호는 받지 않습니다)",
    effectiveFromField: "이 버전의 시행일 (YYYY-MM-DD 형식)",
    json: "정의 (JSON)",
    jsonHint: "항목 이름(영문)은 그대로 두고 값만 고치세요. 한국어 문구는 ko 항목에 있습니다.",
    problems: "정의가 검사를 통과하지 못했습니다:",
    problemsOne: "정의에서 고칠 곳이 1군데 있습니다",
    problemsMany: "정의에서 고칠 곳이 {n}군데 있습니다",
    note: "변경 내용과 이유 (버전 목록에 표시)",
    publish: "새 버전 게시",
  },
);

export default function PolicyVersionPage() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const { t, m, locale, date, dateTime } = useT(text);
  // The checks' problems are listed by the field; the summary says how many there are.
  const problems = r && "problems" in r ? (r.problems as PolicyProblem[]) : undefined;
  const errors: Record<string, string> = problems ? { json: problems.length === 1 ? t("problemsOne") : t("problemsMany", { n: problems.length }) } : { ...r?.fieldErrors };
  const title = locale === "ko" ? (d.titleKo ?? d.title) : d.title;
  const edition = locale === "ko" ? (d.editionKo ?? d.edition) : d.edition;
  const json = fieldId("json");
  const describedBy = [`${json}-hint`, errors.json ? `${json}-error` : null].filter(Boolean).join(" ");
  return (
    <section>
      <p>
        <Link to="/admin/policy">{t("all")}</Link>
      </p>
      <p className="hint policy-kind">{d.kind === "ruleset" ? t("ruleset") : t("reference")}</p>
      <h1>{title}</h1>
      <dl className="summary">
        <dt>{t("id")}</dt>
        <dd>
          <code>{d.key}</code>
        </dd>
        <dt>{t("current")}</dt>
        <dd>
          <code>{d.versions[d.versions.length - 1]?.version}</code>
        </dd>
        {edition ? (
          <>
            <dt>{t("edition")}</dt>
            <dd>{edition}</dd>
          </>
        ) : null}
      </dl>
      {d.published ? (
        <p className="notice" role="status">
          {t("published", { version: d.published })}
        </p>
      ) : null}
      <h2>{t("versions")}</h2>
      {/* Newest first, as on the list of all rule sets and lists. */}
      <ul className="policy-versions">
        {[...d.versions].reverse().map((v) => (
          <li key={v.version}>
            <code>{v.version}</code> · {v.source === "shipped" ? t("shipped") : t("publishedAt", { at: dateTime(v.publishedAt!) })}
            {v.effectiveFrom ? t("inForce", { date: date(v.effectiveFrom) }) : ""}
            {v.note ? ` · ${v.note}` : ""}
          </li>
        ))}
      </ul>
      <h2>{t("publishTitle")}</h2>
      <p>{t("publishIntro")}</p>
      <p className="policy-must-change">{t("mustChange")}</p>
      <ul>
        <li>
          <code>version</code>: {t("versionField")}
        </li>
        {d.kind === "ruleset" ? (
          <li>
            <code>effectiveFrom</code>: {t("effectiveFromField")}
          </li>
        ) : null}
      </ul>
      <ErrorSummary error={r?.error} fieldErrors={errors} />
      <Form method="post">
        <div className={errors.json ? "field field-error" : "field"}>
          <label htmlFor={json}>{t("json")}</label>
          <p className="hint" id={`${json}-hint`}>
            {t("jsonHint")}
          </p>
          {problems ? (
            <div className="error-message" id={`${json}-error`}>
              <p>{t("problems")}</p>
              <ul className="policy-problems">
                {problems.map((p, i) => (
                  <li key={i}>
                    {p.path ? (
                      <>
                        <code>{p.path}</code>:{" "}
                      </>
                    ) : null}
                    {locale === "ko" ? p.ko : p.en}
                  </li>
                ))}
              </ul>
            </div>
          ) : errors.json ? (
            <pre className="error-message" id={`${json}-error`}>
              {m(errors.json)}
            </pre>
          ) : null}
          {/* The definition itself is code: the same in both languages, never machine-translated. */}
          <textarea
            id={json}
            name="json"
            rows={24}
            spellCheck={false}
            translate="no"
            aria-describedby={describedBy}
            aria-invalid={errors.json ? true : undefined}
            defaultValue={r?.values?.json ?? d.json}
            className="policy-json"
          />
        </div>
        <Field name="note" label={t("note")} defaultValue={r?.values?.note} error={errors.note} />
        <button type="submit">{t("publish")}</button>
      </Form>
    </section>
  );
}
