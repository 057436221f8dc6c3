import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { cancelTotpSetup, changePassword, confirmTotpSetup, disableTotp, pendingTotpSetup, regenerateRecoveryCodes, startTotpSetup } from "../../models/account";
import { recoveryCodesLeft, secondFactorMandatory } from "../../models/auth";
import { AppError } from "../../models/errors";
import { defineMessages } from "../../models/i18n";
import { CODES_SAVED_INTENT, RecoveryCodes } from "../components/recovery-codes";
import { pageTitle } from "../components/page-title";
import { TotpQr } from "../components/totp-qr";
import { useT } from "../i18n";
import { qrDataUrl } from "../qr.server";
import { consumeLimit, peekLimit, refusalOf } from "../rate-limit.server";
import { codesToShow, forgetCodes, redirectToShowCodes } from "../recovery-codes.server";
import { requireUserSession } from "../session.server";
import { ErrorSummary, Field } from "../ui";

/**
 * A1/P5: the signed-in user's own account: change the password, and turn
 * two-step sign-in (TOTP) on or off with recovery codes. Officers keep TOTP on.
 */
/** The pending set-up with its QR code (issue 11 item 10). */
async function pendingSetupWithQr<T extends { uri: string }>(p: T | null): Promise<(T & { qr: string }) | null> {
  return p ? { ...p, qr: await qrDataUrl(p.uri) } : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUserSession(request, context);
  const officer = secondFactorMandatory(user);
  return {
    name: user.name,
    email: user.email,
    officer,
    totpOn: Boolean(user.totpEnabledAt),
    totpSince: user.totpEnabledAt?.toISOString() ?? null,
    pending: await pendingSetupWithQr(pendingTotpSetup(user)),
    codesLeft: user.totpEnabledAt ? await recoveryCodesLeft(context.services.database.db, user.id) : 0,
    // Issue 15: new recovery codes stay on screen until the user says they are saved.
    codes: await codesToShow(request, context, user.id),
    codesMade: new URL(request.url).searchParams.get("codes") === "new" ? ("codes" as const) : ("totp_on" as const),
  };
}

const intents = [CODES_SAVED_INTENT, "password", "totp_start", "totp_confirm", "totp_cancel", "totp_disable", "recovery_regenerate"] as const;
type Intent = (typeof intents)[number];
const wrongPassword = "Your current password is not right.";

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, token } = await requireUserSession(request, context);
  const db = context.services.database.db;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as Intent;
  const input = Object.fromEntries(form);
  const meta = { ip: context.ip };
  const reply = (status: number, r: { error?: string; fieldErrors?: Record<string, string>; done?: string; retryAfter?: number }, headers?: HeadersInit) =>
    data({ intent, error: r.error, fieldErrors: r.fieldErrors ?? {}, done: r.done, retryAfter: r.retryAfter ?? 0 }, { status, headers });
  if (!intents.includes(intent)) return reply(400, { error: "Choose what to change." });
  if (intent === CODES_SAVED_INTENT) {
    if (form.get("saved") !== "yes") return reply(400, { fieldErrors: { saved: "Tick “I have saved these codes” once they are kept somewhere safe." } });
    return redirect("/account", { headers: { "Set-Cookie": await forgetCodes(context) } });
  }

  // Wrong current passwords here are limited per account (P5); it is this session's own account.
  const checksPassword = intent === "password" || intent === "totp_disable" || intent === "recovery_regenerate";
  if (checksPassword) {
    const state = await peekLimit(context, "passwordCheck", user.id);
    if (!state.ok) {
      const r = refusalOf(state, "Too many failed attempts. Wait a while, then try again.");
      return reply(r.status, { error: r.error, retryAfter: r.retryAfter }, r.headers);
    }
  }
  // Codes tried here count with the sign-in codes (10 per 5 minutes per account).
  if (intent === "totp_confirm" || intent === "totp_disable") {
    const tried = await consumeLimit(context, "mfa", user.id);
    if (!tried.ok) {
      const r = refusalOf(tried, "Too many codes tried. Wait five minutes, then try again.");
      return reply(r.status, { error: r.error, retryAfter: r.retryAfter }, r.headers);
    }
  }
  try {
    switch (intent) {
      case "password":
        await changePassword(db, user, token, input, meta);
        return reply(200, { done: "password" });
      case "totp_start":
        await startTotpSetup(db, user);
        return reply(200, {});
      case "totp_cancel":
        await cancelTotpSetup(db, user);
        return reply(200, {});
      case "totp_confirm":
        return redirectToShowCodes(context, user.id, await confirmTotpSetup(db, user, token, input, meta), "/account");
      case "totp_disable":
        try {
          await disableTotp(db, user, { password: input.disablePassword, code: input.disableCode }, meta);
        } catch (err) {
          // This form's fields have their own names (the page has another password field).
          if (err instanceof AppError) throw new AppError(err.code, err.message, renameKeys(err.fieldErrors, { password: "disablePassword", code: "disableCode" }));
          throw err;
        }
        return reply(200, { done: "totp_off" });
      case "recovery_regenerate":
        return redirectToShowCodes(context, user.id, await regenerateRecoveryCodes(db, user, input, meta), "/account?codes=new");
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.message === wrongPassword) await consumeLimit(context, "passwordCheck", user.id);
    return reply(err.status, { error: err.message, fieldErrors: err.fieldErrors });
  }
}

