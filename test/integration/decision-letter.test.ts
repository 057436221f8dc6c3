import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { and, asc, eq } from "drizzle-orm";
import fontkit from "@pdf-lib/fontkit";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject, type PDFPage, type PDFRawStream } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as letterRoute from "../../app/routes/cases.$caseId.letter";
import * as casePage from "../../app/routes/cases.$caseId._index";
import * as officerCase from "../../app/routes/officer.cases.$caseId";
import * as templatesPage from "../../app/routes/officer.templates";
import { completeScreening, confirmSponsorship, proposeDecision, reviewDecision, submitCase } from "../../models/case/actions";
import {
  createTemplate,
  defaultDecisionTemplates,
  listActiveTemplates,
  listTemplates,
  seedDecisionTemplates,
  setTemplateActive,
  templateReasons,
  updateTemplate,
} from "../../models/case/decision-templates";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { readDecisionLetter } from "../../models/case/letter";
import { AppError } from "../../models/errors";
import type { Mailer } from "../../models/platform/mail";
import { createStorage, type DocumentStorage } from "../../models/platform/storage";
import { auditLog } from "../../models/schema/audit";
import { caseEvents } from "../../models/schema/cases";
import { outbox } from "../../models/schema/outbox";
import type { User } from "../../models/schema/users";
import { processJob } from "../../workers/runtime";
import { createTestDatabase, dropRedisKeys, REDIS_URL, testPrefix, type DbKind, type TestDatabase } from "../support/db";
import { createRateLimits, type RateLimits } from "../../models/platform/rate-limits";
import { callRoute, type RouteArgs, signInCookie, testUrl } from "../support/http";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";

/** A PDF opened for reading back what the letter shows. */
async function openPdf(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes);
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? pdf.context.lookup(o) : o);
  const streamBytes = (o: PDFObject | undefined) => Buffer.from(decodePDFRawStream(deref(o) as PDFRawStream).decode());
  /** A font's ToUnicode CMap: glyph id to the text it shows. */
  const toUnicode = (fontDict: PDFDict) => {
    const cmap = new Map<number, string>();
    const text = streamBytes(fontDict.get(PDFName.of("ToUnicode"))).toString("latin1");
    const utf16 = (hex: string) => Buffer.from(hex, "hex").swap16().toString("utf16le");
    const sections = (op: string) => [...text.matchAll(new RegExp(`begin${op}([\\s\\S]*?)end${op}`, "g"))].map((m) => [...m[1]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => h[1]!));
    for (const hex of sections("bfchar")) for (let i = 0; i + 1 < hex.length; i += 2) cmap.set(parseInt(hex[i]!, 16), utf16(hex[i + 1]!));
    for (const hex of sections("bfrange")) {
      for (let i = 0; i + 2 < hex.length; i += 3) {
        const first = utf16(hex[i + 2]!);
        for (let g = parseInt(hex[i]!, 16), n = 0; g <= parseInt(hex[i + 1]!, 16); g++, n++) {
          cmap.set(g, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + n));
        }
      }
    }
    return cmap;
  };
  const pageFonts = (page: PDFPage) => [...page.node.Resources()!.lookup(PDFName.of("Font"), PDFDict).entries()].map(([name, ref]) => ({ name: name.asString(), ref, dict: deref(ref) as PDFDict }));
  return { pdf, deref, streamBytes, toUnicode, pageFonts };
}

/**
 * The text a PDF shows, recovered the way a reader does it: decode each content
 * stream, follow the font selected by `Tf`, and map the glyph ids of every `<hex> Tj`
 * through that font's ToUnicode CMap. (Embedded fonts store glyph ids, not characters,
 * so searching the raw bytes for a receipt number would find nothing.)
 */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { pdf, streamBytes, toUnicode, pageFonts } = await openPdf(bytes);
  const lines: string[] = [];
  for (const page of pdf.getPages()) {
    const fonts = new Map(pageFonts(page).map((f) => [f.name, toUnicode(f.dict)]));
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of("Contents"))];
    let font = new Map<number, string>();
    for (const s of streams) {
      for (const m of streamBytes(s).toString("latin1").matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (m[1]) font = fonts.get(m[1]) ?? new Map();
        else lines.push((m[2]!.match(/.{4}/g) ?? []).map((g) => font.get(parseInt(g, 16)) ?? "\uFFFD").join(""));
      }
    }
  }
  return lines.join("\n");
}

