import { describe, expect, it } from "vitest";
import { localizeMessage } from "./i18n";
import { availableActions, caseStatuses, finalStatuses, planTransition, statusLabels, transitions, type CaseAction, type CaseStatus } from "./lifecycle";

describe("case lifecycle transition table", () => {
  it("allows exactly the documented path", () => {
    const path: [CaseAction, CaseStatus, Parameters<typeof planTransition>[2], CaseStatus][] = [
      ["submit", "draft", "applicant", "submitted"],
      ["await_sponsor", "submitted", "system", "awaiting_sponsor"],
      ["confirm_sponsorship", "awaiting_sponsor", "employer_admin", "screening"],
      ["complete_screening", "screening", "system", "in_review"],
      ["request_evidence", "in_review", "officer", "evidence_requested"],
      ["answer_evidence", "evidence_requested", "applicant", "evidence_received"],
      ["resume_review", "evidence_received", "officer", "in_review"],
      ["expire_evidence", "evidence_requested", "system", "in_review"],
      ["propose_decision", "in_review", "officer", "decision_pending"],
      ["return_decision", "decision_pending", "senior_officer", "in_review"],
      ["approve", "decision_pending", "senior_officer", "approved"],
      ["refuse", "decision_pending", "senior_officer", "refused"],
    ];
    for (const [action, from, actor, to] of path) expect(planTransition(action, from, actor)).toEqual({ ok: true, to });
  });

  it("gives an answered request its own stage: the officer resumes, asks again or decides from there", () => {
    expect(availableActions("evidence_received", "officer").sort()).toEqual(["propose_decision", "request_evidence", "resume_review"]);
    expect(availableActions("evidence_received", "senior_officer").sort()).toEqual(["propose_decision", "request_evidence", "resume_review"]);
    expect(availableActions("evidence_received", "applicant")).toEqual(["withdraw"]);
    expect(availableActions("evidence_received", "system")).toEqual([]);
    // The expiry goes back to review (flagged), never to "evidence received".
    expect(planTransition("expire_evidence", "evidence_requested", "system")).toEqual({ ok: true, to: "in_review" });
    expect(planTransition("resume_review", "in_review", "officer")).toMatchObject({ ok: false, reason: "wrong_state" });
    expect(planTransition("answer_evidence", "evidence_received", "applicant")).toMatchObject({ ok: false, reason: "wrong_state" });
    expect(planTransition("resume_review", "evidence_received", "applicant")).toMatchObject({ ok: false, reason: "wrong_actor" });
  });

  it("words every refusal in Korean too", () => {
    for (const [action, from, actor] of [
      ["resume_review", "in_review", "officer"],
      ["approve", "evidence_received", "senior_officer"],
      ["answer_evidence", "evidence_requested", "officer"],
    ] as const) {
      const check = planTransition(action, from, actor);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(localizeMessage("ko", check.message)).toMatch(/[가-힣].*할 수 없습니다\.$/);
    }
    const wrongState = planTransition("resume_review", "in_review", "officer");
    expect(!wrongState.ok && localizeMessage("ko", wrongState.message)).toBe("이 사건은 현재 ‘심사관 검토 중’ 단계이므로 지금은 심사를 재개할 수 없습니다.");
  });

  it("refuses wrong actors and wrong states with a reason", () => {
    expect(planTransition("confirm_sponsorship", "awaiting_sponsor", "employer_member")).toMatchObject({ ok: false, reason: "wrong_actor" });
    expect(planTransition("approve", "decision_pending", "officer")).toMatchObject({ ok: false, reason: "wrong_actor" });
    expect(planTransition("submit", "submitted", "applicant")).toMatchObject({ ok: false, reason: "wrong_state" });
    expect(planTransition("complete_screening", "screening", "applicant")).toMatchObject({ ok: false, reason: "wrong_actor" });
  });

  it("leaves no way out of a final state and lets the applicant withdraw every open submitted case", () => {
    for (const s of finalStatuses) {
      for (const actor of ["applicant", "employer_admin", "officer", "senior_officer", "admin", "system"] as const) {
        expect(availableActions(s, actor)).toEqual([]);
      }
    }
    for (const s of caseStatuses.filter((x) => !finalStatuses.includes(x) && x !== "draft")) {
      expect(planTransition("withdraw", s, "applicant").ok).toBe(true);
    }
  });

  it("reaches every status from draft and names each one in English and Korean", () => {
    const seen = new Set<CaseStatus>(["draft"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const rule of Object.values(transitions)) {
        if (rule.from.some((f) => seen.has(f)) && !seen.has(rule.to)) {
          seen.add(rule.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...caseStatuses].sort());
    for (const s of caseStatuses) {
      expect(statusLabels[s].en.length).toBeGreaterThan(0);
      expect(statusLabels[s].ko).toMatch(/[가-힣]/);
    }
  });
});
