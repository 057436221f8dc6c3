import gniJson from "./reference/gni.json";
import industriesJson from "./reference/advanced-industries.json";
import countriesJson from "./reference/countries.json";
import fieldsJson from "./reference/fields.json";
import top100Json from "./reference/universities-top100.json";
import usnewsJson from "./reference/universities-usnews-top100.json";
import qs500Json from "./reference/universities-qs-top500.json";
import the200Json from "./reference/universities-the-top200.json";
import wageFloorsJson from "./reference/wage-floors.json";
import global500Json from "./reference/global500.json";
import researchJson from "./reference/research-institutes.json";
import {
  countryListSchema,
  fieldClassificationSchema,
  gniReferenceSchema,
  industryListSchema,
  institutionListSchema,
  referenceDataSchema,
  wageFloorReferenceSchema,
  type InstitutionList,
  type ReferenceData,
} from "./schema";

/** Raw shipped reference files, by file name (for tests and tools). */
export const shippedReferenceFiles = {
  "gni.json": { schema: gniReferenceSchema, data: gniJson as unknown },
  "wage-floors.json": { schema: wageFloorReferenceSchema, data: wageFloorsJson as unknown },
  "advanced-industries.json": { schema: industryListSchema, data: industriesJson as unknown },
  "countries.json": { schema: countryListSchema, data: countriesJson as unknown },
  "fields.json": { schema: fieldClassificationSchema, data: fieldsJson as unknown },
  "universities-top100.json": { schema: institutionListSchema, data: top100Json as unknown },
  "universities-usnews-top100.json": { schema: institutionListSchema, data: usnewsJson as unknown },
  "universities-qs-top500.json": { schema: institutionListSchema, data: qs500Json as unknown },
  "universities-the-top200.json": { schema: institutionListSchema, data: the200Json as unknown },
  "global500.json": { schema: institutionListSchema, data: global500Json as unknown },
  "research-institutes.json": { schema: institutionListSchema, data: researchJson as unknown },
} as const;

let shipped: ReferenceData | undefined;

/** The reference data shipped with the code (validated once, then shared; treat it as immutable). */
export function shippedReference(): ReferenceData {
  if (!shipped) {
    const lists: Record<string, InstitutionList> = {};
    for (const raw of [top100Json, usnewsJson, qs500Json, the200Json, global500Json, researchJson]) {
      const list = institutionListSchema.parse(raw);
      lists[list.id] = list;
    }
    shipped = referenceDataSchema.parse({
      gni: gniJson,
      wageFloors: wageFloorsJson,
      industries: industriesJson,
      fields: fieldsJson,
      countries: countriesJson,
      lists,
    });
    validatedReferences.add(shipped);
  }
  return shipped;
}

/**
 * Normalize a name for matching: Unicode NFKC, lower case, accents removed,
 * "&" read as "and", punctuation and whitespace collapsed to single spaces,
 * a leading "the" dropped. Letters of every script (Hangul included) are kept.
 */
export function normalizeName(s: string): string {
  let n = s.normalize("NFKD").replace(/\p{M}+/gu, "").normalize("NFKC").toLowerCase();
  n = n.replace(/&/g, " and ").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  if (n.startsWith("the ")) n = n.slice(4);
  return n;
}

const COMPANY_SUFFIXES = new Set([
  "co", "ltd", "inc", "corp", "corporation", "company", "llc", "plc", "gmbh", "ag", "se", "sa", "nv", "bv", "kk", "limited", "incorporated", "holdings", "group", "주식회사", "주",
]);

/** A company name without trailing (and leading Korean) legal-form words: "Kia Corp." -> "kia". */
export function normalizeCompanyName(s: string): string {
  const tokens = normalizeName(s).split(" ");
  while (tokens.length > 1 && COMPANY_SUFFIXES.has(tokens[tokens.length - 1]!)) tokens.pop();
  while (tokens.length > 1 && COMPANY_SUFFIXES.has(tokens[0]!)) tokens.shift();
  return tokens.join(" ");
}

export interface ListMatch {
  listId: string;
  name: string;
  country?: string;
}

export interface ListIndex {
  list: InstitutionList;
  exact: Map<string, ListMatch>;
  prefixes: { prefix: string; match: ListMatch }[];
}

export interface ReferenceIndex {
  reference: ReferenceData;
  lists: Map<string, ListIndex>;
  industries: Map<string, { en: string; ko: string }>;
  industryIds: string[];
  /** sectors named as not on the advanced-industry list */
  notListed: Map<string, { en: string; ko: string; note?: string }>;
  /** memo: assessment day -> industry ids listed / only reported on that day */
  industriesByDay: Map<string, { listed: string[]; reported: string[] }>;
  /** memo of list labels ("title (edition)") by list id or joined ids */
  labels: Map<string, { en: string; ko: string }>;
  /** reference id -> version, for results */
  versions: Record<string, string>;
  countries: Map<string, { code: string; en: string; ko: string }>;
  countryByCode: Map<string, { code: string; en: string; ko: string }>;
  stem: string[];
  nonStem: string[];
  /** memo of normalized look-ups: list id -> raw name -> match (null = not found) */
  memo: Map<string, Map<string, ListMatch | null>>;
  fieldMemo: Map<string, { kind: "stem" | "other" | "unknown"; keyword?: string }>;
}

const indexes = new WeakMap<ReferenceData, ReferenceIndex>();
const validatedReferences = new WeakSet<ReferenceData>();

/** Validate a reference object once per object identity (objects are treated as immutable). */
export function validateReference(reference: ReferenceData): ReferenceData {
  if (validatedReferences.has(reference)) return reference;
  referenceDataSchema.parse(reference);
  validatedReferences.add(reference);
  return reference;
}