const require = createRequire(import.meta.url);
const sourceFonts = {
  Regular: fontkit.create(readFileSync(require.resolve("@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf"))),
  Bold: fontkit.create(readFileSync(require.resolve("@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf"))),
};

/**
 * Characters whose embedded (subset) glyph is not the outline of the source font's
 * glyph. Text extraction goes through ToUnicode and succeeds even when the glyph data
 * is broken, so this is what shows that a viewer will draw the letters.
 */
async function brokenGlyphs(bytes: Uint8Array): Promise<string[]> {
  const { pdf, deref, streamBytes, toUnicode, pageFonts } = await openPdf(bytes);
  const seen = new Set<string>();
  const broken: string[] = [];
  for (const page of pdf.getPages()) {
    for (const f of pageFonts(page)) {
      if (seen.has(String(f.ref))) continue;
      seen.add(String(f.ref));
      const cid = deref((deref(f.dict.get(PDFName.of("DescendantFonts"))) as PDFArray).get(0)) as PDFDict;
      const descriptor = deref(cid.get(PDFName.of("FontDescriptor"))) as PDFDict;
      const embedded = fontkit.create(streamBytes(descriptor.get(PDFName.of("FontFile2"))));
      const source = String(f.dict.get(PDFName.of("BaseFont"))).includes("Bold") ? sourceFonts.Bold : sourceFonts.Regular;
      for (const [gid, ch] of toUnicode(f.dict)) {
        let ok: boolean;
        try {
          // Layout may substitute a variant (digits next to Latin letters differ from those next to Hangul).
          const candidates = [source.glyphForCodePoint(ch.codePointAt(0)!), source.layout(`a${ch}a`).glyphs[1]!, source.layout(`가${ch}가`).glyphs[1]!];
          const got = embedded.getGlyph(gid);
          ok = candidates.some((want) => got.path.toSVG() === want.path.toSVG() && got.advanceWidth === want.advanceWidth);
        } catch {
          ok = false;
        }
        if (!ok) broken.push(ch);
      }
    }
  }
  return broken;
}

