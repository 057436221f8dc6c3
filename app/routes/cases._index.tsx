import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { resendVerification } from "../../models/auth";
import { listMyCases } from "../../models/case/drafts";
import { unreadCounts } from "../../models/case/messages";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { requireRole, caseContext } from "../session.server";
import { StatusTag } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const ctx = caseContext(context, user);
  const cases = await listMyCases(ctx);
  const unread = await unreadCounts(ctx, cases.map((c) => c.id));
  return {
    emailVerified: Boolean(user.emailVerifiedAt),
    /** Just arrived from the confirmation link (issue 17 item 7: that link is how a new account signs in). */
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
    cases: cases.map((c) => ({ id: c.id, status: c.status, receiptNumber: c.receiptNumber, updatedAt: c.updatedAt.toISOString(), unread: unread.get(c.id) ?? 0 })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  await resendVerification(context.services.database.db, user);
  return { resent: true };
}

const text = defineMessages(
  {
    title: "Your applications",
    welcome: "Your e-mail address is confirmed and you are signed in. Welcome to TopTier.",
    confirm: "Confirm your e-mail address with the link we sent you. You can prepare a draft now; you need a confirmed address to submit.",
    resend: "Send the link again",
    resent: "A new link is on its way.",
    start: "Start a new application",
    none: "You have no applications yet.",
    application: "Application",
    stage: "Stage",
    lastChange: "Last change",
    messages: "Messages",
    draft: "Draft application",
    unread: "{count} new",
    noUnread: "None new",
    yourData: "Your data",
    exportIntro: "You can download everything TopTier keeps about you, with all your files, as one ZIP file.",
    exportLink: "Download all my data",
  },
  {
    title: "내 신청",
    welcome: "이메일 주소가 확인되어 로그인되었습니다. TopTier에 오신 것을 환영합니다.",
    confirm: "보내 드린 링크로 이메일 주소를 확인하세요. 지금 초안을 작성할 수 있지만, 제출하려면 이메일 확인이 필요합니다.",
    resend: "링크 다시 보내기",
    resent: "새 링크를 보냈습니다.",
    start: "새 신청 시작하기",
    none: "아직 신청이 없습니다.",
    application: "신청",
    stage: "단계",
    lastChange: "마지막 변경",
    messages: "메시지",
    draft: "신청서 초안",
    unread: "새 메시지 {count}개",
    noUnread: "새 메시지 없음",
    yourData: "내 데이터",
    exportIntro: "TopTier가 보관하는 내 모든 정보와 파일을 ZIP 파일 하나로 내려받을 수 있습니다.",
    exportLink: "내 모든 데이터 내려받기",
  },
);

export const meta: MetaFunction = () => [{ title: "Your applications · TopTier" }];

export default function MyCases() {
  const { cases, emailVerified, welcome } = useLoaderData<typeof loader>();
  const resent = useActionData<typeof action>();
  const { t, dateTime } = useT(text);
  return (
    <section>
      <h1>{t("title")}</h1>
      {welcome && emailVerified ? (
        <p className="notice" role="status">
          {t("welcome")}
        </p>
      ) : null}
      {!emailVerified ? (
        <div className="notice" role="status">
          <p>{t("confirm")}</p>
          <Form method="post">
            <button type="submit" className="secondary">
              {t("resend")}
            </button>
          </Form>
          {resent ? <p>{t("resent")}</p> : null}
        </div>
      ) : null}
      <p>
        <Link className="button" to="/cases/new">
          {t("start")}
        </Link>
      </p>
      {cases.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("application")}</th>
              <th scope="col">{t("stage")}</th>
              <th scope="col">{t("messages")}</th>
              <th scope="col">{t("lastChange")}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/cases/${c.id}`}>{c.receiptNumber ?? t("draft")}</Link>
                </td>
                <td>
                  <StatusTag status={c.status} />
                </td>
                <td>{c.unread ? <Link to={`/cases/${c.id}#messages`}>{t("unread", { count: c.unread })}</Link> : t("noUnread")}</td>
                <td>{dateTime(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("yourData")}</h2>
      <p>{t("exportIntro")}</p>
      <p>
        <Link to="/account/export">{t("exportLink")}</Link>
      </p>
    </section>
  );
}