function keysFor(name: string): string[] {
  const a = normalizeName(name);
  const b = normalizeCompanyName(name);
  return a === b ? [a] : [a, b];
}

/** Precomputed lookup maps for a reference object, cached by identity. */
export function referenceIndex(reference: ReferenceData): ReferenceIndex {
  const cached = indexes.get(reference);
  if (cached) return cached;
  validateReference(reference);
  const lists = new Map<string, ListIndex>();
  for (const [key, list] of Object.entries(reference.lists)) {
    const exact = new Map<string, ListMatch>();
    const prefixes: { prefix: string; match: ListMatch }[] = [];
    for (const e of list.entries) {
      const match: ListMatch = { listId: key, name: e.name, ...(e.country ? { country: e.country } : {}) };
      for (const n of [e.name, ...(e.aliases ?? [])]) for (const k of keysFor(n)) if (k && !exact.has(k)) exact.set(k, match);
      for (const p of e.prefixes ?? []) prefixes.push({ prefix: normalizeName(p), match });
    }
    lists.set(key, { list, exact, prefixes });
  }
  const countries = new Map<string, { code: string; en: string; ko: string }>();
  const countryByCode = new Map<string, { code: string; en: string; ko: string }>();
  for (const c of reference.countries.countries) {
    const v = { code: c.code, en: c.en, ko: c.ko };
    countryByCode.set(c.code, v);
    for (const a of [c.code, c.en, c.ko, ...c.aliases]) countries.set(normalizeName(a), v);
  }
  const index: ReferenceIndex = {
    reference,
    lists,
    industries: new Map(reference.industries.industries.map((i) => [i.id, { en: i.en, ko: i.ko }])),
    industryIds: reference.industries.industries.map((i) => i.id),
    notListed: new Map((reference.industries.notListed ?? []).map((i) => [i.id, { en: i.en, ko: i.ko, ...(i.note ? { note: i.note } : {}) }])),
    industriesByDay: new Map(),
    labels: new Map(),
    versions: {
      [reference.gni.id]: reference.gni.version,
      ...(reference.wageFloors ? { [reference.wageFloors.id]: reference.wageFloors.version } : {}),
      [reference.industries.id]: reference.industries.version,
      [reference.fields.id]: reference.fields.version,
      [reference.countries.id]: reference.countries.version,
      ...Object.fromEntries(Object.entries(reference.lists).map(([id, l]) => [id, l.version])),
    },
    countries,
    countryByCode,
    stem: reference.fields.stemKeywords.map(normalizeName),
    nonStem: reference.fields.nonStemKeywords.map(normalizeName),
    memo: new Map(),
    fieldMemo: new Map(),
  };
  indexes.set(reference, index);
  return index;
}

/** Find a name in one list (exact normalized match on name/aliases, or a listed prefix). */
export function lookupInList(index: ReferenceIndex, listId: string, name: string): ListMatch | null {
  const li = index.lists.get(listId);
  if (!li) throw new Error(`Reference list "${listId}" is not in the reference data (lists: ${[...index.lists.keys()].join(", ")})`);
  let memo = index.memo.get(listId);
  if (!memo) {
    memo = new Map();
    index.memo.set(listId, memo);
  }
  const hit = memo.get(name);
  if (hit !== undefined) return hit;
  let found: ListMatch | null = null;
  for (const k of keysFor(name)) {
    const m = li.exact.get(k);
    if (m) {
      found = m;
      break;
    }
  }
  if (!found) {
    const n = normalizeName(name);
    for (const p of li.prefixes) {
      if (n === p.prefix || n.startsWith(p.prefix + " ")) {
        found = p.match;
        break;
      }
    }
  }
  if (memo.size > 10_000) memo.clear(); // bound memory for long-running processes
  memo.set(name, found);
  return found;
}

/** First list (in the given order) that holds the name. */
export function lookupInAnyList(index: ReferenceIndex, listIds: readonly string[], name: string): ListMatch | null {
  for (const id of listIds) {
    const m = lookupInList(index, id, name);
    if (m) return m;
  }
  return null;
}

/** Every list (of all lists in the reference) that holds the name. */
export function listsHolding(index: ReferenceIndex, name: string): ListMatch[] {
  const out: ListMatch[] = [];
  for (const id of index.lists.keys()) {
    const m = lookupInList(index, id, name);
    if (m) out.push(m);
  }
  return out;
}

export function countryCode(index: ReferenceIndex, name: string): string | null {
  return index.countries.get(normalizeName(name))?.code ?? null;
}

function containsKeyword(field: string, keywords: readonly string[]): string | null {
  const padded = ` ${field}`;
  for (const k of keywords) {
    // Latin keywords match at word starts; Hangul keywords anywhere (Korean compounds have no spaces).
    if (/[\u3131-\uD79D]/u.test(k) ? field.includes(k) : padded.includes(` ${k}`)) return k;
  }
  return null;
}

/** STEM reading of a field of study: "stem", "other", or "unknown" (both or neither list matched). */
export function classifyField(index: ReferenceIndex, field: string): { kind: "stem" | "other" | "unknown"; keyword?: string } {
  const hit = index.fieldMemo.get(field);
  if (hit) return hit;
  const f = normalizeName(field);
  const s = containsKeyword(f, index.stem);
  const o = containsKeyword(f, index.nonStem);
  const out: { kind: "stem" | "other" | "unknown"; keyword?: string } = s && !o ? { kind: "stem", keyword: s } : o && !s ? { kind: "other", keyword: o } : { kind: "unknown" };
  if (index.fieldMemo.size > 10_000) index.fieldMemo.clear();
  index.fieldMemo.set(field, out);
  return out;
}
