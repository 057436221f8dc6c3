import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { answerLinkRequest, inviteCandidate, listCandidates, revokeCandidateInvitation } from "../../models/organization";
import { EmployerNav } from "../components/employer";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { invitationLimit } from "../rate-limit.server";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, Field, fieldId } from "../ui";

const text = defineMessages(
  {
    title: "Candidates",
    inviteTitle: "Invite a candidate to apply",
    inviteHint: "The candidate gets a link by e-mail (valid for 7 days). When they sign up or sign in with that address, an application starts with your job offer filled in and linked to your company.",
    candidateName: "Candidate's full name",
    email: "Candidate's e-mail address",
    jobTitle: "Job title",
    message: "Message to the candidate (optional)",
    send: "Send the invitation",
    sent: "Invitation sent to {email}.",
    done: "Saved.",
    requests: "Requests to link an application",
    requestsHint: "These applicants named your company as their sponsor in an application they are preparing. Accept if you offered them the job.",
    noRequests: "No requests waiting.",
    accept: "Accept the link with {name}",
    decline: "Decline the link with {name}",
    invitations: "Invitations",
    noInvitations: "No invitations yet.",
    state_open: "waiting",
    state_accepted: "accepted: application started",
    state_revoked: "withdrawn",
    state_expired: "expired",
    revoke: "Withdraw the invitation to {email}",
    sentOn: "sent {date}",
  },
  {
    title: "후보자",
    inviteTitle: "후보자에게 신청 요청하기",
    inviteHint: "후보자에게 7일 동안 유효한 링크를 이메일로 보냅니다. 그 주소로 가입하거나 로그인하면 귀사의 고용 제안이 채워진 신청서가 귀사와 연결되어 시작됩니다.",
    candidateName: "후보자 성명",
    email: "후보자 이메일 주소",
    jobTitle: "직무",
    message: "후보자에게 보낼 메시지(선택)",
    send: "초대 보내기",
    sent: "{email}에 초대를 보냈습니다.",
    done: "저장했습니다.",
    requests: "신청서 연결 요청",
    requestsHint: "아래 신청인들이 작성 중인 신청서에 귀사를 초청 기업으로 지정했습니다. 실제로 고용을 제안했다면 수락하세요.",
    noRequests: "대기 중인 요청이 없습니다.",
    accept: "{name} 연결 수락",
    decline: "{name} 연결 거절",
    invitations: "보낸 초대",
    noInvitations: "아직 보낸 초대가 없습니다.",
    state_open: "대기 중",
    state_accepted: "수락됨: 신청 시작",
    state_revoked: "취소됨",
    state_expired: "만료됨",
    revoke: "{email} 초대 취소",
    sentOn: "{date} 발송",
  },
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const data = await listCandidates(caseContext(context, user)).catch(throwAsResponse);
  return { ...data, isAdmin: user.role === "employer_admin" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const ctx = caseContext(context, user);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  try {
    if (intent === "invite") {
      await invitationLimit(context, user.organizationId);
      const inv = await inviteCandidate(ctx, { candidateName: form.get("candidateName"), email: form.get("email"), jobTitle: form.get("jobTitle"), message: form.get("message") || undefined });
      return { ok: true as const, sent: inv.email };
    }
    const id = String(form.get("id") ?? "");
    if (intent === "revoke") await revokeCandidateInvitation(ctx, id);
    else if (intent === "accept_link" || intent === "decline_link") await answerLinkRequest(ctx, id, intent === "accept_link");
    else throw new Response("Unknown action", { status: 400 });
    return { ok: true as const, sent: undefined };
  } catch (err) {
    if (err instanceof Response) throw err;
    return asFormError(err, values);
  }
}

export const meta: MetaFunction = () => [{ title: "Candidates · TopTier employer" }];

export default function Candidates() {
  const { invitations, linkRequests, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useT(text);
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.fieldErrors ?? {};
  const values = (failed?.values ?? {}) as Record<string, string>;
  return (
    <section>
      <EmployerNav isAdmin={isAdmin} />
      <h1>{t("title")}</h1>
      <ErrorSummary error={failed?.error} fieldErrors={errors} />
      {result?.ok ? (
        <p className="notice" role="status">
          {result.sent ? t("sent", { email: result.sent }) : t("done")}
        </p>
      ) : null}
      <section aria-labelledby="link-requests">
        <h2 id="link-requests">{t("requests")}</h2>
        <p className="hint">{t("requestsHint")}</p>
        {linkRequests.length === 0 ? (
          <p>{t("noRequests")}</p>
        ) : (
          <ul>
            {linkRequests.map((r) => (
              <li key={r.id}>
                {r.name || r.email} · {r.email} · {r.jobTitle}{" "}
                <Form method="post" className="inline">
                  <input type="hidden" name="id" value={r.id} />
                  <button type="submit" name="intent" value="accept_link" className="link-button">
                    {t("accept", { name: r.name || r.email })}
                  </button>{" "}
                  <button type="submit" name="intent" value="decline_link" className="link-button">
                    {t("decline", { name: r.name || r.email })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Form method="post" noValidate>
        <h2>{t("inviteTitle")}</h2>
        <p className="hint">{t("inviteHint")}</p>
        <Field name="candidateName" label={t("candidateName")} autoComplete="off" defaultValue={values.candidateName} error={errors.candidateName} />
        <Field name="email" label={t("email")} type="email" autoComplete="off" defaultValue={values.email} error={errors.email} />
        <Field name="jobTitle" label={t("jobTitle")} defaultValue={values.jobTitle} error={errors.jobTitle} />
        <div className={errors.message ? "field field-error" : "field"}>
          <label htmlFor={fieldId("message")}>{t("message")}</label>
          <textarea id={fieldId("message")} name="message" rows={3} defaultValue={values.message} />
        </div>
        <button type="submit" name="intent" value="invite">
          {t("send")}
        </button>
      </Form>
      <section aria-labelledby="invitations">
        <h2 id="invitations">{t("invitations")}</h2>
        {invitations.length === 0 ? (
          <p>{t("noInvitations")}</p>
        ) : (
          <ul>
            {invitations.map((i) => (
              <li key={i.id}>
                {i.candidateName} · {i.email} · {i.jobTitle} · {t("sentOn", { date: date(i.createdAt) })} · <strong>{t(`state_${i.state}`)}</strong>
                {i.state === "open" ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="id" value={i.id} />{" "}
                    <button type="submit" name="intent" value="revoke" className="link-button">
                      {t("revoke", { email: i.email })}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
