import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { eq } from "drizzle-orm";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { AppError } from "../errors";
import type { Db } from "../platform/db";
import type { DocumentStorage } from "../platform/storage";
import { cases, type Case } from "../schema/cases";
import { loadCaseFor, loadCaseForSystem } from "./core";

/**
 * O6: the decision letter, a PDF in English and Korean made once a decision is
 * confirmed (job `letter.make`), stored beside the case's documents and offered to
 * the applicant and the officers.
 *
 * Korean needs a font with Hangul glyphs (the standard PDF fonts have none): Noto Sans
 * KR (SIL Open Font License) from the npm package @expo-google-fonts/noto-sans-kr, a
 * TrueType font that also covers Latin, so one family serves both languages. Only the
 * glyphs used are embedded (subset), which keeps a letter to a few tens of kilobytes.
 */
const require = createRequire(import.meta.url);
const fontFiles = {
  regular: "@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf",
} as const;
const fontCache = new Map<keyof typeof fontFiles, Promise<Uint8Array>>();

function fontBytes(which: keyof typeof fontFiles): Promise<Uint8Array> {
  let bytes = fontCache.get(which);
  if (!bytes) {
    bytes = readFile(require.resolve(fontFiles[which])).then(padGlyphs);
    bytes.catch(() => fontCache.delete(which));
    fontCache.set(which, bytes);
  }
  return bytes;
}

/**
 * Rewrite a TrueType font so that every glyph's data has a length that is a multiple
 * of 4, with a long-format `loca` table. Why: @pdf-lib/fontkit's subsetter copies each
 * glyph's bytes as they are and writes the subset's `loca` in the short format (offsets
 * halved) whenever the subset is under 64 KB. Noto Sans KR stores half its glyphs with
 * odd lengths, so the halved offsets of a subset point into the middle of glyphs and
 * PDF viewers draw nothing for most characters (the text still extracts correctly,
 * which is how this goes unnoticed). Padding the glyphs in the source keeps every
 * subset offset even. Table checksums are recomputed; the glyph outlines are untouched.
 */
export function padGlyphs(input: Uint8Array): Uint8Array {
  const src = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const numTables = src.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const offset = src.readUInt32BE(rec + 8);
    tables.set(src.toString("latin1", rec, rec + 4), src.subarray(offset, offset + src.readUInt32BE(rec + 12)));
  }
  const head = tables.get("head");
  const maxp = tables.get("maxp");
  const loca = tables.get("loca");
  const glyf = tables.get("glyf");
  if (!head || !maxp || !loca || !glyf) return input; // not a glyf-based TrueType font: leave it alone
  const longLoca = head.readInt16BE(50) === 1;
  const numGlyphs = maxp.readUInt16BE(4);
  const offsetOf = (i: number) => (longLoca ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
  const pad4 = (n: number) => (n + 3) & ~3;
  const newLoca = Buffer.alloc((numGlyphs + 1) * 4);
  let size = 0;
  for (let i = 0; i < numGlyphs; i++) {
    newLoca.writeUInt32BE(size, i * 4);
    size += pad4(offsetOf(i + 1) - offsetOf(i));
  }
  newLoca.writeUInt32BE(size, numGlyphs * 4);
  const newGlyf = Buffer.alloc(size);
  for (let i = 0, at = 0; i < numGlyphs; i++) {
    glyf.copy(newGlyf, at, offsetOf(i), offsetOf(i + 1));
    at = newLoca.readUInt32BE((i + 1) * 4);
  }
  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50); // indexToLocFormat: long
  newHead.writeUInt32BE(0, 8); // checkSumAdjustment: set below
  tables.set("head", newHead).set("loca", newLoca).set("glyf", newGlyf);

  const checksum = (b: Buffer) => {
    let sum = 0;
    const padded = b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
    for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
    return sum;
  };
  const tags = [...tables.keys()].sort();
  const dirSize = 12 + tags.length * 16;
  let total = dirSize;
  for (const tag of tags) total += pad4(tables.get(tag)!.length);
  const out = Buffer.alloc(total);
  src.copy(out, 0, 0, 12);
  let offset = dirSize;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const rec = 12 + i * 16;
    out.write(tag, rec, "latin1");
    out.writeUInt32BE(checksum(data), rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(data.length, rec + 12);
    data.copy(out, offset);
    offset += pad4(data.length);
  });
  const headAt = out.readUInt32BE(12 + tags.indexOf("head") * 16 + 8);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * fontkit as pdf-lib uses it, keeping each parsed font: parsing Noto Sans KR and its
 * layout tables takes about a second, and a worker makes many letters. fontkit fonts
 * are read-only once parsed; every document still gets its own subset.
 */
