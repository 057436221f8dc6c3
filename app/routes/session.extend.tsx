import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { extendCurrentSession } from "../session.server";

/**
 * P4 (WCAG 2.2.1): "Stay signed in" from the session time-out warning. A POST
 * (cross-site writes are refused by app/csrf.ts before Remix sees them); answers
 * JSON with the session's new end, or 401 when the session has already ended.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ ok: false }, { status: 405, headers: { Allow: "POST" } });
  return extendCurrentSession(request, context);
}

export async function loader() {
  return redirect("/");
}
