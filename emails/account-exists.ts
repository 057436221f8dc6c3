import { renderEmail, type Locale, type RenderedEmail } from "./layout";

export interface AccountExistsProps {
  name: string;
  /** Where to sign in. */
  signInUrl: string;
  /** Where to ask for a reset link. */
  forgotUrl: string;
}

export const previewProps: AccountExistsProps = {
  name: "Ada Lovelace",
  signInUrl: "http://localhost:3000/login",
  forgotUrl: "http://localhost:3000/forgot-password",
};

/**
 * Issue 17 item 7: someone tried to create an account with an address that has one. The sign-up page said
 * "check your e-mail" as for a new address, so only the owner of the mailbox learns that the account exists.
 */
export function accountExists(p: AccountExistsProps, locale: Locale): RenderedEmail {
  return locale === "ko"
    ? renderEmail(
        locale,
        "TopTier 계정이 이미 있습니다",
        [
          `${p.name}님, 안녕하세요.`,
          "방금 이 이메일 주소로 TopTier 계정을 새로 만들려는 요청이 있었습니다. 이 주소로 된 계정이 이미 있으므로 새 계정은 만들지 않았습니다.",
          `본인이라면 기존 계정으로 로그인하세요: ${p.signInUrl}`,
          "비밀번호가 기억나지 않으면 아래 링크에서 재설정할 수 있습니다. 본인이 요청하지 않았다면 이 메일은 무시하셔도 됩니다. 계정은 바뀌지 않았습니다.",
        ],
        { label: "비밀번호 재설정", url: p.forgotUrl },
      )
    : renderEmail(
        locale,
        "You already have a TopTier account",
        [
          `Hello ${p.name},`,
          "Someone just asked to create a TopTier account with this e-mail address. This address already has an account, so no new one was made.",
          `If it was you, sign in to your account: ${p.signInUrl}`,
          "If you have forgotten your password, reset it with the link below. If it was not you, you can ignore this e-mail: nothing about your account has changed.",
        ],
        { label: "Reset your password", url: p.forgotUrl },
      );
}
