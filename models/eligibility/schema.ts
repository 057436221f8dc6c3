import { z } from "zod";
import { isIsoDate } from "./dates";

// ---------------------------------------------------------------------------
// Input: the facts of one dossier
// ---------------------------------------------------------------------------

export const degreeLevels = ["associate", "bachelor", "master", "phd"] as const;
export type DegreeLevel = (typeof degreeLevels)[number];
export const experienceKinds = ["company", "research_institute", "university", "other"] as const;
export type ExperienceKind = (typeof experienceKinds)[number];

const isoDate = (label: string) =>
  z
    .string({ required_error: `${label} is required`, invalid_type_error: `${label} must be a date string YYYY-MM-DD` })
    .refine(isIsoDate, { message: `${label} must be a real calendar date written YYYY-MM-DD` });

const nonEmpty = (label: string, max = 300) =>
  z
    .string({ required_error: `${label} is required`, invalid_type_error: `${label} must be text` })
    .trim()
    .min(1, `${label} must not be empty`)
    .max(max, `${label} must be ${max} characters or fewer`);

/** Largest plausible amount in won (the dossier's cap on a salary). */
export const MAX_KRW = 100_000_000_000;
/** A Korean status of stay ("E-7-1", "D-9", "F-2") or "abroad" (no status in Korea). */
export const STAY_STATUS_RE = /^(abroad|[A-H]-[0-9]{1,2}(-[0-9]{1,2})?)$/;

export const degreeInputSchema = z
  .object({
    level: z.enum(degreeLevels, {
      errorMap: () => ({ message: `level must be one of ${["phd", "master", "bachelor", "associate"].join(", ")}` }),
    }),
    field: nonEmpty("field"),
    institution: nonEmpty("institution"),
    country: nonEmpty("country", 100).optional(),
    awarded: isoDate("awarded"),
  })
  .strict();

export const experienceInputSchema = z
  .object({
    organization: nonEmpty("organization"),
    kind: z.enum(experienceKinds, {
      errorMap: () => ({ message: `kind must be one of ${experienceKinds.join(", ")}` }),
    }),
    postdoc: z.boolean({ invalid_type_error: "postdoc must be true or false" }).optional(),
    start: isoDate("start"),
    end: isoDate("end").nullable(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.end !== null && isIsoDate(e.start) && isIsoDate(e.end) && e.end < e.start) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["end"], message: `end (${e.end}) must not be before start (${e.start})` });
    }
  });

export const offerInputSchema = z
  .object(
    {
      employer: nonEmpty("employer"),
      industry: nonEmpty("industry", 100),
      annualSalaryKrw: z
        .number({ required_error: "annualSalaryKrw is required", invalid_type_error: "annualSalaryKrw must be a number (won)" })
        .finite("annualSalaryKrw must be a finite number")
        .nonnegative("annualSalaryKrw must not be negative"),
    },
    { required_error: "offer is required (use null when there is none)", invalid_type_error: "offer must be an object or null" },
  )
  .strict();

export const eligibilityInputSchema = z
  .object(
    {
    asOf: isoDate("asOf").optional(),
    birthDate: isoDate("birthDate"),
    degrees: z.array(degreeInputSchema, {
      required_error: "degrees is required (use [] when there is none)",
      invalid_type_error: "degrees must be a list",
    }).max(20, "degrees may list at most 20 entries"),
    experience: z.array(experienceInputSchema, {
      required_error: "experience is required (use [] when there is none)",
      invalid_type_error: "experience must be a list",
    }).max(60, "experience may list at most 60 entries"),
    offer: offerInputSchema.nullable(),
    koreanLevel: z
      .number({ invalid_type_error: "koreanLevel must be a whole number from 0 to 6" })
      .int("koreanLevel must be a whole number from 0 to 6")
      .min(0, "koreanLevel must be a whole number from 0 to 6")
      .max(6, "koreanLevel must be a whole number from 0 to 6")
      .optional(),
    ruleset: nonEmpty("ruleset", 100).optional(),
    declaredIncomeKrw: z
      .number({ invalid_type_error: "declaredIncomeKrw must be a number (won)" })
      .finite("declaredIncomeKrw must be a finite number")
      .nonnegative("declaredIncomeKrw must not be negative")
      .max(MAX_KRW, "declaredIncomeKrw is not plausible: check the number of digits")
      .optional(),
    stayStatus: z
      .string({ invalid_type_error: "stayStatus must be text" })
      .max(20, "stayStatus must be 20 characters or fewer")
      .regex(STAY_STATUS_RE, 'stayStatus must be a status of stay such as "E-7-1" or "D-9", or "abroad"')
      .optional(),
    },
    { required_error: "the dossier is required", invalid_type_error: "the dossier must be a JSON object" },
  )
  .strict()
  .superRefine((v, ctx) => {
    if (v.asOf && isIsoDate(v.asOf) && isIsoDate(v.birthDate) && v.birthDate > v.asOf) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["birthDate"], message: `birthDate (${v.birthDate}) must not be after asOf (${v.asOf})` });
    }
  });

