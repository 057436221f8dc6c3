import type { AppLoadContext } from "@remix-run/node";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import type { Express, RequestHandler } from "express";
import { getUser } from "./session.server";

/** Where the dashboard lives; its API and static files are under it too. */
export const QUEUE_DASHBOARD_PATH = "/admin/queues";

/**
 * The dashboard's own policy, on its path only: Bull Board's page has an inline `<style>` and
 * style attributes, and its React bundle injects styles; its scripts are files from this site.
 * Everything else stays as strict as the portal's (no framing, no other origin).
 */
export const QUEUE_DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The admin-only gate: the Remix session read as the app reads it (`getUser`: the signed cookie,
 * the server-side session row, the second factor an administrator owes). Anyone else gets the
 * portal's 404, so the dashboard's existence is not shown.
 */
export function requireAdminSession(context: () => AppLoadContext): RequestHandler {
  return (req, res, next) => {
    const request = new Request(`http://localhost${req.originalUrl}`, { headers: { cookie: req.headers.cookie ?? "" } });
    getUser(request, context()).then(
      (user) => {
        if (user?.role !== "admin") {
          res.status(404).type("text/plain").set("Cache-Control", "no-store").send("Not found");
          return;
        }
        res.setHeader("Content-Security-Policy", QUEUE_DASHBOARD_CSP);
        res.setHeader("Cache-Control", "no-store");
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

/**
 * Bull Board (issue 12) at /admin/queues, for administrators only. The queues are opened on the
 * first administrator's visit (`openQueues`: its own Redis connection, so it works the same when
 * the workers run in this process and when it is web-only). Bull Board ships its own Express 5
 * app; it is called as a plain handler below the gate, never mounted as a sub-application.
 */
export function mountQueueDashboard(
  app: Express,
  opts: { context: () => AppLoadContext; openQueues: () => { queues: Queue[]; close(): Promise<void> } },
): { close(): Promise<void> } {
  let board: RequestHandler | null = null;
  let opened: { queues: Queue[]; close(): Promise<void> } | null = null;
  const open = (): RequestHandler => {
    if (board) return board;
    opened = opts.openQueues();
    const queues = opened.queues;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: queues.map((q) => new BullMQAdapter(q)),
      serverAdapter,
      options: { uiConfig: { boardTitle: "TopTier queues", miscLinks: [{ text: "Administration", url: "/admin" }] } },
    });
    board = serverAdapter.getRouter() as unknown as RequestHandler;
    return board;
  };
  app.use(QUEUE_DASHBOARD_PATH, requireAdminSession(opts.context), (req, res, next) => {
    open()(req, res, (err?: unknown) => {
      if (err) return next(err);
      res.status(404).type("text/plain").send("Not found");
    });
  });
  return {
    close: async () => {
      await opened?.close();
    },
  };
}
