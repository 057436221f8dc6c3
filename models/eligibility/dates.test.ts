import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, ageOn, civilFromDays, daysFromCivil, formatIsoDay, isIsoDate, mergeIntervals, parseIsoDay, totalExperience } from "./dates";

const d = parseIsoDay;
const period = (start: string, end: string | null) => ({ start: d(start), end: end === null ? null : d(end) });

describe("calendar dates", () => {
  it.each(["2025-02-28", "2024-02-29", "2000-02-29", "1999-12-31", "2025-04-30"])("%s is valid", (s) => expect(isIsoDate(s)).toBe(true));
  it.each(["2025-02-30", "2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "2025-01-01T00:00:00Z", ""])(
    "%s is not",
    (s) => expect(isIsoDate(s)).toBe(false),
  );

  it("day numbers round-trip and agree with Date.UTC", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        const { y, m, d: day } = civilFromDays(n);
        expect(daysFromCivil(y, m, day)).toBe(n);
        expect(formatIsoDay(n)).toBe(new Date(n * 864e5).toISOString().slice(0, 10));
      }),
    );
  });

  it("addMonths clamps to the end of the month", () => {
    expect(formatIsoDay(addMonths(d("2024-01-31"), 1))).toBe("2024-02-29");
    expect(formatIsoDay(addMonths(d("2023-01-31"), 1))).toBe("2023-02-28");
    expect(formatIsoDay(addMonths(d("2016-02-29"), 12))).toBe("2017-02-28");
    expect(formatIsoDay(addMonths(d("2016-02-29"), 96))).toBe("2024-02-29");
  });

  it("age is completed years", () => {
    expect(ageOn(d("2000-02-29"), d("2025-02-28"))).toBe(24);
    expect(ageOn(d("2000-02-29"), d("2025-03-01"))).toBe(25);
    expect(ageOn(d("1990-06-01"), d("2025-06-01"))).toBe(35);
    expect(ageOn(d("1990-06-02"), d("2025-06-01"))).toBe(34);
  });
});

describe("experience arithmetic", () => {
  const asOf = d("2025-06-01");

  it.each([
    ["2017-06-01", "2025-06-01"],
    ["2016-02-29", "2024-02-29"],
    ["2015-03-01", "2023-03-01"], // two leap days inside: days/365.25 would give 7.995
    ["2017-01-31", "2025-01-31"],
  ])("exactly 8 calendar years from %s to %s is 8.0", (s, e) => {
    expect(totalExperience([period(s, e)], asOf).years).toBe(8);
  });

  it("one day short of 8 years is under 8", () => {
    const y = totalExperience([period("2017-06-02", "2025-06-01")], asOf).years;
    expect(y).toBeLessThan(8);
    expect(y).toBeGreaterThan(7.99);
  });

  it("open-ended periods run to the assessment date; later periods are clipped", () => {
    expect(totalExperience([period("2017-06-01", null)], asOf).years).toBe(8);
    expect(totalExperience([period("2017-06-01", "2030-01-01")], asOf).years).toBe(8);
    expect(totalExperience([period("2026-01-01", null)], asOf).years).toBe(0);
  });

  it("overlapping and touching periods merge", () => {
    const r = totalExperience([period("2015-01-01", "2020-01-01"), period("2017-01-01", "2021-01-01"), period("2021-01-01", "2022-01-01")], asOf);
    expect(r.years).toBe(7);
    expect(r.merged.map((i) => [formatIsoDay(i.start), formatIsoDay(i.end)])).toEqual([["2015-01-01", "2022-01-01"]]);
  });

  it("disjoint periods add month-accurately", () => {
    const r = totalExperience([period("2010-01-01", "2014-01-01"), period("2015-07-15", "2019-07-15")], asOf);
    expect(r.years).toBe(8);
  });

  const arbPeriod = fc
    .tuple(fc.integer({ min: d("2000-01-01"), max: d("2025-12-31") }), fc.option(fc.integer({ min: 0, max: 4000 }), { nil: null }))
    .map(([start, len]) => ({ start, end: len === null ? null : start + len }));

  it("property: merged total is order-independent, at least the longest period and at most the sum", () => {
    fc.assert(
      fc.property(fc.array(arbPeriod, { maxLength: 6 }), (ps) => {
        const total = totalExperience(ps, asOf);
        const reversed = totalExperience([...ps].reverse(), asOf);
        expect(reversed.days).toBe(total.days);
        expect(reversed.months).toBeCloseTo(total.months, 9);
        const singles = ps.map((p) => totalExperience([p], asOf).days);
        expect(total.days).toBeGreaterThanOrEqual(Math.max(0, ...singles));
        expect(total.days).toBeLessThanOrEqual(singles.reduce((a, b) => a + b, 0));
        // merged intervals never overlap or touch
        total.merged.forEach((m, i) => {
          if (i > 0) expect(m.start).toBeGreaterThan(total.merged[i - 1]!.end);
        });
      }),
    );
  });

  it("property: month-accurate years stay within a day-or-two of days/365.25", () => {
    fc.assert(
      fc.property(fc.array(arbPeriod, { maxLength: 4 }), (ps) => {
        const t = totalExperience(ps, asOf);
        expect(Math.abs(t.years - t.days / 365.25)).toBeLessThan((3 * (t.merged.length + 1)) / 365);
      }),
    );
  });

  it("mergeIntervals drops empty intervals", () => {
    expect(mergeIntervals([{ start: 5, end: 5 }, { start: 7, end: 6 }])).toEqual([]);
  });
});
