import { renderEmail, type Locale, type RenderedEmail } from "./layout";

export interface VerifyEmailProps {
  name: string;
  url: string;
}

export const previewProps: VerifyEmailProps = { name: "Ada Lovelace", url: "http://localhost:3000/verify?token=example" };

export function verifyEmail(p: VerifyEmailProps, locale: Locale): RenderedEmail {
  return locale === "ko"
    ? renderEmail(locale, "TopTier 이메일 주소를 확인하세요", [`${p.name}님, 안녕하세요.`, "아래 링크를 눌러 이메일 주소를 확인하세요. 링크는 48시간 동안 유효합니다."], {
        label: "이메일 확인",
        url: p.url,
      })
    : renderEmail(locale, "Confirm your e-mail address for TopTier", [`Hello ${p.name},`, "Follow the link below to confirm your e-mail address. The link works for 48 hours."], {
        label: "Confirm e-mail address",
        url: p.url,
      });
}
