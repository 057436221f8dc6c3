import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { transitions } from "../models/lifecycle";
import { auditActionLabel, auditDetails, auditRoleLabel } from "./audit-labels";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Every `action: "area.name"` the models and routes write (dynamic ones are added by the test). */
function recordedActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        for (const line of readFileSync(file, "utf8").split("\n")) {
          if (!/\baction\b/.test(line)) continue;
          for (const m of line.matchAll(/"((?:account|audit|case|document|message|organization|policy|storage|template|user)\.[a-z_]+)"/g)) found.add(m[1]!);
        }
      }
    }
  };
  for (const dir of ["models", "app", "workers"]) walk(path.join(root, dir));
  return [...found];
}

/** A Latin word of four letters or more: English left in a Korean text (the e2e check's rule). */
const english = /[A-Za-z]{4,}/;

describe("the audit trail in words", () => {
  it("has an English and a Korean label for every action the models record", () => {
    const actions = [
      ...recordedActions(),
      ...Object.keys(transitions).map((a) => `case.${a}`),
      "case.sla_at_risk",
      "case.sla_overdue",
      "case.sponsor_link_accepted",
      "case.sponsor_link_declined",
    ];
    expect(actions.length).toBeGreaterThan(60);
    const missing = actions.filter((a) => !auditActionLabel("en", a) || !auditActionLabel("ko", a));
    expect(missing).toEqual([]);
    const untranslated = actions.filter((a) => english.test(auditActionLabel("ko", a)!));
    expect(untranslated).toEqual([]);
    expect(auditActionLabel("en", "case.view")).toBe("Case file opened");
    expect(auditActionLabel("ko", "case.view")).toBe("사건 서류철 열람");
    expect(auditActionLabel("ko", "something.new")).toBeNull();
  });

  it("names every role in both languages, and keeps an unknown one as stored", () => {
    expect(auditRoleLabel("en", "employer_admin")).toBe("employer admin");
    expect(auditRoleLabel("ko", "employer_admin")).toBe("기업 관리자");
    expect(auditRoleLabel("ko", "senior_officer")).toBe("선임 심사관");
    expect(auditRoleLabel("ko", "applicant")).toBe("신청인");
    expect(auditRoleLabel("ko", "auditor")).toBe("auditor");
  });

  it("reads a status change with its stages and screening outcome in the reader's language", () => {
    const data = { to: "in_review", from: "screening", outcome: "eligible", ruleset: "top-tier-f2@2025.2" };
    expect(auditDetails("en", "case.complete_screening", data)).toEqual([
      { key: "from", label: "Before", value: "Automated screening", code: false },
      { key: "to", label: "After", value: "In review by an officer", code: false },
      { key: "outcome", label: "Outcome", value: "eligible", code: false },
      { key: "ruleset", label: "Rule set", value: "top-tier-f2@2025.2", code: true },
    ]);
    expect(auditDetails("ko", "case.complete_screening", data)).toEqual([
      { key: "from", label: "변경 전", value: "자동 심사 중", code: false },
      { key: "to", label: "변경 후", value: "심사관 검토 중", code: false },
      { key: "outcome", label: "결과", value: "요건 충족", code: false },
      { key: "ruleset", label: "심사 규칙", value: "top-tier-f2@2025.2", code: true },
    ]);
  });

  it("reads an upload's document kind, cuts its hash and keeps identifiers as code", () => {
    const data = { kind: "degree_certificate", sha256: "2ec5eee99ef73e397547af9f55033e6c9ffc4e0746ad296a51e4a75e7", replaces: null, documentId: "f36ce2bb-3c24-416a-b402-feec53719d1e", checklistItem: "degree:0" };
    const ko = auditDetails("ko", "document.upload", data);
    expect(ko.map((d) => [d.label, d.value])).toEqual([
      ["서류 ID", "f36ce2bb-3c24-416a-b402-feec53719d1e"],
      ["종류", "학위증명서"],
      ["제출 서류 항목", "degree:0"],
      ["교체한 서류", "없음"],
      ["SHA-256", "2ec5eee99ef73e39…"],
    ]);
    expect(auditDetails("en", "document.upload", data).find((d) => d.key === "kind")?.value).toBe("Degree certificate");
  });

  it("reads a request for evidence, a review and a draft step with dates, counts and words", () => {
    const request = auditDetails("ko", "case.request_evidence", { from: "in_review", to: "evidence_requested", items: 3, deadline: "2026-12-20T14:59:59.000Z", addressee: "employer" });
    expect(request.find((d) => d.key === "deadline")?.value).toMatch(/^2026\. 12\. 20\./);
    expect(request.find((d) => d.key === "items")).toMatchObject({ label: "요청 항목 수", value: "3" });
    expect(request.find((d) => d.key === "addressee")).toMatchObject({ label: "요청 대상", value: "초청 기업" });
    const review = auditDetails("en", "document.review", { verdict: "rejected", previous: "pending", reason: "The scan is unreadable." });
    expect(review.map((d) => `${d.label}: ${d.value}`)).toEqual(["Verdict: rejected", "Reason: The scan is unreadable.", "Verdict before: not reviewed"]);
    expect(auditDetails("ko", "case.save_draft", { step: "achievements" })).toEqual([{ key: "step", label: "작성 단계", value: "논문·특허·수상", code: false }]);
    expect(auditDetails("ko", "case.note_add", { noteId: "n1", length: 1200 })[1]).toMatchObject({ label: "길이", value: "1,200자" });
  });

  it("reads a changed job offer field by field, before and after", () => {
    const data = { from: { annualSalaryKrw: 150000000, industry: "ai" }, to: { annualSalaryKrw: 180000000, industry: "robotics" } };
    expect(auditDetails("ko", "case.sponsorship_changed", data).map((d) => `${d.label}: ${d.value}`)).toEqual([
      "변경 전 · 연봉: 150,000,000원",
      "변경 전 · 산업 분야: 인공지능",
      "변경 후 · 연봉: 180,000,000원",
      "변경 후 · 산업 분야: 로봇",
    ]);
    expect(auditDetails("en", "case.sponsorship_changed", data)[0]).toMatchObject({ label: "Before · Annual salary", value: "₩150,000,000" });
  });

  it("reads the same key by what the action stored under it", () => {
    expect(auditDetails("ko", "policy.publish", { kind: "reference", key: "top100", version: "qs-2026.1", changed: ["entries.3.name", "entries.4"], changedCount: 2 }).map((d) => [d.label, d.value])).toEqual([
      ["종류", "참조 목록"],
      ["심사 규칙 또는 참조 목록", "top100"],
      ["버전", "qs-2026.1"],
      ["변경된 곳", "entries.3.name, entries.4"],
      ["변경 수", "2"],
    ]);
    expect(auditDetails("en", "case.letter_made", { key: "cases/x/letter.pdf", outcome: "approve", sizeBytes: 20480 }).map((d) => [d.label, d.value])).toEqual([
      ["Outcome", "approve"],
      ["Stored as", "cases/x/letter.pdf"],
      ["Size", "20 KB"],
    ]);
    expect(auditDetails("ko", "storage.orphans_removed", { count: 2 })[0]).toMatchObject({ label: "삭제한 파일 수", value: "2" });
    expect(auditDetails("ko", "organization.change_role", { userId: "u1", from: "employer_member", to: "employer_admin" }).map((d) => d.value)).toEqual(["기업 담당자", "기업 관리자", "u1"]);
  });

  it("keeps unknown keys readable, last, with their key as stored", () => {
    const data = { futureKey: "some value", count: 2, nested: { a: 1 }, outcome: "postponed", flag: true };
    const ko = auditDetails("ko", "case.view", data);
    expect(ko).toEqual([
      { key: "outcome", label: "결과", value: "postponed", code: true },
      { key: "count", label: "개수", value: "2", code: false },
      { key: "futureKey", label: null, value: "some value", code: false },
      { key: "nested", label: null, value: '{"a":1}', code: true },
      { key: "flag", label: null, value: "예", code: false },
    ]);
    expect(auditDetails("en", "case.view", { flag: false })).toEqual([{ key: "flag", label: null, value: "no", code: false }]);
    expect(auditDetails("en", "case.view", {})).toEqual([]);
    expect(auditDetails("en", "case.view", null)).toEqual([]);
  });

  it("shortens long typed text and long lists", () => {
    const long = "x".repeat(500);
    expect(auditDetails("en", "case.return_decision", { comment: long })[0]!.value).toHaveLength(200);
    const ids = Array.from({ length: 13 }, (_, i) => `m${i}`);
    expect(auditDetails("ko", "message.read", { messageIds: ids })[0]!.value).toBe("m0, m1, m2, m3, m4, m5, m6, m7, m8, m9 외 3건");
    expect(auditDetails("en", "message.read", { messageIds: ids })[0]!.value).toMatch(/m9 and 3 more$/);
  });
});
