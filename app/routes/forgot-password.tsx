import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "../../models/account";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";
import { clientKey, consumeLimit, firstRefusal, refusalOf, retryAfterHeaders } from "../rate-limit.server";
import { redirectIfSignedIn } from "../session.server";
import { ErrorSummary, Field } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return redirectIfSignedIn(request, context);
}

/**
 * A1: ask for a reset link. The answer is the same whether or not an account
 * has this address. Limited per client address and per e-mail address (P5).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "").trim().slice(0, 254);
  const values = { email };
  const refused = firstRefusal(await consumeLimit(context, "resetIp", clientKey(context)), await consumeLimit(context, "resetEmail", email.toLowerCase()));
  if (refused) {
    const r = refusalOf(refused, "Too many requests for a reset link. Wait a while, then try again.");
    return data({ sent: false as const, error: r.error, fieldErrors: {} as Record<string, string>, values, retryAfter: r.retryAfter }, { status: r.status, headers: r.headers });
  }
  try {
    const { email: sentTo } = await requestPasswordReset(context.services.database.db, { email }, { ip: context.ip });
    return data({ sent: true as const, error: undefined, fieldErrors: {} as Record<string, string>, values: { email: sentTo }, retryAfter: 0 });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return data({ sent: false as const, error: err.message, fieldErrors: err.fieldErrors, values, retryAfter: 0 }, { status: err.status });
  }
}

const text = defineMessages(
  {
    title: "Forgot your password",
    intro: "Enter the e-mail address of your account. We send a link to choose a new password.",
    email: "E-mail address",
    submit: "Send the link",
    sentTitle: "Check your e-mail",
    sent: "If an account exists for {email}, we sent a link to it. The link works for 1 hour.",
    notArrived: "Nothing after a few minutes? Look in your spam folder, or",
    again: "ask for another link",
    back: "Back to sign in",
    retryIn: "You can try again in about {minutes} min.",
  },
  {
    title: "비밀번호 찾기",
    intro: "계정의 이메일 주소를 입력하세요. 새 비밀번호를 정할 수 있는 링크를 보내 드립니다.",
    email: "이메일 주소",
    submit: "링크 보내기",
    sentTitle: "이메일을 확인하세요",
    sent: "{email} 주소로 된 계정이 있다면 그 주소로 링크를 보냈습니다. 링크는 1시간 동안 유효합니다.",
    notArrived: "몇 분이 지나도 오지 않으면 스팸 메일함을 확인하거나",
    again: "링크를 다시 요청하세요",
    back: "로그인으로 돌아가기",
    retryIn: "약 {minutes}분 뒤에 다시 시도할 수 있습니다.",
  },
);

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "title");

export default function ForgotPassword() {
  const r = useActionData<typeof action>();
  const { t, m, errors: localize } = useT(text);
  if (r?.sent) {
    return (
      <section>
        <h1>{t("sentTitle")}</h1>
        <p role="status">{t("sent", { email: r.values.email })}</p>
        <p>
          {t("notArrived")} <Link to="/forgot-password">{t("again")}</Link>.
        </p>
        <p>
          <Link to="/login">{t("back")}</Link>
        </p>
      </section>
    );
  }
  const errors = localize(r?.fieldErrors);
  const error = r?.error ? [m(r.error), r.retryAfter ? t("retryIn", { minutes: Math.ceil(r.retryAfter / 60) }) : ""].join(" ").trim() : undefined;
  return (
    <section>
      <h1>{t("title")}</h1>
      <ErrorSummary error={error} fieldErrors={errors} />
      <p>{t("intro")}</p>
      <Form method="post" noValidate>
        <Field name="email" label={t("email")} type="email" autoComplete="username" error={errors.email} defaultValue={r?.values.email} />
        <button type="submit">{t("submit")}</button>
      </Form>
      <p>
        <Link to="/login">{t("back")}</Link>
      </p>
    </section>
  );
}
