import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";

/**
 * Issue 15: recovery codes made at the first two-step sign-in (or on /account)
 * stay on screen until the user says they are saved. The action does not
 * answer them as action data (which Remix's revalidation, or a no-JavaScript
 * document post, replaces by the loader's answer); it puts them in a short-lived
 * signed, HttpOnly cookie for this user and redirects to the page, whose loader
 * shows them on every load until the "I have saved these codes" post clears it.
 * The database keeps only their hashes, as before.
 */
const TTL_SECONDS = 30 * 60;

function codesCookie(context: AppLoadContext) {
  const { sessionSecret, secureCookies } = context.services.config;
  return createCookie("__recovery_codes", { httpOnly: true, sameSite: "strict", secure: secureCookies, path: "/", secrets: [sessionSecret], maxAge: TTL_SECONDS });
}

/** Redirect to `to` (the page that shows the codes) with the codes kept for this user. */
export async function redirectToShowCodes(context: AppLoadContext, userId: string, codes: string[], to: string) {
  return redirect(to, { headers: { "Set-Cookie": await codesCookie(context).serialize({ userId, codes }) } });
}

/** The codes waiting to be acknowledged by this user, or null. */
export async function codesToShow(request: Request, context: AppLoadContext, userId: string): Promise<string[] | null> {
  const value: unknown = await codesCookie(context).parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { userId: owner, codes } = value as { userId?: unknown; codes?: unknown };
  if (owner !== userId || !Array.isArray(codes) || !codes.every((c) => typeof c === "string")) return null;
  return codes as string[];
}

/** The Set-Cookie header that forgets the codes (after "I have saved these codes"). */
export async function forgetCodes(context: AppLoadContext): Promise<string> {
  return codesCookie(context).serialize("", { maxAge: 0 });
}
