import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { signUp } from "../../models/auth";
import { defineMessages } from "../../models/i18n";
import { asFormError } from "../errors.server";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";
import { CheckYourEmail } from "../components/check-email";
import { clientKey, consumeLimit } from "../rate-limit.server";
import { redirectIfSignedIn } from "../session.server";
import { ErrorSummary, Field } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return redirectIfSignedIn(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const limited = await consumeLimit(context, "signup", clientKey(context));
  if (!limited.ok) throw new Response("Too many sign-ups from your address; try again later.", { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } });
  const form = await request.formData();
  const values = { name: String(form.get("name") ?? "").slice(0, 200), email: String(form.get("email") ?? "").slice(0, 254) };
  try {
    // Issue 17 item 7: the same answer for a new address and one that has an account (whose owner gets an
    // e-mail instead); nobody is signed in here: the link in the e-mail confirms the address and signs in.
    const { email } = await signUp(context.services.database.db, Object.fromEntries(form), { ip: context.ip });
    return { sent: email };
  } catch (err) {
    return asFormError(err, values);
  }
}

const text = defineMessages(
  {
    title: "Create an applicant account",
    name: "Full name",
    email: "E-mail address",
    emailHint: "We send a link to confirm it.",
    password: "Password",
    passwordHint: "At least 10 characters.",
    submit: "Create account",
    haveAccount: "Already have an account?",
    signIn: "Sign in",
  },
  {
    title: "신청인 계정 만들기",
    name: "성명",
    email: "이메일 주소",
    emailHint: "확인 링크를 보내 드립니다.",
    password: "비밀번호",
    passwordHint: "10자 이상.",
    submit: "계정 만들기",
    haveAccount: "이미 계정이 있으신가요?",
    signIn: "로그인",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "title");

export default function SignUp() {
  const result = useActionData<typeof action>();
  const { t, locale } = useT(text);
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  const values = result && "values" in result ? result.values : undefined;
  if (result && "sent" in result) return <CheckYourEmail email={result.sent} />;
  return (
    <section>
      <h1>{t("title")}</h1>
      <ErrorSummary error={result && "error" in result ? result.error : undefined} fieldErrors={errors} />
      <Form method="post" noValidate>
        <Field name="name" label={t("name")} autoComplete="name" error={errors.name} defaultValue={values?.name} />
        <Field name="email" label={t("email")} type="email" autoComplete="email" error={errors.email} hint={t("emailHint")} defaultValue={values?.email} />
        <Field name="password" label={t("password")} type="password" autoComplete="new-password" error={errors.password} hint={t("passwordHint")} />
        {/* The account keeps the language the page is shown in (e-mails follow it). */}
        <input type="hidden" name="locale" value={locale} />
        <button type="submit">{t("submit")}</button>
      </Form>
      <p>
        {t("haveAccount")} <Link to="/login">{t("signIn")}</Link>.
      </p>
    </section>
  );
}
