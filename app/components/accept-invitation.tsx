import { Form, Link } from "@remix-run/react";
import type { Locale, Vars } from "../../models/i18n";
import { Field } from "../ui";

/** The words an invitation page gives this form (each page says them its own way). */
export type AcceptInvitationKey = "signedInAs" | "otherAccount" | "accept" | "createTitle" | "name" | "password" | "passwordHint" | "create" | "haveAccount" | "signIn";

/**
 * E1/E2: answering an invitation link. Signed in with the invited address: one
 * button. Signed in as someone else: say so. Signed out: create the account
 * here, or sign in and come back to this link.
 */
export function AcceptInvitation({
  t,
  locale,
  invitation,
  values,
  errors,
}: {
  t: (key: AcceptInvitationKey, vars?: Vars) => string;
  locale: Locale;
  invitation: { email: string; path: string; signedIn: { email: string } | null };
  values?: { name?: string };
  errors: Record<string, string>;
}) {
  const { email, path, signedIn } = invitation;
  if (signedIn) {
    return signedIn.email === email ? (
      <Form method="post">
        <p>{t("signedInAs", { email: signedIn.email })}</p>
        <button type="submit" name="intent" value="accept">
          {t("accept")}
        </button>
      </Form>
    ) : (
      <p className="notice">
        {t("signedInAs", { email: signedIn.email })} {t("otherAccount", { email })}
      </p>
    );
  }
  return (
    <>
      <Form method="post" noValidate>
        <h2>{t("createTitle")}</h2>
        <Field name="name" label={t("name")} autoComplete="name" defaultValue={values?.name} error={errors.name} />
        <Field name="password" label={t("password")} type="password" autoComplete="new-password" hint={t("passwordHint")} error={errors.password} />
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" name="intent" value="signup">
          {t("create")}
        </button>
      </Form>
      <p>
        {t("haveAccount", { email })} <Link to={`/login?redirectTo=${encodeURIComponent(path)}`}>{t("signIn")}</Link>
      </p>
    </>
  );
}
