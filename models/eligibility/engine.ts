import { ageOn, formatIsoDay, parseIsoDay, totalExperience, type Duration } from "./dates";
import { classifyField, countryCode, lookupInAnyList, lookupInList, type ListMatch, type ReferenceIndex } from "./reference";
import type {
  AgePointsNode,
  CriterionResult,
  DegreeLevel,
  DegreeNode,
  EducationPointsNode,
  EligibilityInput,
  ExperienceKind,
  ExperienceNode,
  IncomeMultipleNode,
  IncomePointsNode,
  KoreanPointsNode,
  ListSubset,
  PostdocExperienceNode,
  RuleNode,
  Status,
  StayStatusNode,
  WageFloorNode,
} from "./schema";
import { levelEn, levelKo, levelRank, listNames, nameOf, won, yrs } from "./text";
import { josa } from "../i18n/josa";

/** Facts of one dossier, prepared once per evaluation (day numbers, not strings). */
export interface Dossier {
  input: EligibilityInput;
  asOf: number;
  asOfIso: string;
  birth: number;
  degrees: { level: DegreeLevel; field: string; institution: string; country?: string; awarded: number; awardedIso: string }[];
  periods: { organization: string; kind: ExperienceKind; postdoc: boolean; start: number; end: number | null; startIso: string; endIso: string | null }[];
  /** experience totals by population (kinds / postdoc), shared by the nodes and rule sets of one evaluation */
  experienceMemo: Map<string, { population: Dossier["periods"]; total: Duration }>;
}

export function prepareDossier(input: EligibilityInput, asOfIso: string): Dossier {
  return {
    input,
    asOf: parseIsoDay(asOfIso),
    asOfIso,
    birth: parseIsoDay(input.birthDate),
    degrees: input.degrees.map((d) => ({
      level: d.level,
      field: d.field,
      institution: d.institution,
      ...(d.country !== undefined ? { country: d.country } : {}),
      awarded: parseIsoDay(d.awarded),
      awardedIso: d.awarded,
    })),
    periods: input.experience.map((e) => ({
      organization: e.organization,
      kind: e.kind,
      postdoc: e.postdoc === true,
      start: parseIsoDay(e.start),
      end: e.end === null ? null : parseIsoDay(e.end),
      startIso: e.start,
      endIso: e.end,
    })),
    experienceMemo: new Map(),
  };
}

interface Ctx {
  dossier: Dossier;
  index: ReferenceIndex;
  results: CriterionResult[];
  used: UsedBasis;
}

/** What an evaluation applied (figures, lists), collected across the main rule set and its alternatives. */
export interface UsedBasis {
  /** small arrays (a few entries): cheaper than Maps on the hot path */
  gni: { year: number; amountKrw: number; appliesFrom: string; appliesTo?: string; status: string }[];
  floors: { series: string; amountKrw: number; appliesFrom: string; appliesTo?: string; status: string }[];
  lists: string[];
  industries: boolean;
}

export function newUsedBasis(): UsedBasis {
  return { gni: [], floors: [], lists: [], industries: false };
}

function recordLists(used: UsedBasis, ids: readonly string[]): void {
  for (const id of ids) if (!used.lists.includes(id)) used.lists.push(id);
}

interface NodeOutcome {
  status: Status;
  /** points (minimum when uncertain) and maximum, for point-producing nodes */
  min: number;
  max: number;
  result: CriterionResult;
}

interface LeafOutcome {
  status: Status;
  detail: string;
  detailKo: string;
  facts: Record<string, unknown>;
  min?: number;
  max?: number;
}

// Kleene three-valued logic --------------------------------------------------

export function and3(statuses: readonly Status[]): Status {
  let review = false;
  for (const s of statuses) {
    if (s === "not_met") return "not_met";
    if (s === "needs_review") review = true;
  }
  return review ? "needs_review" : "met";
}

export function or3(statuses: readonly Status[]): Status {
  let review = false;
  for (const s of statuses) {
    if (s === "met") return "met";
    if (s === "needs_review") review = true;
  }
  return review ? "needs_review" : "not_met";
}

export function atLeast3(statuses: readonly Status[], n: number): Status {
  let met = 0;
  let review = 0;
  for (const s of statuses) {
    if (s === "met") met++;
    else if (s === "needs_review") review++;
  }
  if (met >= n) return "met";
  if (met + review >= n) return "needs_review";
  return "not_met";
}

// Evaluation ------------------------------------------------------------------

export function evaluateTree(root: RuleNode, dossier: Dossier, index: ReferenceIndex, used: UsedBasis = newUsedBasis()): { outcome: NodeOutcome; criteria: CriterionResult[] } {
  const ctx: Ctx = { dossier, index, results: [], used };
  const outcome = evalNode(root, ctx, undefined);
  return { outcome, criteria: ctx.results };
}

function evalNode(node: RuleNode, ctx: Ctx, parent: string | undefined): NodeOutcome {
  const result = { id: node.id, type: node.type } as CriterionResult;
  if (node.title) result.title = node.title;
  if (parent !== undefined) result.parent = parent;
  ctx.results.push(result); // parent before children
  const leaf = evalKind(node, ctx);
  result.status = leaf.status;
  result.detail = leaf.detail;
  result.detailKo = leaf.detailKo;
  result.facts = leaf.facts;
  const min = leaf.min ?? 0;
  const max = leaf.max ?? 0;
  if (leaf.min !== undefined) {
    result.points = min;
    result.pointsMax = max;
  }
  return { status: leaf.status, min, max, result };
}

