import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { industryIds } from "../../models/dossier";
import { defineMessages } from "../../models/i18n";
import { signUpOrganization } from "../../models/organization";
import { CheckYourEmail } from "../components/check-email";
import { employerLabels, industryKey } from "../components/employer";
import { asFormError } from "../errors.server";
import { useT } from "../i18n";
import { clientKey, consumeLimit } from "../rate-limit.server";
import { redirectIfSignedIn } from "../session.server";
import { ErrorSummary, Field, SelectField } from "../ui";

const text = defineMessages(
  {
    title: "Register your company",
    intro: "Sponsor foreign talent for the Top-Tier visa: register your company, then invite colleagues and candidates.",
    company: "The company",
    companyName: "Company name",
    regNo: "Business registration number (사업자등록번호)",
    regNoHint: "10 digits, e.g. 123-45-67890",
    industry: "Industry",
    you: "You, its first administrator",
    name: "Your full name",
    email: "Your work e-mail address",
    emailHint: "We send a link to confirm it.",
    password: "Password",
    passwordHint: "At least 10 characters.",
    submit: "Register the company",
    haveAccount: "Already registered?",
    signIn: "Sign in",
    applicant: "Applying for a visa yourself?",
    applicantLink: "Create an applicant account",
  },
  {
    title: "기업 등록",
    intro: "최우수인재 비자로 외국 인재를 초청하려면 회사를 등록한 뒤 동료와 후보자를 초대하세요.",
    company: "회사 정보",
    companyName: "회사명",
    regNo: "사업자등록번호",
    regNoHint: "10자리, 예: 123-45-67890",
    industry: "산업 분야",
    you: "첫 관리자(본인) 정보",
    name: "성명",
    email: "업무용 이메일 주소",
    emailHint: "확인 링크를 보내 드립니다.",
    password: "비밀번호",
    passwordHint: "10자 이상.",
    submit: "회사 등록",
    haveAccount: "이미 등록하셨나요?",
    signIn: "로그인",
    applicant: "본인이 비자를 신청하시나요?",
    applicantLink: "신청인 계정 만들기",
  },
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return redirectIfSignedIn(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const limited = await consumeLimit(context, "orgSignup", clientKey(context));
  if (!limited.ok) throw new Response("Too many sign-ups from your address; try again later.", { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } });
  const form = await request.formData();
  const pick = (k: string, max: number) => String(form.get(k) ?? "").slice(0, max);
  const values = { companyName: pick("companyName", 200), registrationNumber: pick("registrationNumber", 20), industry: pick("industry", 40), name: pick("name", 200), email: pick("email", 254) };
  try {
    // Issue 17 item 7: as for applicants, "check your e-mail" whether the address was new or not; the link signs in.
    const { email } = await signUpOrganization(context.services.database.db, Object.fromEntries(form), { ip: context.ip });
    return { sent: email };
  } catch (err) {
    return asFormError(err, values);
  }
}

export const meta: MetaFunction = () => [{ title: "Register your company · TopTier" }];

export default function EmployerSignUp() {
  const result = useActionData<typeof action>();
  const { t, locale } = useT(text);
  const labels = useT(employerLabels);
  if (result && "sent" in result) return <CheckYourEmail email={result.sent} />;
  const errors = result?.fieldErrors ?? {};
  const values = result?.values;
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      <Form method="post" noValidate>
        <fieldset>
          <legend>{t("company")}</legend>
          <Field name="companyName" label={t("companyName")} autoComplete="organization" defaultValue={values?.companyName} error={errors.companyName} />
          <Field name="registrationNumber" label={t("regNo")} hint={t("regNoHint")} inputMode="numeric" defaultValue={values?.registrationNumber} error={errors.registrationNumber} />
          <SelectField name="industry" label={t("industry")} options={industryIds.map((i) => ({ value: i, label: labels.t(industryKey(i)) }))} defaultValue={values?.industry} error={errors.industry} />
        </fieldset>
        <fieldset>
          <legend>{t("you")}</legend>
          <Field name="name" label={t("name")} autoComplete="name" defaultValue={values?.name} error={errors.name} />
          <Field name="email" label={t("email")} type="email" autoComplete="email" hint={t("emailHint")} defaultValue={values?.email} error={errors.email} />
          <Field name="password" label={t("password")} type="password" autoComplete="new-password" hint={t("passwordHint")} error={errors.password} />
        </fieldset>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit">{t("submit")}</button>
      </Form>
      <p>
        {t("haveAccount")} <Link to="/login">{t("signIn")}</Link>. {t("applicant")} <Link to="/signup">{t("applicantLink")}</Link>.
      </p>
    </section>
  );
}
