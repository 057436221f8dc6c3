import type { LoaderFunctionArgs } from "@remix-run/node";

/** Health of database, Redis, storage and mail: 200 when all are fine, 503 otherwise. */
export async function loader({ context }: LoaderFunctionArgs) {
  const report = await context.services.health();
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
