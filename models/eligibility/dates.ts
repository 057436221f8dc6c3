/**
 * Calendar arithmetic on plain day numbers (days since 1970-01-01, UTC), so that
 * evaluation never builds Date objects in the hot path and never reads the clock.
 *
 * Experience convention (documented in README.md):
 * - A period is the half-open interval [start, end): a job from 2017-03-15 to
 *   2025-03-15 lasts exactly 8 calendar years. An open-ended job (end null) runs
 *   to the assessment date; periods are clipped to the assessment date.
 * - Overlapping or touching periods are merged, so every day counts once.
 * - Each merged period is measured month-accurately: whole calendar months
 *   (day-of-month clamped to month end) plus the leftover days, which count as
 *   days / 30.436875 of a month (the mean Gregorian month). Years = months / 12,
 *   so exactly 8 calendar years give exactly 96 months = 8.0 years.
 */


/** Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when s is a real calendar date written YYYY-MM-DD (2025-02-30 is not). */
/** Digits of "YYYY-MM-DD" read by character codes (hot path: no regex); -1 when not of that shape. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Year, month, day of a real calendar date written YYYY-MM-DD, else null. */
function calendarParts(s: string): [number, number, number] | null {
  if (typeof s !== "string" || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

export function isIsoDate(s: string): boolean {
  return calendarParts(s) !== null;
}

/** Day number of a valid ISO date. Throws on an invalid one (inputs are validated first). */
export function parseIsoDay(s: string): number {
  const p = calendarParts(s);
  if (!p) throw new RangeError(`Not a calendar date: ${s}`);
  return daysFromCivil(p[0], p[1], p[2]);
}

export function formatIsoDay(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Today's date in the given time zone (default Asia/Seoul). Only for the edges (CLI, HTTP). */
export function todayIso(now: Date = new Date(), timeZone = "Asia/Seoul"): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Completed years of age on day `on` for someone born on day `birth`. */
export function ageOn(birth: number, on: number): number {
  const b = civilFromDays(birth);
  const o = civilFromDays(on);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

/** Add calendar months, clamping the day to the end of the target month. */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = civilFromDays(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export const MEAN_MONTH_DAYS = 30.436875;

export interface Interval {
  /** first day, inclusive */
  start: number;
  /** day after the last day (exclusive) */
  end: number;
}

/** Merge overlapping or touching half-open intervals; returns a new sorted array. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) {
      if (i.end > last.end) last.end = i.end;
    } else {
      out.push({ start: i.start, end: i.end });
    }
  }
  return out;
}

/** Month-accurate length of one half-open interval: whole months plus leftover days. */
export function intervalMonths(i: Interval): { months: number; days: number } {
  if (i.end <= i.start) return { months: 0, days: 0 };
  const s = civilFromDays(i.start);
  const e = civilFromDays(i.end);
  let months = (e.y - s.y) * 12 + (e.m - s.m);
  let anchor = addMonths(i.start, months);
  while (months > 0 && anchor > i.end) {
    months -= 1;
    anchor = addMonths(i.start, months);
  }
  return { months, days: i.end - anchor };
}

export interface Duration {
  /** total in months (whole months + leftover days / mean month) */
  months: number;
  /** months / 12 */
  years: number;
  /** total distinct days */
  days: number;
  merged: Interval[];
}

/**
 * Total experience of the given periods on the assessment day: clip to asOf
 * (open-ended periods run to asOf), merge overlaps, measure month-accurately.
 */
export function totalExperience(periods: readonly { start: number; end: number | null }[], asOf: number): Duration {
  const clipped: Interval[] = [];
  for (const p of periods) {
    const end = p.end === null ? asOf : Math.min(p.end, asOf);
    if (end > p.start) clipped.push({ start: p.start, end });
  }
  const merged = mergeIntervals(clipped);
  let wholeMonths = 0;
  let leftover = 0;
  let days = 0;
  for (const i of merged) {
    const m = intervalMonths(i);
    wholeMonths += m.months;
    leftover += m.days;
    days += i.end - i.start;
  }
  const months = wholeMonths + leftover / MEAN_MONTH_DAYS;
  return { months, years: months / 12, days, merged };
}
