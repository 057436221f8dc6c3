import topTierJson from "./rulesets/top-tier-f2.json";
import f27Json from "./rulesets/f2-7-points.json";
import e71Json from "./rulesets/e7-1.json";
import d10Json from "./rulesets/d10.json";
import { ruleSetSchema, type RuleSet } from "./schema";

export const DEFAULT_RULESET_ID = "top-tier-f2";

/** Raw shipped rule-set files, by file name (for tests and tools). */
export const shippedRulesetFiles: Record<string, unknown> = {
  "top-tier-f2.json": topTierJson,
  "f2-7-points.json": f27Json,
  "e7-1.json": e71Json,
  "d10.json": d10Json,
};

let shipped: readonly RuleSet[] | undefined;
const validated = new WeakMap<object, RuleSet>();

/** Validate a rule-set object with ruleSetSchema, once per object identity (treat rule sets as immutable). */
export function validateRuleset(ruleset: unknown): RuleSet {
  if (typeof ruleset === "object" && ruleset !== null) {
    const hit = validated.get(ruleset);
    if (hit) return hit;
  }
  const parsed = ruleSetSchema.parse(ruleset);
  if (typeof ruleset === "object" && ruleset !== null) {
    validated.set(ruleset, parsed);
    validated.set(parsed, parsed);
  }
  return parsed;
}

/** Every rule set shipped with the code, validated (same array each call). */
export function loadShippedRulesets(): readonly RuleSet[] {
  if (!shipped) shipped = Object.freeze(Object.values(shippedRulesetFiles).map(validateRuleset));
  return shipped;
}

/** A shipped rule set by "id" (the version in force on `asOf`, else the latest) or "id@version"; undefined when unknown. */
export function getShippedRuleset(id: string, asOf?: string): RuleSet | undefined {
  return findRuleset(loadShippedRulesets(), id, asOf);
}

/**
 * Resolve "id" or "id@version" in a catalog. Without a version: the version in
 * force on asOf (latest effectiveFrom on or before asOf, not past effectiveTo),
 * else the one with the latest effectiveFrom.
 */
export function findRuleset(catalog: readonly RuleSet[], ref: string, asOf?: string): RuleSet | undefined {
  let memo = resolved.get(catalog);
  if (!memo) {
    memo = new Map();
    resolved.set(catalog, memo);
  }
  const key = `${ref}\u0000${asOf ?? ""}`;
  if (memo.has(key)) return memo.get(key);
  const found = findUncached(catalog, ref, asOf);
  if (memo.size > 1000) memo.clear();
  memo.set(key, found);
  return found;
}

/** Catalogs are treated as immutable: resolution is cached per catalog array. */
const resolved = new WeakMap<readonly RuleSet[], Map<string, RuleSet | undefined>>();

function findUncached(catalog: readonly RuleSet[], ref: string, asOf?: string): RuleSet | undefined {
  const at = ref.indexOf("@");
  const id = at === -1 ? ref : ref.slice(0, at);
  const version = at === -1 ? undefined : ref.slice(at + 1);
  const same = catalog.filter((r) => r.id === id);
  if (version !== undefined) return same.find((r) => r.version === version);
  if (same.length === 0) return undefined;
  const latest = (rs: RuleSet[]) => rs.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom || (b.effectiveFrom === a.effectiveFrom && b.version > a.version) ? b : a));
  if (asOf) {
    const inForce = same.filter((r) => r.effectiveFrom <= asOf && (!r.effectiveTo || asOf <= r.effectiveTo));
    if (inForce.length) return latest(inForce);
  }
  return latest(same);
}
