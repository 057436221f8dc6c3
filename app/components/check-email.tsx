import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";

const text = defineMessages(
  {
    title: "Check your e-mail",
    sent: "We sent an e-mail to {email}.",
    newAddress: "If this address is new to TopTier, the e-mail holds a link that confirms it and signs you in. The link works for 48 hours.",
    existing: "If you already have an account with this address, the e-mail tells you how to sign in instead.",
    nothing: "Nothing after a few minutes? Look in your spam folder, or",
    signIn: "sign in",
  },
  {
    title: "이메일을 확인하세요",
    sent: "{email} 주소로 이메일을 보냈습니다.",
    newAddress: "TopTier에 처음 등록하는 주소라면, 이메일의 링크를 열어 주소를 확인하고 바로 로그인하세요. 링크는 48시간 동안 유효합니다.",
    existing: "이 주소로 된 계정이 이미 있다면, 로그인 방법을 이메일로 안내해 드렸습니다.",
    nothing: "몇 분이 지나도 이메일이 오지 않으면 스팸함을 확인하거나",
    signIn: "로그인하세요",
  },
);

/**
 * The one answer to a sign-up, whether the address was new or already had an account (issue 17 item 7):
 * the page never tells a stranger that an account exists; the e-mail tells the owner.
 */
export function CheckYourEmail({ email }: { email: string }) {
  const { t } = useT(text);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="check-email-title">
      <h1 id="check-email-title" tabIndex={-1} ref={heading}>
        {t("title")}
      </h1>
      <p>{t("sent", { email })}</p>
      <p>{t("newAddress")}</p>
      <p>{t("existing")}</p>
      <p>
        {t("nothing")} <Link to="/login">{t("signIn")}</Link>.
      </p>
    </section>
  );
}
