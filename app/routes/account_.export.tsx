import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { requireRole } from "../session.server";

/**
 * A12: download all my data as a ZIP (subject access). A page that says what is
 * in it, with a form that posts to /account/export.zip for the archive itself (a
 * POST, so that no link preview or prefetch makes an export). `account_` keeps
 * this page out of the account page's layout.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["applicant"]);
  return null;
}

const text = defineMessages(
  {
    title: "Download all your data",
    meta: "Your data",
    intro: "One ZIP file with everything TopTier keeps about you as an applicant:",
    account: "your account details;",
    dossier: "every application: your answers, its stage and decision, and its timeline with dates;",
    messages: "your messages with the officers, and the requests for evidence with your answers;",
    files: "every file you uploaded, including earlier versions you replaced, with their SHA-256 fingerprints;",
    letter: "decision letters.",
    readme: "A README file in the archive explains what each part is, in English and Korean.",
    download: "Download my data (ZIP)",
    back: "Back to your applications",
    logged: "The download is recorded in the audit trail, like every access to a case.",
  },
  {
    title: "내 모든 데이터 내려받기",
    meta: "내 데이터",
    intro: "TopTier가 신청인인 귀하에 대해 보관하는 모든 정보를 ZIP 파일 하나로 내려받습니다:",
    account: "계정 정보",
    dossier: "모든 신청: 답변, 단계와 결정, 날짜가 있는 진행 기록",
    messages: "심사관과 주고받은 메시지, 보완 요청과 귀하의 답변",
    files: "올린 모든 파일 (대체된 이전 버전 포함)과 SHA-256 지문",
    letter: "결정 통지서",
    readme: "압축 파일 안의 README 파일이 각 부분을 영어와 한국어로 설명합니다.",
    download: "내 데이터 내려받기 (ZIP)",
    back: "신청 목록으로 돌아가기",
    logged: "사건 열람과 마찬가지로 내려받기도 감사 기록에 남습니다.",
  },
);

export const meta: MetaFunction = () => [{ title: "Your data · TopTier" }];

export default function ExportPage() {
  const { t } = useT(text);
  return (
    <section>
      <p>
        <Link to="/cases">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ul>
        <li>{t("account")}</li>
        <li>{t("dossier")}</li>
        <li>{t("messages")}</li>
        <li>{t("files")}</li>
        <li>{t("letter")}</li>
      </ul>
      <p>{t("readme")}</p>
      <p className="hint">{t("logged")}</p>
      {/* reloadDocument: the browser posts natively and saves the file. */}
      <Form method="post" action="/account/export.zip" reloadDocument>
        <button type="submit">{t("download")}</button>
      </Form>
    </section>
  );
}
