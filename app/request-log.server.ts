import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import { requestIdFrom, scrubUrl, withRequestId, type Logger } from "../models/platform/log";

/**
 * One log line per request (issue 12, decision 019), through pino-http: method, path (link tokens and
 * secret parameters cut out, no headers, so no cookies), status and time, with the request id.
 * The id is the client's `X-Request-Id` when that is a short safe token, else a fresh UUID; it is
 * sent back in the response's `X-Request-Id`, and the rest of the request runs inside it
 * (`withRequestId`), so the outbox rows it writes and the jobs they become carry it.
 */
export function requestLogging(log: Logger): RequestHandler {
  const http = pinoHttp({
    logger: log,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdFrom(req.headers["x-request-id"]);
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customAttributeKeys: { reqId: "requestId" },
    quietReqLogger: true,
    serializers: {
      req: (r: { method?: string; url?: string }) => ({ method: r.method, url: scrubUrl(r.url ?? "/") }),
      res: (r: { statusCode?: number }) => ({ statusCode: r.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
    // The hashed build assets are many and say nothing about the application.
    autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/assets/") },
  });
  return (req, res, next) => http(req, res, () => withRequestId(String(req.id), next));
}
