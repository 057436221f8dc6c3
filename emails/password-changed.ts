import { renderEmail, type Locale, type RenderedEmail } from "./layout";

export interface PasswordChangedProps {
  name: string;
  /** When it changed, already written for the reader (e.g. "3 Dec 2026, 14:05 KST"). */
  when: string;
  /** Where to ask for a reset link if it was not the reader. */
  forgotUrl: string;
}

export const previewProps: PasswordChangedProps = { name: "Ada Lovelace", when: "3 Dec 2026, 14:05 KST", forgotUrl: "http://localhost:3000/forgot-password" };

/** A1: the notice after any password change or reset (the reader's other sessions were ended). */
export function passwordChanged(p: PasswordChangedProps, locale: Locale): RenderedEmail {
  return locale === "ko"
    ? renderEmail(
        locale,
        "TopTier 비밀번호가 변경되었습니다",
        [
          `${p.name}님, 안녕하세요.`,
          `${p.when}에 TopTier 계정의 비밀번호가 변경되었습니다. 다른 기기의 로그인은 종료되었습니다.`,
          "본인이 변경하지 않았다면 지금 바로 아래 링크에서 비밀번호를 재설정하고 지원팀에 알려 주세요.",
        ],
        { label: "비밀번호 재설정", url: p.forgotUrl },
      )
    : renderEmail(
        locale,
        "Your TopTier password was changed",
        [
          `Hello ${p.name},`,
          `The password of your TopTier account was changed on ${p.when}. You were signed out everywhere else.`,
          "If this was not you, reset your password now with the link below and tell our support team.",
        ],
        { label: "Reset your password", url: p.forgotUrl },
      );
}
