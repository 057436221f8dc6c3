import { josa } from "../models/i18n/josa";
import { renderEmail, type Locale, type RenderedEmail } from "./layout";

/** E1: an administrator invites someone to join the company on TopTier. */
export interface OrgInviteProps {
  organizationName: string;
  inviterName: string;
  role: "employer_admin" | "employer_member";
  url: string;
  expiresOn: string;
}

export const previewProps: OrgInviteProps = {
  organizationName: "Hanbit AI Labs",
  inviterName: "Kim Minji",
  role: "employer_member",
  url: "http://localhost:3000/join/example",
  expiresOn: "5 December 2026",
};

export function orgInvite(p: OrgInviteProps, locale: Locale): RenderedEmail {
  if (locale === "ko") {
    const role = p.role === "employer_admin" ? "관리자" : "담당자";
    return renderEmail(
      locale,
      `${p.organizationName}에서 TopTier에 초대했습니다`,
      [
        `${p.inviterName}님이 ${p.organizationName}의 ${josa(role, "으로/로")} TopTier 기업 포털에 초대했습니다.`,
        `아래 링크에서 계정을 만들거나 이 이메일 주소로 로그인해 초대를 수락하세요. 링크는 ${p.expiresOn}까지 유효합니다.`,
        "초대를 기대하지 않았다면 이 메일을 무시하세요.",
      ],
      { label: "초대 수락", url: p.url },
    );
  }
  const role = p.role === "employer_admin" ? "an administrator" : "a member";
  return renderEmail(
    locale,
    `Join ${p.organizationName} on TopTier`,
    [
      `${p.inviterName} invited you to the TopTier employer portal as ${role} of ${p.organizationName}.`,
      `Follow the link to create your account, or sign in with this e-mail address, and accept. The link works until ${p.expiresOn}.`,
      "If you did not expect this invitation, ignore this e-mail.",
    ],
    { label: "Accept the invitation", url: p.url },
  );
}
