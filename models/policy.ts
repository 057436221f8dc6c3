import { and, asc, desc, eq } from "drizzle-orm";
import type { ZodType } from "zod";
import { audit } from "./audit";
import type { UseCaseContext } from "./actor";
import { AppError } from "./errors";
import { enqueue } from "./jobs";
import { formatValidationError, loadShippedRulesets, ruleSetSchema, shippedReference, type ReferenceData, type RuleSet } from "./eligibility/index";
import { countryListSchema, fieldClassificationSchema, gniReferenceSchema, industryListSchema, institutionListSchema, wageFloorReferenceSchema } from "./eligibility/schema";
import { josa } from "./i18n";
import type { Queryable } from "./platform/db";
import { jsonSyntaxProblem, PolicyCheckError, schemaProblems } from "./policy-problems";
import { policyVersions, type PolicyVersion } from "./schema/policy";

/**
 * P7 / issue 3: immigration policy as versioned data. The shipped rule sets and
 * reference lists are the first versions; administrators publish new versions,
 * which take effect for screening from their effective date (rule sets) or at
 * once (reference lists), and trigger a background re-screening of open cases.
 */

export interface Policy {
  /** Every rule-set version: shipped plus published. The engine picks the one in force on the assessment date. */
  catalog: RuleSet[];
  /** The reference data in force: each part at its latest published version, else the shipped one. */
  reference: ReferenceData;
  /** A stable label of what is in force (changes whenever a version is published). */
  signature: string;
}

type Slot = { slot: "gni" | "wageFloors" | "industries" | "fields" | "countries" } | { slot: "lists"; listKey: string };

/** The reference parts administrators can publish, by their id, with the schema a new version must pass. */
export function referenceParts(base: ReferenceData = shippedReference()): Map<string, Slot & { schema: ZodType; current: { version: string } }> {
  const parts = new Map<string, Slot & { schema: ZodType; current: { version: string } }>();
  parts.set(base.gni.id, { slot: "gni", schema: gniReferenceSchema, current: base.gni });
  if (base.wageFloors) parts.set(base.wageFloors.id, { slot: "wageFloors", schema: wageFloorReferenceSchema, current: base.wageFloors });
  parts.set(base.industries.id, { slot: "industries", schema: industryListSchema, current: base.industries });
  parts.set(base.fields.id, { slot: "fields", schema: fieldClassificationSchema, current: base.fields });
  parts.set(base.countries.id, { slot: "countries", schema: countryListSchema, current: base.countries });
  for (const [listKey, list] of Object.entries(base.lists)) parts.set(list.id, { slot: "lists", listKey, schema: institutionListSchema, current: list });
  return parts;
}

let cached: { signature: string; policy: Policy } | undefined;

/** The policy in force, from the shipped files and the published versions (one small query; cached by what was published). */
export async function loadPolicy(q: Queryable): Promise<Policy> {
  // Ids only on the hot path (every screening and API call); bodies only when something new was published.
  const ids = await q.select({ id: policyVersions.id }).from(policyVersions).orderBy(asc(policyVersions.publishedAt), asc(policyVersions.id));
  const signature = ids.length === 0 ? "shipped" : ids.map((r) => r.id).join(",");
  if (cached?.signature === signature) return cached.policy;
  const rows = await q
    .select({ id: policyVersions.id, kind: policyVersions.kind, key: policyVersions.key, body: policyVersions.body })
    .from(policyVersions)
    .orderBy(asc(policyVersions.publishedAt), asc(policyVersions.id));
  const shipped = shippedReference();
  const parts = referenceParts(shipped);
  const reference: ReferenceData = { ...shipped, lists: { ...shipped.lists } };
  const catalog: RuleSet[] = [...loadShippedRulesets()];
  for (const row of rows) {
    if (row.kind === "ruleset") catalog.push(row.body as unknown as RuleSet);
    else {
      const part = parts.get(row.key);
      if (!part) continue; // a part this version of the code does not know
      if (part.slot === "lists") reference.lists[part.listKey] = row.body as never;
      else reference[part.slot] = row.body as never;
    }
  }
  const policy = { catalog, reference, signature };
  cached = { signature, policy };
  return policy;
}

export interface PolicyEntry {
  kind: "ruleset" | "reference";
  key: string;
  version: string;
  source: "shipped" | "published";
  publishedAt: Date | null;
  effectiveFrom?: string;
  title: string;
  /** The title in Korean (a rule set's `title.ko`, a list's `titleKo`); null when the definition has none. */
  titleKo: string | null;
  /** A reference list's edition (what it was compiled from), and in Korean when it reads differently. */
  edition: string | null;
  editionKo: string | null;
  note: string | null;
}

/**
 * A definition's title and edition in both languages: a rule set's `title` is `{ en, ko }`,
 * a reference list's is English with `titleKo` and `edition` / `editionKo` beside it.
 */
function titles(body: unknown, key: string): Pick<PolicyEntry, "title" | "titleKo" | "edition" | "editionKo"> {
  const b = body as { title?: string | { en?: string; ko?: string }; titleKo?: string; edition?: string; editionKo?: string };
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
  const title = typeof b.title === "string" ? b.title : b.title?.en;
  const titleKo = typeof b.title === "string" ? b.titleKo : b.title?.ko;
  return { title: text(title) ?? key, titleKo: text(titleKo), edition: text(b.edition), editionKo: text(b.editionKo) };
}

