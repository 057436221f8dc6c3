import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { loginSchema } from "../../models/auth";
import { fieldErrors } from "../../models/dossier";
import { defineMessages } from "../../models/i18n";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";
import { clientKey, consumeLimit, firstRefusal, peekLimit, refusalOf, retryAfterHeaders, resetLimit } from "../rate-limit.server";
import { homeFor, redirectIfSignedIn, safeRedirect, signIn, startSession } from "../session.server";
import { ErrorSummary, Field } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return redirectIfSignedIn(request, context);
}

/**
 * Failed sign-ins are limited per account and client address together, and per
 * client address (P5, issue 17). A limited attempt answers 429 before the
 * password is checked (503 when the limits cannot be checked); the e-mail
 * address typed is kept, the password never is.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "").slice(0, 254);
  const values = { email };
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: undefined, fieldErrors: fieldErrors(parsed.error), values, retryAfter: 0 }, { status: 400 });
  // Issue 17: consecutive failures per account *and* address (a stranger cannot lock the owner out), plus a
  // slower limit per address; both in Redis, shared by every web process, and failing closed when Redis is away.
  const ip = clientKey(context);
  const accountIpKey = `${parsed.data.email}|${ip}`;
  const refused = firstRefusal(await peekLimit(context, "loginAccountIp", accountIpKey), await peekLimit(context, "loginIp", ip));
  if (refused) {
    const r = refusalOf(refused, "Too many failed sign-in attempts. Wait a while, then try again.");
    return data({ error: r.error, fieldErrors: {} as Record<string, string>, values, retryAfter: r.retryAfter }, { status: r.status, headers: r.headers });
  }
  const user = await signIn(request, context, parsed.data.email, parsed.data.password);
  if (user) await resetLimit(context, "loginAccountIp", accountIpKey);
  if (!user) {
    await Promise.all([consumeLimit(context, "loginAccountIp", accountIpKey), consumeLimit(context, "loginIp", ip)]);
    return data({ error: "The e-mail address or password is not right.", fieldErrors: {} as Record<string, string>, values, retryAfter: 0 }, { status: 400 });
  }
  return startSession(request, context, user, safeRedirect(form.get("redirectTo"), homeFor(user.role)));
}

export const headers = retryAfterHeaders;

const text = defineMessages(
  {
    title: "Sign in",
    email: "E-mail address",
    password: "Password",
    submit: "Sign in",
    forgot: "Forgot your password?",
    newHere: "New here?",
    create: "Create an applicant account",
    reset: "Your password was changed. Sign in with your new password.",
    retryIn: "You can try again in about {minutes} min.",
  },
  {
    title: "로그인",
    email: "이메일 주소",
    password: "비밀번호",
    submit: "로그인",
    forgot: "비밀번호를 잊으셨나요?",
    newHere: "처음이신가요?",
    create: "신청인 계정 만들기",
    reset: "비밀번호가 변경되었습니다. 새 비밀번호로 로그인하세요.",
    retryIn: "약 {minutes}분 뒤에 다시 시도할 수 있습니다.",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "title");

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, m, errors: localize } = useT(text);
  const errors = localize(result?.fieldErrors);
  const error = result?.error ? [m(result.error), result.retryAfter ? t("retryIn", { minutes: Math.ceil(result.retryAfter / 60) }) : ""].join(" ").trim() : undefined;
  return (
    <section>
      <h1>{t("title")}</h1>
      {params.get("reset") === "1" && !result ? (
        <p className="notice" role="status">
          {t("reset")}
        </p>
      ) : null}
      <ErrorSummary error={error} fieldErrors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" label={t("email")} type="email" autoComplete="username" error={errors.email} defaultValue={result?.values.email} />
        <Field name="password" label={t("password")} type="password" autoComplete="current-password" error={errors.password} />
        <button type="submit">{t("submit")}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("forgot")}</Link>
      </p>
      <p>
        {t("newHere")} <Link to="/signup">{t("create")}</Link>.
      </p>
    </section>
  );
}
