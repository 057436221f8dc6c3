/**
 * Security headers on every response (P5), set by helmet in server.ts before
 * anything else answers:
 * - a Content-Security-Policy with a fresh nonce per request for the inline
 *   scripts Remix writes into the page (`res.locals.cspNonce`, handed to Remix
 *   through the load context and on to `<Scripts>` by app/nonce.tsx);
 *   `frame-ancestors 'none'`, no plug-ins, forms only to this site;
 * - nosniff, `Referrer-Policy: same-origin`, `X-Frame-Options: DENY`, HSTS in
 *   production only (a developer's http://localhost must not be pinned to https);
 * - `Cache-Control: no-store` on every page or data answer to a signed-in
 *   request (a shared or back-button cache must not keep a case file):
 *   `noStoreWhenSignedIn`, mounted after the static files.
 *
 * A route that sends its own Content-Security-Policy, Cache-Control or
 * X-Frame-Options (the document viewer allows framing by our own pages, the
 * letter and downloads sandbox themselves) replaces the default instead of
 * adding a second header, which browsers would enforce together.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";

/** Headers a route may set for itself; its value replaces the default set here. */
const replaceable = new Set(["content-security-policy", "cache-control", "x-frame-options", "cross-origin-resource-policy"]);

export type SecurityHeaderOptions = {
  /** HSTS and a strict policy: production only. */
  production: boolean;
  /** Vite's dev server injects inline scripts and talks over a websocket. */
  dev?: boolean;
};

export function securityHeaders({ production, dev = false }: SecurityHeaderOptions): RequestHandler[] {
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
  const nonceSource = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce as string}'`;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": dev ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"] : ["'self'", nonceSource],
        // React's style={{…}} props become style attributes; <style> elements stay forbidden.
        "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": dev ? ["'self'", "ws:", "wss:"] : ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(production ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // The document viewer frames our own documents; nothing else frames anything.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
  });
  const routeOverrides: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
    const append = res.append.bind(res);
    res.append = ((field: string, value?: string[] | string) => {
      if (replaceable.has(field.toLowerCase()) && value !== undefined) {
        res.setHeader(field, value);
        return res;
      }
      return append(field, value);
    }) as Response["append"];
    next();
  };
  return [nonce, headers, routeOverrides];
}

/**
 * `Cache-Control: no-store` on every answer to a signed-in request; mounted after the static
 * files (hashed assets keep their year-long cache) and before Remix (a route that sets its own
 * Cache-Control replaces this one, see above).
 */
export function noStoreWhenSignedIn(sessionCookieName = "__session"): RequestHandler {
  return (req, res, next) => {
    if (hasCookie(req.headers.cookie, sessionCookieName)) res.setHeader("Cache-Control", "no-store");
    next();
  };
}

function hasCookie(header: string | undefined, name: string): boolean {
  if (!header) return false;
  return header.split(";").some((part) => part.trim().startsWith(`${name}=`));
}
