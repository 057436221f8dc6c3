import { createCookie } from "@remix-run/node";
import { isLocale, negotiateLocale, type Locale } from "../models/i18n";

/** P3: the visitor's language choice before signing in (signed-in users keep theirs on the account). */
export const languageCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 60 * 60 });

/**
 * The language for this request: `?lang=ko|en` in the address (a link to a page in a
 * language, issue 11 item 4), else the account's, else the visitor's choice, else the browser's.
 */
export async function getLocale(request: Request, user?: { locale: string } | null): Promise<Locale> {
  const asked = new URL(request.url).searchParams.get("lang");
  if (isLocale(asked)) return asked;
  if (user && isLocale(user.locale)) return user.locale;
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return negotiateLocale(request.headers.get("Accept-Language"));
}
