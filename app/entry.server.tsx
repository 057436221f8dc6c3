/**
 * Server rendering: Remix's default Node entry, plus the CSP nonce of the
 * request (set by server.ts, see app/security-headers.server.ts) on every
 * inline script React and Remix write.
 */
import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { logger, scrubUrl } from "../models/platform/log";
import { NonceProvider } from "./nonce";

const ABORT_DELAY = 5_000;

/** Errors of loaders, actions and rendering (Remix's default writes them with console.error): one structured line. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  // An aborted request, or a Response a route threw on purpose (no route matched, a guard's 403/404), is no failure.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  logger().error({ err: error, url: scrubUrl(request.url) }, "unhandled error in a loader, action or render");
}

export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? "";
  // Crawlers and SPA mode get the whole document at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
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
