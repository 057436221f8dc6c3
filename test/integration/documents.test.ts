import { existsSync } from "node:fs";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as caseDocuments from "../../app/routes/cases.$caseId.documents";
import * as download from "../../app/routes/cases.$caseId.documents.$documentId";
import * as letter from "../../app/routes/cases.$caseId.letter";
import { submitCase } from "../../models/case/actions";
import { documentsOverview } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { checklistFor } from "../../models/checklist";
import { readDraft } from "../../models/dossier";
import { auditLog } from "../../models/schema/audit";
import { cases, documents } from "../../models/schema/cases";
import { callRoute, dataOf, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, fakeExe, makeOrganization, makeUser, samplePdf, validDossier } from "../support/factories";

/**
 * A5 through the routes, on both databases: several files per checklist item,
 * replaced files kept as versions, content checked by magic bytes, per-file and
 * per-case limits (a 100 MB upload refused without being read into memory),
 * names neutralised, SHA-256 recorded, generated storage keys, a safe
 * Content-Disposition, and 404 for anyone else's document or letter. Every
 * refusal has a message and leaves the rest of the dossier as it was.
 */
const MAX_UPLOAD = 4096;
const MAX_CASE = 10_000;

/** A PDF (by its magic bytes) of exactly `size` bytes. */
function pdfOf(size: number, fill = 0x20): Uint8Array {
  const b = new Uint8Array(size).fill(fill);
  b.set(samplePdf().subarray(0, Math.min(size, samplePdf().length)));
  return b;
}
const sha256 = async (b: Uint8Array) => Buffer.from(await crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>)).toString("hex");

