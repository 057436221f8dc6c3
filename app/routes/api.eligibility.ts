import type { ActionFunctionArgs } from "@remix-run/node";
import { EligibilityError, evaluate, parseEligibilityInput, todayIso } from "../../models/eligibility/index";
import { loadPolicy } from "../../models/policy";
import { clientKey, consumeLimit, limits } from "../rate-limit.server";

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * POST /api/eligibility: the dossier as JSON in, the explained result as JSON
 * out (the same shapes as `npm run eligibility`). Rate-limited per client.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "Use POST with a JSON dossier." }, 405, { Allow: "POST" });
  const { points: limit } = limits.eligibilityApi;
  const rl = await consumeLimit(context, "eligibilityApi", clientKey(context));
  if (!rl.ok) {
    return json({ error: `Too many requests: at most ${limit} a minute. Try again in ${rl.retryAfterSeconds} s.` }, 429, {
      "Retry-After": String(rl.retryAfterSeconds),
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await request.text());
  } catch {
    return json({ error: "The body is not valid JSON.", fields: [] }, 400);
  }
  try {
    const input = parseEligibilityInput(raw);
    const policy = await loadPolicy(context.services.database.db);
    const result = evaluate(input, { catalog: policy.catalog, reference: policy.reference, asOf: todayIso() });
    return json(result, 200, { "X-RateLimit-Remaining": String(rl.remaining) });
  } catch (err) {
    if (err instanceof EligibilityError) return json({ error: err.message, code: err.code, fields: err.fields }, 400);
    throw err;
  }
}

export async function loader() {
  return json({ error: "Use POST with a JSON dossier; see the README for the fields." }, 405, { Allow: "POST" });
}
