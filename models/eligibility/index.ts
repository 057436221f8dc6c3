/**
 * Eligibility engine: pure, deterministic evaluation of a dossier against a
 * rule set (data) and reference data (data). No I/O, no clock (except the
 * documented `todayIso()` fallback when neither the input nor the options
 * carry an assessment date: the CLI and HTTP edges always pass one).
 */
import { ZodError } from "zod";
import { todayIso } from "./dates";
import { evaluateTree, industriesInForce, newUsedBasis, prepareDossier, type Dossier, type UsedBasis } from "./engine";
import { EligibilityError, formatValidationError, invalidFields } from "./errors";
import { isCanonicalInput } from "./input-fastpath";
import { referenceIndex, shippedReference, type ReferenceIndex } from "./reference";
import { DEFAULT_RULESET_ID, findRuleset, loadShippedRulesets, validateRuleset } from "./rulesets";
import {
  eligibilityInputSchema,
  type AlternativeResult,
  type AppliedBasis,
  type EligibilityInput,
  type EligibilityResult,
  type Outcome,
  type ReferenceData,
  type RuleSet,
  type Status,
} from "./schema";

export { eligibilityInputSchema, ruleSetSchema, ruleNodeSchema, referenceDataSchema, institutionListSchema } from "./schema";
export type {
  EligibilityInput,
  EligibilityResult,
  CriterionResult,
  AlternativeResult,
  RuleSet,
  RuleNode,
  ReferenceData,
  InstitutionList,
  Status,
  Outcome,
  Localized,
  AppliedBasis,
} from "./schema";
export { loadShippedRulesets, getShippedRuleset, findRuleset, validateRuleset, DEFAULT_RULESET_ID } from "./rulesets";
export { shippedReference, normalizeName, normalizeCompanyName } from "./reference";
export { formatValidationError, invalidFields, EligibilityError } from "./errors";
export { todayIso, isIsoDate } from "./dates";

export interface EvaluateOptions {
  /** a rule-set object (e.g. a published version from the database) or "id" / "id@version"; default: input.ruleset, then top-tier-f2 */
  ruleset?: RuleSet | string;
  /** reference data object; default: the shipped reference files */
  reference?: ReferenceData;
  /** assessment date when the input has none (input.asOf wins) */
  asOf?: string;
  /** rule sets to resolve ids and alternatives in; default: the shipped rule sets */
  catalog?: readonly RuleSet[];
  /** run the rule set's alternatives (default true) */
  alternatives?: boolean;
}

const outcomeOf: Record<Status, Outcome> = { met: "eligible", not_met: "not_eligible", needs_review: "needs_review" };

/** Parse raw input with eligibilityInputSchema; throws EligibilityError("invalid_input") naming the bad fields. */
export function parseEligibilityInput(raw: unknown): EligibilityInput {
  if (isCanonicalInput(raw)) return raw; // already exactly what the schema would produce
  const r = eligibilityInputSchema.safeParse(raw);
  if (!r.success) {
    throw new EligibilityError(
      "invalid_input",
      formatValidationError(r.error),
      invalidFields(r.error),
    );
  }
  return r.data;
}

function resolve(ref: RuleSet | string, catalog: readonly RuleSet[], asOf: string): RuleSet {
  if (typeof ref !== "string") {
    try {
      return validateRuleset(ref);
    } catch (e) {
      if (e instanceof ZodError) throw new EligibilityError("invalid_ruleset", formatValidationError(e, "Invalid rule set"));
      throw e;
    }
  }
  const found = findRuleset(catalog, ref, asOf);
  if (!found) {
    const known = [...new Set(catalog.map((r) => r.id))].join(", ");
    throw new EligibilityError("unknown_ruleset", `ruleset: unknown rule set "${ref}" (known: ${known})`, ["ruleset"]);
  }
  return found;
}

/** The node whose points are the rule set's score: the root, or a points node with a pass mark under a gate (e.g. F-2-7 behind its status requirement). */
function scoreNode(ruleset: RuleSet): { id: string; passMark?: number } | null {
  const root = ruleset.root;
  if (root.type === "points") return { id: root.id, ...(root.passMark !== undefined ? { passMark: root.passMark } : {}) };
  if (root.type === "all_of") {
    const p = root.children.find((c) => c.type === "points" && c.passMark !== undefined);
    if (p && p.type === "points") return { id: p.id, ...(p.passMark !== undefined ? { passMark: p.passMark } : {}) };
  }
  return null;
}

function runRuleset(ruleset: RuleSet, dossier: Dossier, index: ReferenceIndex, used: UsedBasis) {
  const { outcome, criteria } = evaluateTree(ruleset.root, dossier, index, used);
  const warnings: string[] = [];
  if (dossier.asOfIso < ruleset.effectiveFrom) warnings.push(`Rule set ${ruleset.id}@${ruleset.version} takes effect on ${ruleset.effectiveFrom}, after the assessment date ${dossier.asOfIso}.`);
  if (ruleset.effectiveTo && dossier.asOfIso > ruleset.effectiveTo) warnings.push(`Rule set ${ruleset.id}@${ruleset.version} expired on ${ruleset.effectiveTo}.`);
  const scored = scoreNode(ruleset);
  const node = scored ? (scored.id === ruleset.root.id ? { points: outcome.min, pointsMax: outcome.max } : criteria.find((c) => c.id === scored.id)) : undefined;
  const min = node?.points ?? 0;
  const max = node?.pointsMax ?? min;
  return {
    outcome: outcomeOf[outcome.status],
    criteria,
    warnings,
    ...(scored
      ? {
          score: min,
          ...(max !== min ? { scoreMax: max } : {}),
          ...(scored.passMark !== undefined ? { passMark: scored.passMark } : {}),
        }
      : {}),
  };
}

