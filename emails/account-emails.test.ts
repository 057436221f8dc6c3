import { describe, expect, it } from "vitest";
import { accountExists, previewProps as existsPreview } from "./account-exists";
import { passwordChanged, previewProps as changedPreview } from "./password-changed";
import { passwordReset, previewProps as resetPreview } from "./password-reset";

describe("account e-mails", () => {
  it("renders the reset link in English and Korean, as HTML and text, escaping the name", () => {
    const en = passwordReset({ ...resetPreview, name: "<b>Ada</b>" }, "en");
    expect(en.subject).toBe("Reset your TopTier password");
    expect(en.text).toContain(resetPreview.url);
    expect(en.text).toMatch(/1 hour/);
    expect(en.html).toContain(`href="${resetPreview.url}"`);
    expect(en.html).toContain("&lt;b&gt;Ada&lt;/b&gt;");
    expect(en.html).not.toContain("<b>Ada</b>");
    const ko = passwordReset(resetPreview, "ko");
    expect(ko.subject).toBe("TopTier 비밀번호 재설정");
    expect(ko.text).toContain("1시간");
    expect(ko.html).toContain('lang="ko"');
    expect(ko.text).toContain(resetPreview.url);
  });

  it("renders the password-changed notice with when it happened and where to reset", () => {
    const en = passwordChanged(changedPreview, "en");
    expect(en.subject).toBe("Your TopTier password was changed");
    expect(en.text).toContain(changedPreview.when);
    expect(en.text).toContain(changedPreview.forgotUrl);
    const ko = passwordChanged(changedPreview, "ko");
    expect(ko.subject).toBe("TopTier 비밀번호가 변경되었습니다");
    expect(ko.html).toContain(changedPreview.forgotUrl);
  });

  it("renders the account-exists notice (issue 17 item 7) with where to sign in and to reset, in both languages", () => {
    for (const locale of ["en", "ko"] as const) {
      const mail = accountExists(existsPreview, locale);
      expect(mail.subject).toBe(locale === "en" ? "You already have a TopTier account" : "TopTier 계정이 이미 있습니다");
      expect(mail.text).toContain(existsPreview.signInUrl);
      expect(mail.text).toContain(existsPreview.forgotUrl);
      expect(mail.html).toContain(`href="${existsPreview.forgotUrl}"`);
      expect(mail.html).toContain(`lang="${locale}"`);
    }
  });
});
