/**
 * Cross-site write protection, checked on every non-GET request before Remix
 * sees it. Browsers send Sec-Fetch-Site (all current ones) or at least Origin on
 * form posts; a request from another site is refused. Requests with neither
 * header (curl, server-to-server) carry no ambient browser credentials that
 * another site could abuse, and session cookies are SameSite=Lax besides.
 */
export function isCrossSiteWrite(
  method: string,
  headers: Record<string, string | string[] | undefined>,
  /** Issue 17 item 9: X-Forwarded-Host counts only when the request came from a configured trusted proxy. */
  fromTrustedProxy = false,
): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return false;
  const site = header(headers, "sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = header(headers, "origin");
  if (!origin || origin === "null") return origin === "null";
  const host = (fromTrustedProxy ? header(headers, "x-forwarded-host")?.split(",")[0]?.trim() : undefined) ?? header(headers, "host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
