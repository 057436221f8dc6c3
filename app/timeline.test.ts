import { describe, expect, it } from "vitest";
import { describeEvent } from "./timeline";

describe("timeline wording", () => {
  it("says who a request for evidence was addressed to, and who answered", () => {
    expect(describeEvent({ type: "request_evidence", data: { items: 2 } })).toBe("Evidence requested (2 items); the review clock is paused");
    expect(describeEvent({ type: "request_evidence", data: { items: 1, addressee: "employer" } })).toMatch(/^Evidence requested from the sponsoring employer/);
    expect(describeEvent({ type: "answer_evidence", data: {} })).toBe("Evidence sent by the applicant; the officer checks it");
    expect(describeEvent({ type: "answer_evidence", data: { addressee: "employer" } })).toBe("Evidence sent by the sponsoring employer; the officer checks it");
    expect(describeEvent({ type: "answer_evidence", data: { addressee: "employer" } }, "ko")).toBe("초청 기업이 보완 서류를 제출함, 심사관이 확인함");
    expect(describeEvent({ type: "expire_evidence", data: { addressee: "employer" } })).toMatch(/employer's deadline/);
  });

  it("describes the employer's sponsorship events in words", () => {
    expect(describeEvent({ type: "sponsorship_changed", data: { fields: ["annualSalaryKrw"] } })).toMatch(/changed the confirmed job offer/);
    expect(describeEvent({ type: "sponsor_link_declined", data: {} }, "ko")).toBe("기업이 이 신청의 초청을 거절함");
  });
});
