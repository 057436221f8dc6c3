import type { Express, NextFunction, Request, Response } from "express";
import { isCrossSiteWrite } from "./csrf";

/**
 * What Express checks before Remix reads a request (issue 17 items 2 and 9):
 * cross-site writes, body types no route can read (415), and body sizes per route kind, refused from the headers
 * before one byte of the body is read. Node's HTTP parser never reads past a
 * Content-Length, so the declared length is a true cap; a body without one
 * (chunked) is refused with 411, as every browser sends a length for forms,
 * uploads and fetch() bodies.
 */
export interface BodyLimits {
  /** URL-encoded forms, multipart forms outside the upload routes, and anything else. */
  formBytes: number;
  /** JSON bodies (POST /api/eligibility). */
  jsonBytes: number;
  /** Multipart bodies to the upload routes: one file plus its form fields. */
  uploadBytes: number;
}

export const FORM_BODY_BYTES = 256 * 1024;
export const JSON_BODY_BYTES = 256 * 1024;
/** Room for the form fields and part headers beside the file of an upload. */
export const UPLOAD_OVERHEAD_BYTES = 64 * 1024;

/** The routes that take a file: the documents page, its upload endpoint (issue 11) and the case page (answers to a request for evidence). */
const uploadRoutes = [/^\/cases\/[^/]+\/documents(\/upload)?\/?$/, /^\/cases\/[^/]+\/?$/];

/** Non-Remix routes whose writes may come without a body (Bull Board's API under /admin/queues). */
const bodilessWritePaths = /^\/admin\/queues\/api\//;

export type BodyRefusal = { status: 411 | 413 | 415; message: string };

/** What the routes can read: forms (request.formData) and JSON (POST /api/eligibility). */
const readableTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "application/json"];

/** Whether a request's body may be read, from its method, path and headers only. */
export function checkBody(method: string, path: string, headers: Record<string, string | string[] | undefined>, limits: BodyLimits): BodyRefusal | null {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return null;
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const type = (one("content-type") ?? "").toLowerCase();
  const rawLength = one("content-length");
  if (rawLength === undefined && one("transfer-encoding")) return { status: 411, message: "Send the request with a Content-Length header." };
  // The queue dashboard's API (issue 12) takes bodiless writes (retry, promote, clean); it is not Remix.
  if (bodilessWritePaths.test(path) && !type && (rawLength === undefined || rawLength === "0")) return null;
  // A write with no or another body type would make the route's formData() throw: a 500 for every action.
  if (!readableTypes.some((t) => type.startsWith(t))) {
    return { status: 415, message: "Send the form as application/x-www-form-urlencoded or multipart/form-data (or JSON to the API)." };
  }
  if (rawLength === undefined) return null;
  const length = Number(rawLength);
  const kind = type.startsWith("multipart/form-data") && uploadRoutes.some((r) => r.test(path)) ? "upload" : type.startsWith("application/json") ? "json" : "form";
  const max = kind === "upload" ? limits.uploadBytes : kind === "json" ? limits.jsonBytes : limits.formBytes;
  if (!Number.isFinite(length) || length <= max) return null;
  const what = kind === "upload" ? "upload" : kind === "json" ? "JSON body" : "form";
  return { status: 413, message: `This ${what} is too large: at most ${formatBytes(max)} can be sent.` };
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`);

/**
 * The Express middleware: 403 for a cross-site write, 411/413/415 for a body that
 * may not be read (the connection is closed so the rest is never received).
 * `trusted(address)` is Express's "trust proxy" function for the peer.
 */
export function httpGuards(opts: { maxUploadBytes: number; trusted: (address: string) => boolean }) {
  const limits: BodyLimits = { formBytes: FORM_BODY_BYTES, jsonBytes: JSON_BODY_BYTES, uploadBytes: opts.maxUploadBytes + UPLOAD_OVERHEAD_BYTES };
  return (req: Request, res: Response, next: NextFunction) => {
    // Forms are protected against cross-site posting (SameSite=Lax cookies plus this check).
    if (isCrossSiteWrite(req.method, req.headers, opts.trusted(req.socket.remoteAddress ?? ""))) {
      res.status(403).type("text/plain").send("Cross-site form posts are not accepted.");
      return;
    }
    const refused = checkBody(req.method, req.path, req.headers, limits);
    if (refused) {
      res.status(refused.status).set("Connection", "close").type("text/plain").send(refused.message);
      return;
    }
    next();
  };
}

/**
 * Set up the edge on the server's Express app: trust only the configured proxy
 * (TRUST_PROXY: the client address of rate limits and audit, and the forwarded
 * host of the cross-site check), then the guards above.
 */
export function applyEdge(app: Express, config: { trustProxy: false | number | string[]; maxUploadBytes: number }) {
  app.set("trust proxy", config.trustProxy);
  const trusted = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  app.use(httpGuards({ maxUploadBytes: config.maxUploadBytes, trusted: (address) => trusted(address, 0) }));
}