describe.each(["pglite", "postgres"] as const)("documents (A5) through the routes on %s", (kind) => {
  let h: Awaited<ReturnType<typeof openRouteContext>>;
  beforeAll(async () => {
    h = await openRouteContext({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD), MAX_CASE_BYTES: String(MAX_CASE) }, "127.0.0.1", kind);
  });
  afterAll(() => h.close());
  const db = () => h.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, h.context, request, params);

  async function draftFor() {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const c = await createDraftCase(ctxFor(db(), applicant), validDossier(org.id));
    const cookie = await signInCookie(h.context, applicant.email);
    const items = checklistFor(readDraft(c.dossier));
    return { org, applicant, c, cookie, items, passportItem: items.find((i) => i.documentKind === "passport")!.key };
  }

  function upload(cookie: string, caseId: string, bytes: Uint8Array, name: string, fields: Record<string, string> = {}) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    fd.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "application/pdf" }));
    return call(caseDocuments.action, new Request(testUrl(`/cases/${caseId}/documents`), { method: "POST", body: fd, headers: { Cookie: cookie } }), { caseId });
  }
  const get = (cookie: string, p: string) => new Request(testUrl(p), { headers: { Cookie: cookie } });
  const snapshot = async (caseId: string) => {
    const [row] = await db().select().from(cases).where(eq(cases.id, caseId));
    const docs = await db().select().from(documents).where(eq(documents.caseId, caseId));
    return { dossier: row!.dossier, status: row!.status, version: row!.version, docs: docs.map((d) => `${d.id}:${d.supersededBy ?? ""}`).sort() };
  };

  it("takes several files for one checklist item, records SHA-256 and stores them under generated keys", async () => {
    const { c, cookie, passportItem } = await draftFor();
    const first = pdfOf(1000);
    const res = await upload(cookie, c.id, first, "passport-front.pdf", { checklistItem: passportItem, returnTo: "documents" });
    expect(statusOf(res)).toBe(302);
    expect((res as Response).headers.get("Location")).toBe(`/cases/${c.id}/documents?uploaded=passport-front.pdf#item-${encodeURIComponent(passportItem)}`);
    expect(statusOf(await upload(cookie, c.id, pdfOf(1200, 0x41), "passport-back.pdf", { checklistItem: passportItem, returnTo: "documents" }))).toBe(302);
    const rows = await db().select().from(documents).where(eq(documents.caseId, c.id));
    expect(rows.map((r) => r.filename).sort()).toEqual(["passport-back.pdf", "passport-front.pdf"]);
    const front = rows.find((r) => r.filename === "passport-front.pdf")!;
    expect(front).toMatchObject({ checklistItem: passportItem, kind: "passport", contentType: "application/pdf", sizeBytes: 1000, sha256: await sha256(first) });
    for (const r of rows) {
      expect(r.storageKey).toMatch(new RegExp(`^cases/${c.id}/[0-9a-f-]{36}$`));
      expect(r.storageKey).not.toContain("passport");
    }
    expect(await h.services.storage.get(front.storageKey)).toEqual(first);
    // The page groups the checklist by person and says in words whether each item has files.
    const page = (await call(caseDocuments.loader, get(cookie, `/cases/${c.id}/documents`), { caseId: c.id })) as Awaited<ReturnType<typeof caseDocuments.loader>>;
    const item = page.checklist.find((i) => i.key === passportItem)!;
    expect(item).toMatchObject({ done: true, person: "self" });
    expect(item.files.map((f) => f.filename).sort()).toEqual(["passport-back.pdf", "passport-front.pdf"]);
    expect(item.reason.en.length).toBeGreaterThan(5);
    expect(page.checklist.some((i) => !i.done)).toBe(true);
    expect(page.usedBytes).toBe(2200);
  });

  it("refuses an empty file, a renamed .exe and an unknown checklist item with messages, and changes nothing", async () => {
    const { c, cookie, passportItem } = await draftFor();
    const before = await snapshot(c.id);
    const empty = await upload(cookie, c.id, new Uint8Array(), "empty.pdf", { checklistItem: passportItem });
    expect(statusOf(empty)).toBe(400);
    expect(dataOf(empty)).toMatchObject({ error: "The file is empty. Choose the file again.", fieldErrors: { file: "The file is empty" } });
    const exe = await upload(cookie, c.id, fakeExe(), "passport.pdf", { checklistItem: passportItem });
    expect(statusOf(exe)).toBe(415);
    expect(dataOf(exe).error).toBe("The file is not a PDF, PNG or JPEG, whatever its name says. Upload a PDF or an image.");
    const unknown = await upload(cookie, c.id, samplePdf(), "x.pdf", { checklistItem: "passport:someone-else" });
    expect(statusOf(unknown)).toBe(400);
    expect(dataOf(unknown).fieldErrors).toEqual({ kind: "Choose what the document is" });
    // A refusal from a form with its own field id is reported by that field.
    const named = await upload(cookie, c.id, fakeExe(), "a.pdf", { checklistItem: passportItem, field: `item-${passportItem}` });
    expect(dataOf(named).fieldErrors).toEqual({ [`item-${passportItem}`]: "The file must be a PDF, PNG or JPEG" });
    expect(await snapshot(c.id)).toEqual(before);
    // Nothing was stored either: the case has no folder in the document store.
    expect(existsSync(path.join(h.dir, "files", "cases", c.id))).toBe(false);
  });

  it("neutralises names with path separators and bidirectional tricks, and names a file by what it is", async () => {
    const { c, cookie } = await draftFor();
    for (const [given, stored] of [
      ["../../etc/passwd.pdf", "passwd.pdf"],
      ["C:\\Users\\ada\\degree.pdf", "degree.pdf"],
      ["invoice\u202Efdp.exe", "invoicefdp.exe.pdf"],
      ["..", "document.pdf"],
    ] as const) {
      const res = await upload(cookie, c.id, samplePdf(), given, { kind: "other" });
      expect(statusOf(res)).toBe(302);
      expect(decodeURIComponent((res as Response).headers.get("Location")!.split("uploaded=")[1]!)).toBe(stored);
    }
  });

  it("refuses a 100 MB upload from its declared length without reading it, and a body without a length after the limit", async () => {
    const { c, cookie } = await draftFor();
    const before = await snapshot(c.id);
    const boundary = "----toptier-test-boundary";
    const size = 100 * 1024 * 1024;
    /** A multipart body made on demand, counting what the server pulls. */
    const body = () => {
      let sent = 0;
      const head = new TextEncoder().encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
      );
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) {
            sent += head.length;
            controller.enqueue(head);
          } else if (sent < size) {
            sent += chunk.length;
            controller.enqueue(chunk);
          } else {
            controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
            controller.close();
          }
        },
      });
      return { stream, pulled: () => sent };
    };
    const headers = { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` };

    const declared = body();
    const res = await call(
      caseDocuments.action,
      new Request(testUrl(`/cases/${c.id}/documents`), { method: "POST", body: declared.stream, headers: { ...headers, "Content-Length": String(size + 400) }, duplex: "half" } as RequestInit),
      { caseId: c.id },
    );
    expect(statusOf(res)).toBe(413);
    expect(dataOf(res).error).toBe("The file is larger than 4 KB. Upload a smaller scan.");
    expect(declared.pulled()).toBeLessThan(1024 * 1024);

    const chunked = body();
    const res2 = await call(
      caseDocuments.action,
      new Request(testUrl(`/cases/${c.id}/documents`), { method: "POST", body: chunked.stream, headers, duplex: "half" } as RequestInit),
      { caseId: c.id },
    );
    expect(statusOf(res2)).toBe(413);
    // The parser stopped soon after the part passed the limit: nowhere near 100 MB was read.
    expect(chunked.pulled()).toBeLessThan(4 * 1024 * 1024);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("keeps a replaced file as an earlier version, downloadable, and never deletes it", async () => {
    const { c, cookie, applicant, passportItem } = await draftFor();
    const v1 = pdfOf(900, 0x31);
    await upload(cookie, c.id, v1, "passport-2019.pdf", { checklistItem: passportItem });
    const [old] = await db().select().from(documents).where(eq(documents.caseId, c.id));
    const replaced = await upload(cookie, c.id, pdfOf(800, 0x32), "passport-2024.pdf", { replaces: old!.id, returnTo: "documents" });
    expect(statusOf(replaced)).toBe(302);
    const [newer] = await db().select().from(documents).where(and(eq(documents.caseId, c.id), eq(documents.filename, "passport-2024.pdf")));
    const [oldNow] = await db().select().from(documents).where(eq(documents.id, old!.id));
    expect(oldNow).toMatchObject({ supersededBy: newer!.id, checklistItem: passportItem });
    expect(oldNow!.supersededAt).toBeInstanceOf(Date);
    expect(newer).toMatchObject({ checklistItem: passportItem, kind: "passport", supersededBy: null });
    // Replacing the replaced one is refused (replace the newest instead); a third version chains on.
    const stale = await upload(cookie, c.id, samplePdf(), "again.pdf", { replaces: old!.id });
    expect(statusOf(stale)).toBe(409);
    expect(statusOf(await upload(cookie, c.id, pdfOf(700, 0x33), "passport-2025.pdf", { replaces: newer!.id }))).toBe(302);
    const overview = await documentsOverview(ctxFor(db(), applicant), c.id);
    const item = overview.checklist.find((i) => i.key === passportItem)!;
    expect(item.fileList.map((f) => f.filename)).toEqual(["passport-2025.pdf"]);
    expect(item.fileList[0]!.versions.map((v) => v.filename)).toEqual(["passport-2024.pdf", "passport-2019.pdf"]);
    expect(overview.totalFiles).toBe(3);
    // The first version still downloads, byte for byte.
    const res = (await call(download.loader, get(cookie, `/cases/${c.id}/documents/${old!.id}`), { caseId: c.id, documentId: old!.id })) as Response;
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(v1);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.caseId, c.id), eq(auditLog.action, "document.replace")));
    expect(audits).toHaveLength(2);
  });

  it("holds the per-case total, counting current files only, so a smaller scan can replace a large one", async () => {
    const { c, cookie } = await draftFor();
    for (let i = 0; i < 3; i++) expect(statusOf(await upload(cookie, c.id, pdfOf(3000), `scan-${i}.pdf`, { kind: "other" }))).toBe(302);
    const before = await snapshot(c.id);
    const over = await upload(cookie, c.id, pdfOf(2000), "one-more.pdf", { kind: "other" });
    expect(statusOf(over)).toBe(413);
    expect(dataOf(over).error).toMatch(/files of this application would add up to more than 10 KB/);
    expect(await snapshot(c.id)).toEqual(before);
    const [big] = await db().select().from(documents).where(and(eq(documents.caseId, c.id), eq(documents.filename, "scan-0.pdf")));
    expect(statusOf(await upload(cookie, c.id, pdfOf(1000), "scan-0-small.pdf", { replaces: big!.id }))).toBe(302);
    expect(statusOf(await upload(cookie, c.id, pdfOf(1500), "now-fits.pdf", { kind: "other" }))).toBe(302);
  });

  it("bounds the whole history too: replacing again and again cannot fill the storage", async () => {
    const { c, cookie } = await draftFor();
    expect(statusOf(await upload(cookie, c.id, pdfOf(3000), "scan.pdf", { kind: "other" }))).toBe(302);
    // Each replacement keeps the old version: 6 versions of 3 KB take 18 KB of the 20 KB (twice the case limit) allowed.
    for (let i = 1; i < 6; i++) {
      const [current] = await db().select().from(documents).where(and(eq(documents.caseId, c.id), isNull(documents.supersededAt)));
      expect(statusOf(await upload(cookie, c.id, pdfOf(3000, i), `scan-v${i}.pdf`, { replaces: current!.id }))).toBe(302);
    }
    const before = await snapshot(c.id);
    const [current] = await db().select().from(documents).where(and(eq(documents.caseId, c.id), isNull(documents.supersededAt)));
    const over = await upload(cookie, c.id, pdfOf(3000, 9), "scan-v6.pdf", { replaces: current!.id });
    expect(statusOf(over)).toBe(413);
    expect(dataOf(over).error).toMatch(/Every earlier version of your files is kept/);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("downloads with a safe Content-Disposition and the sniffed type", async () => {
    const { c, cookie } = await draftFor();
    const up = await upload(cookie, c.id, samplePdf(), '여권 "사본" (1).pdf', { kind: "passport" });
    expect(statusOf(up)).toBe(302);
    const [doc] = await db().select().from(documents).where(eq(documents.caseId, c.id));
    expect(doc!.filename).toBe("여권 사본 (1).pdf");
    const res = (await call(download.loader, get(cookie, `/cases/${c.id}/documents/${doc!.id}`), { caseId: c.id, documentId: doc!.id })) as Response;
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const cd = res.headers.get("Content-Disposition")!;
    expect(cd).toBe(`attachment; filename="__ __ (1).pdf"; filename*=UTF-8''%EC%97%AC%EA%B6%8C%20%EC%82%AC%EB%B3%B8%20%281%29.pdf`);
    // The ASCII fallback cannot close its quotes early.
    expect(cd.match(/"/g)).toHaveLength(2);
    // A name the multipart parser cannot read is refused with a message saying what to do.
    const semi = await upload(cookie, c.id, samplePdf(), "scan; final.pdf", { kind: "passport" });
    expect(statusOf(semi)).toBe(400);
    expect(dataOf(semi).error).toMatch(/without a semicolon \(;\)/);
    // Issue 17 item 10: the message names what is wrong with the name, not always a semicolon.
    for (const [name, what] of [["a=b.pdf", /without an equals sign \(=\) and upload/], ["<scan=1>.pdf", /without an equals sign \(=\)/], ["x;y=z.pdf", /without a semicolon \(;\) or an equals sign \(=\)/]] as const) {
      const res = await upload(cookie, c.id, samplePdf(), name, { kind: "passport" });
      expect(statusOf(res), name).toBe(400);
      expect(dataOf(res).error, name).toMatch(what);
      expect((dataOf(res).fieldErrors as Record<string, string>).file, name).toMatch(/^Rename the file without /);
    }
    // Issue 17 item 2: a request of many parts is refused (413) however small, nothing stored.
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`extra${i}`, "x"]));
    const parts = await upload(cookie, c.id, samplePdf(), "many.pdf", { kind: "passport", ...many });
    expect(statusOf(parts)).toBe(413);
    expect(dataOf(parts).error).toMatch(/too many parts/);
    // A name with < > alone is readable: it is stored without them.
    expect(statusOf(await upload(cookie, c.id, samplePdf(), "<scan>.pdf", { kind: "passport" }))).toBe(302);
  });

  it("answers 404 for another applicant's document and letter, and for the sponsor", async () => {
    const owner = await draftFor();
    await upload(owner.cookie, owner.c.id, samplePdf(), "mine.pdf", { kind: "passport" });
    const [doc] = await db().select().from(documents).where(eq(documents.caseId, owner.c.id));
    const other = await makeUser(db(), "applicant");
    const intruder = await signInCookie(h.context, other.email);
    const params = { caseId: owner.c.id, documentId: doc!.id };
    expect(statusOf(await call(download.loader, get(intruder, `/cases/${owner.c.id}/documents/${doc!.id}`), params))).toBe(404);
    expect(statusOf(await call(letter.loader, get(intruder, `/cases/${owner.c.id}/letter`), { caseId: owner.c.id }))).toBe(404);
    expect(statusOf(await call(caseDocuments.loader, get(intruder, `/cases/${owner.c.id}/documents`), { caseId: owner.c.id }))).toBe(404);
    expect(statusOf(await upload(intruder, owner.c.id, samplePdf(), "x.pdf", { kind: "other" }))).toBe(404);
    // A document id from another case is not found through this case either.
    const theirs = await draftFor();
    expect(statusOf(await call(download.loader, get(theirs.cookie, `/cases/${theirs.c.id}/documents/${doc!.id}`), { caseId: theirs.c.id, documentId: doc!.id }))).toBe(404);
    // The sponsor sees the submitted case, never the applicant's documents or letter.
    await submitCase(ctxFor(db(), owner.applicant), owner.c.id).catch(() => undefined);
    const employer = await makeUser(db(), "employer_admin", { organizationId: owner.org.id });
    const sponsor = await signInCookie(h.context, employer.email);
    expect(statusOf(await call(download.loader, get(sponsor, `/cases/${owner.c.id}/documents/${doc!.id}`), params))).toBe(404);
    expect(statusOf(await call(letter.loader, get(sponsor, `/cases/${owner.c.id}/letter`), { caseId: owner.c.id }))).toBe(404);
    // With a decision letter in place: the applicant downloads it, the other applicant and the sponsor still get 404.
    const letterKey = `cases/${owner.c.id}/letter-test`;
    await h.services.storage.put(letterKey, samplePdf(), "application/pdf");
    await db().update(cases).set({ status: "approved", letterKey, receiptNumber: `TT-L-${owner.c.id.slice(0, 8)}` }).where(eq(cases.id, owner.c.id));
    const mine = (await call(letter.loader, get(owner.cookie, `/cases/${owner.c.id}/letter`), { caseId: owner.c.id })) as Response;
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Content-Disposition")).toMatch(/^attachment; filename="decision-TT-L-/);
    expect(statusOf(await call(letter.loader, get(intruder, `/cases/${owner.c.id}/letter`), { caseId: owner.c.id }))).toBe(404);
    expect(statusOf(await call(letter.loader, get(sponsor, `/cases/${owner.c.id}/letter`), { caseId: owner.c.id }))).toBe(404);
  });

  it("after submission, refuses new files and replacements outside a request for evidence", async () => {
    const { c, cookie, applicant, items } = await draftFor();
    for (const item of items.filter((i) => i.required)) await upload(cookie, c.id, samplePdf(), `${item.documentKind}.pdf`, { checklistItem: item.key });
    await submitCase(ctxFor(db(), applicant), c.id);
    const [doc] = await db().select().from(documents).where(eq(documents.caseId, c.id));
    const add = await upload(cookie, c.id, samplePdf(), "late.pdf", { kind: "other" });
    expect(statusOf(add)).toBe(409);
    expect(dataOf(add).error).toBe("Documents can be added to a draft, or in answer to a request for evidence.");
    const rep = await upload(cookie, c.id, samplePdf(), "late.pdf", { replaces: doc!.id });
    expect(statusOf(rep)).toBe(409);
    expect(dataOf(rep).error).toBe("Files can be replaced until the application is submitted.");
  });
});