function evalKind(node: RuleNode, ctx: Ctx): LeafOutcome {
  switch (node.type) {
    case "all_of":
    case "any_of":
    case "at_least":
      return evalGate(node, ctx);
    case "waiver":
      return evalWaiver(node, ctx);
    case "points":
      return evalPoints(node, ctx);
    case "degree":
      return evalDegree(node, ctx);
    case "experience":
      return evalExperience(node, ctx);
    case "postdoc_experience":
      return evalExperience(node, ctx);
    case "income_multiple_of_gni":
      return evalIncomeMultiple(node, ctx);
    case "advanced_industry":
      return evalAdvancedIndustry(node, ctx);
    case "job_offer":
      return evalJobOffer(node.present, ctx);
    case "age_points":
      return evalAgePoints(node, ctx);
    case "education_points":
      return evalEducationPoints(node, ctx);
    case "korean_points":
      return evalKoreanPoints(node, ctx);
    case "income_points":
      return evalIncomePoints(node, ctx);
    case "wage_floor":
      return evalWageFloor(node, ctx);
    case "stay_status":
      return evalStayStatus(node, ctx);
    case "bonus": {
      const w = evalNode(node.when, ctx, node.id);
      const min = w.status === "met" ? node.points : 0;
      const max = w.status === "not_met" ? 0 : node.points;
      const name = nameOf(node.when);
      const t = {
        met: [`Bonus of ${node.points} points: ${name.en} is met.`, `가산점 ${node.points}점: ${name.ko} 충족.`],
        not_met: [`No bonus (${node.points} points possible): ${name.en} is not met.`, `가산점 없음(최대 ${node.points}점): ${name.ko} 미충족.`],
        needs_review: [
          `Bonus of 0 to ${node.points} points: ${name.en} needs review.`,
          `가산점 0~${node.points}점: ${name.ko} 확인 필요.`,
        ],
      }[w.status];
      return {
        status: pointStatus(min, max),
        detail: t[0]!,
        detailKo: t[1]!,
        facts: { condition: node.when.id, conditionStatus: w.status, bonus: node.points },
        min,
        max,
      };
    }
  }
}

function pointStatus(min: number, max: number): Status {
  if (min !== max) return "needs_review";
  return min > 0 ? "met" : "not_met";
}

// Gates -----------------------------------------------------------------------

function gateSummary(children: NodeOutcome[], nodes: RuleNode[]): { facts: Record<string, unknown>; failed: RuleNode[]; review: RuleNode[] } {
  const failed: RuleNode[] = [];
  const review: RuleNode[] = [];
  const statuses: Record<string, Status> = {};
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    statuses[nodes[i]!.id] = c.status;
    if (c.status === "not_met") failed.push(nodes[i]!);
    else if (c.status === "needs_review") review.push(nodes[i]!);
  }
  return { facts: { children: statuses }, failed, review };
}

function evalGate(node: Extract<RuleNode, { type: "all_of" | "any_of" | "at_least" }>, ctx: Ctx): LeafOutcome {
  const outs = node.children.map((c) => evalNode(c, ctx, node.id));
  const statuses = outs.map((o) => o.status);
  const { facts, failed, review } = gateSummary(outs, node.children);
  const n = node.children.length;
  const metNodes = node.children.filter((_, i) => statuses[i] === "met");
  if (node.type === "all_of") {
    const status = and3(statuses);
    if (status === "met") return { status, detail: `All ${n} conditions are met.`, detailKo: `${n}개 조건을 모두 충족합니다.`, facts };
    if (status === "not_met")
      return {
        status,
        detail: `Not met: ${listNames(failed, "en")}${review.length ? `; needs review: ${listNames(review, "en")}` : ""}.`,
        detailKo: `미충족: ${listNames(failed, "ko")}${review.length ? `; 확인 필요: ${listNames(review, "ko")}` : ""}.`,
        facts,
      };
    return {
      status,
      detail: `No condition fails, but these need review: ${listNames(review, "en")}.`,
      detailKo: `미충족 조건은 없으나 다음은 확인이 필요합니다: ${listNames(review, "ko")}.`,
      facts,
    };
  }
  if (node.type === "any_of") {
    const status = or3(statuses);
    if (status === "met")
      return { status, detail: `At least one option is met: ${listNames(metNodes, "en")}.`, detailKo: `다음 선택 요건을 충족합니다: ${listNames(metNodes, "ko")}.`, facts };
    if (status === "not_met")
      return { status, detail: `None of the ${n} options is met.`, detailKo: `${n}개 선택 요건 중 충족하는 것이 없습니다.`, facts };
    return {
      status,
      detail: `No option is clearly met; these need review: ${listNames(review, "en")}.`,
      detailKo: `명확히 충족하는 선택 요건이 없으며 다음은 확인이 필요합니다: ${listNames(review, "ko")}.`,
      facts,
    };
  }
  const status = atLeast3(statuses, node.n);
  const f = { ...facts, required: node.n, met: metNodes.length, needsReview: review.length };
  const base = `${metNodes.length} of ${n} met, ${node.n} required`;
  const baseKo = `${n}개 중 ${metNodes.length}개 충족(필요 ${node.n}개)`;
  if (status === "needs_review")
    return { status, detail: `${base}; ${review.length} need review.`, detailKo: `${baseKo}, ${review.length}개 확인 필요.`, facts: f };
  return { status, detail: `${base}.`, detailKo: `${baseKo}.`, facts: f };
}

function evalWaiver(node: Extract<RuleNode, { type: "waiver" }>, ctx: Ctx): LeafOutcome {
  const cond = evalNode(node.condition, ctx, node.id);
  const outs = node.children.map((c) => evalNode(c, ctx, node.id));
  const statuses = outs.map((o) => o.status);
  const strict = and3(statuses);
  const relaxed: Status = node.waives === "all" ? "met" : atLeast3(statuses, Math.max(0, node.children.length - 1));
  const status = or3([and3([cond.status, relaxed]), strict]);
  const condName = nameOf(node.condition);
  const waivesEn = node.waives === "all" ? `all of ${listNames(node.children, "en", true)}` : `any one of ${listNames(node.children, "en", true)}`;
  const waivesKo = node.waives === "all" ? `${listNames(node.children, "ko", true)} 모두` : `${listNames(node.children, "ko", true)} 중 하나`;
  const facts = {
    condition: node.condition.id,
    conditionStatus: cond.status,
    waives: node.waives,
    children: Object.fromEntries(outs.map((o, i) => [node.children[i]!.id, o.status])),
    waiverApplied: strict !== "met" && cond.status === "met" && relaxed === "met",
  };
  if (facts.waiverApplied) {
    for (const o of outs) if (o.status !== "met") o.result.waivedBy = node.id;
    return {
      status,
      detail: `${condName.en} is met, which waives ${waivesEn}; the remaining requirements are met.`,
      detailKo: `${condName.ko} 충족으로 ${waivesKo} 요건이 면제되며, 나머지 요건은 충족합니다.`,
      facts,
    };
  }
  if (strict === "met")
    return { status, detail: `All requirements are met without the waiver.`, detailKo: `면제 없이 모든 요건을 충족합니다.`, facts };
  const extraEn = `The waiver (${condName.en}, waives ${waivesEn}) is ${cond.status === "met" ? "met but does not cover the gap" : cond.status === "not_met" ? "not met" : "uncertain"}.`;
  const extraKo = `면제 조건(${condName.ko}, ${waivesKo} 면제)은 ${cond.status === "met" ? "충족하나 부족분을 메우지 못합니다" : cond.status === "not_met" ? "미충족입니다" : "확인이 필요합니다"}.`;
  if (status === "needs_review")
    return { status, detail: `Requirements need review. ${extraEn}`, detailKo: `요건 확인이 필요합니다. ${extraKo}`, facts };
  return { status, detail: `Requirements are not met. ${extraEn}`, detailKo: `요건을 충족하지 못합니다. ${extraKo}`, facts };
}

