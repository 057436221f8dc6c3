/**
 * Server rendering: Remix's default Node entry, plus the CSP nonce of the
 * request (set by server.ts, see app/security-headers.server.ts) on every
 * inline script React and Remix write.
 */
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { pgErrorOf, STATEMENT_TIMEOUT } from "../models/platform/db";
import { logger, scrubUrl } from "../models/platform/log";
import { NonceProvider } from "./nonce";
import { dropTrailingNuls } from "./stream-nul.server";

const ABORT_DELAY = 5_000;

/** Seconds a client is asked to wait (Retry-After) when the database was too busy to answer in time. */
export const BUSY_RETRY_AFTER_S = 10;

/**
 * Requests whose loader or action failed because the database did not answer in time
 * (statement_timeout, SQLSTATE 57014: an overload, not a bug). They are answered
 * 503 with Retry-After and a page that says so, instead of the 500 "something went
 * wrong" page. Remix calls handleError with the request it then renders, so the mark
 * is found again in handleRequest and handleDataRequest.
 */
const busyRequests = new WeakSet<Request>();

/** Errors of loaders, actions and rendering (Remix's default writes them with console.error): one structured line. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  // An aborted request, or a Response a route threw on purpose (no route matched, a guard's 403/404), is no failure.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  if (pgErrorOf(error)?.code === STATEMENT_TIMEOUT) {
    busyRequests.add(request);
    // One short line (no query text or parameters): under an overload there may be many.
    logger().warn({ code: STATEMENT_TIMEOUT, url: scrubUrl(request.url), method: request.method }, "database too busy: a statement timed out, answered 503");
    return;
  }
  logger().error({ err: error, url: scrubUrl(request.url) }, "unhandled error in a loader, action or render");
}

/** Client-side navigations (single-fetch data requests) of a busy request: the same 503 and Retry-After; the page's error boundary shows. */
export function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (!busyRequests.has(request)) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(BUSY_RETRY_AFTER_S));
  headers.set("Cache-Control", "no-store");
  return new Response(response.body, { status: 503, headers });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page of a busy request: small and self-contained (no database, no scripts), in both
 * languages, since the account's language may be what could not be read. A form that was
 * sent saved nothing (its transaction was rolled back), so it says to send it again.
 */
export function busyPage(request: Request): Response {
  const again = escapeHtml(new URL(request.url).pathname + new URL(request.url).search);
  // Style attributes only: the CSP forbids <style> elements (app/security-headers.server.ts).
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Busy · TopTier</title></head>
<body style="margin:0;font:1rem/1.5 system-ui,'Noto Sans KR',sans-serif;color:#1b1b1b">
<header style="background:#0b2e59;color:#fff;padding:.75rem 1.25rem;font-weight:700">TopTier</header>
<main style="max-width:40rem;margin:0 auto;padding:1rem 1.25rem">
<section><h1>The service is busy</h1><p>TopTier could not answer in time because too many people are using it. Nothing was lost, but if you sent a form, it was not saved: go back and send it again in a few seconds.</p><p><a href="${again}" style="color:#0b4ea2">Try again</a></p></section>
<section lang="ko" style="word-break:keep-all"><h2>접속이 많아 잠시 응답할 수 없습니다</h2><p>이용자가 많아 제때 응답하지 못했습니다. 잃어버린 내용은 없지만, 보내신 양식은 저장되지 않았으니 잠시 후 뒤로 돌아가 다시 보내 주세요.</p><p><a href="${again}" style="color:#0b4ea2">다시 시도</a></p></section>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(BUSY_RETRY_AFTER_S), "Cache-Control": "no-store" },
  });
}

export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? "";
  if (busyRequests.has(request)) return Promise.resolve(busyPage(request));
  // Crawlers and SPA mode get the whole document at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = dropTrailingNuls();
      headers.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          // Errors before the shell reject above and are logged by Remix; log the later ones here.
          if (shellRendered) logger().error({ err: error, url: scrubUrl(request.url) }, "error while streaming a page");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
