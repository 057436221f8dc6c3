import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as casePage from "../../app/routes/cases.$caseId._index";
import * as checkPage from "../../app/routes/cases.$caseId.apply.check";
import * as caseDocuments from "../../app/routes/cases.$caseId.documents";
import * as uploadEndpoint from "../../app/routes/cases.$caseId.documents.upload";
import { createDraftCase, saveStep } from "../../models/case/drafts";
import { applicationTasks, stageTracker, stepStatus } from "../../models/case/progress";
import { checklistFor } from "../../models/checklist";
import { readDraft, type DraftDossier } from "../../models/dossier";
import { caseStatuses } from "../../models/lifecycle";
import { cases, documents } from "../../models/schema/cases";
import { callRoute, dataOf, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, fakeExe, makeOrganization, makeUser, samplePdf, validDossier } from "../support/factories";

/**
 * Issue 11 items 5 and 6 through the routes: several files in one upload (the
 * good ones stored, each bad one named with its reason), the JSON endpoint the
 * upload form's script calls, the task list of a draft and the stage tracker
 * of a case, computed from the dossier, the files and the case status.
 */
const MAX_UPLOAD = 4096;

const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe("several files in one upload, the upload endpoint, the overview (pglite)", () => {
  let h: Awaited<ReturnType<typeof openRouteContext>>;
  beforeAll(async () => {
    h = await openRouteContext({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD), MAX_CASE_BYTES: "100000" }, "127.0.0.1", "pglite");
  });
  afterAll(() => h.close());
  const db = () => h.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, h.context, request, params);
  const get = (cookie: string, p: string) => new Request(testUrl(p), { headers: { Cookie: cookie } });

  async function draftFor(dossier?: unknown) {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const c = await createDraftCase(ctxFor(db(), applicant), dossier ?? validDossier(org.id));
    const cookie = await signInCookie(h.context, applicant.email);
    const items = checklistFor(readDraft(c.dossier));
    return { org, applicant, c, cookie, items };
  }

  function post(path: string, cookie: string, files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    for (const f of files) fd.append("file", new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: "application/pdf" }));
    return new Request(testUrl(path), { method: "POST", body: fd, headers: { Cookie: cookie } });
  }

  it("stores the good files of a batch and names each refused one with its reason (no JavaScript)", async () => {
    const { c, cookie, items } = await draftFor();
    const item = items[0]!.key;
    const field = `item-${item}`;
    const res = await call(
      caseDocuments.action,
      post(`/cases/${c.id}/documents`, cookie, [
        { name: "front.pdf", bytes: samplePdf() },
        { name: "virus.pdf", bytes: fakeExe() },
        { name: "back.png", bytes: png() },
        { name: "empty.pdf", bytes: new Uint8Array() },
        { name: "huge.pdf", bytes: new Uint8Array(MAX_UPLOAD + 10).fill(0x25) },
      ], { checklistItem: item, returnTo: "documents", field }),
      { caseId: c.id },
    );
    expect(statusOf(res)).toBe(400);
    const body = dataOf(res) as { error: string; fieldErrors: Record<string, string>; batch: { field: string; uploaded: string[]; refused: { filename: string; message: string; reason: string }[] } };
    expect(body.error).toBe("Some files were not uploaded.");
    expect(body.fieldErrors).toEqual({ [field]: "Some files were not uploaded" });
    expect(body.batch.field).toBe(field);
    expect(body.batch.uploaded).toEqual(["front.pdf", "back.png"]);
    const reasons = Object.fromEntries(body.batch.refused.map((r) => [r.filename, r.reason]));
    expect(reasons).toEqual({
      "virus.pdf": "The file must be a PDF, PNG or JPEG",
      "empty.pdf": "The file is empty",
      "huge.pdf": "The file must be 4 KB or smaller",
    });
    // The good ones are stored, for the item, and nothing of the bad ones.
    const rows = await db().select().from(documents).where(eq(documents.caseId, c.id));
    expect(rows.map((r) => [r.filename, r.checklistItem, r.contentType]).sort()).toEqual([
      ["back.png", item, "image/png"],
      ["front.pdf", item, "application/pdf"],
    ]);
    // The page shows them as files of the item, with their type for the thumbnail.
    const page = (await call(caseDocuments.loader, get(cookie, `/cases/${c.id}/documents`), { caseId: c.id })) as Awaited<ReturnType<typeof caseDocuments.loader>>;
    expect(page.checklist.find((i) => i.key === item)!.files.map((f) => f.contentType).sort()).toEqual(["application/pdf", "image/png"]);
  });

  it("redirects with every stored name when all files of a batch are good; one bad file alone keeps the old refusal", async () => {
    const { c, cookie, items } = await draftFor();
    const item = items[0]!.key;
    const ok = await call(caseDocuments.action, post(`/cases/${c.id}/documents`, cookie, [{ name: "a.pdf", bytes: samplePdf() }, { name: "b.pdf", bytes: samplePdf() }], { checklistItem: item, returnTo: "documents" }), { caseId: c.id });
    expect(statusOf(ok)).toBe(302);
    expect((ok as Response).headers.get("Location")).toBe(`/cases/${c.id}/documents?uploaded=a.pdf&uploaded=b.pdf#item-${encodeURIComponent(item)}`);
    const one = await call(caseDocuments.action, post(`/cases/${c.id}/documents`, cookie, [{ name: "x.pdf", bytes: fakeExe() }], { checklistItem: item }), { caseId: c.id });
    expect(statusOf(one)).toBe(415);
    expect(dataOf(one)).toMatchObject({ fieldErrors: { file: "The file must be a PDF, PNG or JPEG" } });
    expect(dataOf(one).batch).toBeUndefined();
    // A replacement takes one file.
    const [doc] = await db().select().from(documents).where(eq(documents.caseId, c.id));
    const two = await call(caseDocuments.action, post(`/cases/${c.id}/documents`, cookie, [{ name: "c.pdf", bytes: samplePdf() }, { name: "d.pdf", bytes: samplePdf() }], { replaces: doc!.id }), { caseId: c.id });
    expect(statusOf(two)).toBe(400);
    expect(dataOf(two).fieldErrors).toEqual({ file: "Choose one file to replace it" });
    expect(await db().select().from(documents).where(eq(documents.caseId, c.id))).toHaveLength(2);
  });

  it("answers the upload form's script in JSON, one file per request, with the refusal by file name", async () => {
    const { c, cookie, items } = await draftFor();
    const item = items[0]!.key;
    const good = (await call(uploadEndpoint.action, post(`/cases/${c.id}/documents/upload`, cookie, [{ name: "scan.pdf", bytes: samplePdf() }], { checklistItem: item }), { caseId: c.id })) as Response;
    expect(good.status).toBe(200);
    expect(good.headers.get("Content-Type")).toMatch(/^application\/json/);
    const json = (await good.json()) as { ok: boolean; stored: { id: string; filename: string; checklistItem: string }[]; refused: unknown[] };
    expect(json).toMatchObject({ ok: true, stored: [{ filename: "scan.pdf", checklistItem: item }], refused: [] });
    const bad = (await call(uploadEndpoint.action, post(`/cases/${c.id}/documents/upload`, cookie, [{ name: "notes.pdf", bytes: fakeExe() }], { checklistItem: item }), { caseId: c.id })) as Response;
    expect(bad.status).toBe(415);
    expect(await bad.json()).toMatchObject({
      ok: false,
      stored: [],
      refused: [{ filename: "notes.pdf", message: "The file is not a PDF, PNG or JPEG, whatever its name says. Upload a PDF or an image.", reason: "The file must be a PDF, PNG or JPEG" }],
    });
    // Refused before the body is read (declared too large): named from the script's header.
    const big = new Request(testUrl(`/cases/${c.id}/documents/upload`), { method: "POST", headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(10 * 1024 * 1024), "X-File-Name": encodeURIComponent("여권 big.pdf") }, body: "--x--" });
    const tooBig = (await call(uploadEndpoint.action, big, { caseId: c.id })) as Response;
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { refused: { filename: string; reason: string }[] }).refused[0]).toEqual(expect.objectContaining({ filename: "여권 big.pdf", reason: "The file must be 4 KB or smaller" }));
    // Someone else's case: not found; and only applicants may upload.
    const other = await signInCookie(h.context, (await makeUser(db(), "applicant")).email);
    expect(statusOf(await call(uploadEndpoint.action, post(`/cases/${c.id}/documents/upload`, other, [{ name: "x.pdf", bytes: samplePdf() }], { kind: "other" }), { caseId: c.id }))).toBe(404);
    expect(await db().select().from(documents).where(eq(documents.caseId, c.id))).toHaveLength(1);
  });

  it("works out the task list of a draft from its answers and files", async () => {
    expect(stepStatus({}, "personal")).toBe("not_started");
    expect(stepStatus({ personal: { fullName: "Ada" } }, "personal")).toBe("in_progress");
    expect(stepStatus({ work: [] }, "work")).toBe("done"); // "no jobs" is an answer
    expect(stepStatus({ education: [] }, "education")).toBe("in_progress"); // a degree is needed
    expect(stepStatus({ achievements: { publications: [], patents: [], awards: [] } }, "achievements")).toBe("done");
    expect(stepStatus({ offer: { hasOffer: "no" } }, "offer")).toBe("done");
    expect(stepStatus({ offer: { hasOffer: "yes" } }, "offer")).toBe("in_progress");

    const org = await makeOrganization(db());
    const full = validDossier(org.id) as DraftDossier;
    const items = checklistFor(full).map((i) => ({ ...i, done: false }));
    const none = applicationTasks(full, items);
    expect(none.map((t) => [t.id, t.status])).toEqual([
      ["personal", "done"],
      ["education", "done"],
      ["work", "done"],
      ["achievements", "done"],
      ["offer", "done"],
      ["dependants", "done"],
      ["documents", "not_started"],
      ["check", "not_started"],
    ]);
    expect(none.at(-1)!.blocked).toBe(true);
    const some = applicationTasks(full, items.map((i, n) => ({ ...i, done: n === 0 })));
    expect(some.find((t) => t.id === "documents")).toMatchObject({ status: "in_progress", count: { done: 1, total: items.filter((i) => i.required).length } });
    const all = applicationTasks(full, items.map((i) => ({ ...i, done: i.required })));
    expect(all.find((t) => t.id === "documents")!.status).toBe("done");
    expect(all.at(-1)!.blocked).toBe(false);

    // Through the case page: a new draft with half a personal page.
    const applicant = await makeUser(db(), "applicant");
    const c = await createDraftCase(ctxFor(db(), applicant), {});
    await saveStep(ctxFor(db(), applicant), c.id, "personal", { personal: { fullName: "Half Done" } }, "later");
    const cookie = await signInCookie(h.context, applicant.email);
    const page = (await call(casePage.loader, get(cookie, `/cases/${c.id}`), { caseId: c.id })) as Awaited<ReturnType<typeof casePage.loader>>;
    expect(page.tracker).toBeNull();
    expect(page.tasks!.map((t) => t.status)).toEqual(["in_progress", "not_started", "not_started", "not_started", "not_started", "not_started", "not_started", "not_started"]);
  });

  it("maps every case status to the stage tracker, a withdrawn case to the stage it was withdrawn at", async () => {
    const current = (s: (typeof caseStatuses)[number], before?: (typeof caseStatuses)[number]) => {
      const t = stageTracker(s, before);
      return [t.current, t.steps.map((x) => x.state[0]).join(""), t.ended];
    };
    expect(current("draft")).toEqual([null, "uuuuu", null]);
    expect(current("submitted")).toEqual(["submitted", "cuuuu", null]);
    expect(current("awaiting_sponsor")).toEqual(["sponsor", "dcuuu", null]);
    expect(current("screening")).toEqual(["screening", "ddcuu", null]);
    for (const s of ["in_review", "evidence_requested", "evidence_received"] as const) expect(current(s)).toEqual(["review", "dddcu", null]);
    expect(current("decision_pending")).toEqual(["decision", "ddddc", null]);
    expect(current("approved")).toEqual(["decision", "ddddc", "approved"]);
    expect(current("refused")).toEqual(["decision", "ddddc", "refused"]);
    expect(current("withdrawn", "screening")).toEqual(["screening", "ddcuu", "withdrawn"]);
    // Every status has its place (the table is total).
    for (const s of caseStatuses) expect(() => stageTracker(s, "in_review")).not.toThrow();

    // Through the case page: a case in review, then withdrawn from there (the timeline says from where).
    const { c, cookie } = await draftFor();
    await db().update(cases).set({ status: "in_review", receiptNumber: `TT-T-${c.id.slice(0, 8)}` }).where(eq(cases.id, c.id));
    const inReview = (await call(casePage.loader, get(cookie, `/cases/${c.id}`), { caseId: c.id })) as Awaited<ReturnType<typeof casePage.loader>>;
    expect(inReview.tasks).toBeNull();
    expect(inReview.tracker).toMatchObject({ current: "review", ended: null });
    const form = new URLSearchParams({ intent: "withdraw", confirmWithdraw: "yes" });
    const res = await call(casePage.action, new Request(testUrl(`/cases/${c.id}`), { method: "POST", body: form, headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }), { caseId: c.id });
    expect(statusOf(res)).toBe(302);
    const withdrawn = (await call(casePage.loader, get(cookie, `/cases/${c.id}`), { caseId: c.id })) as Awaited<ReturnType<typeof casePage.loader>>;
    expect(withdrawn.tracker).toMatchObject({ current: "review", ended: "withdrawn" });
  });

  it("the check page still loads with its findings grouped by where they are fixed", async () => {
    const { c, cookie } = await draftFor();
    const page = dataOf(await call(checkPage.loader, get(cookie, `/cases/${c.id}/apply/check`), { caseId: c.id })) as Awaited<ReturnType<typeof checkPage.loader>>;
    // Every document finding points to the documents page, at its item (the page groups them as "Documents: n missing").
    const docs = [...page.blockers, ...page.warnings].filter((f) => "documents" in f.fix);
    expect(docs.length).toBeGreaterThan(1);
    for (const f of docs) expect(page.checklist.some((i) => f.code === `document:${i.key}`)).toBe(true);
  });
});
