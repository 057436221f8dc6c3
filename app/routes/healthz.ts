/**
 * Liveness (issue 12): the process is up and serving requests, nothing more. No dependency is
 * checked, so a load balancer or orchestrator does not restart a healthy process because Redis or
 * the database is away (that is readiness: /readyz).
 */
export function loader() {
  return Response.json({ status: "up" }, { headers: { "Cache-Control": "no-store" } });
}
