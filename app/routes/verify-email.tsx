import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifyEmail } from "../../models/auth";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    const user = await verifyEmail(context.services.database.db, token);
    return { ok: true as const, email: user.email };
  } catch (err) {
    if (err instanceof AppError) return { ok: false as const, message: err.message };
    throw err;
  }
}

const text = defineMessages(
  {
    pageTitle: "Confirm e-mail",
    confirmed: "E-mail address confirmed",
    thanks: "Thank you: {email} is confirmed.",
    toCases: "Go to your applications",
    broken: "This link does not work",
    signIn: "Sign in",
  },
  {
    pageTitle: "이메일 확인",
    confirmed: "이메일 주소가 확인되었습니다",
    thanks: "감사합니다. {email} 주소가 확인되었습니다.",
    toCases: "내 신청으로 가기",
    broken: "이 링크는 사용할 수 없습니다",
    signIn: "로그인",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "pageTitle");

export default function VerifyEmail() {
  const result = useLoaderData<typeof loader>();
  const { t, m } = useT(text);
  return result.ok ? (
    <section>
      <h1>{t("confirmed")}</h1>
      <p>{t("thanks", { email: result.email })}</p>
      <p>
        <Link to="/cases">{t("toCases")}</Link>
      </p>
    </section>
  ) : (
    <section>
      <h1>{t("broken")}</h1>
      <p>{m(result.message)}</p>
      <p>
        <Link to="/login">{t("signIn")}</Link>
      </p>
    </section>
  );
}
