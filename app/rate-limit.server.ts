import type { AppLoadContext } from "@remix-run/node";
import type { LimitDecision, LimitName } from "../models/platform/rate-limits";

/**
 * The routes' side of the rate limits (models/platform/rate-limits.ts): shared
 * through Redis by every web process, keyed by the client address Express took
 * from a trusted proxy only (TRUST_PROXY), never from a header anyone can send.
 */
export type { LimitDecision, LimitName };
export { limits } from "../models/platform/rate-limits";

export const clientKey = (context: AppLoadContext) => context.ip ?? "unknown";

export const consumeLimit = (context: AppLoadContext, name: LimitName, key: string) => context.services.rateLimits.consume(name, key);
export const peekLimit = (context: AppLoadContext, name: LimitName, key: string) => context.services.rateLimits.peek(name, key);
export const resetLimit = (context: AppLoadContext, name: LimitName, key: string) => context.services.rateLimits.reset(name, key);

/** Several limits at once: the first refusal (the longest wait among them), or ok. */
export function firstRefusal(...decisions: LimitDecision[]): Extract<LimitDecision, { ok: false }> | null {
  const refused = decisions.filter((d): d is Extract<LimitDecision, { ok: false }> => !d.ok);
  if (!refused.length) return null;
  const down = refused.find((d) => d.reason === "unavailable");
  return down ?? refused.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));
}

export const UNAVAILABLE_MESSAGE = "Signing in is briefly unavailable. Try again in a minute.";

/** Status, message and headers of a refusal: 429 with the route's message, or 503 while the limits cannot be checked. */
export function refusalOf(d: Extract<LimitDecision, { ok: false }>, limitedMessage: string) {
  return {
    status: d.reason === "unavailable" ? 503 : 429,
    error: d.reason === "unavailable" ? UNAVAILABLE_MESSAGE : limitedMessage,
    retryAfter: d.retryAfterSeconds,
    headers: { "Retry-After": String(d.retryAfterSeconds) },
  };
}

/**
 * A route's `headers` export for the refusals above: Remix sends an action's own headers to a form posted
 * without JavaScript (a document request) only through this function, so without it a browser's 429 or 503
 * page would come without its Retry-After.
 */
export const retryAfterHeaders = ({ actionHeaders }: { actionHeaders: Headers }): Record<string, string> => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : {};
};

/** E1/E2: too many invitations from one organisation within the hour (thrown as a 429 page). */
export async function invitationLimit(context: AppLoadContext, orgId: string | null) {
  const r = await consumeLimit(context, "invitations", orgId ?? "none");
  if (!r.ok) throw new Response("Too many invitations; try again later.", { status: 429, headers: { "Retry-After": String(r.retryAfterSeconds) } });
}
