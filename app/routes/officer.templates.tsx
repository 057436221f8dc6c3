import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createTemplate, getTemplate, listTemplates, setTemplateActive, updateTemplate } from "../../models/case/decision-templates";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { asFormError, throwAsResponse } from "../errors.server";
import { metaTitle } from "../components/officer-common";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { Choice, ErrorSummary, Field, fieldId } from "../ui";

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

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, text, "title");

const text = defineMessages(
  {
    error: "Error:",
    code: "Code",
    codeHint: "A fixed name for the template, e.g. refuse-income-threshold (lower-case letters, digits, hyphens)",
    codeFixed: "Code: {code} (fixed)",
    forDecisions: "For decisions that",
    approve: "Approve",
    refuse: "Refuse",
    titleEn: "Title (English)",
    titleKo: "Title (Korean)",
    bodyEn: "Reasons text (English)",
    bodyKo: "Reasons text (Korean)",
    add: "Add template",
    save: "Save changes",
    back: "Back to the queue",
    title: "Decision templates",
    intro:
      "Officers choose these when they record a decision: the text becomes the reasons, in English and Korean, shown to the applicant and printed on the decision letter. Deactivated templates are no longer offered; decisions that used them keep their text.",
    saved: "Saved template {code}.",
    outcome: "Outcome",
    titleCol: "Title",
    status: "Status",
    updated: "Updated",
    actions: "Actions",
    active: "Active",
    inactive: "Deactivated",
    edit: "Edit",
    deactivate: "Deactivate",
    activate: "Activate",
    editing: "Edit {code}",
    cancel: "Cancel",
    new: "Add a template",
  },
  {
    error: "오류:",
    code: "서식 코드",
    codeHint: "서식의 고정 이름입니다. 예: refuse-income-threshold (영문 소문자, 숫자, 하이픈)",
    codeFixed: "서식 코드: {code} (변경 불가)",
    forDecisions: "적용할 결정",
    approve: "승인",
    refuse: "불허",
    titleEn: "제목 (영문)",
    titleKo: "제목 (국문)",
    bodyEn: "사유 문안 (영문)",
    bodyKo: "사유 문안 (국문)",
    add: "서식 추가",
    save: "변경 내용 저장",
    back: "대기열로 돌아가기",
    title: "결정 사유 서식",
    intro:
      "심사관이 결정을 기록할 때 고르는 서식입니다. 서식 문안은 영문과 국문 사유가 되어 신청인에게 보이고 결정 통지서에 인쇄됩니다. 사용 중지한 서식은 더 이상 제시되지 않으며, 이미 사용한 결정의 문안은 그대로 남습니다.",
    saved: "서식 {code}을(를) 저장했습니다.",
    outcome: "결정",
    titleCol: "제목",
    status: "상태",
    updated: "수정일시",
    actions: "작업",
    active: "사용 중",
    inactive: "사용 중지",
    edit: "수정",
    deactivate: "사용 중지",
    activate: "다시 사용",
    editing: "{code} 수정",
    cancel: "취소",
    new: "서식 추가",
  },
);

function TextArea({ name, label, error, defaultValue }: { name: string; label: string; error?: string; defaultValue?: string }) {
  const id = fieldId(name);
  const { t, m } = useT(text);
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t("error")}</span> {m(error)}
        </p>
      ) : null}
      <textarea id={id} name={name} rows={6} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}

function TemplateForm({ intent, values, errors, id }: { intent: "create" | "update"; values: Values; errors: Record<string, string>; id?: string }) {
  const { t, m } = useT(text);
  return (
    <Form method="post">
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {intent === "create" ? (
        <Field name="code" label={t("code")} hint={t("codeHint")} defaultValue={values.code} error={errors.code} />
      ) : (
        <p>{t("codeFixed", { code: values.code ?? "" })}</p>
      )}
      <fieldset className={errors.outcome ? "field field-error" : "field"}>
        <legend>{t("forDecisions")}</legend>
        {errors.outcome ? <p className="error-message">{m(errors.outcome)}</p> : null}
        <div className="choices-inline">
          <Choice type="radio" id={fieldId("outcome")} name="outcome" value="approve" defaultChecked={values.outcome === "approve"} label={t("approve")} />
          <Choice type="radio" id={`${fieldId("outcome")}-refuse`} name="outcome" value="refuse" defaultChecked={values.outcome === "refuse"} label={t("refuse")} />
        </div>
      </fieldset>
      <Field name="titleEn" label={t("titleEn")} defaultValue={values.titleEn} error={errors.titleEn} />
      <Field name="titleKo" label={t("titleKo")} defaultValue={values.titleKo} error={errors.titleKo} />
      <TextArea name="bodyEn" label={t("bodyEn")} defaultValue={values.bodyEn} error={errors.bodyEn} />
      <TextArea name="bodyKo" label={t("bodyKo")} defaultValue={values.bodyKo} error={errors.bodyKo} />
      <button type="submit" name="intent" value={intent}>
        {intent === "create" ? t("add") : t("save")}
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
  const { t, locale, dateTime } = useT(text);
  return (
    <section>
      <p>
        <Link to="/officer">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      {saved ? (
        <p role="status" className="notice">
          {t("saved", { code: saved })}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{t("code")}</th>
            <th scope="col">{t("outcome")}</th>
            <th scope="col">{t("titleCol")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("updated")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((x) => (
            <tr key={x.id}>
              <td>
                <code>{x.code}</code>
              </td>
              <td>{x.outcome === "approve" ? t("approve") : t("refuse")}</td>
              <td>
                <span lang={locale}>{locale === "ko" ? x.titleKo : x.titleEn}</span>
                <br />
                <span lang={locale === "ko" ? "en" : "ko"}>{locale === "ko" ? x.titleEn : x.titleKo}</span>
              </td>
              <td>{x.active ? t("active") : t("inactive")}</td>
              <td>{dateTime(x.updatedAt)}</td>
              <td>
                <Link to={`/officer/templates?edit=${x.id}`}>{t("edit")}</Link>{" "}
                <Form method="post" className="inline">
                  <input type="hidden" name="id" value={x.id} />
                  <button type="submit" name="intent" value={x.active ? "deactivate" : "activate"} className="secondary">
                    {x.active ? t("deactivate") : t("activate")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && editValues ? (
        <section aria-labelledby="edit">
          <h2 id="edit">{t("editing", { code: editing.code })}</h2>
          <TemplateForm intent="update" id={editing.id} values={editValues} errors={sent.intent === "update" ? errors : {}} />
          <p>
            <Link to="/officer/templates">{t("cancel")}</Link>
          </p>
        </section>
      ) : null}
      {editing ? null : (
        <section aria-labelledby="new">
          <h2 id="new">{t("new")}</h2>
          <TemplateForm intent="create" values={sent.intent === "create" ? sent : {}} errors={sent.intent === "create" ? errors : {}} />
        </section>
      )}
    </section>
  );
}