type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit["create"]>>();
const cachingFontkit: Fontkit = {
  create(bytes: Uint8Array) {
    let font = parsedFonts.get(bytes);
    if (!font) parsedFonts.set(bytes, (font = fontkit.create(bytes)));
    return font;
  },
};

export interface LetterData {
  receiptNumber: string;
  applicantName: string;
  passportNumber: string;
  outcome: "approve" | "refuse";
  decidedAt: Date;
  reasons: string;
}

/** The decision date as people in Korea read it (the service's time zone), YYYY-MM-DD. */
export function letterDate(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

const nextSteps: Record<LetterData["outcome"], { en: string[]; ko: string[] }> = {
  approve: {
    en: [
      "1. Within three months of the date of this letter, apply for the visa at a Korean embassy or consulate, bringing your passport and this letter (quote the receipt number).",
      "2. After you enter Korea, register as a foreign resident (alien registration) at the immigration office for your address within 90 days of entry.",
      "3. Your sponsoring employer has been told of this decision. Report any change of employer, position or address to the immigration office as the law requires.",
    ],
    ko: [
      "1. 이 통지서 발급일로부터 3개월 이내에 여권과 이 통지서를 지참하여 대한민국 재외공관(대사관·영사관)에서 사증 발급을 신청하십시오. 신청 시 접수번호를 기재하십시오.",
      "2. 입국 후 90일 이내에 체류지 관할 출입국·외국인관서에서 외국인등록을 하십시오.",
      "3. 초청 기업에도 이 결정이 통보되었습니다. 근무처, 직위 또는 주소가 바뀌면 법령에 따라 출입국·외국인관서에 신고하십시오.",
    ],
  },
  refuse: {
    en: [
      "1. You may apply again once the reasons above no longer apply. A new application is assessed afresh and needs up-to-date evidence.",
      "2. If you believe this decision is wrong, you may file an administrative appeal or bring an administrative lawsuit within 90 days of the day you received this letter. Quote the receipt number.",
      "3. For questions, call the Immigration Contact Center on 1345 (from abroad +82-1345).",
    ],
    ko: [
      "1. 위 사유가 해소되면 다시 신청할 수 있습니다. 재신청은 새로 심사하며 최신 증빙서류가 필요합니다.",
      "2. 이 결정에 이의가 있으면 이 통지서를 받은 날부터 90일 이내에 행정심판을 청구하거나 행정소송을 제기할 수 있습니다. 접수번호를 기재하십시오.",
      "3. 문의: 외국인종합안내센터 전화 1345 (해외에서 +82-1345).",
    ],
  },
};

/** Characters a PDF text line cannot show (controls, tabs) become spaces. */
// eslint-disable-next-line no-control-regex
const clean = (s: string) => s.replace(/\t/g, "    ").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ");

/** Break one paragraph into lines that fit `width`: at spaces, or inside a word too long for a line. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let line = "";
  for (const word of clean(text).split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    let rest = word;
    while (rest && !fits(rest)) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n))) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Lays text out top to bottom on A4 pages, starting a new page when one is full. */
class Writer {
  private page!: PDFPage;
  private y = 0;
  static readonly width = 595.28;
  static readonly height = 841.89;
  static readonly margin = 56;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly footer: string,
  ) {
    this.newPage();
  }
  private newPage() {
    this.page = this.doc.addPage([Writer.width, Writer.height]);
    this.y = Writer.height - Writer.margin;
    this.page.drawText(this.footer, { x: Writer.margin, y: 28, size: 8, font: this.fonts.regular, color: rgb(0.4, 0.4, 0.4) });
  }
  private room(h: number) {
    if (this.y - h < Writer.margin) this.newPage();
  }
  gap(h: number) {
    this.y -= h;
  }
  text(s: string, opts: { size?: number; bold?: boolean; indent?: number; color?: [number, number, number] } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const x = Writer.margin + (opts.indent ?? 0);
    const lineHeight = size * 1.5;
    for (const paragraph of s.replace(/\r\n?/g, "\n").split("\n")) {
      for (const line of wrapText(paragraph, font, size, Writer.width - Writer.margin - x)) {
        this.room(lineHeight);
        this.y -= lineHeight;
        if (line) this.page.drawText(line, { x, y: this.y, size, font, color: rgb(...(opts.color ?? [0, 0, 0])) });
      }
    }
  }
  rule() {
    this.room(12);
    this.y -= 6;
    this.page.drawLine({ start: { x: Writer.margin, y: this.y }, end: { x: Writer.width - Writer.margin, y: this.y }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    this.y -= 6;
  }
  /** A label (English / Korean) and its value on one row. */
  row(en: string, ko: string, value: string) {
    const size = 10;
    this.room(size * 1.6);
    this.y -= size * 1.6;
    this.page.drawText(`${en} / ${ko}`, { x: Writer.margin, y: this.y, size, font: this.fonts.regular, color: rgb(0.3, 0.3, 0.3) });
    const x = Writer.margin + 190;
    const [first = "", ...more] = wrapText(value, this.fonts.bold, size, Writer.width - Writer.margin - x);
    this.page.drawText(first, { x, y: this.y, size, font: this.fonts.bold });
    for (const line of more) {
      this.room(size * 1.5);
      this.y -= size * 1.5;
      this.page.drawText(line, { x, y: this.y, size, font: this.fonts.bold });
    }
  }
}

/** Render the letter. Pure apart from reading the font files shipped with the package. */
export async function renderDecisionLetter(d: LetterData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit);
  const [regular, bold] = await Promise.all([
    fontBytes("regular").then((b) => doc.embedFont(b, { subset: true })),
    fontBytes("bold").then((b) => doc.embedFont(b, { subset: true })),
  ]);
  const approved = d.outcome === "approve";
  const date = letterDate(d.decidedAt);
  doc.setTitle(`Decision ${d.receiptNumber}`);
  doc.setSubject(approved ? "Top-Tier visa application approved" : "Top-Tier visa application refused");
  doc.setLanguage("en");
  doc.setCreator("TopTier");
  doc.setProducer("TopTier");
  doc.setCreationDate(d.decidedAt);
  doc.setModificationDate(d.decidedAt);

  const w = new Writer(doc, { regular, bold }, `TopTier · ${d.receiptNumber} · ${date}`);
  w.text("TopTier · Top-Tier visa programme / 탑티어 비자", { size: 9, color: [0.3, 0.3, 0.3] });
  w.gap(6);
  w.text("Decision on your Top-Tier visa application", { size: 16, bold: true });
  w.text("탑티어 비자 신청 결정 통지서", { size: 16, bold: true });
  w.rule();
  w.row("Receipt number", "접수번호", d.receiptNumber);
  w.row("Applicant", "신청인", d.applicantName);
  w.row("Passport number", "여권번호", d.passportNumber);
  w.row("Decision", "결정", approved ? "Approved / 승인" : "Refused / 불허");
  w.row("Date of decision", "결정일", date);
  w.rule();

  w.gap(4);
  w.text(approved ? "Your application is approved." : "Your application is refused.", { size: 11, bold: true });
  w.text(approved ? "귀하의 신청이 승인되었습니다." : "귀하의 신청이 불허되었습니다.", { size: 11, bold: true });
  w.gap(8);
  w.text("Reasons / 결정 사유", { size: 12, bold: true });
  w.gap(2);
  w.text(d.reasons);
  w.gap(8);
  w.text("Next steps", { size: 12, bold: true });
  w.gap(2);
  for (const line of nextSteps[d.outcome].en) w.text(line, { indent: 8 });
  w.gap(8);
  w.text("다음 절차", { size: 12, bold: true });
  w.gap(2);
  for (const line of nextSteps[d.outcome].ko) w.text(line, { indent: 8 });
  w.gap(12);
  w.rule();
  w.text(
    "This decision was recorded by an officer and confirmed by a second, senior officer. This letter was issued electronically and is valid without a signature.",
    { size: 8, color: [0.3, 0.3, 0.3] },
  );
  w.text("이 결정은 심사관이 기록하고 다른 선임 심사관이 확인하였습니다. 이 통지서는 전자적으로 발급되었으며 서명 없이 유효합니다.", {
    size: 8,
    color: [0.3, 0.3, 0.3],
  });
  return doc.save();
}

/** What the letter says about a decided case, or null when the case has no confirmed decision. */
export function letterDataFor(c: Case): LetterData | null {
  if ((c.status !== "approved" && c.status !== "refused") || !c.decision?.confirmedAt || !c.receiptNumber) return null;
  return {
    receiptNumber: c.receiptNumber,
    applicantName: c.dossier.personal?.fullName ?? "",
    passportNumber: c.dossier.personal?.passportNumber ?? "",
    outcome: c.decision.outcome,
    decidedAt: new Date(c.decision.confirmedAt),
    reasons: c.decision.reasons,
  };
}

/**
 * Run by the `letter.make` job: make the letter of a decided case once. Returns
 * "skipped" when the case has a letter already (a retried or duplicate job) or has
 * no confirmed decision. The PDF is stored first, then the key recorded with the
 * case row locked; a job that loses a race removes its own object.
 */
export async function makeDecisionLetter(deps: { db: Db; storage: DocumentStorage }, caseId: string): Promise<"made" | "skipped"> {
  const c = await loadCaseForSystem(deps.db, caseId);
  const data = c && !c.letterKey ? letterDataFor(c) : null;
  if (!c || !data) return "skipped";
  const bytes = await renderDecisionLetter(data);
  const key = `cases/${c.id}/letter-${randomUUID()}.pdf`;
  await deps.storage.put(key, bytes, "application/pdf");
  let recorded = false;
  try {
    recorded = await deps.db.transaction(async (tx) => {
      const current = await loadCaseForSystem(tx, caseId, { forUpdate: true });
      if (!current || current.letterKey || !letterDataFor(current)) return false;
      await tx.update(cases).set({ letterKey: key, updatedAt: new Date() }).where(eq(cases.id, c.id));
      await audit(tx, {
        actor: "system",
        action: "case.letter_made",
        caseId: c.id,
        data: { key, outcome: data.outcome, sizeBytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") },
      });
      return true;
    });
  } finally {
    if (!recorded) await deps.storage.delete(key).catch(() => undefined);
  }
  return recorded ? "made" : "skipped";
}

/**
 * The decision letter of a case, for its applicant and for officers. Anyone else, and
 * a case without a letter, gets not-found.
 */
export async function readDecisionLetter(ctx: UseCaseContext & { storage: DocumentStorage }, caseId: string) {
  const c = await loadCaseFor(ctx.db, ctx.actor, caseId);
  // The sponsor hears of the decision but the letter (passport number, reasons) is the applicant's.
  if (ctx.actor.role !== "applicant" && !isOfficer(ctx.actor.role)) throw new AppError("not_found", "Letter not found.");
  if (!c.letterKey || (c.status !== "approved" && c.status !== "refused")) throw new AppError("not_found", "Letter not found.");
  const bytes = await ctx.storage.get(c.letterKey);
  if (!bytes) throw new AppError("not_found", "The decision letter is missing from storage.");
  await audit(ctx.db, { actor: ctx.actor, action: "case.letter_download", caseId: c.id, ip: ctx.ip });
  return { bytes, filename: `decision-${c.receiptNumber ?? c.id}.pdf` };
}
