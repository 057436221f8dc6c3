import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";

const text = defineMessages(
  {
    title: "Your recovery codes",
    keep: "Save these codes somewhere safe now: they are shown only this once. If you lose your phone, each code signs you in once instead of a 6-digit code.",
  },
  {
    title: "복구 코드",
    keep: "이 코드는 지금 한 번만 보여 드립니다. 안전한 곳에 저장하세요. 휴대전화를 잃어버리면 6자리 코드 대신 각 코드로 한 번씩 로그인할 수 있습니다.",
  },
);

/** P5: the one-time recovery codes, shown once after they are made. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useT(text);
  return (
    <div className="notice" role="region" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">{t("title")}</h2>
      <p>{t("keep")}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
