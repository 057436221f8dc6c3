import { describe, expect, it } from "vitest";
import { csvCell, dashboardCsv, sortDashboard, type DashboardRow } from "./case/employer-dashboard";
import { visaExpiryFor } from "./case/sponsorship";
import { crossedLeadTime, digestWeekDue, dueAlerts, isoWeek, kstDay, visaHorizon } from "./employer-alerts";
import { alertSettingsSchema, formatRegistrationNumber, isValidRegistrationNumber, organizationSignUpSchema, parseDayList } from "./organization";

describe("business registration number (사업자등록번호) check digit", () => {
  it("accepts numbers whose tenth digit matches the weighted sum", () => {
    expect(isValidRegistrationNumber("1248100998")).toBe(true); // a well-known real number
    expect(isValidRegistrationNumber("124-81-00998")).toBe(true);
    expect(isValidRegistrationNumber("1208147521")).toBe(true); // the demo company
    expect(isValidRegistrationNumber("2208111115")).toBe(true);
    expect(isValidRegistrationNumber("2118700009")).toBe(true);
  });

  it("refuses a wrong check digit, any other length and non-digits", () => {
    for (let d = 0; d <= 9; d++) if (d !== 8) expect(isValidRegistrationNumber(`124810099${d}`)).toBe(false);
    expect(isValidRegistrationNumber("1208147522")).toBe(false);
    expect(isValidRegistrationNumber("124810099")).toBe(false);
    expect(isValidRegistrationNumber("12481009980")).toBe(false);
    expect(isValidRegistrationNumber("12a8100998")).toBe(false);
    expect(isValidRegistrationNumber("")).toBe(false);
  });

  it("counts the carry of the ninth digit times five (a sum without it would pass a wrong number)", () => {
    // 9th digit 9: 9*5 = 45 adds 4 beyond the weighted sum; the right check digit of 124810099 is 8, not 2.
    expect(isValidRegistrationNumber("1248100992")).toBe(false);
  });

  it("says why a number is refused, and formats a valid one", () => {
    const base = { companyName: "Acme", industry: "ai", name: "Kim", email: "kim@acme.test", password: "long enough pw" };
    const short = organizationSignUpSchema.safeParse({ ...base, registrationNumber: "12345" });
    expect(short.success || short.error.issues[0]!.message).toMatch(/10 digits/);
    const wrong = organizationSignUpSchema.safeParse({ ...base, registrationNumber: "124-81-00990" });
    expect(wrong.success || wrong.error.issues[0]!.message).toMatch(/not valid/);
    const ok = organizationSignUpSchema.parse({ ...base, registrationNumber: "124-81-00998" });
    expect(ok.registrationNumber).toBe("1248100998");
    expect(formatRegistrationNumber("1248100998")).toBe("124-81-00998");
  });
});

describe("alert settings", () => {
  it("reads day lists, sorts and dedupes them, and refuses nonsense", () => {
    expect(alertSettingsSchema.parse({ evidenceDueDays: parseDayList("2, 7,7"), visaExpiryDays: parseDayList("30 90") })).toEqual({ evidenceDueDays: [7, 2], visaExpiryDays: [90, 30] });
    expect(alertSettingsSchema.safeParse({ evidenceDueDays: parseDayList(""), visaExpiryDays: [30] }).success).toBe(false);
    expect(alertSettingsSchema.safeParse({ evidenceDueDays: parseDayList("0"), visaExpiryDays: [30] }).success).toBe(false);
    expect(alertSettingsSchema.safeParse({ evidenceDueDays: parseDayList("abc"), visaExpiryDays: [30] }).success).toBe(false);
    expect(alertSettingsSchema.safeParse({ evidenceDueDays: [7], visaExpiryDays: parseDayList("400") }).success).toBe(false);
  });
});

