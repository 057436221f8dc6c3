import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";

/**
 * Issue 11 item 13: a short privacy notice, linked from every page's footer; public. It states
 * what the portal holds (see docs/ARCHITECTURE.md for the tables), who sees it, and how to get it.
 */
export function loader({ context }: LoaderFunctionArgs) {
  return { supportEmail: context.services.config.supportEmail };
}

const text = defineMessages(
  {
    title: "Privacy notice",
    intro: "This portal holds what is needed to decide visa applications, and nothing for any other purpose.",
    holdTitle: "What we hold",
    account: "Your account: name, e-mail address, language, and your password only as a one-way hash; for two-step sign-in, its secret and your recovery codes (also hashed).",
    application: "Your application: personal and passport details (the passport number encrypted), education, work, publications and awards, the job offer and your dependants, and the documents you upload.",
    caseRecord: "Your case: its stages and events, requests for evidence and your answers, messages with the officer, the screening result, the decision and its letter.",
    employer: "For employers: the company's details, its members and invitations, and what it confirmed about each job offer.",
    trail: "A record of who viewed or changed a case, and when and from which network address, kept tamper-evident so that every access can be checked.",
    cookies: "Cookies: one that keeps you signed in, one that remembers your language, and a short-lived one that keeps your recovery codes on screen once. No tracking or advertising cookies.",
    whoTitle: "Who sees it",
    who1: "You see everything about your own case. Immigration officers see the cases they review. Your sponsoring employer sees your name, the job, the stage of the case and the decision, not your passport or your documents.",
    who2: "E-mails about your case say that something changed and ask you to sign in; they do not carry the content of messages.",
    rightsTitle: "Your data",
    rights1: "Applicants can download everything the portal holds about them, with all their files, from their account page.",
    rights2: "To correct something after you submitted, write to the officer from your case page. For any other question about your data, write to",
    export: "Download my data",
  },
  {
    title: "개인정보 처리 안내",
    intro: "이 포털은 비자 신청을 심사하는 데 필요한 정보만 보관하며 다른 목적으로 쓰지 않습니다.",
    holdTitle: "보관하는 정보",
    account: "계정: 이름, 이메일 주소, 언어, 그리고 되돌릴 수 없게 변환(해시)한 비밀번호만 보관합니다. 2단계 로그인을 쓰면 그 비밀 키와 복구 코드(역시 해시)를 보관합니다.",
    application: "신청서: 인적 사항과 여권 정보(여권 번호는 암호화), 학력, 경력, 논문과 수상, 고용 제안, 동반가족, 그리고 올린 서류.",
    caseRecord: "사건: 진행 단계와 기록, 보완 요청과 답변, 심사관과 주고받은 메시지, 자동 심사 결과, 결정과 결정서.",
    employer: "기업: 회사 정보, 구성원과 초대, 각 고용 제안에 대해 확인한 내용.",
    trail: "누가 언제 어느 네트워크 주소에서 사건을 열람하거나 변경했는지에 대한 기록. 모든 접근을 점검할 수 있도록 위변조를 알아낼 수 있게 보관합니다.",
    cookies: "쿠키: 로그인을 유지하는 쿠키, 언어를 기억하는 쿠키, 복구 코드를 한 번 화면에 보여 주는 짧은 쿠키. 추적이나 광고 쿠키는 쓰지 않습니다.",
    whoTitle: "열람하는 사람",
    who1: "본인은 자신의 사건 전부를 볼 수 있습니다. 출입국 심사관은 심사하는 사건을 봅니다. 초청 기업은 이름, 직무, 사건의 진행 단계와 결정을 보며 여권이나 서류는 보지 않습니다.",
    who2: "사건에 관한 이메일은 변경 사항이 있다는 것만 알리고 로그인을 안내하며 메시지 내용은 담지 않습니다.",
    rightsTitle: "내 정보",
    rights1: "신청인은 계정 페이지에서 포털이 보관한 자신의 모든 정보를 파일과 함께 내려받을 수 있습니다.",
    rights2: "제출한 뒤 고칠 내용이 있으면 사건 페이지에서 심사관에게 메시지를 보내세요. 그 밖의 개인정보 문의는 다음 주소로 보내 주세요:",
    export: "내 정보 내려받기",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "title");

export default function Privacy() {
  const { supportEmail } = useLoaderData<typeof loader>();
  const { t } = useT(text);
  return (
    <section className="prose">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <h2>{t("holdTitle")}</h2>
      <ul>
        <li>{t("account")}</li>
        <li>{t("application")}</li>
        <li>{t("caseRecord")}</li>
        <li>{t("employer")}</li>
        <li>{t("trail")}</li>
        <li>{t("cookies")}</li>
      </ul>
      <h2>{t("whoTitle")}</h2>
      <p>{t("who1")}</p>
      <p>{t("who2")}</p>
      <h2>{t("rightsTitle")}</h2>
      <p>
        {t("rights1")} <Link to="/account/export">{t("export")}</Link>
      </p>
      <p>
        {t("rights2")} <a href={`mailto:${supportEmail}`}>{supportEmail}</a>
      </p>
    </section>
  );
}