function appliedBasis(used: UsedBasis, index: ReferenceIndex, asOf: string): AppliedBasis {
  const gni = used.gni.map((f) => ({ year: f.year, amountKrw: f.amountKrw, appliesFrom: f.appliesFrom, appliesTo: f.appliesTo ?? null, status: f.status }));
  if (gni.length > 1) gni.sort((a, b) => a.year - b.year);
  const lists: AppliedBasis["lists"] = [];
  for (const id of used.lists) {
    const l = index.lists.get(id)?.list;
    if (l) lists.push({ id, title: l.title, edition: l.edition });
  }
  return {
    gni,
    wageFloors: used.floors.map((f) => ({ series: f.series, amountKrw: f.amountKrw, appliesFrom: f.appliesFrom, appliesTo: f.appliesTo ?? null, status: f.status })),
    lists,
    industries: used.industries ? { edition: index.reference.industries.edition, inForce: industriesInForce(index, asOf).listed } : null,
  };
}

const outcomeEn: Record<Outcome, string> = { eligible: "eligible", not_eligible: "not eligible", needs_review: "needs review" };
const outcomeKo: Record<Outcome, string> = { eligible: "자격 충족", not_eligible: "자격 미충족", needs_review: "확인 필요" };

/**
 * Evaluate a dossier. `input` is validated with eligibilityInputSchema (an
 * invalid one throws EligibilityError "invalid_input"). Same input, rule set,
 * reference data and assessment date always give the same (deep-equal) result.
 */
export function evaluate(input: EligibilityInput | unknown, options: EvaluateOptions = {}): EligibilityResult {
  const parsed = parseEligibilityInput(input);
  const asOf = parsed.asOf ?? options.asOf ?? todayIso();
  const catalog = options.catalog ?? loadShippedRulesets();
  const reference = options.reference ?? shippedReference();
  let index: ReferenceIndex;
  try {
    index = referenceIndex(reference);
  } catch (e) {
    if (e instanceof ZodError) throw new EligibilityError("invalid_reference", formatValidationError(e, "Invalid reference data"));
    throw e;
  }
  const ruleset = resolve(options.ruleset ?? parsed.ruleset ?? DEFAULT_RULESET_ID, catalog, asOf);
  const dossier = prepareDossier(parsed, asOf);
  const used = newUsedBasis();
  const main = runRuleset(ruleset, dossier, index, used);

  const alternatives: AlternativeResult[] = [];
  const warnings = [...main.warnings];
  if (options.alternatives !== false) {
    for (const ref of ruleset.alternatives ?? []) {
      const alt = findRuleset(catalog, ref, asOf);
      if (!alt) {
        warnings.push(`Alternative rule set "${ref}" is not in the catalog.`);
        continue;
      }
      const r = runRuleset(alt, dossier, index, used);
      const scoreEn = r.score !== undefined ? ` (${r.scoreMax !== undefined ? `${r.score}-${r.scoreMax}` : r.score} points${r.passMark !== undefined ? `, pass mark ${r.passMark}` : ""})` : "";
      const scoreKo = r.score !== undefined ? ` (${r.scoreMax !== undefined ? `${r.score}~${r.scoreMax}` : r.score}점${r.passMark !== undefined ? `, 합격 ${r.passMark}점` : ""})` : "";
      const failing = r.criteria.filter((c) => c.status !== "met" && c.parent !== undefined && c.type !== "points" && c.points === undefined && !c.waivedBy);
      const gapEn = r.outcome === "eligible" ? "" : failing.length ? `; check: ${failing.map((c) => c.title?.en ?? c.id).join(", ")}` : "";
      const gapKo = r.outcome === "eligible" ? "" : failing.length ? `; 확인: ${failing.map((c) => c.title?.ko ?? c.id).join(", ")}` : "";
      alternatives.push({
        visa: alt.visa,
        ruleset: `${alt.id}@${alt.version}`,
        title: alt.title,
        outcome: r.outcome,
        recommended: main.outcome !== "eligible" && r.outcome !== "not_eligible",
        ...(r.score !== undefined ? { score: r.score } : {}),
        ...(r.passMark !== undefined ? { passMark: r.passMark } : {}),
        summary: `${alt.visa} ${alt.title.en}: ${outcomeEn[r.outcome]}${scoreEn}${gapEn}.`,
        summaryKo: `${alt.visa} ${alt.title.ko}: ${outcomeKo[r.outcome]}${scoreKo}${gapKo}.`,
      });
    }
  }

  const referenceVersions = { ...index.versions };

  return {
    ruleset: `${ruleset.id}@${ruleset.version}`,
    visa: ruleset.visa,
    title: ruleset.title,
    outcome: main.outcome,
    asOf,
    ...(main.score !== undefined ? { score: main.score } : {}),
    ...(main.scoreMax !== undefined ? { scoreMax: main.scoreMax } : {}),
    ...(main.passMark !== undefined ? { passMark: main.passMark } : {}),
    criteria: main.criteria,
    alternatives,
    notes: ruleset.notes ?? [],
    warnings,
    reference: referenceVersions,
    applied: appliedBasis(used, index, asOf),
  };
}
