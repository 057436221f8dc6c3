import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { checkVerificationToken, verifyEmail } from "../../models/auth";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";
import { homeFor, startSession } from "../session.server";

/**
 * A1 / issue 17 item 7: the link from the sign-up e-mail. Opening it only shows a button (mail scanners that
 * open every link must not use it up); the button confirms the address and signs its holder in, which is how
 * a new account gets its first session now that sign-up itself signs nobody in.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    return { ok: true as const, ...(await checkVerificationToken(context.services.database.db, token)) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false as const, message: err.message };
    throw err;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    const { user, signIn } = await verifyEmail(context.services.database.db, token);
    if (signIn) return startSession(request, context, user, `${homeFor(user.role)}?welcome=1`);
    return { ok: true as const, state: "confirmed" as const, email: user.email };
  } catch (err) {
    if (err instanceof AppError) return { ok: false as const, message: err.message };
    throw err;
  }
}

const text = defineMessages(
  {
    pageTitle: "Confirm e-mail",
    confirm: "Confirm your e-mail address",
    confirmIntro: "Confirm that {email} is your address to finish creating your account. You will be signed in.",
    confirmButton: "Confirm and continue",
    confirmed: "E-mail address confirmed",
    thanks: "Thank you: {email} is confirmed. Sign in to continue.",
    broken: "This link does not work",
    signIn: "Sign in",
  },
  {
    pageTitle: "이메일 확인",
    confirm: "이메일 주소를 확인하세요",
    confirmIntro: "{email} 주소가 본인의 주소임을 확인하면 계정 만들기가 끝나고 로그인됩니다.",
    confirmButton: "확인하고 계속하기",
    confirmed: "이메일 주소가 확인되었습니다",
    thanks: "감사합니다. {email} 주소가 확인되었습니다. 로그인해서 계속하세요.",
    broken: "이 링크는 사용할 수 없습니다",
    signIn: "로그인",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "pageTitle");

export default function VerifyEmail() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const result = acted ?? loaded;
  const { t, m } = useT(text);
  if (!result.ok) {
    return (
      <section>
        <h1>{t("broken")}</h1>
        <p>{m(result.message)}</p>
        <p>
          <Link to="/login">{t("signIn")}</Link>
        </p>
      </section>
    );
  }
  if (result.state === "confirmed") {
    return (
      <section>
        <h1>{t("confirmed")}</h1>
        <p>{t("thanks", { email: result.email })}</p>
        <p>
          <Link to="/login">{t("signIn")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("confirm")}</h1>
      <p>{t("confirmIntro", { email: result.email })}</p>
      <Form method="post">
        <button type="submit">{t("confirmButton")}</button>
      </Form>
    </section>
  );
}
