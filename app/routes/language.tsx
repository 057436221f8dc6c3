import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { isLocale } from "../../models/i18n";
import { users } from "../../models/schema/users";
import { languageCookie } from "../locale.server";
import { getUser, safeRedirect } from "../session.server";

/** P3: switch language. Signed-in users keep the choice on their account (e-mails follow it too). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const to = safeRedirect(form.get("redirectTo"), "/");
  if (!isLocale(lang)) return redirect(to);
  const user = await getUser(request, context);
  if (user) await context.services.database.db.update(users).set({ locale: lang }).where(eq(users.id, user.id));
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(lang) } });
}

export const loader = () => redirect("/");
