import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import { authenticate as checkPassword, createSession, extendSession, revokeSession, SESSION_TTL_MS, sessionState, toActor } from "../models/auth";
import type { UseCaseContext } from "../models/actor";
import type { Role, User } from "../models/schema/users";

/**
 * Server-side sessions: the cookie carries a random token (signed), the
 * database keeps its hash, so a session can be revoked at any time.
 */
function sessionCookie(context: AppLoadContext) {
  const { sessionSecret, secureCookies } = context.services.config;
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies,
    path: "/",
    secrets: [sessionSecret],
    maxAge: SESSION_TTL_MS / 1000,
  });
}

async function sessionToken(request: Request, context: AppLoadContext): Promise<string | null> {
  const value = await sessionCookie(context).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user, once every factor the account needs is given (null otherwise). */
export async function getUser(request: Request, context: AppLoadContext): Promise<User | null> {
  const state = await getSessionState(request, context);
  return state && !state.mfaPending ? state.user : null;
}

/** The session as it is, including one that still owes its second factor (for the /mfa page). */
export async function getSessionState(request: Request, context: AppLoadContext) {
  const token = await sessionToken(request, context);
  const state = token ? await sessionState(context.services.database.db, token) : null;
  return state && token ? { ...state, token } : null;
}

/** The complete session (every factor given): user, token and when it ends; null otherwise. */
export async function getSignedInSession(request: Request, context: AppLoadContext) {
  const state = await getSessionState(request, context);
  return state && !state.mfaPending ? { user: state.user, token: state.token, expiresAt: state.expiresAt } : null;
}

/** Like requireUser, with the session's token (for changes that keep this session and end the others). */
export async function requireUserSession(request: Request, context: AppLoadContext) {
  const state = await getSessionState(request, context);
  const url = new URL(request.url);
  const back = encodeURIComponent(url.pathname + url.search);
  if (!state) throw redirect(`/login?redirectTo=${back}`);
  if (state.mfaPending) throw redirect(`/mfa?redirectTo=${back}`);
  return { user: state.user, token: state.token, expiresAt: state.expiresAt };
}

/** P4: "Stay signed in": the session runs a full length from now; the cookie is set again to match. */
export async function extendCurrentSession(request: Request, context: AppLoadContext): Promise<Response> {
  const session = await getSignedInSession(request, context);
  const expiresAt = session ? await extendSession(context.services.database.db, session.token) : null;
  if (!session || !expiresAt) return Response.json({ ok: false, error: "Your session has ended. Sign in again." }, { status: 401 });
  return Response.json(
    { ok: true, expiresAt: expiresAt.toISOString() },
    { headers: { "Set-Cookie": await sessionCookie(context).serialize(session.token), "Cache-Control": "no-store" } },
  );
}

/** Pages for signed-out visitors (sign in, sign up) send a signed-in user home instead. */
export async function redirectIfSignedIn(request: Request, context: AppLoadContext): Promise<null> {
  const user = await getUser(request, context);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

/** The signed-in user, or a redirect to the sign-in page (or to the second factor) that comes back here. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<User> {
  const state = await getSessionState(request, context);
  const url = new URL(request.url);
  const back = encodeURIComponent(url.pathname + url.search);
  if (!state) throw redirect(`/login?redirectTo=${back}`);
  if (state.mfaPending) throw redirect(`/mfa?redirectTo=${back}`);
  return state.user;
}

/** The signed-in user with one of these roles; anyone else gets 403. */
export async function requireRole(request: Request, context: AppLoadContext, roles: readonly Role[]): Promise<User> {
  const user = await requireUser(request, context);
  if (!roles.includes(user.role)) throw new Response("This page is not for your account.", { status: 403 });
  return user;
}

/** The context every use case takes, for the signed-in user. */
export function caseContext(context: AppLoadContext, user: User): UseCaseContext {
  return { db: context.services.database.db, actor: toActor(user), ip: context.ip };
}

export async function signIn(request: Request, context: AppLoadContext, email: string, password: string): Promise<User | null> {
  return checkPassword(context.services.database.db, { email, password }, { ip: context.ip });
}

/** Start a session and send the user on, with the cookie set. */
export async function startSession(request: Request, context: AppLoadContext, user: User, to: string) {
  const token = await createSession(context.services.database.db, user.id, { ip: context.ip, userAgent: request.headers.get("User-Agent") });
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie(context).serialize(token) } });
}

export async function endSession(request: Request, context: AppLoadContext) {
  const token = await sessionToken(request, context);
  if (token) await revokeSession(context.services.database.db, token);
  return redirect("/", { headers: { "Set-Cookie": await sessionCookie(context).serialize("", { maxAge: 0 }) } });
}

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case "applicant":
      return "/cases";
    case "employer_admin":
    case "employer_member":
      return "/employer";
    case "officer":
    case "senior_officer":
      return "/officer";
    case "admin":
      return "/admin";
  }
}

/** Only same-site relative paths are followed after sign-in (no open redirects). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines inside a URL ("/<TAB>/evil.com" is "//evil.com"), and a control character
  // cannot go into a Location header at all: resolve the path as a browser would and keep it only if it stays here.
  try {
    const here = "http://same.invalid";
    const u = new URL(to, here);
    const path = u.pathname + u.search + u.hash;
    // Issue 17 item 1: dot segments can resolve to "//evil.example" (protocol-relative): check after resolving.
    return u.origin === here && !path.startsWith("//") && !path.startsWith("/\\") ? path : fallback;
  } catch {
    return fallback;
  }
}
