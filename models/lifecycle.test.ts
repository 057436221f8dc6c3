import { describe, expect, it } from "vitest";
import { availableActions, caseStatuses, finalStatuses, planTransition, statusLabels, transitions, type CaseAction, type CaseStatus } from "./lifecycle";

describe("case lifecycle transition table", () => {
  it("allows exactly the documented path", () => {
    const path: [CaseAction, CaseStatus, Parameters<typeof planTransition>[2], CaseStatus][] = [
      ["submit", "draft", "applicant", "submitted"],
      ["await_sponsor", "submitted", "system", "awaiting_sponsor"],
      ["confirm_sponsorship", "awaiting_sponsor", "employer_admin", "screening"],
      ["complete_screening", "screening", "system", "in_review"],
      ["request_evidence", "in_review", "officer", "evidence_requested"],
      ["answer_evidence", "evidence_requested", "applicant", "in_review"],
      ["propose_decision", "in_review", "officer", "decision_pending"],
      ["return_decision", "decision_pending", "senior_officer", "in_review"],
      ["approve", "decision_pending", "senior_officer", "approved"],
      ["refuse", "decision_pending", "senior_officer", "refused"],
    ];
    for (const [action, from, actor, to] of path) expect(planTransition(action, from, actor)).toEqual({ ok: true, to });
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