/** Every version of every rule set and reference part, newest last within each key. */
export async function listPolicyVersions(q: Queryable): Promise<PolicyEntry[]> {
  const rows = await q.select().from(policyVersions).orderBy(asc(policyVersions.publishedAt));
  const entries: PolicyEntry[] = [];
  for (const r of loadShippedRulesets()) {
    entries.push({ kind: "ruleset", key: r.id, version: r.version, source: "shipped", publishedAt: null, effectiveFrom: r.effectiveFrom, ...titles(r, r.id), note: null });
  }
  for (const [key, part] of referenceParts()) {
    entries.push({ kind: "reference", key, version: part.current.version, source: "shipped", publishedAt: null, ...titles(part.current, key), note: null });
  }
  for (const row of rows) {
    const body = row.body as { effectiveFrom?: string };
    entries.push({
      kind: row.kind,
      key: row.key,
      version: row.version,
      source: "published",
      publishedAt: row.publishedAt,
      effectiveFrom: body.effectiveFrom,
      ...titles(row.body, row.key),
      note: row.note,
    });
  }
  return entries;
}

/** The latest version's body of one rule set or reference part (the starting point of a new version). */
export async function currentPolicyBody(q: Queryable, kind: "ruleset" | "reference", key: string): Promise<Record<string, unknown> | null> {
  const [row] = await q
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.kind, kind), eq(policyVersions.key, key)))
    .orderBy(desc(policyVersions.publishedAt))
    .limit(1);
  if (row) return row.body;
  if (kind === "ruleset") {
    const shipped = loadShippedRulesets().filter((r) => r.id === key);
    return (shipped.at(-1) as unknown as Record<string, unknown>) ?? null;
  }
  return (referenceParts().get(key)?.current as unknown as Record<string, unknown>) ?? null;
}

/**
 * Publish a new version. The body must pass its schema, keep its id and carry a
 * version not used before. Cases not yet decided are re-screened in the background.
 */
export async function publishPolicyVersion(
  ctx: UseCaseContext,
  input: { kind: "ruleset" | "reference"; key: string; json: string; note?: string },
): Promise<PolicyVersion> {
  if (ctx.actor.role !== "admin") throw new AppError("forbidden", "Only administrators publish policy.");
  let raw: unknown;
  try {
    raw = JSON.parse(input.json);
  } catch (err) {
    throw new PolicyCheckError("validation", "The text is not valid JSON.", [jsonSyntaxProblem(input.json, err as Error)]);
  }
  const schema: ZodType | undefined = input.kind === "ruleset" ? ruleSetSchema : referenceParts().get(input.key)?.schema;
  if (!schema) throw new AppError("not_found", "No such reference list.");
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new PolicyCheckError("validation", "The new version does not pass the checks.", schemaProblems(parsed.error), formatValidationError(parsed.error, "Fix these fields"));
  }
  const body = parsed.data as { id: string; version: string };
  if (body.id !== input.key) {
    throw new PolicyCheckError("validation", "The id cannot change.", [{ path: "id", en: `"id" must stay "${input.key}"`, ko: `"id"는 "${input.key}" 그대로 두어야 합니다` }]);
  }
  const taken =
    (input.kind === "ruleset" && loadShippedRulesets().some((r) => r.id === body.id && r.version === body.version)) ||
    (input.kind === "reference" && referenceParts().get(input.key)?.current.version === body.version) ||
    (
      await ctx.db
        .select({ id: policyVersions.id })
        .from(policyVersions)
        .where(and(eq(policyVersions.kind, input.kind), eq(policyVersions.key, input.key), eq(policyVersions.version, body.version)))
    ).length > 0;
  if (taken) {
    throw new PolicyCheckError("conflict", "This version exists already: give the new version its own number.", [
      { path: "version", en: `Change "version" (${body.version} is taken)`, ko: `"version"을 바꾸세요 (${josa(body.version, "은/는")} 이미 있습니다)` },
    ]);
  }
  const note = input.note?.trim().slice(0, 2000) || null;
  return ctx.db.transaction(async (tx) => {
    // Issue 17: the audit record says who published and what changed from the version it replaces.
    const previous = await currentPolicyBody(tx, input.kind, input.key);
    const [row] = await tx
      .insert(policyVersions)
      .values({ kind: input.kind, key: input.key, version: body.version, body: body as Record<string, unknown>, note, publishedBy: ctx.actor.id })
      .returning();
    const changes = changedPaths(previous, body);
    await audit(tx, {
      actor: ctx.actor,
      action: "policy.publish",
      ip: ctx.ip,
      data: { kind: input.kind, key: input.key, version: body.version, previousVersion: typeof previous?.version === "string" ? previous.version : null, note, changed: changes.paths, changedCount: changes.count },
    });
    await enqueue(tx, "screening.rescreen_all", { policyVersionId: row!.id });
    return row!;
  });
}

/**
 * The paths (`root.children.0.multiple`) where two JSON documents differ, for the publishing audit record:
 * at most `limit` of them (with the full count), the version field left out.
 */
export function changedPaths(before: unknown, after: unknown, limit = 50): { paths: string[]; count: number } {
  const paths: string[] = [];
  let count = 0;
  const walk = (a: unknown, b: unknown, at: string) => {
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
    if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (at === "" && k === "version") continue;
        walk(a[k], b[k], at ? `${at}.${k}` : k);
      }
      return;
    }
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    count++;
    if (paths.length < limit) paths.push(at || "(whole document)");
  };
  walk(before ?? null, after, "");
  return { paths, count };
}
