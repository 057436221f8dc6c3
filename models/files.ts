/**
 * File checks that do not trust the client: the type comes from the first bytes
 * (magic numbers), never from the name or the browser's Content-Type.
 */
export const acceptedTypes = {
  "application/pdf": { label: "PDF", ext: "pdf" },
  "image/png": { label: "PNG image", ext: "png" },
  "image/jpeg": { label: "JPEG image", ext: "jpg" },
} as const;
export type AcceptedType = keyof typeof acceptedTypes;

export function sniffContentType(bytes: Uint8Array): AcceptedType | null {
  const starts = (sig: number[], offset = 0) => bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last
 * path segment only, no control characters, at most 150 characters.
 */
export function safeFilename(name: string, fallbackExt = "bin"): string {
  const last = name.split(/[\\/]/).pop() ?? "";
  const cleaned = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, "")
    // Bidirectional overrides make "gpj.exe" read as "exe.jpg": drop them.
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(-150);
  return cleaned || `document.${fallbackExt}`;
}

/** The extensions each accepted type may carry. */
const extensionsOf: Record<AcceptedType, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
};

/**
 * The stored name of an upload: neutralised by `safeFilename`, and ending in an
 * extension that matches what the content is (a PDF named "cv.exe" is kept as
 * "cv.exe.pdf"), so that a download never opens as something else.
 */
export function storedFilename(name: string, type: AcceptedType): string {
  const safe = safeFilename(name, acceptedTypes[type].ext);
  const ext = /\.([A-Za-z0-9]+)$/.exec(safe)?.[1]?.toLowerCase();
  if (ext && extensionsOf[type].includes(ext)) return safe;
  return `${safe.slice(0, 145)}.${acceptedTypes[type].ext}`;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string, disposition: "inline" | "attachment" = "attachment"): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A size limit as people read it: "10 MB", "64 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
