import type { AppLoadContext } from "@remix-run/node";
import { expect } from "vitest";
import * as login from "../../app/routes/login";
import * as mfa from "../../app/routes/mfa";
import { totpAt } from "../../models/totp";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "./factories";

/**
 * Sign in through the real login action (and, for officers, the second-factor
 * action with a code from the test secret); returns the Cookie header value.
 */
export async function signInCookie(context: AppLoadContext, email: string, opts: { password?: string; totpSecret?: string } = {}): Promise<string> {
  const res = (await login.action({
    request: new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ email, password: opts.password ?? TEST_PASSWORD }) }),
    context,
    params: {},
  })) as Response;
  expect(res.status).toBe(302);
  const cookie = res.headers.get("Set-Cookie")!.split(";")[0]!;
  const probe = await mfa.loader({ request: new Request("http://localhost/mfa", { headers: { Cookie: cookie } }), context, params: {} }).catch((r: unknown) => r);
  // A redirect away from /mfa means no second factor is owed.
  if (probe instanceof Response) return cookie;
  const done = (await mfa.action({
    request: new Request("http://localhost/mfa", { method: "POST", body: new URLSearchParams({ code: totpAt(opts.totpSecret ?? TEST_TOTP_SECRET) }), headers: { Cookie: cookie } }),
    context,
    params: {},
  })) as Response;
  expect(done.status).toBe(302);
  return cookie;
}
