import { describe, expect, it } from "vitest";
import { defineMessages, josa, resolveParticles, translator } from ".";

describe("Korean particles by the last syllable (issue 11 item 11)", () => {
  it("follows the final consonant of a Hangul syllable, ㄹ taking 로", () => {
    expect(["책", "사과"].map((w) => josa(w, "은/는"))).toEqual(["책은", "사과는"]);
    expect(["신청인", "회사"].map((w) => josa(w, "이/가"))).toEqual(["신청인이", "회사가"]);
    expect(["여권", "서류"].map((w) => josa(w, "을/를"))).toEqual(["여권을", "서류를"]);
    expect(["홍길동", "김하나"].map((w) => josa(w, "와/과"))).toEqual(["홍길동과", "김하나와"]);
    expect(["부산", "서울", "회사"].map((w) => josa(w, "으로/로"))).toEqual(["부산으로", "서울로", "회사로"]);
  });

  it("reads digits and Latin words as they are said", () => {
    expect(["3", "2", "7", "10", "100", "2020", "0"].map((w) => josa(w, "을/를"))).toEqual(["3을", "2를", "7을", "10을", "100을", "2020을", "0을"]);
    expect(["E-7", "1", "6"].map((w) => josa(w, "으로/로"))).toEqual(["E-7로", "1로", "6으로"]);
    expect(["user@example.test", "AI", "Gmail", "Kim", "TopTier"].map((w) => josa(w, "이/가"))).toEqual(["user@example.test가", "AI가", "Gmail이", "Kim이", "TopTier가"]);
    expect(josa('"인공지능"', "은/는")).toBe('"인공지능"은');
    expect(josa('"AI"', "은/는")).toBe('"AI"는');
  });

  it("resolves both-ways markers after the value that was put in", () => {
    expect(resolveParticles("버전 3을(를) 게시했습니다.")).toBe("버전 3을 게시했습니다.");
    expect(resolveParticles("a@b.test(으)로 보냈습니다.")).toBe("a@b.test로 보냈습니다.");
    expect(resolveParticles("홍길동와(과)의 혼인증명서")).toBe("홍길동과의 혼인증명서");
    expect(resolveParticles("김하나이(가) 보냈습니다")).toBe("김하나가 보냈습니다");
    // A marker with nothing before it (or after a space) is left as written.
    expect(resolveParticles("(으)로 시작")).toBe("(으)로 시작");
  });

  it("is applied by the Korean translator, not the English one", () => {
    const c = defineMessages({ sent: "Sent to {email}." }, { sent: "{email}(으)로 보냈습니다." });
    expect(translator("ko", c)("sent", { email: "ada@example.test" })).toBe("ada@example.test로 보냈습니다.");
    expect(translator("ko", c)("sent", { email: "김민" })).toBe("김민으로 보냈습니다.");
    expect(translator("en", c)("sent", { email: "ada@example.test" })).toBe("Sent to ada@example.test.");
  });
});
