import { describe, expect, it } from "vitest";
import type { SlaTargets } from "../sla";
import { estimateRange, type EstimateFacts } from "./estimate";

/** A8: the estimate's pure core, on a controlled clock and fixed targets. */
const now = new Date("2026-03-02T00:00:00Z");
const DAY = 864e5;
const targets: SlaTargets = {
  id: "sla-targets",
  version: "test.1",
  atRiskShare: 0.75,
  stages: { screening: 24, in_review: 240, decision_pending: 72 },
  clocks: { evidence_requested: "in_review", evidence_received: "in_review" },
};
const facts = (f: Partial<EstimateFacts>): EstimateFacts => ({
  status: "in_review",
  elapsedMs: 0,
  ahead: 0,
  assigned: false,
  finishedInWindow: 0,
  windowDays: 28,
  evidenceDeadline: null,
  ...f,
});

describe("estimateRange", () => {
  it("gives nothing for drafts and closed cases", () => {
    for (const status of ["draft", "approved", "refused", "withdrawn"] as const) expect(estimateRange(facts({ status }), now, targets)).toBeNull();
  });

  it("without throughput, spans half to all of the time left, plus later stages at half to full target", () => {
    // in review for 4 of its 10 days: 6 left (3 to 6), then the 3-day second review (1.5 to 3): 4.5 to 9 days.
    const e = estimateRange(facts({ elapsedMs: 4 * DAY }), now, targets)!;
    expect(e.fromDays).toBe(4);
    expect(e.toDays).toBe(9);
    expect(e.earliest).toBe(new Date(now.getTime() + 4 * DAY).toISOString());
    expect(e.latest).toBe(new Date(now.getTime() + 9 * DAY).toISOString());
    expect(e.basis).toMatchObject({ stage: "in_review", stageTargetDays: 10, queue: null, waitingOn: "office", later: [{ stage: "decision_pending", targetDays: 3 }], targetsVersion: "test.1" });
  });

  it("uses the queue ahead at the recent pace when the case waits in a queue", () => {
    // 28 finished in 28 days = 1 a day; 19 ahead: about 20 days, beyond the 10-day target: 10 to 20, plus 1.5 to 3.
    const long = estimateRange(facts({ ahead: 19, finishedInWindow: 28 }), now, targets)!;
    expect([long.fromDays, long.toDays]).toEqual([11, 23]);
    expect(long.basis.queue).toEqual({ ahead: 19, finished: 28, windowDays: 28 });
    // A short queue brings the early end forward: 1 ahead at 1 a day is 2 days (2 to 10, plus 1.5 to 3).
    const short = estimateRange(facts({ ahead: 1, finishedInWindow: 28 }), now, targets)!;
    expect([short.fromDays, short.toDays]).toEqual([3, 13]);
    // More cases ahead never makes the estimate earlier.
    expect(long.fromDays).toBeGreaterThan(short.fromDays);
  });

  it("ignores the queue once an officer has the case", () => {
    const e = estimateRange(facts({ ahead: 50, finishedInWindow: 28, assigned: true }), now, targets)!;
    expect(e.basis.queue).toBeNull();
    expect([e.fromDays, e.toDays]).toEqual([6, 13]);
  });

  it("adds the time to the evidence deadline to the late end only", () => {
    const deadline = new Date(now.getTime() + 14 * DAY);
    const e = estimateRange(facts({ status: "evidence_requested", elapsedMs: 2 * DAY, evidenceDeadline: deadline }), now, targets)!;
    // 8 days left on review (4 to 8) + 14 to the deadline on the late end + 1.5 to 3.
    expect([e.fromDays, e.toDays]).toEqual([5, 25]);
    expect(e.basis.waitingOn).toBe("applicant");
  });

  it("counts from today while the sponsor has not confirmed, through every office stage", () => {
    const e = estimateRange(facts({ status: "awaiting_sponsor" }), now, targets)!;
    expect(e.basis.waitingOn).toBe("sponsor");
    expect(e.basis.stageTargetDays).toBeNull();
    expect(e.basis.later.map((l) => l.stage)).toEqual(["screening", "in_review", "decision_pending"]);
    // 0.5 + 5 + 1.5 = 7 to 1 + 10 + 3 = 14.
    expect([e.fromDays, e.toDays]).toEqual([7, 14]);
  });

  it("an overdue stage still gives a range at least a day wide", () => {
    const e = estimateRange(facts({ status: "decision_pending", elapsedMs: 10 * DAY }), now, targets)!;
    expect(e.basis.later).toEqual([]);
    expect(e.fromDays).toBe(0);
    expect(e.toDays).toBe(1);
  });

  it("evidence received runs on the review clock", () => {
    const e = estimateRange(facts({ status: "evidence_received", elapsedMs: 4 * DAY }), now, targets)!;
    expect(e.basis.stage).toBe("in_review");
    expect([e.fromDays, e.toDays]).toEqual([4, 9]);
  });
});
