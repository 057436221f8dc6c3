import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { completeMfa, ensureTotpSecret } from "../../models/auth";
import { defineMessages } from "../../models/i18n";
import { otpauthUri } from "../../models/totp";
import { CODES_SAVED_INTENT, RecoveryCodes } from "../components/recovery-codes";
import { pageTitle } from "../components/page-title";
import { TotpQr } from "../components/totp-qr";
import { useT } from "../i18n";
import { consumeLimit, peekLimit, refusalOf, retryAfterHeaders } from "../rate-limit.server";
import { qrDataUrl } from "../qr.server";
import { codesToShow, forgetCodes, redirectToShowCodes } from "../recovery-codes.server";
import { getSessionState, homeFor, safeRedirect } from "../session.server";
import { ErrorSummary, Field } from "../ui";

/**
 * The second factor (P5: required for officers, optional for others). On an
 * officer's first sign-in the page shows the secret to put in an authenticator
 * app; the first correct code turns TOTP on and shows the recovery codes once.
 * Afterwards it asks for a code (or a recovery code) at every sign-in.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const state = await getSessionState(request, context);
  if (!state) throw redirect("/login");
  if (!state.mfaPending) {
    // Issue 15: just set up; the recovery codes stay here until the user says they are saved.
    const codes = await codesToShow(request, context, state.user.id);
    if (codes) return { setup: null, codes, email: state.user.email };
    throw redirect(homeFor(state.user.role));
  }
  if (state.user.totpEnabledAt) return { setup: null, codes: null, email: state.user.email };
  const secret = await ensureTotpSecret(context.services.database.db, state.user);
  const uri = otpauthUri(secret, state.user.email);
  return { setup: { secret, uri, qr: await qrDataUrl(uri) }, codes: null, email: state.user.email };
}

type Errors = Record<string, string>;

export async function action({ request, context }: ActionFunctionArgs) {
  const state = await getSessionState(request, context);
  if (!state) throw redirect("/login");
  const form = await request.formData();
  const next = safeRedirect(form.get("redirectTo"), homeFor(state.user.role));
  if (form.get("intent") === CODES_SAVED_INTENT) {
    if (state.mfaPending) throw redirect("/mfa");
    if (form.get("saved") !== "yes") return data({ error: undefined, fieldErrors: {} as Errors, values: { recoveryCode: "" }, notTicked: true, next }, { status: 400 });
    return redirect(next, { headers: { "Set-Cookie": await forgetCodes(context) } });
  }
  const recoveryCode = String(form.get("recoveryCode") ?? "").slice(0, 60);
  const values = { recoveryCode };
  // Only wrong codes count (a right code gives an attacker nothing): 10 per 5 minutes per account.
  const limited = await peekLimit(context, "mfa", state.user.id);
  if (!limited.ok) {
    const r = refusalOf(limited, "Too many codes tried. Wait five minutes, then try again.");
    return data({ error: r.error, fieldErrors: {} as Errors, values, notTicked: false, next }, { status: r.status, headers: r.headers });
  }
  const useRecovery = form.get("method") === "recovery";
  if (useRecovery && !recoveryCode.trim()) {
    return data({ error: undefined, fieldErrors: { recoveryCode: "Enter one of your recovery codes" } as Errors, values, notTicked: false, next }, { status: 400 });
  }
  const result = await completeMfa(
    context.services.database.db,
    state.token,
    useRecovery ? { recoveryCode } : { code: String(form.get("code") ?? "").slice(0, 20) },
    { ip: context.ip },
  );
  if (!result.ok) {
    await consumeLimit(context, "mfa", state.user.id);
    const fieldErrors: Errors = useRecovery
      ? { recoveryCode: "That recovery code is not right or was already used" }
      : result.reason === "replayed"
        ? { code: "That code was already used: wait for the next one" }
        : { code: "Enter the current 6-digit code" };
    const error = useRecovery
      ? "That recovery code does not work. Each code works once."
      : result.reason === "replayed"
        ? "That code was already used. Wait until your app shows a new code, then enter it."
        : "That code is not right. Enter the 6 digits your app shows now.";
    return data({ error, fieldErrors, values, notTicked: false, next }, { status: 400 });
  }
  // First set-up: the recovery codes stay on this page until the user says they are saved (issue 15).
  if (result.recoveryCodes) return redirectToShowCodes(context, state.user.id, result.recoveryCodes, `/mfa?redirectTo=${encodeURIComponent(next)}`);
  return redirect(next);
}

const text = defineMessages(
  {
    pageTitle: "Two-step sign-in",
    setupIntro: "Officer and administrator accounts sign in with a code from an authenticator app. Add this account to your app once:",
    key: "Key to type in:",
    uri: "Or open this address on the phone with the app:",
    enter: "Enter the code your authenticator app shows for TopTier.",
    code: "6-digit code",
    submit: "Continue",
    lost: "Lost your phone? Use a recovery code",
    lostHint: "Each recovery code works once.",
    recoveryCode: "Recovery code",
    useRecovery: "Sign in with a recovery code",
    doneTitle: "Two-step sign-in is on",
  },
  {
    pageTitle: "2단계 인증",
    setupIntro: "심사관 및 관리자 계정은 인증 앱의 코드로 로그인합니다. 이 계정을 인증 앱에 한 번 추가하세요.",
    key: "직접 입력할 키:",
    uri: "또는 인증 앱이 있는 휴대전화에서 이 주소를 여세요:",
    enter: "인증 앱이 TopTier에 대해 보여 주는 코드를 입력하세요.",
    code: "6자리 코드",
    submit: "계속",
    lost: "휴대전화를 잃어버리셨나요? 복구 코드를 쓰세요",
    lostHint: "복구 코드는 각각 한 번만 쓸 수 있습니다.",
    recoveryCode: "복구 코드",
    useRecovery: "복구 코드로 로그인",
    doneTitle: "2단계 인증이 켜졌습니다",
  },
);

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "pageTitle");

export default function Mfa() {
  const { setup, codes, email } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale, errors: localize } = useT(text);
  const fieldErrors = localize(r?.fieldErrors);
  if (codes) {
    return (
      <section>
        <h1>{t("doneTitle")}</h1>
        <RecoveryCodes codes={codes} email={email} redirectTo={params.get("redirectTo") ?? ""} notTicked={r?.notTicked} />
      </section>
    );
  }
  const recoveryTried = Boolean(r?.fieldErrors && "recoveryCode" in r.fieldErrors);
  return (
    <section>
      {/* Before the second factor the account's language is not applied yet: the heading says both. */}
      <h1>
        {locale === "ko" ? (
          <>
            2단계 인증 <span lang="en">· Two-step sign-in</span>
          </>
        ) : (
          <>
            Two-step sign-in <span lang="ko">· 2단계 인증</span>
          </>
        )}
      </h1>
      <ErrorSummary error={r?.error} fieldErrors={fieldErrors} />
      {setup ? (
        <>
          <p>{t("setupIntro")}</p>
          <p>
            {t("key")} <code data-testid="totp-secret">{setup.secret}</code>
          </p>
          <TotpQr src={setup.qr} />
          <p>
            {t("uri")} <code>{setup.uri}</code>
          </p>
        </>
      ) : (
        <p>{t("enter")}</p>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <input type="hidden" name="method" value="totp" />
        <Field name="code" label={t("code")} inputMode="numeric" autoComplete="one-time-code" error={fieldErrors.code} />
        <button type="submit">{t("submit")}</button>
      </Form>
      {setup ? null : (
        <details open={recoveryTried}>
          <summary>{t("lost")}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <input type="hidden" name="method" value="recovery" />
            <Field name="recoveryCode" label={t("recoveryCode")} hint={t("lostHint")} autoComplete="off" error={fieldErrors.recoveryCode} defaultValue={r?.values.recoveryCode} />
            <button type="submit">{t("useRecovery")}</button>
          </Form>
        </details>
      )}
    </section>
  );
}
