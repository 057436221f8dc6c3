import { describe, expect, it } from "vitest";
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
});
