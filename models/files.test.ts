import { describe, expect, it } from "vitest";
import { contentDisposition, formatSize, safeFilename, sniffContentType } from "./files";

describe("file checks", () => {
  it("decides the type by content, not by name", () => {
    expect(sniffContentType(new TextEncoder().encode("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffContentType(new Uint8Array([0x4d, 0x5a, 0x90]))).toBeNull(); // a Windows executable
    expect(sniffContentType(new TextEncoder().encode("%PDF"))).toBeNull(); // too short to be a PDF header
    expect(sniffContentType(new Uint8Array())).toBeNull();
  });

  it("neutralises file names with path separators and control characters", () => {
    expect(safeFilename("../../etc/passwd")).toBe("passwd");
    expect(safeFilename("C:\\Users\\ada\\passport.pdf")).toBe("passport.pdf");
    expect(safeFilename('a"b\u0000c<>.pdf')).toBe("abc.pdf");
    expect(safeFilename("...", "pdf")).toBe("document.pdf");
    expect(safeFilename("x".repeat(300) + ".pdf").length).toBe(150);
  });

  it("builds a Content-Disposition header that cannot be broken out of", () => {
    expect(contentDisposition("여권 사본.pdf")).toBe(`attachment; filename="__ __.pdf"; filename*=UTF-8''%EC%97%AC%EA%B6%8C%20%EC%82%AC%EB%B3%B8.pdf`);
    expect(contentDisposition('a";x=1.pdf', "inline")).toMatch(/^inline; filename="a_;x=1.pdf"/);
  });

  it("formats limits as people read them", () => {
    expect(formatSize(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatSize(64 * 1024)).toBe("64 KB");
  });
});

describe("content disposition encoding", () => {
  it("percent-encodes the characters RFC 5987 does not allow bare", () => {
    expect(contentDisposition("it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
  });
});

describe("stored file names", () => {
  it("end in an extension that matches the content, and lose bidirectional overrides", async () => {
    const { storedFilename } = await import("./files");
    expect(storedFilename("cv.pdf", "application/pdf")).toBe("cv.pdf");
    expect(storedFilename("photo.JPEG", "image/jpeg")).toBe("photo.JPEG");
    expect(storedFilename("setup.exe", "application/pdf")).toBe("setup.exe.pdf");
    expect(storedFilename("scan", "image/png")).toBe("scan.png");
    expect(storedFilename("invoice\u202Efdp.exe", "application/pdf")).toBe("invoicefdp.exe.pdf");
    expect(storedFilename("../../x/../", "application/pdf")).toBe("document.pdf");
    expect(storedFilename("y".repeat(300), "application/pdf").length).toBeLessThanOrEqual(150);
  });
});