export type EligibilityInput = z.infer<typeof eligibilityInputSchema>;
export type DegreeInput = z.infer<typeof degreeInputSchema>;
export type ExperienceInput = z.infer<typeof experienceInputSchema>;
export type OfferInput = z.infer<typeof offerInputSchema>;

// ---------------------------------------------------------------------------
// Rule sets: data, a tree of typed nodes
// ---------------------------------------------------------------------------

export interface Localized {
  en: string;
  ko: string;
}

interface NodeBase {
  id: string;
  title?: Localized;
}

export interface AllOfNode extends NodeBase {
  type: "all_of";
  children: RuleNode[];
}
export interface AnyOfNode extends NodeBase {
  type: "any_of";
  children: RuleNode[];
}
export interface AtLeastNode extends NodeBase {
  type: "at_least";
  n: number;
  children: RuleNode[];
}
/**
 * children must all hold, unless `condition` is met: then `waives: "one"` lets
 * any one child fail ("education OR experience"), `waives: "all"` lets all fail
 * ("education AND experience").
 */
export interface WaiverNode extends NodeBase {
  type: "waiver";
  condition: RuleNode;
  waives: "one" | "all";
  children: RuleNode[];
}
/**
 * Points of point-producing children, summed (or the best one with aggregate "max"),
 * optionally capped; met when the total reaches passMark (or is > 0 without one).
 */
export interface PointsNode extends NodeBase {
  type: "points";
  children: RuleNode[];
  aggregate?: "sum" | "max";
  cap?: number;
  passMark?: number;
}

