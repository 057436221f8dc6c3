import { describe, expect, it } from "vitest";
import { candidateInvite, previewProps as candidatePreview } from "./candidate-invite";
import { deadlineAlert, previewProps as alertPreview } from "./deadline-alert";
import { orgInvite, previewProps as orgPreview } from "./org-invite";
import { weeklyDigest, previewProps as digestPreview } from "./weekly-digest";

describe("employer e-mails", () => {
  it("invites a colleague with the link and the expiry, escaping what the inviter typed", () => {
    const en = orgInvite({ ...orgPreview, organizationName: "<i>Acme</i>" }, "en");
    expect(en.subject).toBe("Join <i>Acme</i> on TopTier");
    expect(en.html).toContain("&lt;i&gt;Acme&lt;/i&gt;");
    expect(en.html).not.toContain("<i>Acme</i>");
    expect(en.text).toContain(orgPreview.url);
    expect(en.text).toContain("as a member of");
    const ko = orgInvite({ ...orgPreview, role: "employer_admin" }, "ko");
    expect(ko.subject).toBe("Hanbit AI Labs에서 TopTier에 초대했습니다");
    expect(ko.text).toContain("관리자");
    expect(ko.text).toContain(orgPreview.expiresOn);
  });

  it("invites a candidate with the job, the company's message and the link", () => {
    const en = candidateInvite(candidatePreview, "en");
    expect(en.subject).toBe("Hanbit AI Labs invites you to apply for a Top-Tier visa");
    expect(en.text).toContain("Principal research scientist");
    expect(en.text).toContain("Their message: We look forward to working with you.");
    expect(en.html).toContain(`href="${candidatePreview.url}"`);
    expect(candidateInvite({ ...candidatePreview, message: null }, "en").text).not.toContain("Their message");
    expect(candidateInvite(candidatePreview, "ko").subject).toBe("Hanbit AI Labs에서 최우수인재 비자 신청을 요청했습니다");
  });

  it("warns of evidence due and of a visa expiring, with the days left, in both languages", () => {
    expect(deadlineAlert(alertPreview, "en").subject).toBe("Evidence due soon: TT-2026-000042");
    expect(deadlineAlert(alertPreview, "en").text).toContain("(in 7 days)");
    expect(deadlineAlert({ ...alertPreview, daysLeft: 1 }, "en").text).toContain("(in 1 day)");
    expect(deadlineAlert({ ...alertPreview, daysLeft: 0 }, "ko").text).toContain("오늘까지입니다");
    const visa = deadlineAlert({ ...alertPreview, kind: "visa_expiry" }, "ko");
    expect(visa.subject).toBe("비자 만료 예정: Ada Lovelace");
    expect(visa.text).toContain("7일 남았습니다");
  });

  it("sums up the week, listing the coming deadlines or saying there are none", () => {
    const en = weeklyDigest(digestPreview, "en");
    expect(en.subject).toBe("Your week on TopTier: Hanbit AI Labs");
    expect(en.text).toContain("Waiting for your company: 1 · In progress: 3 · Decided this week: 1");
    expect(en.text).toContain("- TT-2026-000042 Ada Lovelace: evidence due 12 December 2026");
    expect(weeklyDigest({ ...digestPreview, deadlines: [] }, "ko").text).toContain("앞으로 30일 안에 다가오는 기한이 없습니다.");
  });
});
