import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { Choice } from "../ui";

const text = defineMessages(
  {
    title: "Your recovery codes",
    keep: "Save these codes somewhere safe now: they are shown only this once. If you lose your phone, each code signs you in once instead of a 6-digit code.",
    download: "Download as a text file",
    copy: "Copy the codes",
    copied: "Copied.",
    copyFailed: "Copying did not work here: select the codes and copy them, or download the file.",
    saved: "I have saved these codes",
    savedHint: "The codes are not shown again after you go on.",
    goOn: "Continue",
    notTicked: "Tick “I have saved these codes” once they are kept somewhere safe.",
    fileHeader: "TopTier recovery codes for {email}. Each code works once, instead of a 6-digit code.",
  },
  {
    title: "복구 코드",
    keep: "이 코드는 지금 한 번만 보여 드립니다. 안전한 곳에 저장하세요. 휴대전화를 잃어버리면 6자리 코드 대신 각 코드로 한 번씩 로그인할 수 있습니다.",
    download: "텍스트 파일로 내려받기",
    copy: "코드 복사",
    copied: "복사했습니다.",
    copyFailed: "여기서는 복사할 수 없습니다. 코드를 선택해 복사하거나 파일로 내려받으세요.",
    saved: "이 코드를 저장했습니다",
    savedHint: "계속하면 코드는 다시 표시되지 않습니다.",
    goOn: "계속",
    notTicked: "코드를 안전한 곳에 저장한 뒤 “이 코드를 저장했습니다”에 표시하세요.",
    fileHeader: "{email} 계정의 TopTier 복구 코드입니다. 각 코드는 6자리 코드 대신 한 번 쓸 수 있습니다.",
  },
);

/** The intent (and form field names) of the "I have saved these codes" step, shared by /mfa and /account. */
export const CODES_SAVED_INTENT = "codes_saved";

/**
 * P5 / issue 15: the one-time recovery codes, kept on screen until the user
 * says they are saved (a required tick box, checked by the server too), with a
 * download (a data: link, works without JavaScript) and a copy button (with
 * JavaScript). The page's loader shows them until the acknowledgement is
 * posted (app/recovery-codes.server.ts), so revalidation never moves the user on.
 */
export function RecoveryCodes({ codes, email, redirectTo, notTicked }: { codes: string[]; email: string; redirectTo?: string; notTicked?: boolean }) {
  const { t } = useT(text);
  const [hydrated, setHydrated] = useState(false);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setHydrated(true), []);
  const file = `${t("fileHeader", { email })}\n\n${codes.join("\n")}\n`;
  const copy = () => {
    navigator.clipboard
      .writeText(codes.join("\n"))
      .then(() => setCopyState("copied"))
      .catch(() => setCopyState("failed"));
  };
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
      <p>
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="toptier-recovery-codes.txt">
          {t("download")}
        </a>
        {hydrated ? (
          <>
            {" "}
            <button type="button" className="link-button" onClick={copy}>
              {t("copy")}
            </button>
          </>
        ) : null}
      </p>
      <p role="status">{copyState === "copied" ? t("copied") : copyState === "failed" ? t("copyFailed") : null}</p>
      <Form method="post" replace>
        <input type="hidden" name="intent" value={CODES_SAVED_INTENT} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        {notTicked ? (
          <p className="field-error" id="codes-saved-error" role="alert">
            {t("notTicked")}
          </p>
        ) : null}
        <Choice type="checkbox" id="codes-saved" name="saved" value="yes" required describedBy={`codes-saved-hint${notTicked ? " codes-saved-error" : ""}`} label={t("saved")} />
        <p className="hint" id="codes-saved-hint">
          {t("savedHint")}
        </p>
        <button type="submit">{t("goOn")}</button>
      </Form>
    </div>
  );
}
