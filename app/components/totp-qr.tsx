import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";

const text = defineMessages(
  { scan: "Or scan this code with the app:", alt: "QR code to add TopTier to an authenticator app" },
  { scan: "또는 인증 앱으로 이 코드를 스캔하세요:", alt: "인증 앱에 TopTier를 추가하는 QR 코드" },
);

/** The set-up QR code (made on the server, see app/qr.server.ts); the key stays beside it as text for typing in. */
export function TotpQr({ src }: { src: string | null | undefined }) {
  const { t } = useT(text);
  if (!src) return null;
  return (
    <figure className="totp-qr-figure">
      <figcaption>{t("scan")}</figcaption>
      <img className="totp-qr" src={src} alt={t("alt")} width={200} height={200} data-testid="totp-qr" />
    </figure>
  );
}
