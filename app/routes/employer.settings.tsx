import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { formatRegistrationNumber, getOrganization, updateAlertSettings } from "../../models/organization";
import { EmployerNav, employerLabels, industryKey } from "../components/employer";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, Field } from "../ui";

const text = defineMessages(
  {
    title: "Alert settings",
    company: "Company",
    regNo: "Business registration number",
    industry: "Industry",
    intro: "Administrators get an e-mail, in their own language, when a deadline comes within these numbers of days, plus a weekly summary every Monday.",
    evidence: "Requests for evidence to your company: days ahead",
    visa: "Visa expiry of your approved employees: days ahead",
    hint: "Whole days separated by commas, e.g. {example}",
    save: "Save",
    saved: "Saved.",
  },
  {
    title: "알림 설정",
    company: "회사",
    regNo: "사업자등록번호",
    industry: "산업 분야",
    intro: "기한이 아래 일수 안으로 다가오면 관리자에게 각자의 언어로 이메일을 보내며, 매주 월요일에는 주간 요약을 보냅니다.",
    evidence: "귀사에 대한 보완 요청: 며칠 전에 알림",
    visa: "허가된 직원의 비자 만료: 며칠 전에 알림",
    hint: "쉼표로 구분한 일수, 예: {example}",
    save: "저장",
    saved: "저장했습니다.",
  },
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin"]);
  const org = await getOrganization(caseContext(context, user)).catch(throwAsResponse);
  return { name: org.name, registrationNumber: formatRegistrationNumber(org.registrationNumber ?? ""), industry: org.industry, settings: org.alertSettings };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin"]);
  const form = await request.formData();
  const values = { evidenceDueDays: String(form.get("evidenceDueDays") ?? ""), visaExpiryDays: String(form.get("visaExpiryDays") ?? "") };
  try {
    await updateAlertSettings(caseContext(context, user), values);
    return { ok: true as const };
  } catch (err) {
    return asFormError(err, values);
  }
}

export const meta: MetaFunction = () => [{ title: "Alert settings · TopTier employer" }];

export default function Settings() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT(text);
  const labels = useT(employerLabels);
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.fieldErrors ?? {};
  // A list's error may sit on the list or on one of its entries.
  const errorFor = (k: string) => errors[k] ?? Object.entries(errors).find(([f]) => f.startsWith(`${k}.`))?.[1];
  return (
    <section>
      <EmployerNav isAdmin />
      <h1>{t("title")}</h1>
      <dl className="summary">
        <dt>{t("company")}</dt>
        <dd>{d.name}</dd>
        <dt>{t("regNo")}</dt>
        <dd>{d.registrationNumber || "—"}</dd>
        <dt>{t("industry")}</dt>
        <dd>{labels.t(industryKey(d.industry))}</dd>
      </dl>
      <p>{t("intro")}</p>
      <ErrorSummary error={failed?.error} fieldErrors={errors} />
      {result?.ok ? (
        <p className="notice" role="status">
          {t("saved")}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Field
          name="evidenceDueDays"
          label={t("evidence")}
          hint={t("hint", { example: "7, 2" })}
          defaultValue={failed?.values?.evidenceDueDays ?? d.settings.evidenceDueDays.join(", ")}
          error={errorFor("evidenceDueDays")}
        />
        <Field
          name="visaExpiryDays"
          label={t("visa")}
          hint={t("hint", { example: "90, 30" })}
          defaultValue={failed?.values?.visaExpiryDays ?? d.settings.visaExpiryDays.join(", ")}
          error={errorFor("visaExpiryDays")}
        />
        <button type="submit">{t("save")}</button>
      </Form>
    </section>
  );
}
