import { isIsoDate } from "./dates";
import { degreeLevels, experienceKinds, MAX_KRW, STAY_STATUS_RE, type EligibilityInput } from "./schema";

/**
 * Fast path for input validation (the zod parse costs about as much as a whole
 * evaluation). Returns true only when `raw` already is exactly what
 * eligibilityInputSchema would produce (no unknown keys, strings already
 * trimmed, every constraint met), so it can be used as-is. Anything else goes
 * through the zod schema, which transforms or reports the errors. A property
 * test checks that this never accepts what the schema rejects or changes.
 */
export function isCanonicalInput(raw: unknown): raw is EligibilityInput {
  if (!isPlain(raw)) return false;
  for (const k in raw) if (!TOP.has(k)) return false;
  const v = raw as Record<string, unknown>;
  if (v.asOf !== undefined && !isDate(v.asOf)) return false;
  if (!isDate(v.birthDate)) return false;
  if (v.asOf !== undefined && (v.birthDate as string) > (v.asOf as string)) return false;
  if (v.koreanLevel !== undefined && !(typeof v.koreanLevel === "number" && Number.isInteger(v.koreanLevel) && v.koreanLevel >= 0 && v.koreanLevel <= 6)) return false;
  if (v.ruleset !== undefined && !isText(v.ruleset, 100)) return false;
  if (v.declaredIncomeKrw !== undefined && !(typeof v.declaredIncomeKrw === "number" && Number.isFinite(v.declaredIncomeKrw) && v.declaredIncomeKrw >= 0 && v.declaredIncomeKrw <= MAX_KRW)) return false;
  if (v.stayStatus !== undefined && !(typeof v.stayStatus === "string" && v.stayStatus.length <= 20 && STAY_STATUS_RE.test(v.stayStatus))) return false;
  if (!Array.isArray(v.degrees) || !Array.isArray(v.experience)) return false;
  if (!("offer" in v)) return false;
  for (const d of v.degrees as unknown[]) {
    if (!isPlain(d)) return false;
    for (const k in d) if (!DEGREE.has(k)) return false;
    const x = d as Record<string, unknown>;
    if (!LEVELS.has(x.level as string) || !isText(x.field, 300) || !isText(x.institution, 300) || !isDate(x.awarded)) return false;
    if (x.country !== undefined && !isText(x.country, 100)) return false;
  }
  for (const e of v.experience as unknown[]) {
    if (!isPlain(e)) return false;
    for (const k in e) if (!EXPERIENCE.has(k)) return false;
    const x = e as Record<string, unknown>;
    if (!isText(x.organization, 300) || !KINDS.has(x.kind as string) || !isDate(x.start)) return false;
    if (x.postdoc !== undefined && typeof x.postdoc !== "boolean") return false;
    if (x.end !== null && !(isDate(x.end) && (x.end as string) >= (x.start as string))) return false;
  }
  const o = v.offer;
  if (o !== null) {
    if (!isPlain(o)) return false;
    for (const k in o) if (!OFFER.has(k)) return false;
    const x = o as Record<string, unknown>;
    if (!isText(x.employer, 300) || !isText(x.industry, 100)) return false;
    if (!(typeof x.annualSalaryKrw === "number" && Number.isFinite(x.annualSalaryKrw) && x.annualSalaryKrw >= 0)) return false;
  }
  return true;
}

const TOP = new Set(["asOf", "birthDate", "degrees", "experience", "offer", "koreanLevel", "ruleset", "declaredIncomeKrw", "stayStatus"]);
const DEGREE = new Set(["level", "field", "institution", "country", "awarded"]);
const EXPERIENCE = new Set(["organization", "kind", "postdoc", "start", "end"]);
const OFFER = new Set(["employer", "industry", "annualSalaryKrw"]);
const LEVELS = new Set<string>(degreeLevels);
const KINDS = new Set<string>(experienceKinds);

function isPlain(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

function isDate(x: unknown): x is string {
  return typeof x === "string" && isIsoDate(x);
}

/** Non-empty, at most `max` characters, and already trimmed (zod would trim). */
function isText(x: unknown, max: number): boolean {
  if (typeof x !== "string" || x.length === 0 || x.length > max) return false;
  const first = x.charCodeAt(0);
  const last = x.charCodeAt(x.length - 1);
  // Cheap check first; the exact one only when the ends might be whitespace.
  if (first > 32 && first < 127 && last > 32 && last < 127) return true;
  return x.trim() === x;
}