export interface ListSubset {
  /** reference list ids (e.g. "global500", "research_institutes", "top100"); a period counts when its organization is in any */
  lists: string[];
  /** kinds of unlisted periods that might still belong to a list (unrecognised → needs_review); default: all kinds */
  kinds?: ExperienceKind[];
  minYears: number;
}
export interface DegreeNode extends NodeBase {
  type: "degree";
  minLevel: DegreeLevel;
  /** reference list id(s) the institution must be in (any of them, e.g. ["top100", "usnews_top100"]) */
  listedIn?: string | string[];
  /** ISO country code the degree must come from (e.g. "KR") */
  country?: string;
}
export interface ExperienceNode extends NodeBase {
  type: "experience";
  minYears: number;
  kinds?: ExperienceKind[];
  subset?: ListSubset;
}
export interface PostdocExperienceNode extends NodeBase {
  type: "postdoc_experience";
  minYears: number;
  subset?: ListSubset;
}
export interface IncomeMultipleNode extends NodeBase {
  type: "income_multiple_of_gni";
  multiple: number;
  /** GNI reference year; default: the latest figure whose appliesFrom is on or before the assessment date */
  gniYear?: number;
}
export interface AdvancedIndustryNode extends NodeBase {
  type: "advanced_industry";
  /** restrict to these industry ids (default: every id in the reference list) */
  industries?: string[];
}
export interface JobOfferNode extends NodeBase {
  type: "job_offer";
  present: boolean;
}
export interface AgePointsNode extends NodeBase {
  type: "age_points";
  bands: { minAge: number; maxAge?: number; points: number }[];
}
export interface EducationPointsNode extends NodeBase {
  type: "education_points";
  /** points per level: `preferred` for STEM fields or two or more degrees, `other` otherwise */
  levels: Partial<Record<DegreeLevel, { preferred: number; other: number }>>;
}
export interface KoreanPointsNode extends NodeBase {
  type: "korean_points";
  bands: { minLevel: number; points: number }[];
}
export interface IncomePointsNode extends NodeBase {
  type: "income_points";
  bands: { minKrw: number; points: number }[];
  /** whose figure: the offered salary (default) or the declared income (latest tax-office income certificate) */
  source?: "offer" | "declared";
}
/** The offered salary reaches the fixed wage floor in force on the assessment date (reference `wageFloors`). */
export interface WageFloorNode extends NodeBase {
  type: "wage_floor";
  /** id of the floor series in the reference data (e.g. "e7-1") */
  floor: string;
}
/** The applicant's current status of stay in Korea is one of `qualifying` ("abroad" never is). */
export interface StayStatusNode extends NodeBase {
  type: "stay_status";
  qualifying: string[];
  /** statuses whose standing is uncertain in the sources: needs review */
  uncertain?: string[];
}
export interface BonusNode extends NodeBase {
  type: "bonus";
  points: number;
  when: RuleNode;
}

export type RuleNode =
  | AllOfNode
  | AnyOfNode
  | AtLeastNode
  | WaiverNode
  | PointsNode
  | DegreeNode
  | ExperienceNode
  | PostdocExperienceNode
  | IncomeMultipleNode
  | AdvancedIndustryNode
  | JobOfferNode
  | AgePointsNode
  | EducationPointsNode
  | KoreanPointsNode
  | IncomePointsNode
  | WageFloorNode
  | StayStatusNode
  | BonusNode;

export const pointNodeTypes = new Set<RuleNode["type"]>(["points", "age_points", "education_points", "korean_points", "income_points", "bonus"]);

const localizedSchema: z.ZodType<Localized> = z.object({ en: z.string().min(1), ko: z.string().min(1) }).strict();
const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, "node id must be lower-case letters, digits, _ . -");
const base = { id: idSchema, title: localizedSchema.optional() };
const nonNeg = z.number().finite().nonnegative();
const kindsSchema = z.array(z.enum(experienceKinds)).min(1);
const listSubsetSchema: z.ZodType<ListSubset> = z
  .object({ lists: z.array(z.string().min(1)).min(1), kinds: kindsSchema.optional(), minYears: nonNeg })
  .strict();

