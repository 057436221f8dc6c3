import { renderEmail, type Locale, type RenderedEmail } from "./layout";

/** E2: an employer invites a candidate to apply for the Top-Tier visa, with the job offer filled in. */
export interface CandidateInviteProps {
  candidateName: string;
  organizationName: string;
  jobTitle: string;
  message?: string | null;
  url: string;
  expiresOn: string;
}

export const previewProps: CandidateInviteProps = {
  candidateName: "Ada Lovelace",
  organizationName: "Hanbit AI Labs",
  jobTitle: "Principal research scientist",
  message: "We look forward to working with you.",
  url: "http://localhost:3000/invitation/example",
  expiresOn: "5 December 2026",
};

export function candidateInvite(p: CandidateInviteProps, locale: Locale): RenderedEmail {
  if (locale === "ko") {
    return renderEmail(
      locale,
      `${p.organizationName}에서 최우수인재 비자 신청을 요청했습니다`,
      [
        `${p.candidateName}님, 안녕하세요.`,
        `${p.organizationName}에서 ${p.jobTitle} 직무로 귀하를 초청하며, TopTier에서 최우수인재(F-2) 비자 신청을 시작하도록 요청했습니다.`,
        ...(p.message ? [`기업의 메시지: ${p.message}`] : []),
        `아래 링크에서 계정을 만들거나 이 이메일 주소로 로그인하면 고용 제안이 채워진 신청서가 만들어집니다. 링크는 ${p.expiresOn}까지 유효합니다.`,
      ],
      { label: "신청 시작", url: p.url },
    );
  }
  return renderEmail(
    locale,
    `${p.organizationName} invites you to apply for a Top-Tier visa`,
    [
      `Hello ${p.candidateName},`,
      `${p.organizationName} offers you the position of ${p.jobTitle} and asks you to apply for the Top-Tier (F-2) visa on TopTier.`,
      ...(p.message ? [`Their message: ${p.message}`] : []),
      `Follow the link to create your account, or sign in with this e-mail address: your application starts with the job offer filled in. The link works until ${p.expiresOn}.`,
    ],
    { label: "Start your application", url: p.url },
  );
}
