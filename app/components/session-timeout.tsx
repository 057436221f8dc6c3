import { Form, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";

/** How long before the session ends the warning shows. */
export const WARNING_MS = 5 * 60_000;
/** Timers longer than this overflow in browsers (about 24.8 days); we re-arm instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const text = defineMessages(
  {
    title: "Your session is about to end",
    body: "For your security you will be signed out at {time}, in about {minutes} min. Anything not yet saved would be lost.",
    stay: "Stay signed in",
    signOut: "Sign out now",
    extending: "Keeping you signed in…",
    extended: "You stay signed in until {time}.",
    endedTitle: "Your session has ended",
    endedBody: "You were signed out for your security. Sign in again to go on; what you had saved is kept.",
    signIn: "Sign in again",
  },
  {
    title: "곧 로그아웃됩니다",
    body: "보안을 위해 {time}에(약 {minutes}분 후) 로그아웃됩니다. 저장하지 않은 내용은 사라질 수 있습니다.",
    stay: "로그인 유지",
    signOut: "지금 로그아웃",
    extending: "로그인을 유지하는 중…",
    extended: "{time}까지 로그인이 유지됩니다.",
    endedTitle: "로그아웃되었습니다",
    endedBody: "보안을 위해 로그아웃되었습니다. 계속하려면 다시 로그인하세요. 저장한 내용은 그대로 있습니다.",
    signIn: "다시 로그인",
  },
);

type Phase = "quiet" | "warning" | "ended";

/**
 * P4 (WCAG 2.2.1 Timing Adjustable): the page knows when the session ends;
 * 5 minutes before, a non-modal alert dialog offers "Stay signed in", which
 * extends the session through POST /session/extend without reloading the page.
 * Focus moves to the dialog's button when it appears and goes back afterwards.
 *
 * `expiresAt` is the server's session end and `serverNow` the server's clock when
 * it said so: the difference is used, so a wrong clock on the computer does not matter.
 */
export function SessionTimeout({ expiresAt, serverNow }: { expiresAt: string; serverNow: number }) {
  const { t, dateTime } = useT(text);
  const fetcher = useFetcher<{ ok: boolean; expiresAt?: string }>();
  const location = useLocation();
  const [phase, setPhase] = useState<Phase>("quiet");
  const [now, setNow] = useState(() => Date.now());
  const [extendedTo, setExtendedTo] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  // The session's end on this computer's clock.
  const deadline = useMemo(() => Date.now() + (Date.parse(expiresAt) - serverNow), [expiresAt, serverNow]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ticker: ReturnType<typeof setInterval> | undefined;
    const arm = () => {
      const left = deadline - Date.now();
      setNow(Date.now());
      if (left <= 0) {
        setPhase("ended");
        return;
      }
      if (left <= WARNING_MS) {
        setPhase("warning");
        ticker ??= setInterval(() => setNow(Date.now()), 15_000);
        timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
        return;
      }
      setPhase("quiet");
      timer = setTimeout(arm, Math.min(left - WARNING_MS, MAX_TIMER_MS));
    };
    arm();
    return () => {
      clearTimeout(timer);
      clearInterval(ticker);
    };
  }, [deadline]);

  // Move focus into the warning when it appears (keyboard and screen-reader users meet it at once).
  useEffect(() => {
    if (phase !== "warning") return;
    if (document.activeElement instanceof HTMLElement && document.activeElement !== buttonRef.current) returnFocus.current = document.activeElement;
    buttonRef.current?.focus();
  }, [phase]);

  // The answer of "Stay signed in": the new end (the root loader revalidates with it too).
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok && fetcher.data.expiresAt) {
      setExtendedTo(fetcher.data.expiresAt);
      setPhase("quiet");
      returnFocus.current?.focus();
      returnFocus.current = null;
    } else {
      setPhase("ended");
    }
  }, [fetcher.state, fetcher.data]);

  const stay = () => fetcher.submit(null, { method: "post", action: "/session/extend" });
  const back = encodeURIComponent(location.pathname + location.search);

  return (
    <div className="session-timeout-region">
      {/* Always in the page, so screen readers announce what is put into it (a live region, not a
          second "status" role beside the page's own messages). */}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="session-timeout-live">
        {phase === "quiet" && extendedTo ? t("extended", { time: dateTime(extendedTo) }) : ""}
      </p>
      {phase === "warning" ? (
        <div className="session-timeout" role="alertdialog" aria-modal="false" aria-labelledby="session-timeout-title" aria-describedby="session-timeout-body">
          <h2 id="session-timeout-title">{t("title")}</h2>
          <p id="session-timeout-body">{t("body", { time: dateTime(new Date(Date.parse(expiresAt))), minutes: Math.max(1, Math.ceil((deadline - now) / 60_000)) })}</p>
          <div className="actions">
            <button type="button" ref={buttonRef} onClick={stay} disabled={fetcher.state !== "idle"}>
              {fetcher.state !== "idle" ? t("extending") : t("stay")}
            </button>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" className="secondary">
                {t("signOut")}
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      {phase === "ended" ? (
        <div className="session-timeout" role="alert" aria-labelledby="session-ended-title">
          <h2 id="session-ended-title">{t("endedTitle")}</h2>
          <p>{t("endedBody")}</p>
          <p>
            <a href={`/login?redirectTo=${back}`}>{t("signIn")}</a>
          </p>
        </div>
      ) : null}
    </div>
  );
}