export const ruleNodeSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ ...base, type: z.literal("all_of"), children: z.array(ruleNodeSchema).min(1) }).strict(),
    z.object({ ...base, type: z.literal("any_of"), children: z.array(ruleNodeSchema).min(1) }).strict(),
    z.object({ ...base, type: z.literal("at_least"), n: z.number().int().min(1), children: z.array(ruleNodeSchema).min(1) }).strict(),
    z
      .object({
        ...base,
        type: z.literal("waiver"),
        condition: ruleNodeSchema,
        waives: z.enum(["one", "all"]),
        children: z.array(ruleNodeSchema).min(1),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal("points"),
        children: z.array(ruleNodeSchema).min(1),
        aggregate: z.enum(["sum", "max"]).optional(),
        cap: nonNeg.optional(),
        passMark: nonNeg.optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal("degree"),
        minLevel: z.enum(degreeLevels),
        listedIn: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
        country: z.string().length(2).optional(),
      })
      .strict(),
    z.object({ ...base, type: z.literal("experience"), minYears: nonNeg, kinds: kindsSchema.optional(), subset: listSubsetSchema.optional() }).strict(),
    z.object({ ...base, type: z.literal("postdoc_experience"), minYears: nonNeg, subset: listSubsetSchema.optional() }).strict(),
    z
      .object({ ...base, type: z.literal("income_multiple_of_gni"), multiple: z.number().finite().positive(), gniYear: z.number().int().optional() })
      .strict(),
    z.object({ ...base, type: z.literal("advanced_industry"), industries: z.array(z.string().min(1)).min(1).optional() }).strict(),
    z.object({ ...base, type: z.literal("job_offer"), present: z.boolean() }).strict(),
    z
      .object({
        ...base,
        type: z.literal("age_points"),
        bands: z.array(z.object({ minAge: nonNeg, maxAge: nonNeg.optional(), points: nonNeg }).strict()).min(1),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal("education_points"),
        levels: z
          .object(
            Object.fromEntries(degreeLevels.map((l) => [l, z.object({ preferred: nonNeg, other: nonNeg }).strict().optional()])) as Record<
              DegreeLevel,
              z.ZodOptional<z.ZodObject<{ preferred: typeof nonNeg; other: typeof nonNeg }, "strict">>
            >,
          )
          .strict(),
      })
      .strict(),
    z
      .object({ ...base, type: z.literal("korean_points"), bands: z.array(z.object({ minLevel: nonNeg, points: nonNeg }).strict()).min(1) })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal("income_points"),
        bands: z.array(z.object({ minKrw: nonNeg, points: nonNeg }).strict()).min(1),
        source: z.enum(["offer", "declared"]).optional(),
      })
      .strict(),
    z.object({ ...base, type: z.literal("wage_floor"), floor: z.string().min(1) }).strict(),
    z
      .object({
        ...base,
        type: z.literal("stay_status"),
        qualifying: z.array(z.string().regex(STAY_STATUS_RE)).min(1),
        uncertain: z.array(z.string().regex(STAY_STATUS_RE)).optional(),
      })
      .strict(),
    z.object({ ...base, type: z.literal("bonus"), points: nonNeg, when: ruleNodeSchema }).strict(),
  ]),
) as z.ZodType<RuleNode>;

export interface RuleSet {
  id: string;
  version: string;
  visa: string;
  title: Localized;
  effectiveFrom: string;
  effectiveTo?: string;
  description?: Localized;
  /** rule-set ids to run as suggestions when this one is not met */
  alternatives?: string[];
  /** checks the engine cannot make from the dossier (shown to officers) */
  notes?: Localized[];
  root: RuleNode;
}

/** Children of a node (condition first for waivers, `when` for bonuses). */
export function childrenOf(node: RuleNode): RuleNode[] {
  switch (node.type) {
    case "all_of":
    case "any_of":
    case "at_least":
    case "points":
      return node.children;
    case "waiver":
      return [node.condition, ...node.children];
    case "bonus":
      return [node.when];
    default:
      return [];
  }
}

export const ruleSetSchema: z.ZodType<RuleSet> = z
  .object({
    id: idSchema,
    version: z.string().min(1),
    visa: z.string().min(1),
    title: localizedSchema,
    effectiveFrom: z.string().refine(isIsoDate, "effectiveFrom must be a calendar date YYYY-MM-DD"),
    effectiveTo: z.string().refine(isIsoDate, "effectiveTo must be a calendar date YYYY-MM-DD").optional(),
    description: localizedSchema.optional(),
    alternatives: z.array(z.string().min(1)).optional(),
    notes: z.array(localizedSchema).optional(),
    root: ruleNodeSchema,
  })
  .strict()
  .superRefine((rs, ctx) => {
    const seen = new Set<string>();
    const walk = (node: RuleNode, path: (string | number)[]) => {
      if (seen.has(node.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, "id"], message: `duplicate node id "${node.id}"`, params: { ko: `중복된 노드 id입니다: "${node.id}"` } });
      seen.add(node.id);
      if (node.type === "points") {
        node.children.forEach((c, i) => {
          if (!pointNodeTypes.has(c.type)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [...path, "children", i, "type"],
              message: `a points node may only hold point nodes (points, age_points, education_points, korean_points, income_points, bonus), not "${c.type}"`,
              params: { ko: `points 노드에는 점수 노드(points, age_points, education_points, korean_points, income_points, bonus)만 넣을 수 있습니다. "${c.type}" 노드는 넣을 수 없습니다` },
            });
          }
        });
      }
      if (node.type === "at_least" && node.n > node.children.length) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [...path, "n"],
          message: `n (${node.n}) exceeds the number of children (${node.children.length})`,
          params: { ko: `n(${node.n})은 하위 노드 수(${node.children.length})보다 클 수 없습니다` },
        });
      }
      if (node.type === "waiver") {
        walk(node.condition, [...path, "condition"]);
        node.children.forEach((c, i) => walk(c, [...path, "children", i]));
      } else if (node.type === "bonus") {
        walk(node.when, [...path, "when"]);
      } else if ("children" in node) {
        node.children.forEach((c, i) => walk(c, [...path, "children", i]));
      }
    };
    walk(rs.root, ["root"]);
    if (rs.effectiveTo && rs.effectiveTo < rs.effectiveFrom) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["effectiveTo"], message: "effectiveTo must not be before effectiveFrom" });
    }
  });

