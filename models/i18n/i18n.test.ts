import { describe, expect, it } from "vitest";
import { defineMessages, formatDate, formatDateTime, formatKrw, interpolate, localizeErrors, localizeMessage, negotiateLocale, translator } from ".";

describe("i18n", () => {
  it("picks the best supported language from Accept-Language, honouring q-values", () => {
    expect(negotiateLocale("ko-KR,ko;q=0.9,en;q=0.8")).toBe("ko");
    expect(negotiateLocale("en-US,en;q=0.9,ko;q=0.8")).toBe("en");
    expect(negotiateLocale("fr-FR,ko;q=0.5,en;q=0.4")).toBe("ko");
    expect(negotiateLocale("de,fr")).toBe("en");
    expect(negotiateLocale("en;q=0.1, ko;q=0.9")).toBe("ko");
    expect(negotiateLocale("ko;q=0")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale(";;,,q=")).toBe("en");
  });

  it("translates with values, falling back to English then to the key", () => {
    const c = defineMessages({ hello: "Hello {name}", n: "{count} cases" }, { hello: "{name}님, 안녕하세요", n: "사건 {count}건" });
    expect(translator("ko", c)("hello", { name: "Ada" })).toBe("Ada님, 안녕하세요");
    expect(translator("en", c)("n", { count: 3 })).toBe("3 cases");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("gives a model's English message in Korean when it is known, in English when not", () => {
    expect(localizeMessage("ko", "Some answers need correcting.")).toBe("일부 답변을 고쳐야 합니다.");
    expect(localizeMessage("en", "Some answers need correcting.")).toBe("Some answers need correcting.");
    expect(localizeMessage("ko", "A sentence nobody translated")).toBe("A sentence nobody translated");
    expect(localizeErrors("ko", { email: "Enter your e-mail address" })).toEqual({ email: "이메일 주소를 입력하세요" });
  });

  it("formats dates in Korea's time zone and won per locale", () => {
    // 2026-12-31T20:00Z is already 1 January in Seoul.
    expect(formatDate("en", new Date("2026-12-31T20:00:00Z"))).toBe("1 January 2027");
    expect(formatDate("ko", "2027-01-01")).toBe("2027년 1월 1일");
    expect(formatDate("en", "1990-05-17")).toBe("17 May 1990");
    expect(formatDateTime("en", "2026-12-03T05:05:00Z")).toMatch(/^3 Dec 2026, 14:05 KST$/);
    expect(formatKrw("en", 150_000_000)).toBe("₩150,000,000");
    expect(formatKrw("ko", 150_000_000)).toBe("150,000,000원");
  });
});