function evalPoints(node: Extract<RuleNode, { type: "points" }>, ctx: Ctx): LeafOutcome {
  const outs = node.children.map((c) => evalNode(c, ctx, node.id));
  let min = 0;
  let max = 0;
  const best = node.aggregate === "max";
  for (const o of outs) {
    min = best ? Math.max(min, o.min) : min + o.min;
    max = best ? Math.max(max, o.max) : max + o.max;
  }
  const uncappedMin = min;
  const uncappedMax = max;
  if (node.cap !== undefined) {
    min = Math.min(min, node.cap);
    max = Math.min(max, node.cap);
  }
  const facts: Record<string, unknown> = {
    items: Object.fromEntries(outs.map((o, i) => [node.children[i]!.id, o.min === o.max ? o.min : [o.min, o.max]])),
    ...(best ? { aggregate: "max" } : {}),
    score: min,
    scoreMax: max,
    ...(node.cap !== undefined ? { cap: node.cap, uncapped: uncappedMin === uncappedMax ? uncappedMin : [uncappedMin, uncappedMax] } : {}),
    ...(node.passMark !== undefined ? { passMark: node.passMark } : {}),
  };
  const scoreEn = min === max ? `${min} points` : `between ${min} and ${max} points`;
  const scoreKo = min === max ? `${min}점` : `${min}~${max}점`;
  const capEn = node.cap !== undefined && uncappedMax > node.cap ? ` (capped at ${node.cap})` : "";
  const capKo = node.cap !== undefined && uncappedMax > node.cap ? ` (상한 ${node.cap}점)` : "";
  if (node.passMark === undefined) {
    return { status: pointStatus(min, max), detail: `Scores ${scoreEn}${capEn}.`, detailKo: `${scoreKo}${capKo}.`, facts, min, max };
  }
  const pm = node.passMark;
  const status: Status = min >= pm ? "met" : max < pm ? "not_met" : "needs_review";
  const t = {
    met: [`Scores ${scoreEn}${capEn}, at or above the pass mark of ${pm}.`, `${scoreKo}${capKo}으로 합격점 ${pm}점 이상입니다.`],
    not_met: [`Scores ${scoreEn}${capEn}, below the pass mark of ${pm}.`, `${scoreKo}${capKo}으로 합격점 ${pm}점에 못 미칩니다.`],
    needs_review: [
      `Scores ${scoreEn}${capEn}; whether it reaches the pass mark of ${pm} depends on items that need review.`,
      `${scoreKo}${capKo}이며, 합격점 ${pm}점 도달 여부는 확인이 필요한 항목에 달려 있습니다.`,
    ],
  }[status];
  return { status, detail: t[0]!, detailKo: t[1]!, facts, min, max };
}

// Predicates -------------------------------------------------------------------

/** "Title (edition)" of a list, in English and Korean; memoized per reference index. */
function listLabel(index: ReferenceIndex, listId: string): { en: string; ko: string } {
  const hit = index.labels.get(listId);
  if (hit) return hit;
  const l = index.lists.get(listId)?.list;
  const label = l ? { en: `${l.title} (${l.edition})`, ko: `${l.titleKo ?? l.title} (${l.edition})` } : { en: listId, ko: listId };
  index.labels.set(listId, label);
  return label;
}

function listsLabel(index: ReferenceIndex, ids: readonly string[]): { en: string; ko: string } {
  if (ids.length === 1) return listLabel(index, ids[0]!);
  const key = ids.join("\u0000");
  const hit = index.labels.get(key);
  if (hit) return hit;
  const labels = ids.map((l) => listLabel(index, l));
  const label = { en: labels.map((l) => l.en).join(" or "), ko: labels.map((l) => l.ko).join(" 또는 ") };
  index.labels.set(key, label);
  return label;
}

const listIdsMemo = new WeakMap<DegreeNode, readonly string[]>();
function listIdsOf(node: DegreeNode): readonly string[] | null {
  if (node.listedIn === undefined) return null;
  let ids = listIdsMemo.get(node);
  if (!ids) {
    ids = typeof node.listedIn === "string" ? [node.listedIn] : node.listedIn;
    listIdsMemo.set(node, ids);
  }
  return ids;
}

function degreeCountry(d: Dossier["degrees"][number], ctx: Ctx): string | null {
  if (d.country !== undefined) return countryCode(ctx.index, d.country);
  for (const id of ctx.index.lists.keys()) {
    const m = lookupInList(ctx.index, id, d.institution);
    if (m?.country) return m.country;
  }
  return null;
}

