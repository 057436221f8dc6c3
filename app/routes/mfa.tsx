import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { completeMfa, ensureTotpSecret } from "../../models/auth";
import { otpauthUri } from "../../models/totp";
import { limits, rateLimit } from "../rate-limit.server";
import { getSessionState, homeFor, safeRedirect } from "../session.server";
import { ErrorSummary, Field } from "../ui";

/**
 * The second factor (P5: required for officers). On the first sign-in the page
 * shows the secret to put in an authenticator app; the first correct code
 * turns TOTP on. Afterwards it asks for the code at every sign-in.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const state = await getSessionState(request, context);
  if (!state) throw redirect("/login");
  if (!state.mfaPending) throw redirect(homeFor(state.user.role));
  if (state.user.totpEnabledAt) return { setup: null };
  const secret = await ensureTotpSecret(context.services.database.db, state.user);
  return { setup: { secret, uri: otpauthUri(secret, state.user.email) } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const state = await getSessionState(request, context);
  if (!state) throw redirect("/login");
  const form = await request.formData();
  const { limit, windowMs } = limits.mfa;
  if (!rateLimit(`mfa:${state.user.id}`, limit, windowMs).ok) {
    return data({ error: "Too many codes tried. Wait five minutes, then try again.", fieldErrors: {} as Record<string, string> }, { status: 429 });
  }
  const ok = await completeMfa(context.services.database.db, state.token, String(form.get("code") ?? ""), { ip: context.ip });
  if (!ok) {
    return data({ error: "That code is not right. Enter the 6 digits your app shows now.", fieldErrors: { code: "Enter the current 6-digit code" } }, { status: 400 });
  }
  return redirect(safeRedirect(form.get("redirectTo"), homeFor(state.user.role)));
}

export const meta: MetaFunction = () => [{ title: "Two-step sign-in · TopTier" }];

export default function Mfa() {
  const { setup } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section>
      <h1>
        Two-step sign-in <span lang="ko">· 2단계 인증</span>
      </h1>
      <ErrorSummary error={r?.error} fieldErrors={r?.fieldErrors} />
      {setup ? (
        <>
          <p>Officer accounts sign in with a code from an authenticator app. Add this account to your app once:</p>
          <p>
            Key to type in: <code data-testid="totp-secret">{setup.secret}</code>
          </p>
          <p>
            Or open this address on the phone with the app: <code>{setup.uri}</code>
          </p>
        </>
      ) : (
        <p>Enter the code your authenticator app shows for TopTier.</p>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="code" label="6-digit code" inputMode="numeric" autoComplete="one-time-code" error={r?.fieldErrors?.code} />
        <button type="submit">Continue</button>
      </Form>
    </section>
  );
}