function renameKeys(errors: Record<string, string>, names: Record<string, string>) {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [names[k] ?? k, v]));
}

const text = defineMessages(
  {
    title: "Your account",
    signedInAs: "Signed in as {name} ({email}).",
    passwordTitle: "Change your password",
    passwordIntro: "You stay signed in here; every other session of your account ends.",
    currentPassword: "Current password",
    newPassword: "New password",
    newPasswordHint: "At least 10 characters.",
    changePassword: "Change password",
    passwordDone: "Your password was changed. Other sessions were signed out, and we e-mailed you a notice.",
    totpTitle: "Two-step sign-in",
    totpOff: "Two-step sign-in is off. Turn it on to sign in with a code from an authenticator app as well as your password.",
    totpOn: "Two-step sign-in is on (since {date}).",
    officerRequired: "Officer and administrator accounts always use two-step sign-in.",
    codesLeft: "Unused recovery codes: {count}.",
    setUp: "Set up two-step sign-in",
    setupStep1: "1. Add TopTier to your authenticator app with this key:",
    setupUri: "Or open this address on the phone with the app:",
    setupStep2: "2. Enter the code the app shows, to check it works.",
    code: "6-digit code",
    turnOn: "Turn on two-step sign-in",
    cancel: "Cancel set-up",
    totpDone: "Two-step sign-in is on. Keep your recovery codes safe.",
    newCodesTitle: "New recovery codes",
    newCodesIntro: "Your old recovery codes stop working when you make new ones.",
    password: "Password",
    makeCodes: "Make new recovery codes",
    codesDone: "New recovery codes were made; the old ones no longer work.",
    disableTitle: "Turn off two-step sign-in",
    disableCode: "6-digit code or recovery code",
    disable: "Turn off two-step sign-in",
    disabled: "Two-step sign-in is off.",
    retryIn: "You can try again in about {minutes} min.",
  },
  {
    title: "내 계정",
    signedInAs: "{name}({email}) 계정으로 로그인했습니다.",
    passwordTitle: "비밀번호 변경",
    passwordIntro: "이 기기에서는 로그인이 유지되고, 계정의 다른 모든 로그인은 종료됩니다.",
    currentPassword: "현재 비밀번호",
    newPassword: "새 비밀번호",
    newPasswordHint: "10자 이상.",
    changePassword: "비밀번호 변경",
    passwordDone: "비밀번호가 변경되었습니다. 다른 로그인은 종료되었고, 안내 메일을 보냈습니다.",
    totpTitle: "2단계 인증",
    totpOff: "2단계 인증이 꺼져 있습니다. 켜면 비밀번호와 함께 인증 앱의 코드로 로그인합니다.",
    totpOn: "2단계 인증이 켜져 있습니다({date}부터).",
    officerRequired: "심사관 및 관리자 계정은 항상 2단계 인증을 사용합니다.",
    codesLeft: "사용하지 않은 복구 코드: {count}개.",
    setUp: "2단계 인증 설정",
    setupStep1: "1. 이 키로 인증 앱에 TopTier를 추가하세요:",
    setupUri: "또는 인증 앱이 있는 휴대전화에서 이 주소를 여세요:",
    setupStep2: "2. 제대로 되는지 확인하도록 앱에 표시된 코드를 입력하세요.",
    code: "6자리 코드",
    turnOn: "2단계 인증 켜기",
    cancel: "설정 취소",
    totpDone: "2단계 인증이 켜졌습니다. 복구 코드를 안전하게 보관하세요.",
    newCodesTitle: "새 복구 코드",
    newCodesIntro: "새 코드를 만들면 이전 복구 코드는 더 이상 쓸 수 없습니다.",
    password: "비밀번호",
    makeCodes: "새 복구 코드 만들기",
    codesDone: "새 복구 코드를 만들었습니다. 이전 코드는 더 이상 쓸 수 없습니다.",
    disableTitle: "2단계 인증 끄기",
    disableCode: "6자리 코드 또는 복구 코드",
    disable: "2단계 인증 끄기",
    disabled: "2단계 인증이 꺼졌습니다.",
    retryIn: "약 {minutes}분 뒤에 다시 시도할 수 있습니다.",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "title");

export default function Account() {
  const a = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { t, m, errors: localize, date } = useT(text);
  const forIntent = (intent: Intent) => (r?.intent === intent ? r : undefined);
  const errorsOf = (intent: Intent) => localize(forIntent(intent)?.fieldErrors);
  const summary = (intent: Intent | Intent[]) => {
    const res = [intent].flat().map(forIntent).find(Boolean);
    if (!res?.error && !Object.keys(res?.fieldErrors ?? {}).length) return null;
    const error = res?.error ? [m(res.error), res.retryAfter ? t("retryIn", { minutes: Math.ceil(res.retryAfter / 60) }) : ""].join(" ").trim() : undefined;
    return <ErrorSummary error={error} fieldErrors={localize(res?.fieldErrors)} />;
  };
  const done = (what: string, message: string) =>
    r?.done === what ? (
      <p className="notice" role="status">
        {message}
      </p>
    ) : null;

  if (a.codes) {
    return (
      <section>
        <h1>{t("title")}</h1>
        <p className="notice" role="status">
          {a.codesMade === "codes" ? t("codesDone") : t("totpDone")}
        </p>
        <RecoveryCodes codes={a.codes} email={a.email} notTicked={Boolean(forIntent(CODES_SAVED_INTENT)?.fieldErrors.saved)} />
      </section>
    );
  }

  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("signedInAs", { name: a.name, email: a.email })}</p>

      <h2 id="password-title">{t("passwordTitle")}</h2>
      {done("password", t("passwordDone"))}
      {summary("password")}
      <p>{t("passwordIntro")}</p>
      <Form method="post" noValidate aria-labelledby="password-title" key={r?.done === "password" ? "changed" : "form"}>
        <input type="hidden" name="intent" value="password" />
        <Field name="currentPassword" label={t("currentPassword")} type="password" autoComplete="current-password" error={errorsOf("password").currentPassword} />
        <Field name="newPassword" label={t("newPassword")} type="password" autoComplete="new-password" hint={t("newPasswordHint")} error={errorsOf("password").newPassword} />
        <button type="submit" disabled={busy}>
          {t("changePassword")}
        </button>
      </Form>

      <h2 id="totp-title">{t("totpTitle")}</h2>
      {done("totp_off", t("disabled"))}
      {summary(["totp_start", "totp_confirm", "totp_cancel"])}
      {a.totpOn ? (
        <>
          <p>{t("totpOn", { date: date(a.totpSince!) })}</p>
          {a.officer ? <p>{t("officerRequired")}</p> : null}
          <p>{t("codesLeft", { count: a.codesLeft })}</p>

          <h3 id="codes-title">{t("newCodesTitle")}</h3>
          {summary("recovery_regenerate")}
          <p>{t("newCodesIntro")}</p>
          <Form method="post" noValidate aria-labelledby="codes-title">
            <input type="hidden" name="intent" value="recovery_regenerate" />
            <Field name="password" label={t("password")} type="password" autoComplete="current-password" error={errorsOf("recovery_regenerate").password} />
            <button type="submit" disabled={busy}>
              {t("makeCodes")}
            </button>
          </Form>

          {a.officer ? null : (
            <>
              <h3 id="disable-title">{t("disableTitle")}</h3>
              {summary("totp_disable")}
              <Form method="post" noValidate aria-labelledby="disable-title">
                <input type="hidden" name="intent" value="totp_disable" />
                <Field name="disablePassword" label={t("password")} type="password" autoComplete="current-password" error={errorsOf("totp_disable").disablePassword} />
                <Field name="disableCode" label={t("disableCode")} autoComplete="one-time-code" error={errorsOf("totp_disable").disableCode} />
                <button type="submit" disabled={busy}>
                  {t("disable")}
                </button>
              </Form>
            </>
          )}
        </>
      ) : a.pending ? (
        <>
          <p>{t("setupStep1")}</p>
          <p>
            <code data-testid="totp-secret">{a.pending.secret}</code>
          </p>
          <TotpQr src={a.pending.qr} />
          <p>
            {t("setupUri")} <code data-testid="totp-uri">{a.pending.uri}</code>
          </p>
          <p>{t("setupStep2")}</p>
          <Form method="post" noValidate aria-labelledby="totp-title">
            <input type="hidden" name="intent" value="totp_confirm" />
            <Field name="code" label={t("code")} inputMode="numeric" autoComplete="one-time-code" error={errorsOf("totp_confirm").code} />
            <button type="submit" disabled={busy}>
              {t("turnOn")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="totp_cancel" />
            <button type="submit" className="link-button" disabled={busy}>
              {t("cancel")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t("totpOff")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="totp_start" />
            <button type="submit" disabled={busy}>
              {t("setUp")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
