/** Shared pieces of every e-mail: escaping, the HTML frame, the locale type. */
export type Locale = "en" | "ko";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Paragraphs (plain text) and an optional call to action, as HTML and as text. */
export function renderEmail(locale: Locale, subject: string, paragraphs: string[], action?: { label: string; url: string }): RenderedEmail {
  const footer =
    locale === "ko"
      ? "TopTier 최우수인재 비자 포털에서 보낸 메일입니다. 이 메일에 회신하지 마세요."
      : "Sent by the TopTier talent visa portal. Please do not reply to this e-mail.";
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem;margin:0 auto;padding:1rem">
<h1 style="font-size:1.25rem">${escapeHtml(subject)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:.6rem 1rem;background:#0b4ea2;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p>` : ""}
<p style="color:#555;font-size:.85rem">${escapeHtml(footer)}</p>
</body></html>`;
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), "", "--", footer].join("\n\n");
  return { subject, html, text };
}
