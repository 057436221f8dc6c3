import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as casePage from "../../app/routes/cases.$caseId._index";
import * as caseDocuments from "../../app/routes/cases.$caseId.documents";
import { requestEvidence } from "../../models/case/evidence";
import { cases, documents } from "../../models/schema/cases";
import { callRoute, dataOf, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, makeOrganization, makeUser, samplePdf, validDossier } from "../support/factories";

/** A9 through the applicant's routes, on both databases: a request for evidence answered item by item. */
describe.each(["pglite", "postgres"] as const)("answering a request for evidence (A9) on %s", (kind) => {
  let h: Awaited<ReturnType<typeof openRouteContext>>;
  beforeAll(async () => {
    h = await openRouteContext({}, "127.0.0.1", kind);
  });
  afterAll(() => h.close());
  const db = () => h.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, h.context, request, params);

  it("uploads a file per document item, answers the questions, and is refused when incomplete or closed", async () => {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const officer = await makeUser(db(), "officer");
    const [c] = await db()
      .insert(cases)
      .values({ applicantId: applicant.id, organizationId: org.id, status: "in_review", receiptNumber: `TT-A-${Math.random()}`, dossier: validDossier(org.id), assignedOfficerId: officer.id, slaStartedAt: new Date() })
      .returning();
    const deadline = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
    await requestEvidence(ctxFor(db(), officer), c!.id, { guidance: "Please send your degree certificate and tell us more.", deadline, items: [{ kind: "document", documentKind: "degree_certificate" }, { kind: "question", label: "Which team will you lead?" }] });
    const cookie = await signInCookie(h.context, applicant.email);
    const page = (await call(casePage.loader, new Request(testUrl(`/cases/${c!.id}`), { headers: { Cookie: cookie } }), { caseId: c!.id })) as Awaited<ReturnType<typeof casePage.loader>>;
    expect(page.openRequest!.items.map((i) => i.kind).sort()).toEqual(["document", "question"]);
    expect(page.estimate!.basis.waitingOn).toBe("applicant");
    const docItem = page.openRequest!.items.find((i) => i.kind === "document")!;
    const question = page.openRequest!.items.find((i) => i.kind === "question")!;

    const answer = (body: Record<string, string>) =>
      call(casePage.action, new Request(testUrl(`/cases/${c!.id}`), { method: "POST", body: new URLSearchParams({ intent: "answer_evidence", requestId: page.openRequest!.id, ...body }), headers: { Cookie: cookie } }), { caseId: c!.id });
    const early = await answer({ [`answer.${question.id}`]: "" });
    expect(statusOf(early)).toBe(400);
    expect(Object.keys(dataOf(early).fieldErrors as object).sort()).toEqual([`answer.${question.id}`, `file.${docItem.id}`]);

    const upload = (cookieFor: string, bytes: Uint8Array) => {
      const fd = new FormData();
      fd.set("requestItemId", docItem.id);
      fd.set("field", `file.${docItem.id}`);
      fd.set("file", new File([bytes as Uint8Array<ArrayBuffer>], "phd.pdf", { type: "application/pdf" }));
      // The case page takes the item's file itself, so that a refusal shows by the item.
      return call(casePage.action, new Request(testUrl(`/cases/${c!.id}?index`), { method: "POST", body: fd, headers: { Cookie: cookieFor } }), { caseId: c!.id });
    };
    const bad = await upload(cookie, new Uint8Array([0x4d, 0x5a, 1, 2, 3, 4]));
    expect(statusOf(bad)).toBe(415);
    expect(dataOf(bad).fieldErrors).toEqual({ [`file.${docItem.id}`]: "The file must be a PDF, PNG or JPEG" });
    const intruder = await signInCookie(h.context, (await makeUser(db(), "applicant")).email);
    expect(statusOf(await upload(intruder, samplePdf()))).toBe(404);
    const ok = await upload(cookie, samplePdf());
    expect((ok as Response).headers.get("Location")).toBe(`/cases/${c!.id}?uploaded=phd.pdf#answer-evidence`);
    const [file] = await db().select().from(documents).where(eq(documents.caseId, c!.id));
    expect(file).toMatchObject({ requestItemId: docItem.id, kind: "degree_certificate" });

    const sent = await answer({ [`answer.${question.id}`]: "The on-device vision team.", note: "<b>inert</b>" });
    expect((sent as Response).headers.get("Location")).toBe(`/cases/${c!.id}?answered=1`);
    const [after] = await db().select().from(cases).where(eq(cases.id, c!.id));
    expect(after!.status).not.toBe("evidence_requested");
    // The request is closed: no more files against it, through either route.
    expect(statusOf(await upload(cookie, samplePdf()))).toBe(409);
    const fd = new FormData();
    fd.set("requestItemId", docItem.id);
    fd.set("file", new File([samplePdf() as Uint8Array<ArrayBuffer>], "late.pdf", { type: "application/pdf" }));
    expect(statusOf(await call(caseDocuments.action, new Request(testUrl(`/cases/${c!.id}/documents`), { method: "POST", body: fd, headers: { Cookie: cookie } }), { caseId: c!.id }))).toBe(409);
  });
});
