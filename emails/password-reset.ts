import { renderEmail, type Locale, type RenderedEmail } from "./layout";

export interface PasswordResetProps {
  name: string;
  url: string;
}

export const previewProps: PasswordResetProps = { name: "Ada Lovelace", url: "http://localhost:3000/reset-password?token=example" };

/** A1: the link to set a new password (works for 1 hour, once). */
export function passwordReset(p: PasswordResetProps, locale: Locale): RenderedEmail {
  return locale === "ko"
    ? renderEmail(
        locale,
        "TopTier 비밀번호 재설정",
        [
          `${p.name}님, 안녕하세요.`,
          "비밀번호 재설정을 요청하셨습니다. 아래 링크를 눌러 새 비밀번호를 정하세요. 링크는 1시간 동안 한 번만 쓸 수 있습니다.",
          "요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.",
        ],
        { label: "새 비밀번호 정하기", url: p.url },
      )
    : renderEmail(
        locale,
        "Reset your TopTier password",
        [
          `Hello ${p.name},`,
          "You asked to reset your password. Follow the link below to choose a new one. The link works once, for 1 hour.",
          "If you did not ask for this, ignore this e-mail: your password stays as it is.",
        ],
        { label: "Choose a new password", url: p.url },
      );
}
