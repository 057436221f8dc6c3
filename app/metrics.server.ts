import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

type RouteObject = Parameters<typeof matchRoutes>[0][number];
import type { RequestHandler } from "express";
import { scrapeAccess, type Metrics } from "../models/platform/metrics";

/**
 * The route id a path belongs to ("routes/officer.cases.$caseId"), from the Remix build's
 * route table: the label of the latency histogram. Paths that match no page fall under
 * "unmatched", hashed assets under "assets", so a label never holds an id or a fuzzed URL.
 */
export function routeLabeller(build: Pick<ServerBuild, "routes"> | null): (path: string) => string {
  if (!build) return (p) => (p.startsWith("/assets/") ? "assets" : "dev");
  const all = Object.values(build.routes);
  const tree = (parentId: string | undefined): RouteObject[] =>
    all
      .filter((r) => r.parentId === parentId)
      .map((r): RouteObject => (r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: tree(r.id) }));
  const roots = tree(undefined);
  return (path) => {
    if (path.startsWith("/assets/")) return "assets";
    if (path === "/metrics") return "metrics";
    // Remix's data requests (single fetch) are the page's route with ".data".
    const page = path.endsWith(".data") ? path.slice(0, -".data".length) || "/" : path;
    const matches = matchRoutes(roots, page);
    return matches?.length ? (matches[matches.length - 1]!.route.id ?? "unmatched") : "unmatched";
  };
}

/** Times every request; the route label is worked out once the answer is sent. */
export function httpMetrics(metrics: Metrics, labelOf: (path: string) => string): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on("finish", () => end({ route: labelOf(req.path), method: req.method, status: String(res.statusCode) }));
    next();
  };
}

/**
 * GET /metrics for Prometheus, for operators only: `Authorization: Bearer <METRICS_TOKEN>`.
 * Without a token configured the endpoint does not exist (404), so nothing leaks by default.
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined): RequestHandler {
  return async (req, res) => {
    const access = scrapeAccess(token, req.headers.authorization);
    if (access === "disabled") {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    if (access === "denied") {
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text/plain").send("A metrics token is required.");
      return;
    }
    res.set("Cache-Control", "no-store").type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