describe.each<DbKind>(["pglite", "postgres"])("decision templates and letters on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let storage: DocumentStorage;
  let context: AppLoadContext;
  let seeded: number;
  // Sign-in goes through the real rate limits, on Redis under a prefix of this file's own.
  let rateLimits: RateLimits;
  const limitPrefix = testPrefix("letters");
  const mailer = {
    kind: "devmailbox",
    send: () => Promise.reject(new Error("the letter job sends no mail")),
    check: () => Promise.resolve(),
  } satisfies Mailer;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    rateLimits = createRateLimits({ redisUrl: REDIS_URL, prefix: limitPrefix });
    dir = mkdtempSync(path.join(tmpdir(), "toptier-letters-"));
    storage = createStorage({ kind: "local", dir });
    context = {
      services: { config: { sessionSecret: "decision-letter-test-secret", secureCookies: false, maxUploadBytes: 1024 * 1024 }, database: t.handle, storage, rateLimits },
      ip: "127.0.0.1",
    } as unknown as AppLoadContext;
    seeded = await seedDecisionTemplates(t.handle.db);
  });
  afterAll(async () => {
    rateLimits?.close();
    await dropRedisKeys(limitPrefix);
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = () => t.handle.db;
  const deps = () => ({ db: db(), storage, mailer, publicUrl: "http://localhost", secret: "test-secret" });

  async function expectAppError(p: Promise<unknown>, code: AppError["code"]) {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return err as AppError;
  }

  // Routes, called with real Requests and a session cookie from the sign-in action.
  const url = testUrl;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, context, request, params);
  const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } } | null)?.init?.status ?? 200));
  const dataOf = (r: unknown) => (r as { data: { fieldErrors: Record<string, string>; error?: string } }).data;
  /** Signed in through the real login (and, for officers, second-factor) actions. */
  const cookieFor = (user: User) => signInCookie(context, user.email);
  const get = (cookie: string, p: string) => new Request(url(p), { headers: { Cookie: cookie } });
  const post = (cookie: string, p: string, body: Record<string, string>) => new Request(url(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });

  async function world() {
    const org = await makeOrganization(db());
    return {
      org,
      applicant: await makeUser(db(), "applicant"),
      otherApplicant: await makeUser(db(), "applicant"),
      employer: await makeUser(db(), "employer_admin", { organizationId: org.id }),
      officer: await makeUser(db(), "officer"),
      senior: await makeUser(db(), "senior_officer"),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  /** A case in the officers' hands (in review). */
  async function caseInReview(w: World, personal: { fullName?: string; passportNumber?: string } = {}) {
    const c = await createDraftCase(ctxFor(db(), w.applicant), validDossier(w.org.id, { personal }));
    await addDocument({ ...ctxFor(db(), w.applicant), storage, maxBytes: 1024 * 1024 }, { caseId: c.id, kind: "passport", filename: "passport.pdf", bytes: samplePdf() });
    await submitCase(ctxFor(db(), w.applicant), c.id);
    await confirmSponsorship(ctxFor(db(), w.employer), c.id, { attest: true });
    const screened = await completeScreening(db(), c.id);
    expect(screened?.status).toBe("in_review");
    return screened!;
  }

  /** The `letter.make` job the confirmation put in the outbox, run as the worker runs it. */
  async function runLetterJob(caseId: string) {
    const jobs = await db().select().from(outbox).where(eq(outbox.job, "letter.make")).orderBy(asc(outbox.id));
    const job = jobs.find((j) => j.payload.caseId === caseId);
    expect(job, "confirmation records a letter.make job").toBeTruthy();
    expect(job!.payload).toEqual({ caseId });
    return processJob(deps(), { id: `ob-${job!.id}`, name: "letter.make", data: job!.payload });
  }

  const lettersOn = (caseId: string) => {
    try {
      return readdirSync(path.join(dir, "cases", caseId)).filter((f) => /^letter-.*\.pdf$/.test(f));
    } catch {
      return [];
    }
  };

  it("seeds the four default templates once: two approve, two refuse, in English and Korean", async () => {
    const officer = await makeUser(db(), "officer");
    expect(seeded).toBe(4);
    expect(await seedDecisionTemplates(db())).toBe(0);
    const active = await listActiveTemplates(ctxFor(db(), officer));
    expect(active.map((x) => x.code).sort()).toEqual(defaultDecisionTemplates.map((x) => x.code).sort());
    expect(active.filter((x) => x.outcome === "approve")).toHaveLength(2);
    expect(active.filter((x) => x.outcome === "refuse")).toHaveLength(2);
    for (const x of active) {
      expect(x.bodyKo).toMatch(/[\uac00-\ud7a3]/);
      expect(x.titleKo).toMatch(/[\uac00-\ud7a3]/);
      expect(x.bodyEn).toMatch(/Top-Tier/);
    }
    expect((await listActiveTemplates(ctxFor(db(), officer), "refuse")).every((x) => x.outcome === "refuse")).toBe(true);
  });

  it("lets senior officers alone create, edit and deactivate templates, with field errors, conflicts and audit records", async () => {
    const w = await world();
    const good = { code: `refuse-late-${kind}`, outcome: "refuse", titleEn: "Refusal: late answer", titleKo: "불허: 보완 기한 경과", bodyEn: "The evidence requested was not sent before the deadline.", bodyKo: "요청한 보완 서류가 기한 내에 제출되지 않았습니다." };
    await expectAppError(createTemplate(ctxFor(db(), w.officer), good), "forbidden");
    await expectAppError(createTemplate(ctxFor(db(), w.applicant), good), "forbidden");
    await expectAppError(listTemplates(ctxFor(db(), w.applicant)), "forbidden");
    await expectAppError(listActiveTemplates(ctxFor(db(), w.employer)), "forbidden");

    const bad = await expectAppError(createTemplate(ctxFor(db(), w.senior), { code: "X!", outcome: "maybe", titleEn: "", titleKo: " ", bodyEn: "short", bodyKo: "" }), "validation");
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["bodyEn", "bodyKo", "code", "outcome", "titleEn", "titleKo"]);
    expect(bad.fieldErrors.bodyEn).toMatch(/at least 10/);

    const created = await createTemplate(ctxFor(db(), w.senior), { ...good, code: `  ${good.code.toUpperCase()} ` });
    expect(created).toMatchObject({ code: good.code, outcome: "refuse", active: true, updatedBy: w.senior.id });
    const dup = await expectAppError(createTemplate(ctxFor(db(), w.senior), good), "conflict");
    expect(dup.fieldErrors.code).toMatch(/taken/);

    await expectAppError(updateTemplate(ctxFor(db(), w.officer), created.id, good), "forbidden");
    await expectAppError(updateTemplate(ctxFor(db(), w.senior), created.id, { ...good, bodyKo: "짧음" }), "validation");
    await expectAppError(updateTemplate(ctxFor(db(), w.senior), "not-a-uuid", good), "not_found");
    const edited = await updateTemplate(ctxFor(db(), w.senior), created.id, { ...good, titleEn: "Refusal: no answer in time", code: "ignored-code" });
    expect(edited).toMatchObject({ titleEn: "Refusal: no answer in time", code: good.code });

    await expectAppError(setTemplateActive(ctxFor(db(), w.officer), created.id, false), "forbidden");
    expect((await setTemplateActive(ctxFor(db(), w.senior), created.id, false)).active).toBe(false);
    expect((await listActiveTemplates(ctxFor(db(), w.officer))).map((x) => x.code)).not.toContain(good.code);
    const all = await listTemplates(ctxFor(db(), w.officer));
    expect(all.find((x) => x.code === good.code)?.active).toBe(false);
    expect(all.at(-1)?.active).toBe(false); // deactivated ones come last

    const audits = await db().select().from(auditLog).where(eq(auditLog.actorId, w.senior.id)).orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["template.create", "template.update", "template.deactivate"]);
    expect(audits[1]!.data).toMatchObject({ code: good.code, changed: ["titleEn"] });
  });

  it("serves the templates page to senior officers only, answering bad input with 400 and field messages", async () => {
    const w = await world();
    const senior = await cookieFor(w.senior);
    expect(statusOf(await call(templatesPage.loader, get(await cookieFor(w.officer), "/officer/templates")))).toBe(403);
    expect(statusOf(await call(templatesPage.action, post(await cookieFor(w.officer), "/officer/templates", { intent: "create" })))).toBe(403);
    const page = (await call(templatesPage.loader, get(senior, "/officer/templates"))) as { templates: { code: string }[] };
    expect(page.templates.length).toBeGreaterThanOrEqual(4);
    const bad = await call(templatesPage.action, post(senior, "/officer/templates", { intent: "create", code: "", outcome: "approve", titleEn: "T", titleKo: "제목", bodyEn: "", bodyKo: "" }));
    expect(statusOf(bad)).toBe(400);
    expect(Object.keys(dataOf(bad).fieldErrors).sort()).toEqual(["bodyEn", "bodyKo", "code"]);
    const code = `approve-route-${kind}`;
    const ok = await call(
      templatesPage.action,
      post(senior, "/officer/templates", { intent: "create", code, outcome: "approve", titleEn: "Route", titleKo: "경로", bodyEn: "Approved through the page.", bodyKo: "화면에서 승인되었습니다." }),
    );
    expect(statusOf(ok)).toBe(302);
    expect((ok as Response).headers.get("Location")).toBe(`/officer/templates?saved=${code}`);
    expect(statusOf(await call(templatesPage.loader, get(senior, "/officer/templates?edit=00000000-0000-0000-0000-000000000000")))).toBe(404);
  });

  it("puts a chosen template's text into empty reasons (no JavaScript needed) and checks it matches the outcome", async () => {
    const w = await world();
    const officer = await cookieFor(w.officer);
    const c = await caseInReview(w);
    const propose = (body: Record<string, string>) => call(officerCase.action, post(officer, `/officer/cases/${c.id}`, { intent: "propose", ...body }), { caseId: c.id });

    const page = (await call(officerCase.loader, get(officer, `/officer/cases/${c.id}`), { caseId: c.id })) as { templates: { code: string; text: string }[] };
    expect(page.templates.map((x) => x.code)).toEqual(expect.arrayContaining(["approve-all-criteria", "refuse-income-threshold"]));

    const mismatch = await propose({ outcome: "approve", templateCode: "refuse-income-threshold", reasons: "" });
    expect(statusOf(mismatch)).toBe(400);
    expect(dataOf(mismatch).fieldErrors.templateCode).toMatch(/for refusals/);
    const unknown = await propose({ outcome: "refuse", templateCode: "no-such-template", reasons: "" });
    expect(dataOf(unknown).fieldErrors.templateCode).toMatch(/not available/);
    expect(statusOf(await propose({ outcome: "refuse", templateCode: "", reasons: "" }))).toBe(400);

    expect(statusOf(await propose({ outcome: "refuse", templateCode: "refuse-income-threshold", reasons: "   " }))).toBe(302);
    const proposed = await reload(db(), c.id);
    const template = defaultDecisionTemplates.find((x) => x.code === "refuse-income-threshold")!;
    expect(proposed.status).toBe("decision_pending");
    expect(proposed.decision?.reasons).toBe(templateReasons(template));
    const [event] = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "propose_decision")));
    expect(event?.data).toEqual({ outcome: "refuse", template: "refuse-income-threshold" });

    // Typed reasons win: the template only names where the text came from.
    const c2 = await caseInReview(w);
    await proposeDecision(ctxFor(db(), w.officer), c2.id, { outcome: "approve", reasons: "Own words, checked against the file.", templateCode: "approve-all-criteria" });
    expect((await reload(db(), c2.id)).decision?.reasons).toBe("Own words, checked against the file.");
  });

  it("makes one bilingual PDF letter on confirmation, downloadable by the applicant and officers only", async () => {
    const w = await world();
    const c = await caseInReview(w, { fullName: "Ada Okafor-Lindqvist", passportNumber: "P9876543" });
    await proposeDecision(ctxFor(db(), w.officer), c.id, { outcome: "approve", templateCode: "approve-all-criteria" });
    expect(await db().select().from(outbox).where(eq(outbox.job, "letter.make")).then((rows) => rows.filter((r) => r.payload.caseId === c.id))).toHaveLength(0);
    await reviewDecision(ctxFor(db(), w.senior), c.id, { confirm: true });
    const receipt = (await reload(db(), c.id)).receiptNumber!;

    // Before the job has run there is no letter to download.
    await expectAppError(readDecisionLetter({ ...ctxFor(db(), w.applicant), storage }, c.id), "not_found");

    expect(await runLetterJob(c.id)).toBe("made");
    const decided = await reload(db(), c.id);
    expect(decided.letterKey).toMatch(new RegExp(`^cases/${c.id}/letter-[0-9a-f-]{36}\\.pdf$`));
    const bytes = (await storage.get(decided.letterKey!))!;
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()).toBe(`Decision ${receipt}`);

    const text = await pdfText(bytes);
    expect(text).toContain(receipt);
    expect(text).toContain("Ada Okafor-Lindqvist");
    expect(text).toContain("P9876543");
    expect(text).toContain("Approved / 승인");
    expect(text).toContain("Decision on your Top-Tier visa application");
    expect(text).toContain("탑티어 비자 신청 결정 통지서");
    expect(text).toContain("귀하의 신청이 승인되었습니다.");
    expect(text).toMatch(/Date of decision \/ 결정일\n\d{4}-\d{2}-\d{2}/);
    expect(text).toContain("외국인등록");
    expect(text).toMatch(/apply for the visa at a Korean embassy/);
    expect(text).not.toContain("행정심판");
    expect(text).not.toContain("\uFFFD");
    // Every glyph drawn is the real outline from Noto Sans KR (Hangul and Latin alike).
    expect(await brokenGlyphs(bytes)).toEqual([]);
    // The reasons (the template's English and Korean text) are on the letter, wrapped into lines.
    expect(text.replace(/\s+/g, " ")).toContain("The application meets every requirement of the Top-Tier visa.");
    expect(text.replace(/\s+/g, "")).toContain(defaultDecisionTemplates[0]!.bodyKo.replace(/\s+/g, ""));

    // Running the job again (a retry or a duplicate) makes no second letter.
    expect(await runLetterJob(c.id)).toBe("skipped");
    expect((await reload(db(), c.id)).letterKey).toBe(decided.letterKey);
    expect(lettersOn(c.id)).toHaveLength(1);
    const made = await db().select().from(auditLog).where(and(eq(auditLog.caseId, c.id), eq(auditLog.action, "case.letter_made")));
    expect(made).toHaveLength(1);
    expect(made[0]!.actorRole).toBe("system");

    // The applicant and officers get it; the sponsor and other applicants do not know it exists.
    const mine = await readDecisionLetter({ ...ctxFor(db(), w.applicant), storage }, c.id);
    expect(Buffer.from(mine.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(mine.filename).toBe(`decision-${receipt}.pdf`);
    expect((await readDecisionLetter({ ...ctxFor(db(), w.officer), storage }, c.id)).bytes.byteLength).toBe(bytes.byteLength);
    await expectAppError(readDecisionLetter({ ...ctxFor(db(), w.otherApplicant), storage }, c.id), "not_found");
    await expectAppError(readDecisionLetter({ ...ctxFor(db(), w.employer), storage }, c.id), "not_found");

    const res = (await call(letterRoute.loader, get(await cookieFor(w.applicant), `/cases/${c.id}/letter`), { caseId: c.id })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="decision-${receipt}\\.pdf"`));
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect(statusOf(await call(letterRoute.loader, get(await cookieFor(w.officer), `/cases/${c.id}/letter`), { caseId: c.id }))).toBe(200);
    expect(statusOf(await call(letterRoute.loader, get(await cookieFor(w.employer), `/cases/${c.id}/letter`), { caseId: c.id }))).toBe(404);
    expect(statusOf(await call(letterRoute.loader, get(await cookieFor(w.otherApplicant), `/cases/${c.id}/letter`), { caseId: c.id }))).toBe(404);
    expect(statusOf(await call(letterRoute.loader, get(await cookieFor(w.applicant), "/cases/not-a-uuid/letter"), { caseId: "not-a-uuid" }))).toBe(404);
    const anon = await call(letterRoute.loader, new Request(url(`/cases/${c.id}/letter`)), { caseId: c.id });
    expect(statusOf(anon)).toBe(302);

    const casePageData = (await call(casePage.loader, get(await cookieFor(w.applicant), `/cases/${c.id}`), { caseId: c.id })) as { hasLetter: boolean };
    expect(casePageData.hasLetter).toBe(true);
    const downloads = await db().select().from(auditLog).where(and(eq(auditLog.caseId, c.id), eq(auditLog.action, "case.letter_download")));
    expect(downloads.length).toBeGreaterThanOrEqual(4);
  });

  it("gives a refusal letter the re-application and appeal guidance, makes one letter under concurrent jobs, and none for an undecided case", async () => {
    const w = await world();
    const c = await caseInReview(w);
    const lettersJobs = async () => (await db().select().from(outbox).where(eq(outbox.job, "letter.make"))).filter((j) => j.payload.caseId === c.id);
    expect(await lettersJobs()).toHaveLength(0);
    expect(await processJob(deps(), { id: "ob-x", name: "letter.make", data: { caseId: c.id } })).toBe("skipped");
    expect((await reload(db(), c.id)).letterKey).toBeNull();
    await expect(processJob(deps(), { id: "ob-y", name: "letter.make", data: { caseId: "not-a-uuid" } })).rejects.toThrow();

    await proposeDecision(ctxFor(db(), w.officer), c.id, { outcome: "refuse", reasons: "Income below the threshold.\n소득이 기준에 미달합니다." });
    const page = (await call(casePage.loader, get(await cookieFor(w.applicant), `/cases/${c.id}`), { caseId: c.id })) as { hasLetter: boolean };
    expect(page.hasLetter).toBe(false);
    await reviewDecision(ctxFor(db(), w.senior), c.id, { confirm: true });
    expect(await lettersJobs()).toHaveLength(1);

    const results = await Promise.all([runLetterJob(c.id), runLetterJob(c.id)]);
    expect(results.sort()).toEqual(["made", "skipped"]);
    expect(lettersOn(c.id)).toHaveLength(1);
    const { bytes } = await readDecisionLetter({ ...ctxFor(db(), w.applicant), storage }, c.id);
    const text = await pdfText(bytes);
    expect(text).toContain("Refused / 불허");
    expect(text).toContain("귀하의 신청이 불허되었습니다.");
    expect(text).toContain("Income below the threshold.");
    expect(text).toContain("소득이 기준에 미달합니다.");
    expect(text).toMatch(/administrative appeal/);
    expect(text).toContain("행정심판");
    expect(text).toMatch(/apply again/);
    expect(text).not.toContain("외국인등록");
    expect(await brokenGlyphs(bytes)).toEqual([]);
  });
});
