import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { memberRoles } from "../../models/employer-shared";
import { changeMemberRole, inviteMember, listMembers, removeMember, revokeMemberInvitation } from "../../models/organization";
import { EmployerNav, employerLabels, roleKey } from "../components/employer";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { invitationLimit } from "../rate-limit.server";
import { caseContext, requireRole } from "../session.server";
import { ErrorSummary, Field, SelectField } from "../ui";

const text = defineMessages(
  {
    title: "Members of your company",
    caption: "Members",
    name: "Name",
    email: "E-mail address",
    role: "Role",
    actions: "Actions",
    you: "(you)",
    makeAdmin: "Make administrator",
    makeMember: "Make member",
    remove: "Remove {name}",
    inviteTitle: "Invite someone",
    inviteHint: "They get a link by e-mail, valid for 7 days, to create their account or sign in with that address.",
    invite: "Send the invitation",
    pending: "Open invitations",
    expires: "valid until {date}",
    expired: "expired",
    revoke: "Withdraw the invitation to {email}",
    invited: "Invitation sent to {email}.",
    done: "Saved.",
    adminOnly: "Only administrators can invite, change or remove members.",
    unverified: "e-mail not confirmed",
  },
  {
    title: "귀사의 구성원",
    caption: "구성원",
    name: "이름",
    email: "이메일 주소",
    role: "역할",
    actions: "작업",
    you: "(본인)",
    makeAdmin: "관리자로 지정",
    makeMember: "담당자로 지정",
    remove: "{name} 내보내기",
    inviteTitle: "구성원 초대",
    inviteHint: "7일 동안 유효한 링크를 이메일로 보냅니다. 그 주소로 계정을 만들거나 로그인하면 됩니다.",
    invite: "초대 보내기",
    pending: "대기 중인 초대",
    expires: "{date}까지 유효",
    expired: "만료됨",
    revoke: "{email} 초대 취소",
    invited: "{email}에 초대를 보냈습니다.",
    done: "저장했습니다.",
    adminOnly: "구성원 초대, 역할 변경, 내보내기는 관리자만 할 수 있습니다.",
    unverified: "이메일 미확인",
  },
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const data = await listMembers(caseContext(context, user)).catch(throwAsResponse);
  return { ...data, me: user.id, isAdmin: user.role === "employer_admin" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const ctx = caseContext(context, user);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") };
  try {
    if (intent === "invite") {
      await invitationLimit(context, user.organizationId);
      const inv = await inviteMember(ctx, { email: form.get("email"), role: form.get("role") });
      return { ok: true as const, invited: inv.email, error: undefined, fieldErrors: undefined, values: undefined };
    }
    const id = String(form.get("id") ?? "");
    if (intent === "revoke") await revokeMemberInvitation(ctx, id);
    else if (intent === "role") await changeMemberRole(ctx, id, form.get("role"));
    else if (intent === "remove") await removeMember(ctx, id);
    else throw new Response("Unknown action", { status: 400 });
    return { ok: true as const, invited: undefined, error: undefined, fieldErrors: undefined, values: undefined };
  } catch (err) {
    if (err instanceof Response) throw err;
    return asFormError(err, values);
  }
}

export const meta: MetaFunction = () => [{ title: "Members · TopTier employer" }];

export default function Members() {
  const { members, invitations, me, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useT(text);
  const labels = useT(employerLabels);
  const errors = (result && "fieldErrors" in result ? result.fieldErrors : undefined) ?? {};
  return (
    <section>
      <EmployerNav isAdmin={isAdmin} />
      <h1>{t("title")}</h1>
      <ErrorSummary error={result && !result.ok ? result.error : undefined} fieldErrors={errors} />
      {result?.ok ? (
        <p className="notice" role="status">
          {result.invited ? t("invited", { email: result.invited }) : t("done")}
        </p>
      ) : null}
      <table>
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("email")}</th>
            <th scope="col">{t("role")}</th>
            {isAdmin ? <th scope="col">{t("actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>
                {m.name} {m.id === me ? t("you") : null}
              </td>
              <td>
                {m.email} {m.verified ? null : `(${t("unverified")})`}
              </td>
              <td>{labels.t(roleKey(m.role))}</td>
              {isAdmin ? (
                <td>
                  <Form method="post" className="inline">
                    <input type="hidden" name="id" value={m.id} />
                    <input type="hidden" name="role" value={m.role === "employer_admin" ? "employer_member" : "employer_admin"} />
                    <button type="submit" name="intent" value="role" className="link-button">
                      {m.role === "employer_admin" ? t("makeMember") : t("makeAdmin")}
                    </button>
                  </Form>{" "}
                  {m.id !== me ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" name="intent" value="remove" className="link-button">
                        {t("remove", { name: m.name })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {invitations.length ? (
        <>
          <h2>{t("pending")}</h2>
          <ul>
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email} · {labels.t(roleKey(i.role))} · {i.expired ? t("expired") : t("expires", { date: date(i.expiresAt) })}
                {isAdmin ? (
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
        </>
      ) : null}
      {isAdmin ? (
        <Form method="post" noValidate>
          <h2>{t("inviteTitle")}</h2>
          <p className="hint">{t("inviteHint")}</p>
          <Field name="email" label={t("email")} type="email" defaultValue={result && !result.ok ? result.values?.email : undefined} error={errors.email} />
          <SelectField
            name="role"
            label={t("role")}
            options={memberRoles.map((r) => ({ value: r, label: labels.t(roleKey(r)) }))}
            defaultValue={(result && !result.ok ? result.values?.role : undefined) ?? "employer_member"}
            error={errors.role}
          />
          <button type="submit" name="intent" value="invite">
            {t("invite")}
          </button>
        </Form>
      ) : (
        <p className="hint">{t("adminOnly")}</p>
      )}
    </section>
  );
}
