import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "../../app/routes/account_.export[.]zip";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { sendMessage } from "../../models/case/messages";
import { auditLog } from "../../models/schema/audit";
import { caseEvents, cases, documents, evidenceRequestItems, evidenceRequests } from "../../models/schema/cases";
import { callRoute, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, makeOrganization, makeUser, samplePdf, validDossier } from "../support/factories";

/**
 * A12 "download all my data" through the route, on both databases. The ZIP is
 * opened by an independent reader (Python's zipfile: its own CRC check over
 * every entry, and `unzip -t` when the machine has it), and its contents are
 * compared with the database and the stored files.
 */
// python3 is on every machine of this kind (env: node-svc), so the test requires it rather than skipping without it.
const unzip = spawnSync("unzip", ["-v"]).status === 0;

/** Every entry of a ZIP as Python's zipfile reads it: name -> { sha256, text (for .json/.txt) }. */
function readWithPython(file: string): Record<string, { sha256: string; text: string | null; size: number }> {
  const script = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
if bad is not None:
    sys.exit("bad CRC in " + bad)
out = {}
for info in z.infolist():
    data = z.read(info.filename)
    text = data.decode("utf-8") if info.filename.endswith((".json", ".txt")) else None
    out[info.filename] = {"sha256": hashlib.sha256(data).hexdigest(), "text": text, "size": info.file_size}
print(json.dumps(out))
`;
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as Record<string, { sha256: string; text: string | null; size: number }>;
}

describe.each(["pglite", "postgres"] as const)("data export (A12) on %s", (kind) => {
  let h: Awaited<ReturnType<typeof openRouteContext>>;
  beforeAll(async () => {
    h = await openRouteContext({}, "127.0.0.1", kind);
  });
  afterAll(() => h.close());
  const db = () => h.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request) => callRoute(fn, h.context, request, {});
  const upload = (applicant: Awaited<ReturnType<typeof makeUser>>, caseId: string, bytes: Uint8Array, filename: string, extra: { replaces?: string } = {}) =>
    addDocument({ ...ctxFor(db(), applicant), storage: h.services.storage, maxBytes: 1024 * 1024 }, { caseId, kind: "passport", filename, bytes, ...extra });

  it("answers one ZIP with the account, every case, every file version, messages and evidence, readable by another ZIP reader", async () => {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const officer = await makeUser(db(), "officer");
    // A draft with a replaced file (both versions exported), with a non-ASCII name.
    const draft = await createDraftCase(ctxFor(db(), applicant), validDossier(org.id));
    const v1 = new Uint8Array([...samplePdf(), 0x31]);
    const v2 = new Uint8Array([...samplePdf(), 0x32]);
    const first = await upload(applicant, draft.id, v1, "여권.pdf");
    const second = await upload(applicant, draft.id, v2, "passport-new.pdf", { replaces: first.id });
    // A submitted case with a message each way, an answered request, a decision letter.
    const [sub] = await db()
      .insert(cases)
      .values({ applicantId: applicant.id, organizationId: org.id, status: "approved", receiptNumber: "TT-2026-777001", dossier: validDossier(org.id), assignedOfficerId: officer.id, decision: { outcome: "approve", reasons: "Meets every criterion.", proposedBy: officer.id, proposedAt: new Date().toISOString() } })
      .returning();
    await db().insert(caseEvents).values([
      { caseId: sub!.id, type: "submit", toStatus: "submitted", data: { receiptNumber: "TT-2026-777001" } },
      { caseId: sub!.id, type: "sla_at_risk", data: { stage: "in_review" } },
      // The second review's internals: the proposal and the senior officer's comment stay inside.
      { caseId: sub!.id, type: "propose_decision", data: { outcome: "refuse", template: "refuse-income" } },
      { caseId: sub!.id, type: "return_decision", data: { comment: "Internal: check the salary slip again" } },
    ]);
    await sendMessage(ctxFor(db(), applicant), sub!.id, { body: "When will I hear?" });
    await sendMessage(ctxFor(db(), officer), sub!.id, { body: "This week." });
    const [req] = await db().insert(evidenceRequests).values({ caseId: sub!.id, requestedBy: officer.id, guidance: "Tell us about your lab.", deadline: new Date(Date.now() + 864e5), status: "answered", answerNote: "See above." }).returning();
    await db().insert(evidenceRequestItems).values({ requestId: req!.id, kind: "question", label: "Which lab?", answerText: "Vision lab" });
    const letterKey = `cases/${sub!.id}/letter`;
    await h.services.storage.put(letterKey, samplePdf(), "application/pdf");
    await db().update(cases).set({ letterKey }).where(eq(cases.id, sub!.id));
    // Someone else's case must not appear.
    const other = await makeUser(db(), "applicant");
    const theirs = await createDraftCase(ctxFor(db(), other), validDossier(org.id));
    await upload(other, theirs.id, samplePdf(), "not-yours.pdf");

    const cookie = await signInCookie(h.context, applicant.email);
    const res = (await call(exportRoute.action, new Request(testUrl("/account/export.zip"), { method: "POST", headers: { Cookie: cookie } }))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="toptier-my-data-\d{4}-\d{2}-\d{2}\.zip"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const file = path.join(h.dir, "export.zip");
    writeFileSync(file, bytes);
    if (unzip) expect(spawnSync("unzip", ["-tq", file], { encoding: "utf8" }).stdout).toMatch(/No errors detected/);

    const z = readWithPython(file);
    const names = Object.keys(z);
    const draftDir = `cases/draft-${draft.id.slice(0, 8)}`;
    expect(names).toEqual(
      expect.arrayContaining([
        "README.txt",
        "account.json",
        "export.json",
        `${draftDir}/case.json`,
        `${draftDir}/dossier.json`,
        `${draftDir}/documents.json`,
        "cases/TT-2026-777001/timeline.json",
        "cases/TT-2026-777001/messages.json",
        "cases/TT-2026-777001/evidence-requests.json",
        "cases/TT-2026-777001/decision-letter.pdf",
      ]),
    );
    expect(z["README.txt"]!.text).toMatch(/all your data/);
    expect(z["README.txt"]!.text).toMatch(/내 모든 데이터/);
    const account = JSON.parse(z["account.json"]!.text!) as Record<string, unknown>;
    expect(account).toMatchObject({ id: applicant.id, email: applicant.email, name: applicant.name });
    expect(JSON.stringify(account)).not.toMatch(/passwordHash|argon2|totpSecret/);
    expect(JSON.parse(z[`${draftDir}/dossier.json`]!.text!)).toEqual(draft.dossier);

    // Both versions of the replaced file, byte for byte, and the history in documents.json.
    const docsJson = JSON.parse(z[`${draftDir}/documents.json`]!.text!) as { id: string; file: string; sha256: string; replacedBy: string | null }[];
    expect(docsJson).toHaveLength(2);
    for (const d of docsJson) {
      const entry = z[`${draftDir}/${d.file}`];
      expect(entry, d.file).toBeDefined();
      expect(entry!.sha256).toBe(d.sha256);
    }
    const [row1] = await db().select().from(documents).where(eq(documents.id, first.id));
    expect(docsJson.find((d) => d.id === first.id)).toMatchObject({ replacedBy: second.id, sha256: row1!.sha256 });
    expect(docsJson.find((d) => d.id === first.id)!.file).toMatch(/^documents\/earlier-versions\/.*_여권\.pdf$/);
    expect(docsJson.find((d) => d.id === second.id)!.file).toMatch(/^documents\/[^/]*_passport-new\.pdf$/);

    // Timeline without internal events; messages both ways; the evidence answer.
    const timelineText = z["cases/TT-2026-777001/timeline.json"]!.text!;
    const timeline = JSON.parse(timelineText) as { event: string; details: Record<string, unknown> }[];
    expect(timeline.map((e) => e.event)).toEqual(["submit", "propose_decision", "return_decision"]);
    expect(timeline[0]!.details).toEqual({ receiptNumber: "TT-2026-777001" });
    expect(timeline[1]!.details).toEqual({});
    expect(timelineText).not.toMatch(/Internal: check the salary|refuse-income|"refuse"/);
    const messages = JSON.parse(z["cases/TT-2026-777001/messages.json"]!.text!) as { from: string; message: string }[];
    expect(messages.map((m) => [m.from, m.message])).toEqual([
      ["you", "When will I hear?"],
      ["immigration officer", "This week."],
    ]);
    expect(JSON.stringify(messages)).not.toContain(officer.name);
    const evidence = JSON.parse(z["cases/TT-2026-777001/evidence-requests.json"]!.text!) as { yourNote: string; items: { label: string; yourAnswer: string }[] }[];
    expect(evidence[0]).toMatchObject({ yourNote: "See above.", items: [{ label: "Which lab?", yourAnswer: "Vision lab" }] });
    const caseJson = JSON.parse(z["cases/TT-2026-777001/case.json"]!.text!) as { decision: { reasons: string } };
    expect(caseJson.decision.reasons).toBe("Meets every criterion.");
    expect(JSON.stringify(caseJson)).not.toContain(officer.id);

    // Nothing of the other applicant.
    expect(names.some((n) => n.includes(theirs.id.slice(0, 8)) || n.includes("not-yours"))).toBe(false);
    const exported = await db().select().from(auditLog).where(and(eq(auditLog.action, "account.export"), eq(auditLog.actorId, applicant.id)));
    expect(exported).toHaveLength(1);
    expect(exported[0]!.data).toMatchObject({ cases: 2, files: 2 });
  });

  it("is for applicants: other roles get 403, and a visitor is sent to sign in", async () => {
    const officer = await makeUser(db(), "officer");
    const cookie = await signInCookie(h.context, officer.email);
    expect(statusOf(await call(exportRoute.action, new Request(testUrl("/account/export.zip"), { method: "POST", headers: { Cookie: cookie } })))).toBe(403);
    const anon = await call(exportRoute.action, new Request(testUrl("/account/export.zip"), { method: "POST" }));
    expect(statusOf(anon)).toBe(302);
  });
});
