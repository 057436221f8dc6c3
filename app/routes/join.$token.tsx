import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { acceptMemberInvitation, findMemberInvitation } from "../../models/organization";
import { employerLabels, roleKey } from "../components/employer";
import { asFormError } from "../errors.server";
import { useT } from "../i18n";
import { AcceptInvitation } from "../components/accept-invitation";
import { getUser, startSession } from "../session.server";
import { ErrorSummary } from "../ui";

const text = defineMessages(
  {
    title: "Join {org} on TopTier",
    invalid: "This invitation link is not valid.",
    state_accepted: "This invitation has already been used. Sign in instead.",
    state_revoked: "This invitation was withdrawn. Ask your company's administrator for a new one.",
    state_expired: "This invitation has expired. Ask your company's administrator for a new one.",
    invitedAs: "You are invited as {role} with the e-mail address {email}.",
    signedInAs: "You are signed in as {email}.",
    otherAccount: "This invitation is for {email}. Sign out, then open the link again.",
    accept: "Accept and join",
    createTitle: "Create your account",
    name: "Your full name",
    password: "Password",
    passwordHint: "At least 10 characters.",
    create: "Create account and join",
    haveAccount: "Already have an account with {email}?",
    signIn: "Sign in to accept",
  },
  {
    title: "TopTier에서 {org}에 합류",
    invalid: "유효하지 않은 초대 링크입니다.",
    state_accepted: "이미 사용된 초대입니다. 로그인하세요.",
    state_revoked: "취소된 초대입니다. 회사 관리자에게 새 초대를 요청하세요.",
    state_expired: "만료된 초대입니다. 회사 관리자에게 새 초대를 요청하세요.",
    invitedAs: "{email} 주소로 {role} 역할에 초대되었습니다.",
    signedInAs: "{email}(으)로 로그인되어 있습니다.",
    otherAccount: "이 초대는 {email} 주소로 보낸 것입니다. 로그아웃한 뒤 링크를 다시 여세요.",
    accept: "수락하고 합류",
    createTitle: "계정 만들기",
    name: "성명",
    password: "비밀번호",
    passwordHint: "10자 이상.",
    create: "계정 만들고 합류",
    haveAccount: "{email} 계정이 이미 있으신가요?",
    signIn: "로그인해서 수락",
  },
);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const found = await findMemberInvitation(context.services.database.db, params.token ?? "");
  if (!found) throw new Response("This invitation link is not valid.", { status: 404 });
  const user = await getUser(request, context);
  return {
    org: found.organization.name,
    email: found.invitation.email,
    role: found.invitation.role,
    state: found.state,
    signedIn: user ? { email: user.email } : null,
    path: new URL(request.url).pathname,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const db = context.services.database.db;
  try {
    if (form.get("intent") === "accept") {
      const user = await getUser(request, context);
      if (!user) throw new Response(null, { status: 302, headers: { Location: `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}` } });
      await acceptMemberInvitation(db, params.token ?? "", { user }, { ip: context.ip });
      return redirect("/employer");
    }
    const user = await acceptMemberInvitation(db, params.token ?? "", { signUp: { name: form.get("name"), password: form.get("password"), locale: form.get("locale") ?? "en" } }, { ip: context.ip });
    return startSession(request, context, user, "/employer?welcome=1");
  } catch (err) {
    if (err instanceof Response) throw err;
    return asFormError(err, { name: String(form.get("name") ?? "").slice(0, 200) });
  }
}

export const meta: MetaFunction = () => [{ title: "Invitation · TopTier" }];

export default function Join() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT(text);
  const labels = useT(employerLabels);
  const errors = result?.fieldErrors ?? {};
  return (
    <section>
      <h1>{t("title", { org: d.org })}</h1>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      {d.state !== "open" ? (
        <p className="notice">{t(`state_${d.state}`)}</p>
      ) : (
        <>
          <p>{t("invitedAs", { role: labels.t(roleKey(d.role)), email: d.email })}</p>
          <AcceptInvitation t={t} locale={locale} invitation={d} values={result?.values} errors={errors} />
        </>
      )}
    </section>
  );
}
