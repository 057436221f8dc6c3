import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { pageTitle } from "../components/page-title";
import { useT } from "../i18n";

/** Issue 11 item 13: help and contact, linked from every page's footer; public. */
export function loader({ context }: LoaderFunctionArgs) {
  return { supportEmail: context.services.config.supportEmail };
}

const text = defineMessages(
  {
    title: "Help and contact",
    intro: "Answers to the questions people ask most, and how to reach us.",
    applyTitle: "Applying for the visa",
    apply1: "Not sure you qualify? The eligibility check tells you, criterion by criterion, without an account.",
    apply2: "Create an account, then fill in your application in as many sittings as you need: every page is saved when you continue.",
    apply3: "Before you submit, the check page lists what is missing or does not agree. After you submit you get a receipt number.",
    caseTitle: "Following your case",
    case1: "Your case page shows every step so far, what happens next and any request for more documents, with its deadline.",
    case2: "To ask about your case, write to the officer from your case page (Messages): the answer stays with your case.",
    employerTitle: "For employers",
    employer1: "Register your company, then invite candidates and confirm their job offers. Screening starts only after your confirmation.",
    signInTitle: "Signing in",
    signIn1: "Forgot your password? Choose a new one with the link we e-mail you.",
    signIn2: "Lost the phone with your authenticator app? Sign in with one of your recovery codes, then set up two-step sign-in again on your account page.",
    contactTitle: "Contact",
    contact1: "For anything else, or if part of this site does not work for you (including with a screen reader or keyboard), write to",
    contact2: "Give your receipt number if you have one. Never send your password, a sign-in code or your passport by e-mail.",
    eligibility: "Check your eligibility",
    forgot: "Reset your password",
    privacy: "How we handle your data",
  },
  {
    title: "도움말 및 문의",
    intro: "자주 묻는 질문에 대한 답과 문의 방법입니다.",
    applyTitle: "비자 신청",
    apply1: "자격이 되는지 궁금하신가요? 자격 요건 확인에서 계정 없이 기준별로 알려 드립니다.",
    apply2: "계정을 만든 뒤 필요한 만큼 나누어 신청서를 작성하세요. 계속을 누를 때마다 각 페이지가 저장됩니다.",
    apply3: "제출하기 전 확인 페이지에서 빠진 항목과 서로 맞지 않는 내용을 보여 줍니다. 제출하면 접수 번호를 받습니다.",
    caseTitle: "사건 진행 확인",
    case1: "사건 페이지에서 지금까지의 모든 단계, 다음 단계, 추가 서류 요청과 그 기한을 확인할 수 있습니다.",
    case2: "사건에 대해 문의하려면 사건 페이지의 메시지에서 심사관에게 글을 남기세요. 답변은 사건과 함께 보관됩니다.",
    employerTitle: "기업 담당자",
    employer1: "기업을 등록한 뒤 후보자를 초대하고 고용 제안을 확인하세요. 기업이 확인해야 심사가 시작됩니다.",
    signInTitle: "로그인",
    signIn1: "비밀번호를 잊으셨나요? 이메일로 보내 드리는 링크에서 새 비밀번호를 정하세요.",
    signIn2: "인증 앱이 있는 휴대전화를 잃어버리셨나요? 복구 코드로 로그인한 뒤 계정 페이지에서 2단계 로그인을 다시 설정하세요.",
    contactTitle: "문의",
    contact1: "그 밖의 문의나 이 사이트의 일부를 이용하기 어려운 경우(화면 낭독기나 키보드 사용 포함) 다음 주소로 이메일을 보내 주세요:",
    contact2: "접수 번호가 있으면 함께 알려 주세요. 비밀번호, 로그인 코드, 여권을 이메일로 보내지 마세요.",
    eligibility: "자격 요건 확인하기",
    forgot: "비밀번호 재설정",
    privacy: "개인정보 처리 안내",
  },
);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, text, "title");

export default function Help() {
  const { supportEmail } = useLoaderData<typeof loader>();
  const { t } = useT(text);
  return (
    <section className="prose">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <h2>{t("applyTitle")}</h2>
      <ul>
        <li>
          {t("apply1")} <Link to="/eligibility">{t("eligibility")}</Link>
        </li>
        <li>{t("apply2")}</li>
        <li>{t("apply3")}</li>
      </ul>
      <h2>{t("caseTitle")}</h2>
      <ul>
        <li>{t("case1")}</li>
        <li>{t("case2")}</li>
      </ul>
      <h2>{t("employerTitle")}</h2>
      <ul>
        <li>{t("employer1")}</li>
      </ul>
      <h2>{t("signInTitle")}</h2>
      <ul>
        <li>
          {t("signIn1")} <Link to="/forgot-password">{t("forgot")}</Link>
        </li>
        <li>{t("signIn2")}</li>
      </ul>
      <h2 id="contact">{t("contactTitle")}</h2>
      <p>
        {t("contact1")} <a href={`mailto:${supportEmail}`}>{supportEmail}</a>
      </p>
      <p>{t("contact2")}</p>
      <p>
        <Link to="/privacy">{t("privacy")}</Link>
      </p>
    </section>
  );
}
