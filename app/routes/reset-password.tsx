import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { checkPasswordResetToken, resetPassword } from "../../models/account";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";
import { ErrorSummary, Field } from "../ui";

/** A1: follow the e-mailed link (1 hour, once) and choose a new password. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    await checkPasswordResetToken(context.services.database.db, token);
    return data({ ok: true as const, token, message: undefined }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return data({ ok: false as const, token: "", message: err.message }, { status: err.code === "not_found" ? 404 : 410 });
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    await resetPassword(context.services.database.db, { token: form.get("token") ?? "", password: form.get("password") ?? "" }, { ip: context.ip });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // A bad or spent link is told apart from a password that needs correcting.
    if (err.code !== "validation") return data({ linkError: err.message, error: undefined, fieldErrors: {} as Record<string, string> }, { status: err.code === "not_found" ? 404 : 410 });
    return data({ linkError: undefined, error: err.message, fieldErrors: err.fieldErrors }, { status: 400 });
  }
  return redirect("/login?reset=1");
}

const text = defineMessages(
  {
    title: "Choose a new password",
    intro: "Choose a new password for your account. You will be signed out everywhere and can then sign in with it.",
    password: "New password",
    passwordHint: "At least 10 characters.",
    submit: "Set the new password",
    broken: "This link does not work",
    askAgain: "Ask for a new link",
  },
  {
    title: "새 비밀번호 정하기",
    intro: "계정의 새 비밀번호를 정하세요. 모든 기기에서 로그아웃되며, 새 비밀번호로 다시 로그인할 수 있습니다.",
    password: "새 비밀번호",
    passwordHint: "10자 이상.",
    submit: "새 비밀번호 저장",
    broken: "이 링크는 사용할 수 없습니다",
    askAgain: "새 링크 요청하기",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "title");

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const { t, m, errors: localize } = useT(text);
  const linkError = r?.linkError ?? (loaded.ok ? undefined : loaded.message);
  if (linkError) {
    return (
      <section>
        <h1>{t("broken")}</h1>
        <p>{m(linkError)}</p>
        <p>
          <Link to="/forgot-password">{t("askAgain")}</Link>
        </p>
      </section>
    );
  }
  const errors = localize(r?.fieldErrors);
  return (
    <section>
      <h1>{t("title")}</h1>
      <ErrorSummary error={r?.error} fieldErrors={errors} />
      <p>{t("intro")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="token" value={loaded.token} />
        <Field name="password" label={t("password")} type="password" autoComplete="new-password" hint={t("passwordHint")} error={errors.password} />
        <button type="submit">{t("submit")}</button>
      </Form>
    </section>
  );
}
