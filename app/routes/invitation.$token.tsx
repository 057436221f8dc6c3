import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { acceptCandidateInvitation, findCandidateInvitation } from "../../models/organization";
import { asFormError } from "../errors.server";
import { useT } from "../i18n";
import { AcceptInvitation } from "../components/accept-invitation";
import { getUser, startSession } from "../session.server";
import { ErrorSummary } from "../ui";

const text = defineMessages(
  {
    title: "{org} invites you to apply",
    offer: "{org} offers you the position of {job} and asks you to apply for the Top-Tier (F-2) visa. Your application starts with this job offer filled in.",
    message: "Their message: {message}",
    state_accepted: "This invitation has already been used. Sign in to continue your application.",
    state_revoked: "This invitation was withdrawn by the company.",
    state_expired: "This invitation has expired. Ask the company for a new one.",
    forEmail: "The invitation is for {email}.",
    signedInAs: "You are signed in as {email}.",
    otherAccount: "Sign out, then open the link again to use {email}.",
    accept: "Start my application",
    createTitle: "Create your applicant account",
    name: "Your full name",
    password: "Password",
    passwordHint: "At least 10 characters.",
    create: "Create account and start",
    haveAccount: "Already have an account with {email}?",
    signIn: "Sign in to accept",
  },
  {
    title: "{org}에서 비자 신청을 요청했습니다",
    offer: "{org}에서 {job} 직무를 제안하며 최우수인재(F-2) 비자 신청을 요청했습니다. 이 고용 제안이 채워진 신청서로 시작합니다.",
    message: "기업의 메시지: {message}",
    state_accepted: "이미 사용된 초대입니다. 로그인해서 신청을 이어가세요.",
    state_revoked: "기업이 취소한 초대입니다.",
    state_expired: "만료된 초대입니다. 기업에 새 초대를 요청하세요.",
    forEmail: "이 초대는 {email} 주소로 보낸 것입니다.",
    signedInAs: "{email}(으)로 로그인되어 있습니다.",
    otherAccount: "{email} 주소로 진행하려면 로그아웃한 뒤 링크를 다시 여세요.",
    accept: "신청 시작",
    createTitle: "신청인 계정 만들기",
    name: "성명",
    password: "비밀번호",
    passwordHint: "10자 이상.",
    create: "계정 만들고 시작",
    haveAccount: "{email} 계정이 이미 있으신가요?",
    signIn: "로그인해서 수락",
  },
);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const found = await findCandidateInvitation(context.services.database.db, params.token ?? "");
  if (!found) throw new Response("This invitation link is not valid.", { status: 404 });
  const user = await getUser(request, context);
  return {
    org: found.organization.name,
    email: found.invitation.email,
    job: found.invitation.jobTitle,
    message: found.invitation.message,
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
      if (!user) return redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
      const { case: c } = await acceptCandidateInvitation(db, params.token ?? "", { user }, { ip: context.ip });
      return redirect(`/cases/${c.id}`);
    }
    const { user, case: c } = await acceptCandidateInvitation(db, params.token ?? "", { signUp: { name: form.get("name"), password: form.get("password"), locale: form.get("locale") ?? "en" } }, { ip: context.ip });
    return startSession(request, context, user, `/cases/${c.id}`);
  } catch (err) {
    return asFormError(err, { name: String(form.get("name") ?? "").slice(0, 200) });
  }
}

export const meta: MetaFunction = () => [{ title: "Invitation to apply · TopTier" }];

export default function CandidateInvitation() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT(text);
  const errors = result?.fieldErrors ?? {};
  return (
    <section>
      <h1>{t("title", { org: d.org })}</h1>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      {d.state !== "open" ? (
        <p className="notice">{t(`state_${d.state}`)}</p>
      ) : (
        <>
          <p>{t("offer", { org: d.org, job: d.job })}</p>
          {d.message ? <p>{t("message", { message: d.message })}</p> : null}
          <p>{t("forEmail", { email: d.email })}</p>
          <AcceptInvitation t={t} locale={locale} invitation={d} values={result?.values} errors={errors} />
        </>
      )}
    </section>
  );
}