// ---------------------------------------------------------------------------
// Reference data: versioned lists and figures
// ---------------------------------------------------------------------------

const referenceMeta = {
  id: z.string().min(1),
  version: z.string().min(1),
  title: z.string().min(1),
  titleKo: z.string().min(1).optional(),
  /** where the data comes from, which edition, and how reliable it is */
  source: z.string().min(1),
  edition: z.string().min(1),
  /** the edition in Korean, for Korean pages (absent: the edition is a name or code that reads the same) */
  editionKo: z.string().min(1).optional(),
  note: z.string().optional(),
};

export const institutionListSchema = z
  .object({
    ...referenceMeta,
    entries: z
      .array(
        z
          .object({
            name: z.string().min(1),
            aliases: z.array(z.string().min(1)).optional(),
            country: z.string().length(2).optional(),
            rank: z.number().int().positive().optional(),
            /** normalized name prefixes that also match (e.g. "max planck institute" for every Max Planck institute) */
            prefixes: z.array(z.string().min(1)).optional(),
            note: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type InstitutionList = z.infer<typeof institutionListSchema>;

export const gniReferenceSchema = z
  .object({
    ...referenceMeta,
    currency: z.literal("KRW"),
    figures: z
      .array(
        z
          .object({
            year: z.number().int(),
            amountKrw: z.number().int().positive(),
            appliesFrom: z.string().refine(isIsoDate, "appliesFrom must be YYYY-MM-DD"),
            /** last day the figure applies (inclusive); absent: until a later figure applies */
            appliesTo: z.string().refine(isIsoDate, "appliesTo must be YYYY-MM-DD").optional(),
            /** "unverified": the engine answers needs_review rather than trust it */
            status: z.enum(["official", "reported", "unverified"]),
            source: z.string().min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type GniReference = z.infer<typeof gniReferenceSchema>;

export const industryListSchema = z
  .object({
    ...referenceMeta,
    industries: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z_]+$/),
            en: z.string().min(1),
            ko: z.string().min(1),
            /** first day the industry is on the list (absent: always) */
            since: z.string().refine(isIsoDate, "since must be YYYY-MM-DD").optional(),
            /** last day it is on the list (inclusive; absent: still listed) */
            until: z.string().refine(isIsoDate, "until must be YYYY-MM-DD").optional(),
            /** reported (not confirmed) as listed from this day until `since`: needs_review in between */
            reportedFrom: z.string().refine(isIsoDate, "reportedFrom must be YYYY-MM-DD").optional(),
            note: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
    /** sectors announced or asked about that are not on the list (named in explanations) */
    notListed: z.array(z.object({ id: z.string().regex(/^[a-z_]+$/), en: z.string().min(1), ko: z.string().min(1), note: z.string().optional() }).strict()).optional(),
  })
  .strict();
export type IndustryList = z.infer<typeof industryListSchema>;

/** Fixed wage floors per period (E-7-1 since April 2025), by series id. */
export const wageFloorReferenceSchema = z
  .object({
    ...referenceMeta,
    currency: z.literal("KRW"),
    series: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
      z
        .array(
          z
            .object({
              appliesFrom: z.string().refine(isIsoDate, "appliesFrom must be YYYY-MM-DD"),
              appliesTo: z.string().refine(isIsoDate, "appliesTo must be YYYY-MM-DD").optional(),
              amountKrw: z.number().int().positive(),
              /** "approximate": salaries within marginKrw of the amount need review */
              status: z.enum(["official", "reported", "approximate", "unverified"]),
              marginKrw: z.number().int().nonnegative().optional(),
              source: z.string().min(1),
            })
            .strict(),
        )
        .min(1),
    ),
  })
  .strict();
export type WageFloorReference = z.infer<typeof wageFloorReferenceSchema>;

export const fieldClassificationSchema = z
  .object({
    ...referenceMeta,
    /** normalized keywords: a field containing one is STEM */
    stemKeywords: z.array(z.string().min(1)).min(1),
    /** normalized keywords: a field containing one (and no STEM keyword) is not STEM */
    nonStemKeywords: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type FieldClassification = z.infer<typeof fieldClassificationSchema>;

export const countryListSchema = z
  .object({
    ...referenceMeta,
    countries: z.array(z.object({ code: z.string().length(2), en: z.string().min(1), ko: z.string().min(1), aliases: z.array(z.string()) }).strict()).min(1),
  })
  .strict();
export type CountryList = z.infer<typeof countryListSchema>;

export const referenceDataSchema = z
  .object({
    gni: gniReferenceSchema,
    wageFloors: wageFloorReferenceSchema.optional(),
    industries: industryListSchema,
    fields: fieldClassificationSchema,
    countries: countryListSchema,
    /** institution lists by id: top100, global500, research_institutes, ... */
    lists: z.record(institutionListSchema),
  })
  .strict();
export type ReferenceData = z.infer<typeof referenceDataSchema>;

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

export type Status = "met" | "not_met" | "needs_review";
export type Outcome = "eligible" | "not_eligible" | "needs_review";

export interface CriterionResult {
  id: string;
  type: RuleNode["type"];
  title?: Localized;
  /** id of the enclosing node (absent for the root) */
  parent?: string;
  status: Status;
  detail: string;
  detailKo: string;
  facts: Record<string, unknown>;
  /** points-producing nodes: the points awarded (minimum when uncertain) and the maximum possible */
  points?: number;
  pointsMax?: number;
  /** set when this criterion is not met but a met waiver lets the applicant through */
  waivedBy?: string;
}

export interface AlternativeResult {
  visa: string;
  ruleset: string;
  title: Localized;
  outcome: Outcome;
  /** true when the main outcome is not eligible and this alternative is not ruled out */
  recommended: boolean;
  score?: number;
  passMark?: number;
  summary: string;
  summaryKo: string;
}

export interface EligibilityResult {
  ruleset: string;
  visa: string;
  title: Localized;
  outcome: Outcome;
  asOf: string;
  criteria: CriterionResult[];
  alternatives: AlternativeResult[];
  score?: number;
  scoreMax?: number;
  passMark?: number;
  /** checks the engine cannot make (from the rule set) */
  notes: Localized[];
  warnings: string[];
  /** reference list id -> version used */
  reference: Record<string, string>;
  /** the yearly figures and ranking editions this result applied (main rule set and alternatives) */
  applied: AppliedBasis;
}

export interface AppliedBasis {
  /** GNI per capita figures used (by year), with the period each applies to */
  gni: { year: number; amountKrw: number; appliesFrom: string; appliesTo: string | null; status: string }[];
  /** wage floors used, by series */
  wageFloors: { series: string; amountKrw: number; appliesFrom: string; appliesTo: string | null; status: string }[];
  /** institution lists consulted (rankings, companies, institutes), with their edition */
  lists: { id: string; title: string; edition: string }[];
  /** the advanced-industry list edition, when consulted */
  industries: { edition: string; inForce: string[] } | null;
}