function evalDegree(node: DegreeNode, ctx: Ctx): LeafOutcome {
  const { dossier, index } = ctx;
  const minRank = levelRank[node.minLevel];
  const held = dossier.degrees.filter((d) => d.awarded <= dossier.asOf);
  const future = dossier.degrees.length - held.length;
  const candidates = held.filter((d) => levelRank[d.level] >= minRank);
  const listIds = listIdsOf(node);
  const list = listIds ? listsLabel(index, listIds) : null;
  if (listIds) recordLists(ctx.used, listIds);
  const minEn = `${levelEn[node.minLevel]} or higher`;
  const minKo = `${levelKo[node.minLevel]} 이상 학위`;
  const degreeFacts: Record<string, unknown>[] = [];
  let met: (typeof candidates)[number] | undefined;
  let metMatch: ListMatch | null = null;
  const review: { d: (typeof candidates)[number]; why: "list" | "country" }[] = [];
  for (const d of candidates) {
    const match = listIds ? lookupInAnyList(index, listIds, d.institution) : null;
    const listStatus: Status = !listIds || match ? "met" : "needs_review";
    let countryStatus: Status = "met";
    let code: string | null = null;
    if (node.country) {
      code = degreeCountry(d, ctx);
      countryStatus = code === null ? "needs_review" : code === node.country ? "met" : "not_met";
    }
    const s = and3([listStatus, countryStatus]);
    degreeFacts.push({
      level: d.level,
      institution: d.institution,
      awarded: d.awardedIso,
      ...(listIds ? { listed: match ? match.name : null, ...(match ? { list: match.listId, edition: index.lists.get(match.listId)!.list.edition } : {}) } : {}),
      ...(node.country ? { country: code } : {}),
      status: s,
    });
    if (s === "met" && !met) {
      met = d;
      metMatch = match;
    } else if (s === "needs_review") review.push({ d, why: countryStatus === "needs_review" ? "country" : "list" });
  }
  const facts: Record<string, unknown> = {
    minLevel: node.minLevel,
    ...(listIds ? { listedIn: listIds, editions: listIds.map((l) => index.lists.get(l)?.list.edition ?? null) } : {}),
    ...(node.country ? { country: node.country } : {}),
    degrees: degreeFacts,
    ...(future ? { notYetAwarded: future } : {}),
  };
  const countryEn = node.country ? ` from ${index.countryByCode.get(node.country)?.en ?? node.country}` : "";
  const countryKo = node.country ? `${index.countryByCode.get(node.country)?.ko ?? node.country} ` : "";
  if (met) {
    const metList = metMatch ? listLabel(index, metMatch.listId) : null;
    const listEn = metList && metMatch ? `; ${metMatch.name} is in ${metList.en}` : "";
    const listKo = metList && metMatch ? `; ${josa(metMatch.name, "은/는")} ${metList.ko}에 포함됩니다` : "";
    return {
      status: "met",
      detail: `${cap(levelEn[met.level])} from ${met.institution} (awarded ${met.awardedIso}) meets the ${minEn}${countryEn} requirement${listEn}.`,
      detailKo: `${met.institution} ${levelKo[met.level]} 학위(${met.awardedIso} 취득)가 ${countryKo}${minKo} 요건을 충족합니다${listKo}.`,
      facts,
    };
  }
  if (review.length > 0) {
    const first = review[0]!;
    const names = review.map((r) => r.d.institution).join(", ");
    if (first.why === "list" && list)
      return {
        status: "needs_review",
        detail: `Could not confirm that ${names} is in ${list.en}; an officer must check the ${levelEn[first.d.level]}.`,
        detailKo: `${josa(names, "이/가")} ${list.ko}에 포함되는지 확인할 수 없어 심사관이 ${levelKo[first.d.level]} 학위를 확인해야 합니다.`,
        facts,
      };
    return {
      status: "needs_review",
      detail: `Could not tell which country the degree from ${names} was awarded in; an officer must check.`,
      detailKo: `${names} 학위의 수여 국가를 확인할 수 없어 심사관 확인이 필요합니다.`,
      facts,
    };
  }
  if (candidates.length > 0) {
    return {
      status: "not_met",
      detail: `No ${minEn} degree${countryEn} was found: ${candidates.map((d) => d.institution).join(", ")} is from another country.`,
      detailKo: `${countryKo}${minKo}가 없습니다: ${josa(candidates.map((d) => d.institution).join(", "), "은/는")} 다른 국가의 학위입니다.`,
      facts,
    };
  }
  const futureEn = future ? ` (${future} degree(s) dated after ${dossier.asOfIso} are not counted)` : "";
  const futureKo = future ? ` (${dossier.asOfIso} 이후 수여 학위 ${future}건은 제외)` : "";
  return {
    status: "not_met",
    detail: `No ${minEn}${countryEn} had been awarded by ${dossier.asOfIso}${futureEn}.`,
    detailKo: `${dossier.asOfIso} 기준 ${countryKo}${minKo}가 없습니다${futureKo}.`,
    facts,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const EPS_MONTHS = 1e-9;

function mergedFacts(d: Duration) {
  return d.merged.map((i) => ({ start: formatIsoDay(i.start), end: formatIsoDay(i.end) }));
}

function evalExperience(node: ExperienceNode | PostdocExperienceNode, ctx: Ctx): LeafOutcome {
  const { dossier, index } = ctx;
  const postdoc = node.type === "postdoc_experience";
  const kinds = node.type === "experience" ? node.kinds : undefined;
  const popKey = postdoc ? "postdoc" : kinds ? kinds.join(",") : "*";
  let memo = dossier.experienceMemo.get(popKey);
  if (!memo) {
    const population = dossier.periods.filter((p) => (postdoc ? p.postdoc : !kinds || kinds.includes(p.kind)));
    memo = { population, total: totalExperience(population, dossier.asOf) };
    dossier.experienceMemo.set(popKey, memo);
  }
  const { population, total } = memo;
  const totalStatus: Status = total.months + EPS_MONTHS >= node.minYears * 12 ? "met" : "not_met";
  const what = postdoc ? { en: "post-doctoral research", ko: "박사후 연구" } : { en: "work experience", ko: "경력" };
  const facts: Record<string, unknown> = {
    requiredYears: node.minYears,
    years: round2(total.years),
    periodsCounted: population.length,
    merged: mergedFacts(total),
    ...(kinds ? { kinds } : {}),
  };
  let detail = `${yrs(total.years)} years of ${what.en} counted (overlaps once, open-ended periods to ${dossier.asOfIso}); at least ${node.minYears} required.`;
  let detailKo = `${what.ko} ${yrs(total.years)}년 인정(중복 기간은 한 번, 종료일 없는 기간은 ${dossier.asOfIso}까지); 최소 ${node.minYears}년 필요.`;
  let subsetStatus: Status = "met";
  if (node.subset) {
    const s = evalSubset(node.subset, population, ctx);
    subsetStatus = s.status;
    facts.subset = s.facts;
    detail += ` ${s.detail}`;
    detailKo += ` ${s.detailKo}`;
  }
  const status = and3([totalStatus, subsetStatus]);
  void index;
  return { status, detail, detailKo, facts };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function evalSubset(subset: ListSubset, population: Dossier["periods"], ctx: Ctx) {
  const { dossier, index } = ctx;
  const matched: Dossier["periods"] = [];
  const unknown: Dossier["periods"] = [];
  const matchedFacts: { organization: string; listed: string; list: string }[] = [];
  for (const p of population) {
    const m = lookupInAnyList(index, subset.lists, p.organization);
    if (m) {
      matched.push(p);
      matchedFacts.push({ organization: p.organization, listed: m.name, list: m.listId });
    } else if (!subset.kinds || subset.kinds.includes(p.kind)) unknown.push(p);
  }
  const known = totalExperience(matched, dossier.asOf);
  const possible = unknown.length ? totalExperience([...matched, ...unknown], dossier.asOf) : known;
  const need = subset.minYears * 12;
  const status: Status = known.months + EPS_MONTHS >= need ? "met" : possible.months + EPS_MONTHS < need ? "not_met" : "needs_review";
  const where = listsLabel(index, subset.lists);
  const unknownNames = [...new Set(unknown.map((p) => p.organization))];
  recordLists(ctx.used, subset.lists);
  const facts = {
    lists: subset.lists,
    editions: subset.lists.map((l) => index.lists.get(l)?.list.edition ?? null),
    requiredYears: subset.minYears,
    years: round2(known.years),
    ...(unknown.length ? { possibleYears: round2(possible.years), unrecognised: unknownNames } : {}),
    matched: matchedFacts,
  };
  const base = `${yrs(known.years)} of those years were at organisations in ${where.en}; at least ${subset.minYears} required`;
  const baseKo = `그중 ${where.ko} 소속 기간은 ${yrs(known.years)}년(최소 ${subset.minYears}년 필요)`;
  if (status === "needs_review")
    return {
      status,
      facts,
      detail: `${base}. Not recognised: ${unknownNames.join(", ")}; an officer must check whether they count (up to ${yrs(possible.years)} years).`,
      detailKo: `${baseKo}. 확인되지 않은 기관: ${unknownNames.join(", ")}; 인정 여부를 심사관이 확인해야 합니다(최대 ${yrs(possible.years)}년).`,
    };
  return { status, facts, detail: `${base}.`, detailKo: `${baseKo}.` };
}

/** A dated figure in force on `asOf`: appliesFrom <= asOf <= appliesTo (inclusive; open-ended without one), latest appliesFrom first. */
export function inForce<F extends { appliesFrom: string; appliesTo?: string | undefined }>(figures: readonly F[], asOf: string): F | null {
  let best: F | null = null;
  for (const f of figures) if (f.appliesFrom <= asOf && (f.appliesTo === undefined || asOf <= f.appliesTo) && (!best || f.appliesFrom > best.appliesFrom)) best = f;
  return best;
}

function gniFigure(node: IncomeMultipleNode, ctx: Ctx) {
  const figures = ctx.index.reference.gni.figures;
  if (node.gniYear !== undefined) return figures.find((f) => f.year === node.gniYear) ?? null;
  return inForce(figures, ctx.dossier.asOfIso);
}

function period(f: { appliesFrom: string; appliesTo?: string | undefined }): { en: string; ko: string } {
  return f.appliesTo ? { en: `applies ${f.appliesFrom} to ${f.appliesTo}`, ko: `${f.appliesFrom}~${f.appliesTo} 적용` } : { en: `applies from ${f.appliesFrom}`, ko: `${f.appliesFrom}부터 적용` };
}

export function incomeThreshold(multiple: number, gniKrw: number): number {
  // Won are whole numbers; rounding removes binary noise (0.8 * 49,955,000).
  return Math.round(multiple * gniKrw);
}

function evalIncomeMultiple(node: IncomeMultipleNode, ctx: Ctx): LeafOutcome {
  const offer = ctx.dossier.input.offer;
  const fig = gniFigure(node, ctx);
  const m = node.multiple;
  const mult = { en: `${m}x GNI per capita`, ko: `1인당 GNI의 ${m}배` };
  if (!fig) {
    return {
      status: "needs_review",
      detail: `No GNI per capita figure ${node.gniYear !== undefined ? `for ${node.gniYear}` : `in force on ${ctx.dossier.asOfIso}`} is in the reference data; an officer must check the salary against ${mult.en}.`,
      detailKo: `${node.gniYear !== undefined ? `${node.gniYear}년` : `${ctx.dossier.asOfIso} 기준`} 1인당 GNI 자료가 없어 심사관이 ${mult.ko} 기준을 확인해야 합니다.`,
      facts: { multiple: m, gniYear: node.gniYear ?? null, salaryKrw: offer?.annualSalaryKrw ?? null },
    };
  }
  const threshold = incomeThreshold(m, fig.amountKrw);
  if (!ctx.used.gni.includes(fig)) ctx.used.gni.push(fig);
  const facts: Record<string, unknown> = {
    multiple: m,
    gniYear: fig.year,
    gniKrw: fig.amountKrw,
    gniAppliesFrom: fig.appliesFrom,
    gniAppliesTo: fig.appliesTo ?? null,
    thresholdKrw: threshold,
    salaryKrw: offer?.annualSalaryKrw ?? null,
  };
  const p = period(fig);
  const thr = `KRW ${won(threshold)} = ${m} x ${won(fig.amountKrw)}, the ${fig.year} GNI figure, which ${p.en}`;
  const thrKo = `${won(threshold)}원 = ${m} × ${won(fig.amountKrw)}원, ${fig.year}년 GNI, ${p.ko}`;
  if (fig.status === "unverified") {
    return {
      status: "needs_review",
      detail: `The ${fig.year} GNI figure in the reference data is marked unverified; an officer must check the salary against ${mult.en} (${thr}).`,
      detailKo: `${fig.year}년 GNI 수치가 미확인 상태이므로 심사관이 ${mult.ko}(${thrKo}) 기준을 확인해야 합니다.`,
      facts: { ...facts, gniStatus: fig.status },
    };
  }
  if (!offer) {
    return {
      status: "not_met",
      detail: `There is no job offer, so no salary reaches ${mult.en} (${thr}).`,
      detailKo: `고용 제안이 없어 ${mult.ko}(${thrKo}) 연봉 요건을 충족할 수 없습니다.`,
      facts,
    };
  }
  const s = offer.annualSalaryKrw;
  if (s >= threshold)
    return {
      status: "met",
      detail: `Annual salary KRW ${won(s)} is at least ${mult.en} (${thr}).`,
      detailKo: `연봉 ${won(s)}원은 ${mult.ko}(${thrKo}) 이상입니다.`,
      facts,
    };
  return {
    status: "not_met",
    detail: `Annual salary KRW ${won(s)} is below ${mult.en} (${thr}); short by KRW ${won(threshold - s)}.`,
    detailKo: `연봉 ${won(s)}원은 ${mult.ko}(${thrKo})에 ${won(threshold - s)}원 못 미칩니다.`,
    facts,
  };
}

function evalAdvancedIndustry(node: Extract<RuleNode, { type: "advanced_industry" }>, ctx: Ctx): LeafOutcome {
  const offer = ctx.dossier.input.offer;
  const asOf = ctx.dossier.asOfIso;
  const { listed, reported } = industriesInForce(ctx.index, asOf);
  ctx.used.industries = true;
  const restrict = node.industries;
  const allowed = restrict ? listed.filter((i) => restrict.includes(i)) : listed;
  const edition = ctx.index.reference.industries.edition;
  const facts: Record<string, unknown> = { industry: offer?.industry ?? null, employer: offer?.employer ?? null, asOf, allowed, edition };
  if (!offer)
    return {
      status: "not_met",
      detail: "There is no job offer from a Korean advanced-industry company.",
      detailKo: "한국 첨단산업 기업의 고용 제안이 없습니다.",
      facts,
    };
  const ind = ctx.index.industries.get(offer.industry);
  if (ind && allowed.includes(offer.industry))
    return {
      status: "met",
      detail: `The offer from ${offer.employer} is in an advanced industry: ${ind.en} (listed on ${asOf}).`,
      detailKo: `${offer.employer}의 고용 제안은 첨단산업(${ind.ko}) 분야입니다(${asOf} 기준 목록).`,
      facts,
    };
  if (ind && reported.includes(offer.industry) && (!restrict || restrict.includes(offer.industry)))
    return {
      status: "needs_review",
      detail: `The offer from ${offer.employer} is in ${ind.en}, reported but not confirmed as an advanced industry on ${asOf}; an officer must check the ministry notice in force.`,
      detailKo: `${offer.employer}의 고용 제안 분야(${ind.ko})는 ${asOf} 기준 첨단산업 포함 여부가 확인되지 않아 심사관이 고시를 확인해야 합니다.`,
      facts: { ...facts, reported },
    };
  const unlisted = ctx.index.notListed.get(offer.industry);
  if (unlisted)
    return {
      status: "not_met",
      detail: `The offer from ${offer.employer} is in ${unlisted.en}, which is not on the advanced-industry list (${edition})${unlisted.note ? `: ${unlisted.note}` : ""}.`,
      detailKo: `${offer.employer}의 고용 제안 분야(${unlisted.ko})는 첨단산업 목록(${edition})에 없습니다.`,
      facts,
    };
  return {
    status: "not_met",
    detail: `The offer from ${offer.employer} is in "${ind?.en ?? offer.industry}", which is not one of the advanced industries on ${asOf} (${allowed.join(", ")}).`,
    detailKo: `${offer.employer}의 고용 제안 분야 ${josa(`"${offer.industry}"`, "은/는")} 첨단산업(${allowed.map((a) => ctx.index.industries.get(a)?.ko ?? a).join(", ")})이 아닙니다.`,
    facts,
  };
}

function evalJobOffer(present: boolean, ctx: Ctx): LeafOutcome {
  const offer = ctx.dossier.input.offer;
  const has = offer !== null;
  const facts = { required: present ? "offer" : "no offer", hasOffer: has, employer: offer?.employer ?? null };
  if (present === has)
    return {
      status: "met",
      detail: has ? `There is a job offer from ${offer!.employer}.` : "There is no job offer, as this route requires.",
      detailKo: has ? `${offer!.employer}의 고용 제안이 있습니다.` : "이 경로의 요건대로 고용 제안이 없습니다.",
      facts,
    };
  return {
    status: "not_met",
    detail: has
      ? `This route is for job seekers without an offer; the offer from ${offer!.employer} points to a work visa instead.`
      : "A job offer is required and there is none.",
    detailKo: has ? `이 경로는 고용 제안이 없는 구직자용이며, ${offer!.employer}의 제안이 있으므로 취업 비자가 적합합니다.` : "고용 제안이 필요하나 없습니다.",
    facts,
  };
}

function evalAgePoints(node: AgePointsNode, ctx: Ctx): LeafOutcome {
  const age = ageOn(ctx.dossier.birth, ctx.dossier.asOf);
  const band = node.bands.find((b) => age >= b.minAge && (b.maxAge === undefined || age <= b.maxAge));
  const pts = band?.points ?? 0;
  const bandText = band ? (band.maxAge === undefined ? `${band.minAge}+` : `${band.minAge}-${band.maxAge}`) : "none";
  return {
    status: pointStatus(pts, pts),
    detail: `Age ${age} on ${ctx.dossier.asOfIso} (band ${bandText}): ${pts} points.`,
    detailKo: `${ctx.dossier.asOfIso} 기준 만 ${age}세(구간 ${bandText}): ${pts}점.`,
    facts: { birthDate: ctx.dossier.input.birthDate, age, band: bandText, points: pts },
    min: pts,
    max: pts,
  };
}

function evalEducationPoints(node: EducationPointsNode, ctx: Ctx): LeafOutcome {
  const held = ctx.dossier.degrees.filter((d) => d.awarded <= ctx.dossier.asOf);
  const twoDegrees = held.length >= 2;
  let min = 0;
  let max = 0;
  let bestMin: { d: (typeof held)[number]; kind: string } | undefined;
  const per: Record<string, unknown>[] = [];
  for (const d of held) {
    const row = node.levels[d.level];
    if (!row) continue;
    const cls = classifyField(ctx.index, d.field);
    const lo = twoDegrees || cls.kind === "stem" ? row.preferred : row.other;
    const hi = twoDegrees || cls.kind !== "other" ? row.preferred : row.other;
    per.push({ level: d.level, field: d.field, fieldClass: cls.kind, points: lo === hi ? lo : [lo, hi] });
    if (lo > min) {
      min = lo;
      bestMin = { d, kind: cls.kind };
    }
    if (hi > max) max = hi;
  }
  const facts = { degrees: per, twoOrMoreDegrees: twoDegrees, fieldsVersion: ctx.index.reference.fields.version };
  if (per.length === 0)
    return { status: "not_met", detail: "No degree scores education points.", detailKo: "학력 점수를 받을 학위가 없습니다.", facts, min: 0, max: 0 };
  if (min === max) {
    const d = bestMin?.d;
    const why = twoDegrees ? "two or more degrees" : bestMin?.kind === "stem" ? "STEM field" : "non-STEM field";
    const whyKo = twoDegrees ? "복수 학위" : bestMin?.kind === "stem" ? "이공계" : "비이공계";
    return {
      status: pointStatus(min, max),
      detail: d ? `${cap(levelEn[d.level])} in ${d.field} (${why}): ${min} points.` : `${min} points.`,
      detailKo: d ? `${d.field} ${levelKo[d.level]}(${whyKo}): ${min}점.` : `${min}점.`,
      facts,
      min,
      max,
    };
  }
  return {
    status: "needs_review",
    detail: `Education scores ${min} to ${max} points: whether the field of study counts as STEM could not be decided; an officer must check.`,
    detailKo: `학력 점수 ${min}~${max}점: 전공의 이공계 여부를 판단할 수 없어 심사관 확인이 필요합니다.`,
    facts,
    min,
    max,
  };
}

function evalKoreanPoints(node: KoreanPointsNode, ctx: Ctx): LeafOutcome {
  const level = ctx.dossier.input.koreanLevel;
  const sorted = [...node.bands].sort((a, b) => b.minLevel - a.minLevel);
  if (level === undefined) {
    const max = Math.max(0, ...node.bands.map((b) => b.points));
    return {
      status: max > 0 ? "needs_review" : "not_met",
      detail: `No Korean level (TOPIK/KIIP) was given: 0 to ${max} points; an officer must check.`,
      detailKo: `한국어 능력(TOPIK/KIIP) 단계가 없어 0~${max}점으로 보며 심사관 확인이 필요합니다.`,
      facts: { koreanLevel: null },
      min: 0,
      max,
    };
  }
  const band = sorted.find((b) => level >= b.minLevel);
  const pts = band?.points ?? 0;
  return {
    status: pointStatus(pts, pts),
    detail: `Korean level ${level} (TOPIK/KIIP): ${pts} points.`,
    detailKo: `한국어 능력 ${level}단계(TOPIK/KIIP): ${pts}점.`,
    facts: { koreanLevel: level, points: pts },
    min: pts,
    max: pts,
  };
}

function evalIncomePoints(node: IncomePointsNode, ctx: Ctx): LeafOutcome {
  if (node.source === "declared") return evalDeclaredIncomePoints(node, ctx);
  const offer = ctx.dossier.input.offer;
  if (!offer)
    return {
      status: "not_met",
      detail: "No job offer, so no income points.",
      detailKo: "고용 제안이 없어 소득 점수가 없습니다.",
      facts: { salaryKrw: null },
      min: 0,
      max: 0,
    };
  const s = offer.annualSalaryKrw;
  const band = [...node.bands].sort((a, b) => b.minKrw - a.minKrw).find((b) => s >= b.minKrw);
  const pts = band?.points ?? 0;
  return {
    status: pointStatus(pts, pts),
    detail: band
      ? `Annual salary KRW ${won(s)} (band from KRW ${won(band.minKrw)}): ${pts} points.`
      : `Annual salary KRW ${won(s)} is below the lowest band: 0 points.`,
    detailKo: band ? `연봉 ${won(s)}원(${won(band.minKrw)}원 이상 구간): ${pts}점.` : `연봉 ${won(s)}원은 최저 구간 미만: 0점.`,
    facts: { salaryKrw: s, bandFromKrw: band?.minKrw ?? null, points: pts },
    min: pts,
    max: pts,
  };
}

function incomeBand(node: IncomePointsNode, krw: number) {
  let best: IncomePointsNode["bands"][number] | undefined;
  for (const b of node.bands) if (krw >= b.minKrw && (!best || b.minKrw > best.minKrw)) best = b;
  return best;
}

/** F-2-7: points for the income declared to the tax office (latest income certificate), never the offer. */
function evalDeclaredIncomePoints(node: IncomePointsNode, ctx: Ctx): LeafOutcome {
  const declared = ctx.dossier.input.declaredIncomeKrw;
  if (declared === undefined) {
    const max = Math.max(0, ...node.bands.map((b) => b.points));
    return {
      status: max > 0 ? "needs_review" : "not_met",
      detail: `No declared income (latest tax-office income certificate) was given: 0 to ${max} points; an officer must check the certificate. The offered salary does not count here.`,
      detailKo: `신고 소득(최근 세무서 소득금액증명)이 없어 0~${max}점으로 보며 심사관이 확인해야 합니다. 고용 제안 연봉은 반영하지 않습니다.`,
      facts: { source: "declared", declaredIncomeKrw: null },
      min: 0,
      max,
    };
  }
  const band = incomeBand(node, declared);
  const pts = band?.points ?? 0;
  return {
    status: pointStatus(pts, pts),
    detail: band
      ? `Declared income KRW ${won(declared)} (latest tax-office income certificate; band from KRW ${won(band.minKrw)}): ${pts} points.`
      : `Declared income KRW ${won(declared)} (latest tax-office income certificate) is below the lowest band: 0 points.`,
    detailKo: band ? `신고 소득 ${won(declared)}원(최근 소득금액증명, ${won(band.minKrw)}원 이상 구간): ${pts}점.` : `신고 소득 ${won(declared)}원은 최저 구간 미만: 0점.`,
    facts: { source: "declared", declaredIncomeKrw: declared, bandFromKrw: band?.minKrw ?? null, points: pts },
    min: pts,
    max: pts,
  };
}

/** A fixed wage floor per period (E-7-1 since April 2025), read from the reference data by the assessment date. */
function evalWageFloor(node: WageFloorNode, ctx: Ctx): LeafOutcome {
  const offer = ctx.dossier.input.offer;
  const asOf = ctx.dossier.asOfIso;
  const series = ctx.index.reference.wageFloors?.series[node.floor];
  const fig = series ? inForce(series, asOf) : null;
  const salary = offer?.annualSalaryKrw ?? null;
  if (!fig)
    return {
      status: "needs_review",
      detail: `No ${node.floor} wage floor in force on ${asOf} is in the reference data; an officer must check the wage against the floor that applies.`,
      detailKo: `${asOf} 기준 ${node.floor} 임금 기준이 참고 자료에 없어 심사관이 적용 기준을 확인해야 합니다.`,
      facts: { floor: node.floor, asOf, salaryKrw: salary },
    };
  if (!ctx.used.floors.some((f) => f.series === node.floor && f.appliesFrom === fig.appliesFrom)) ctx.used.floors.push({ series: node.floor, ...fig });
  const p = period(fig);
  const margin = fig.status === "approximate" ? (fig.marginKrw ?? 0) : 0;
  const facts: Record<string, unknown> = {
    floor: node.floor,
    floorKrw: fig.amountKrw,
    appliesFrom: fig.appliesFrom,
    appliesTo: fig.appliesTo ?? null,
    floorStatus: fig.status,
    ...(margin ? { marginKrw: margin } : {}),
    salaryKrw: salary,
  };
  const fl = `KRW ${won(fig.amountKrw)}${margin ? ` (approximate, ± ${won(margin)})` : ""}, which ${p.en}`;
  const flKo = `${won(fig.amountKrw)}원${margin ? `(근사치, ± ${won(margin)}원)` : ""}, ${p.ko}`;
  if (salary === null)
    return { status: "not_met", detail: `There is no job offer, so no wage reaches the floor (${fl}).`, detailKo: `고용 제안이 없어 임금 기준(${flKo})을 충족할 수 없습니다.`, facts };
  if (fig.status === "unverified")
    return {
      status: "needs_review",
      detail: `The wage floor in the reference data is marked unverified (${fl}); an officer must check the wage of KRW ${won(salary)}.`,
      detailKo: `임금 기준이 미확인 상태(${flKo})이므로 심사관이 임금 ${won(salary)}원을 확인해야 합니다.`,
      facts,
    };
  if (salary >= fig.amountKrw + margin)
    return { status: "met", detail: `Annual wage KRW ${won(salary)} is at least the fixed wage floor (${fl}).`, detailKo: `연봉 ${won(salary)}원은 고정 임금 기준(${flKo}) 이상입니다.`, facts };
  if (salary < fig.amountKrw - margin)
    return {
      status: "not_met",
      detail: `Annual wage KRW ${won(salary)} is below the fixed wage floor (${fl}); short by KRW ${won(fig.amountKrw - salary)}.`,
      detailKo: `연봉 ${won(salary)}원은 고정 임금 기준(${flKo})에 ${won(fig.amountKrw - salary)}원 못 미칩니다.`,
      facts,
    };
  return {
    status: "needs_review",
    detail: `Annual wage KRW ${won(salary)} is within the uncertainty of the published floor (${fl}); an officer must check the exact figure.`,
    detailKo: `연봉 ${won(salary)}원이 공표된 기준(${flKo})의 오차 범위 안에 있어 심사관이 정확한 기준을 확인해야 합니다.`,
    facts,
  };
}

/** The applicant's current status of stay in Korea (F-2-7 requires one of the qualifying statuses; someone abroad cannot apply directly). */
function evalStayStatus(node: StayStatusNode, ctx: Ctx): LeafOutcome {
  const status = ctx.dossier.input.stayStatus;
  const facts: Record<string, unknown> = { stayStatus: status ?? null, qualifying: node.qualifying };
  const list = node.qualifying.join(", ");
  if (status === undefined)
    return {
      status: "needs_review",
      detail: `The current status of stay in Korea was not given; an officer must check that it is one of ${list}.`,
      detailKo: `현재 국내 체류자격이 입력되지 않아 심사관이 ${list} 중 하나인지 확인해야 합니다.`,
      facts,
    };
  if (status === "abroad")
    return {
      status: "not_met",
      detail: `The applicant is abroad: this visa is only for people already staying in Korea with one of ${list}; it cannot be applied for directly from abroad.`,
      detailKo: `신청인이 해외에 있습니다. 이 비자는 ${list} 자격으로 이미 국내에 체류 중인 사람만 신청할 수 있으며 해외에서 바로 신청할 수 없습니다.`,
      facts,
    };
  if (node.qualifying.includes(status))
    return {
      status: "met",
      detail: `Current status of stay ${status} is one of the qualifying statuses (${list}).`,
      detailKo: `현재 체류자격 ${josa(status, "은/는")} 해당 자격(${list})입니다.`,
      facts,
    };
  if (node.uncertain?.includes(status))
    return {
      status: "needs_review",
      detail: `Whether status ${status} qualifies is not settled in the sources; an officer must check.`,
      detailKo: `체류자격 ${status}의 해당 여부가 자료상 불분명하여 심사관이 확인해야 합니다.`,
      facts,
    };
  return {
    status: "not_met",
    detail: `Current status of stay ${status} is not one of the qualifying statuses (${list}).`,
    detailKo: `현재 체류자격 ${josa(status, "은/는")} 해당 자격(${list})이 아닙니다.`,
    facts,
  };
}

/** Advanced industries listed (and only reported) on `asOf`, cached per reference index and day. */
export function industriesInForce(index: ReferenceIndex, asOf: string): { listed: string[]; reported: string[] } {
  const hit = index.industriesByDay.get(asOf);
  if (hit) return hit;
  const listed: string[] = [];
  const reported: string[] = [];
  for (const i of index.reference.industries.industries) {
    if (i.until !== undefined && asOf > i.until) continue;
    if (i.since === undefined || i.since <= asOf) listed.push(i.id);
    else if (i.reportedFrom !== undefined && i.reportedFrom <= asOf) reported.push(i.id);
  }
  const out = { listed, reported };
  if (index.industriesByDay.size > 1000) index.industriesByDay.clear();
  index.industriesByDay.set(asOf, out);
  return out;
}
