import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { defineMessages, isLocale, translator } from "../models/i18n";
import { LanguageSwitch, useT } from "./i18n";
import { getLocale } from "./locale.server";
import { roleLabel } from "./role-labels";
import { SessionTimeout } from "./components/session-timeout";
import { useNonce } from "./nonce";
import { getSignedInSession } from "./session.server";
import fonts from "./fonts.css?url";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fonts },
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getSignedInSession(request, context);
  const user = session?.user ?? null;
  return {
    /** P4: when the session ends (and the server's clock), for the time-out warning. */
    sessionExpiresAt: session?.expiresAt.toISOString() ?? null,
    serverNow: Date.now(),
    locale: await getLocale(request, user),
    user: user ? { name: user.name, role: user.role, emailVerified: Boolean(user.emailVerifiedAt) } : null,
    devMail: context.services.config.devMailPage,
  };
}

const text = defineMessages(
  {
    skip: "Skip to main content",
    devMail: "Dev mailbox",
    signOut: "Sign out",
    signIn: "Sign in",
    signUp: "Create account",
    account: "Account",
    yourAccount: "Your account",
    notFound: "Page not found",
    notAllowed: "Not allowed",
    error: "Error {status}",
    notAvailable: "This page does not exist or is not available to you.",
    home: "Go to the start page",
    wrong: "Something went wrong",
    wrongBody: "Nothing you entered was lost. Try again in a moment; if it keeps happening, contact support.",
    footer: "About this site",
    help: "Help",
    contact: "Contact",
    privacy: "Privacy",
  },
  {
    skip: "본문으로 건너뛰기",
    devMail: "개발용 메일함",
    signOut: "로그아웃",
    signIn: "로그인",
    signUp: "계정 만들기",
    account: "계정",
    yourAccount: "내 계정",
    notFound: "페이지를 찾을 수 없습니다",
    notAllowed: "허용되지 않습니다",
    error: "오류 {status}",
    notAvailable: "이 페이지가 없거나 이용할 수 없습니다.",
    home: "처음 화면으로",
    wrong: "문제가 생겼습니다",
    wrongBody: "입력하신 내용은 사라지지 않았습니다. 잠시 후 다시 시도하세요. 계속되면 지원팀에 연락하세요.",
    footer: "사이트 안내",
    help: "도움말",
    contact: "문의",
    privacy: "개인정보 처리 안내",
  },
);

/**
 * An error page's title (a route's own meta is not used when its loader failed): "Page not found",
 * "Not allowed"... in the page's language. Other pages set their own title.
 */
export const meta: MetaFunction<typeof loader> = ({ error, data }) => {
  if (!error) return [];
  const t = translator(isLocale(data?.locale) ? data.locale : "en", text);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? t("notFound") : status === 403 ? t("notAllowed") : status === 500 ? t("wrong") : t("error", { status });
  return [{ title: `${title} · TopTier` }];
};

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, locale } = useT(text);
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skip")}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            TopTier <span lang="ko">최우수인재</span>
          </Link>
          <nav aria-label={t("account")}>
            <LanguageSwitch />
            {data?.devMail ? <Link to="/dev/mail">{t("devMail")}</Link> : null}
            {data?.user ? (
              <>
                <span className="who">
                  {data.user.name} ({roleLabel(locale, data.user.role)})
                </span>
                <Link to="/account">{t("yourAccount")}</Link>
                <Form method="post" action="/logout" className="inline">
                  <button type="submit" className="link-button">
                    {t("signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">{t("signIn")}</Link>
                <Link to="/signup">{t("signUp")}</Link>
              </>
            )}
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <nav aria-label={t("footer")}>
            <Link to="/help">{t("help")}</Link>
            <Link to="/help#contact">{t("contact")}</Link>
            <Link to="/privacy">{t("privacy")}</Link>
          </nav>
          <p>
            TopTier <span lang="ko">최우수인재</span>
          </p>
        </footer>
        {data?.user && data.sessionExpiresAt ? <SessionTimeout expiresAt={data.sessionExpiresAt} serverNow={data.serverNow} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t, m } = useT(text);
  if (isRouteErrorResponse(error)) {
    return (
      <section>
        <h1>{error.status === 404 ? t("notFound") : error.status === 403 ? t("notAllowed") : t("error", { status: error.status })}</h1>
        <p>{typeof error.data === "string" && error.data ? m(error.data) : t("notAvailable")}</p>
        <p>
          <Link to="/">{t("home")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("wrong")}</h1>
      <p>{t("wrongBody")}</p>
    </section>
  );
}