describe("what is due for a given now (E5)", () => {
  const now = new Date("2026-11-30T01:00:00Z"); // Monday 10:00 KST
  const settings = { evidenceDueDays: [7, 2], visaExpiryDays: [90, 30] };
  const ev = (deadline: string) => ({ requestId: "r1", caseId: "c1", receiptNumber: "TT-1", applicantName: "Ada", deadline: new Date(deadline) });

  it("gives the smallest lead time already crossed, nothing before the first or after the deadline", () => {
    const day = 864e5;
    expect(crossedLeadTime([7, 2], new Date(now.getTime() + 8 * day), now)).toBeNull();
    expect(crossedLeadTime([7, 2], new Date(now.getTime() + 7 * day), now)).toBe(7);
    expect(crossedLeadTime([7, 2], new Date(now.getTime() + 3 * day), now)).toBe(7);
    expect(crossedLeadTime([7, 2], new Date(now.getTime() + 1 * day), now)).toBe(2);
    expect(crossedLeadTime([7, 2], new Date(now.getTime() - 1), now)).toBeNull();
  });

  it("keys each alert by what it is about and the lead time, so each is sent once", () => {
    const a = dueAlerts(now, settings, { evidence: [ev("2026-12-05T14:59:59Z")], visas: [] });
    expect(a).toEqual([expect.objectContaining({ kind: "evidence_due", key: "employer-alert:evidence:r1:7", dueOn: "2026-12-05", daysLeft: 5, leadDays: 7 })]);
    const later = dueAlerts(new Date("2026-12-04T01:00:00Z"), settings, { evidence: [ev("2026-12-05T14:59:59Z")], visas: [] });
    expect(later[0]!.key).toBe("employer-alert:evidence:r1:2");
    const visa = dueAlerts(now, settings, { evidence: [], visas: [{ caseId: "c2", receiptNumber: "TT-2", applicantName: "Bo", expiresOn: "2027-02-01" }] });
    expect(visa).toEqual([expect.objectContaining({ kind: "visa_expiry", key: "employer-alert:visa:c2:2027-02-01:90", daysLeft: 63 })]);
    expect(dueAlerts(now, settings, { evidence: [], visas: [{ caseId: "c2", receiptNumber: "TT-2", applicantName: "Bo", expiresOn: "2027-06-01" }] })).toEqual([]);
  });

  it("makes the weekly digest due once per ISO week from Monday 09:00 KST", () => {
    expect(digestWeekDue(new Date("2026-11-29T23:30:00Z"))).toBeNull(); // Monday 08:30 KST
    expect(digestWeekDue(new Date("2026-11-30T00:00:00Z"))).toBe("2026-W49");
    expect(digestWeekDue(new Date("2026-12-03T12:00:00Z"))).toBe("2026-W49");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2026-01-01")).toBe("2026-W01");
    expect(kstDay(new Date("2026-12-31T20:00:00Z"))).toBe("2027-01-01");
  });

  it("loads only the visas that any lead time can reach: up to today in Korea plus the longest lead, and a day more", () => {
    expect(visaHorizon(new Date("2026-12-31T20:00:00Z"), { evidenceDueDays: [7], visaExpiryDays: [30, 90] })).toBe("2027-04-02");
    expect(visaHorizon(new Date("2026-11-28T03:00:00Z"), null)).toBe("2027-02-27");
    // Every alert dueAlerts would send for a visa lies within the horizon.
    const now = new Date("2026-11-28T03:00:00Z");
    const horizon = visaHorizon(now, null);
    for (let d = 0; d < 400; d++) {
      const expiresOn = kstDay(new Date(now.getTime() + d * 864e5));
      const due = dueAlerts(now, null, { evidence: [], visas: [{ caseId: "c", receiptNumber: "r", applicantName: "n", expiresOn }] });
      if (due.length) expect(expiresOn <= horizon, expiresOn).toBe(true);
    }
  });

  it("dates the visa's expiry from the approval day in Korea", () => {
    expect(visaExpiryFor(new Date("2026-03-10T03:00:00Z"))).toBe("2031-03-09");
    expect(visaExpiryFor(new Date("2026-03-09T20:00:00Z"))).toBe("2031-03-09"); // already 10 March in Seoul
    expect(visaExpiryFor(new Date("2028-02-29T03:00:00Z"))).toBe("2033-02-27");
  });
});

describe("CSV export", () => {
  const row = (over: Partial<DashboardRow>): DashboardRow => ({
    id: "1",
    receiptNumber: "TT-2026-000001",
    applicant: "Ada",
    jobTitle: "Scientist",
    status: "in_review",
    since: "2026-11-01T00:00:00.000Z",
    daysInStage: 3,
    nextDeadline: null,
    actsNext: "office",
    submittedAt: "2026-10-30T00:00:00.000Z",
    visaExpiresOn: null,
    ...over,
  });

  it("neutralises cells a spreadsheet would run as formulas and quotes what needs it", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("Kim, Minji")).toBe(`"Kim, Minji"`);
    expect(csvCell("김민지")).toBe("김민지");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    const csv = dashboardCsv([row({ applicant: "=cmd|' /C calc'!A0" }), row({ applicant: "김민지", receiptNumber: "TT-2026-000002" })], {
      headers: ["R", "A", "J", "S", "D", "N", "K", "W", "Sub"],
      stage: (s) => s,
      actor: (a) => a,
      deadlineKind: (k) => k,
    });
    expect(csv.startsWith("\uFEFFR,A,J,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe("TT-2026-000001,'=cmd|' /C calc'!A0,Scientist,in_review,3,,,office,2026-10-30");
    expect(lines[2]).toContain("김민지");
  });

  it("sorts by the next deadline with undated cases last", () => {
    const rows = [row({ id: "a", receiptNumber: "A" }), row({ id: "b", receiptNumber: "B", nextDeadline: { kind: "evidence", at: "2026-12-01T00:00:00Z" } })];
    expect(sortDashboard(rows, "deadline").map((r) => r.id)).toEqual(["b", "a"]);
    expect(sortDashboard(rows, "nonsense").map((r) => r.id)).toEqual(["a", "b"]);
  });
});
