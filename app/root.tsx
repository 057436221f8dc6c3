import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { getUser } from "./session.server";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "data:," },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return {
    user: user ? { name: user.name, role: user.role, emailVerified: Boolean(user.emailVerifiedAt) } : null,
    devMail: context.services.config.devMailPage,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            TopTier <span lang="ko">최우수인재</span>
          </Link>
          <nav aria-label="Account">
            {data?.devMail ? <Link to="/dev/mail">Dev mailbox</Link> : null}
            {data?.user ? (
              <>
                <span className="who">
                  {data.user.name} ({data.user.role.replace("_", " ")})
                </span>
                <Form method="post" action="/logout" className="inline">
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">Sign in</Link>
                <Link to="/signup">Create account</Link>
              </>
            )}
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration />
        <Scripts />
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
  if (isRouteErrorResponse(error)) {
    return (
      <section>
        <h1>{error.status === 404 ? "Page not found" : error.status === 403 ? "Not allowed" : `Error ${error.status}`}</h1>
        <p>{typeof error.data === "string" && error.data ? error.data : "This page does not exist or is not available to you."}</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Something went wrong</h1>
      <p>Nothing you entered was lost. Try again in a moment; if it keeps happening, contact support.</p>
    </section>
  );
}
