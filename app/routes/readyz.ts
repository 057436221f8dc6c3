import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "../session.server";

/**
 * Readiness (issue 17 item 8, split from liveness in issue 12): whether this process can do its
 * work. Anyone (load balancers, Playwright's webServer check) gets only ready or not: 200
 * `{ "status": "up" }` when the database, Redis, storage and mail all answer, else 503
 * `{ "status": "down" }`. A signed-in administrator (the operator role) also gets each service's
 * kind and error, which may name hosts and buckets; nobody else ever sees them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const report = await context.services.health();
  const status = report.ok ? "up" : "down";
  const user = await getUser(request, context);
  const body = user?.role === "admin" ? { status, ...report } : { status };
  return Response.json(body, { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
