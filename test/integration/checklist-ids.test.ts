import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as caseDocuments from "../../app/routes/cases.$caseId.documents";
import * as stepPage from "../../app/routes/cases.$caseId.apply.$step";
import * as newCase from "../../app/routes/cases.new";
import { submitCase } from "../../models/case/actions";
import { documentsOverview } from "../../models/case/documents";
import { backfillEntryIds, ENTRY_IDS_BACKFILL } from "../../models/case/entry-ids";
import { caseFileReview } from "../../models/case/review";
import { ENTRY_ID_RE } from "../../models/dossier";
import { dataBackfills } from "../../models/schema/backfills";
import { cases, documents } from "../../models/schema/cases";
import { callRoute, dataOf, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, familyDossier, makeOrganization, makeUser, reload, samplePdf, validDossier } from "../support/factories";

/**
 * Issue 12 through the real routes, on both databases: list entries have stable
 * ids, files uploaded for an entry stay with it when an earlier entry is removed,
 * posted ids are checked (a duplicated or foreign id cannot attach an entry to
 * another's files), and the one-time backfill gives old dossiers ids and re-keys
 * their position-keyed documents exactly once.
 */
describe.each(["pglite", "postgres"] as const)("stable checklist keys (issue 12) on %s", (kind) => {
  let h: Awaited<ReturnType<typeof openRouteContext>>;
  beforeAll(async () => {
    h = await openRouteContext({}, "127.0.0.1", kind);
  }, 60_000);
  afterAll(() => h.close());
  const db = () => h.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, h.context, request, params);
  const get = (cookie: string, p: string) => new Request(testUrl(p), { headers: { Cookie: cookie } });
  const post = (cookie: string, p: string, body: Record<string, string>) => new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });
  const inYears = (n: number) => `${new Date().getUTCFullYear() + n}-05-31`;

  async function start() {
    const org = await makeOrganization(db());
    const user = await makeUser(db(), "applicant");
    const cookie = await signInCookie(h.context, user.email);
    const res = await call(newCase.action, post(cookie, "/cases/new", {}));
    const caseId = (res as Response).headers.get("Location")!.split("/")[2]!;
    const step = (s: string, body: Record<string, string>) => call(stepPage.action, post(cookie, `/cases/${caseId}/apply/${s}`, body), { caseId, step: s });
    const load = async (s: string) => ((await call(stepPage.loader, get(cookie, `/cases/${caseId}/apply/${s}`), { caseId, step: s })) as { values: Record<string, unknown> }).values;
    const upload = async (checklistItem: string, name: string) => {
      const fd = new FormData();
      fd.set("checklistItem", checklistItem);
      fd.set("returnTo", "documents");
      fd.set("file", new File([samplePdf() as Uint8Array<ArrayBuffer>], name, { type: "application/pdf" }));
      const r = await call(caseDocuments.action, new Request(testUrl(`/cases/${caseId}/documents`), { method: "POST", body: fd, headers: { Cookie: cookie } }), { caseId });
      expect(statusOf(r), name).toBe(302);
    };
    const overview = () => documentsOverview(ctxFor(db(), user), caseId);
    return { org, user, cookie, caseId, step, load, upload, overview };
  }

  /** The page's values as the browser posts them back: flat names, the hidden ids included. */
  function formOf(list: string, entries: Record<string, unknown>[], extra: Record<string, string>): Record<string, string> {
    const body: Record<string, string> = { ...extra };
    entries.forEach((e, i) => {
      for (const [k, v] of Object.entries(e)) if (v !== undefined && v !== null) body[`${list}.${i}.${k}`] = typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
    });
    return body;
  }

  const degree = (i: number, level: string, institution: string, awarded: string) => ({
    [`education.${i}.level`]: level,
    [`education.${i}.field`]: "Computer Science",
    [`education.${i}.institution`]: institution,
    [`education.${i}.awarded`]: awarded,
  });
  const dependant = (i: number, relation: string, fullName: string, passport: string) => ({
    [`dependants.${i}.relation`]: relation,
    [`dependants.${i}.fullName`]: fullName,
    [`dependants.${i}.birthDate`]: relation === "spouse" ? "1989-01-01" : "2019-05-05",
    [`dependants.${i}.nationality`]: "Nigeria",
    [`dependants.${i}.passportNumber`]: passport,
  });
  const personal = {
    "personal.fullName": "Ada Okafor",
    "personal.nationality": "Nigeria",
    "personal.birthDate": "1988-03-14",
    "personal.countryOfBirth": "Nigeria",
    "personal.passportNumber": "A12345678",
    "personal.passportCountry": "Nigeria",
    "personal.passportIssued": "2021-06-01",
    "personal.passportExpires": inYears(6),
    intent: "continue",
  };

  it("keeps a file with its degree and its dependant when an earlier one is removed in the wizard, for the applicant and the officer", async () => {
    const w = await start();
    expect(statusOf(await w.step("personal", personal))).toBe(302);
    expect(statusOf(await w.step("education", { ...degree(0, "master", "ETH Zurich", "2012-06-30"), ...degree(1, "phd", "KAIST", "2016-02-20"), intent: "continue" }))).toBe(302);
    expect(statusOf(await w.step("dependants", { ...dependant(0, "spouse", "Bo Okafor", "B1234567"), ...dependant(1, "child", "Chi Okafor", "C1234567"), intent: "continue" }))).toBe(302);
    const c0 = await reload(db(), w.caseId);
    const [eth, kaist] = c0.dossier.education.map((d) => d.id!);
    const [bo, chi] = c0.dossier.dependants.map((d) => d.id!);
    for (const id of [eth, kaist, bo, chi]) expect(id).toMatch(ENTRY_ID_RE);

    // Files for degree 1 and 2, and for both dependants' passports, through the documents page.
    await w.upload(`degree:${eth}`, "eth-diploma.pdf");
    await w.upload(`degree:${kaist}`, "kaist-diploma.pdf");
    await w.upload(`passport:dependant:${bo}`, "bo-passport.pdf");
    await w.upload(`passport:dependant:${chi}`, "chi-passport.pdf");

    // The education page shows the ids (hidden fields); "Remove degree 1" re-shows the page, then "Continue" saves.
    const shown = (await w.load("education")).education as Record<string, unknown>[];
    expect(shown.map((e) => e.id)).toEqual([eth, kaist]);
    const removed = await w.step("education", formOf("education", shown, { intent: "remove-education-0" }));
    const remaining = (dataOf(removed).values as { education: Record<string, unknown>[] }).education;
    expect(remaining).toEqual([expect.objectContaining({ id: kaist, institution: "KAIST" })]);
    expect(statusOf(await w.step("education", formOf("education", remaining, { intent: "continue" })))).toBe(302);
    // The same for the first dependant.
    const people = (await w.load("dependants")).dependants as Record<string, unknown>[];
    const left = (dataOf(await w.step("dependants", formOf("dependants", people, { intent: "remove-dependants-0" }))).values as { dependants: Record<string, unknown>[] }).dependants;
    expect(statusOf(await w.step("dependants", formOf("dependants", left, { intent: "continue" })))).toBe(302);

    const c1 = await reload(db(), w.caseId);
    expect(c1.dossier.education.map((d) => [d.id, d.institution])).toEqual([[kaist, "KAIST"]]);
    expect(c1.dossier.dependants.map((d) => [d.id, d.fullName])).toEqual([[chi, "Chi Okafor"]]);

    const o = await w.overview();
    const filesOf = (key: string) => o.checklist.find((i) => i.key === key)?.fileList.map((f) => f.filename);
    // The former degree 2 (now the only degree) still has its own file, and only it.
    expect(filesOf(`degree:${kaist}`)).toEqual(["kaist-diploma.pdf"]);
    expect(o.checklist.find((i) => i.key === `degree:${kaist}`)?.label.en).toMatch(/Doctorate, KAIST/);
    const degreeItems = o.checklist.filter((i) => i.documentKind === "degree_certificate");
    expect(degreeItems.flatMap((i) => i.fileList.map((f) => f.filename))).toEqual(["kaist-diploma.pdf"]);
    // The child's passport stays the child's, who is now dependant 1; the spouse's files are no longer on the checklist.
    const chiPassport = o.checklist.find((i) => i.key === `passport:dependant:${chi}`);
    expect(chiPassport).toMatchObject({ dependantIndex: 0, label: { en: "Passport (photo page) of Chi Okafor" } });
    expect(chiPassport?.fileList.map((f) => f.filename)).toEqual(["chi-passport.pdf"]);
    expect(o.otherFiles.map((f) => f.filename).sort()).toEqual(["bo-passport.pdf", "eth-diploma.pdf"]);
    const page = (await call(caseDocuments.loader, get(w.cookie, `/cases/${w.caseId}/documents`), { caseId: w.caseId })) as { checklist: { key: string; person: string; dependantIndex: number | null }[]; dependants: (string | null)[] };
    expect(page.checklist.find((i) => i.key === `passport:dependant:${chi}`)).toMatchObject({ person: `dependant:${chi}`, dependantIndex: 0 });
    expect(page.dependants).toEqual(["Chi Okafor"]);

    // Submitted, the officer's case file names the entry each file is for.
    await w.upload("passport:self", "passport.pdf");
    await w.step("offer", { "offer.hasOffer": "yes", "offer.organizationId": w.org.id, "offer.jobTitle": "Scientist", "offer.industry": "ai", "offer.annualSalaryKrw": "180000000", intent: "continue" });
    for (const s of ["work", "achievements"]) expect(statusOf(await w.step(s, { intent: "continue" })), s).toBe(302);
    await submitCase(ctxFor(db(), w.user), w.caseId);
    const officer = await makeUser(db(), "officer");
    const file = await caseFileReview(ctxFor(db(), officer), w.caseId);
    const entryOf = (name: string) => file.documents.find((d) => d.filename === name)?.entry?.en ?? null;
    expect(entryOf("kaist-diploma.pdf")).toBe("Doctorate, KAIST");
    expect(entryOf("chi-passport.pdf")).toBe("Chi Okafor");
    expect(entryOf("eth-diploma.pdf")).toBeNull();
    expect(entryOf("bo-passport.pdf")).toBeNull();
    expect(entryOf("passport.pdf")).toBeNull();
  });

  it("keeps ids through a save round trip and gives a new one for a duplicated, foreign or malformed hidden id", async () => {
    const other = await start();
    expect(statusOf(await other.step("education", { ...degree(0, "phd", "Seoul National University", "2015-02-20"), intent: "continue" }))).toBe(302);
    const foreign = (await reload(db(), other.caseId)).dossier.education[0]!.id!;
    await other.upload(`degree:${foreign}`, "other-diploma.pdf");

    const w = await start();
    expect(statusOf(await w.step("education", { ...degree(0, "phd", "KAIST", "2016-02-20"), intent: "later" }))).toBe(302);
    const [mine] = (await reload(db(), w.caseId)).dossier.education.map((d) => d.id!);
    await w.upload(`degree:${mine}`, "kaist-diploma.pdf");
    // A round trip: the page shows the id, posting it back keeps it (also for "Save and come back later").
    const shown = (await w.load("education")).education as Record<string, unknown>[];
    expect(shown).toEqual([expect.objectContaining({ id: mine, institution: "KAIST" })]);
    expect(statusOf(await w.step("education", formOf("education", shown, { intent: "later" })))).toBe(302);
    expect((await reload(db(), w.caseId)).dossier.education.map((d) => d.id)).toEqual([mine]);

    // Tampered hidden fields: the second entry repeats the first's id, the third carries another case's, the fourth junk.
    const tampered = {
      ...degree(0, "phd", "KAIST", "2016-02-20"),
      "education.0.id": mine!,
      ...degree(1, "master", "Copy University", "2012-02-20"),
      "education.1.id": mine!,
      ...degree(2, "master", "Foreign University", "2011-02-20"),
      "education.2.id": foreign,
      ...degree(3, "bachelor", "Junk University", "2009-02-20"),
      "education.3.id": `"><script>x</script>`,
      intent: "continue",
    };
    expect(statusOf(await w.step("education", tampered))).toBe(302);
    const saved = (await reload(db(), w.caseId)).dossier.education;
    expect(saved.map((d) => d.institution)).toEqual(["KAIST", "Copy University", "Foreign University", "Junk University"]);
    expect(saved[0]!.id).toBe(mine);
    for (const d of saved) expect(d.id).toMatch(ENTRY_ID_RE);
    expect(new Set(saved.map((d) => d.id)).size).toBe(4);
    expect(saved.map((d) => d.id)).not.toContain(foreign);
    // Each file still counts for its own entry only; the other case's file is untouched.
    const o = await w.overview();
    expect(o.checklist.filter((i) => i.documentKind === "degree_certificate").map((i) => [i.label.en, i.fileList.map((f) => f.filename)])).toEqual([
      ["Degree certificate: Doctorate, KAIST", ["kaist-diploma.pdf"]],
      ["Degree certificate: Master's degree, Copy University", []],
      ["Degree certificate: Master's degree, Foreign University", []],
      ["Degree certificate: Bachelor's degree, Junk University", []],
    ]);
    const [otherDoc] = await db().select().from(documents).where(eq(documents.caseId, other.caseId));
    expect(otherDoc!.checklistItem).toBe(`degree:${foreign}`);
    // Uploading against another case's entry key is refused with a message, as any unknown item.
    const fd = new FormData();
    fd.set("checklistItem", `degree:${foreign}`);
    fd.set("file", new File([samplePdf() as Uint8Array<ArrayBuffer>], "x.pdf", { type: "application/pdf" }));
    const refused = await call(caseDocuments.action, new Request(testUrl(`/cases/${w.caseId}/documents`), { method: "POST", body: fd, headers: { Cookie: w.cookie } }), { caseId: w.caseId });
    expect(statusOf(refused)).toBe(400);
  });

  describe("the one-time backfill of old dossiers", () => {
    /** A case stored as before issue 12: no ids, and files keyed by list position. */
    async function oldStyleCase(dossier: Record<string, unknown>, keys: string[], status: "draft" | "submitted" = "submitted") {
      const applicant = await makeUser(db(), "applicant");
      const [c] = await db()
        .insert(cases)
        .values({ applicantId: applicant.id, dossier: dossier as never, status, draftStep: "check" })
        .returning();
      for (const key of keys) {
        await db()
          .insert(documents)
          .values({ caseId: c!.id, kind: "other", filename: `${key.replace(/\W/g, "-")}.pdf`, contentType: "application/pdf", sizeBytes: 10, sha256: "0".repeat(64), storageKey: `cases/${c!.id}/${key}`, uploadedBy: applicant.id, checklistItem: key });
      }
      return { c: c!, applicant };
    }
    const keysOf = async (caseId: string) =>
      Object.fromEntries((await db().select().from(documents).where(eq(documents.caseId, caseId)).orderBy(asc(documents.filename))).map((d) => [d.filename, d.checklistItem]));

    it("gives every entry an id, moves the documents' keys from positions to ids, and does it once", async () => {
      const org = await makeOrganization(db());
      const base = familyDossier(org.id);
      const a = await oldStyleCase(base, ["degree:0", "degree:1", "employment:0", "passport:dependant:1", "family:dependant:0", "passport:self", "degree:7", "publications"]);
      // The single `degree` of the first wizard, a draft.
      const { education, ...rest } = validDossier(org.id);
      const legacy = await oldStyleCase({ ...rest, degree: education[0] }, ["degree:0"], "draft");
      // Already converted: left alone.
      const done = await oldStyleCase({ ...base, education: [{ ...base.education[0], id: "keptid001" }], work: [], dependants: [], achievements: { publications: [], patents: [], awards: [] } }, ["degree:keptid001"]);

      // Before the backfill, old dossiers still show their files against the right entry (keys are positions then).
      const officer = await makeUser(db(), "officer");
      expect((await caseFileReview(ctxFor(db(), officer), a.c.id)).documents.find((d) => d.filename === "degree-1.pdf")?.entry?.en).toBe("Doctorate, KAIST");

      const changed = await backfillEntryIds(db(), { batch: 2 });
      expect(changed).toBeGreaterThanOrEqual(2);
      const ca = await reload(db(), a.c.id);
      const [eth, kaist] = ca.dossier.education.map((d) => d.id!);
      const [job] = ca.dossier.work.map((d) => d.id!);
      const [bo, chi] = ca.dossier.dependants.map((d) => d.id!);
      const pub = ca.dossier.achievements.publications[0]!.id!;
      for (const id of [eth, kaist, job, bo, chi, pub]) expect(id).toMatch(ENTRY_ID_RE);
      expect(ca.dossier.education.map((d) => d.institution)).toEqual(["ETH Zurich", "KAIST"]);
      expect(ca.version).toBe(a.c.version + 1);
      expect(await keysOf(a.c.id)).toEqual({
        "degree-0.pdf": `degree:${eth}`,
        "degree-1.pdf": `degree:${kaist}`,
        "employment-0.pdf": `employment:${job}`,
        "passport-dependant-1.pdf": `passport:dependant:${chi}`,
        "family-dependant-0.pdf": `family:dependant:${bo}`,
        "passport-self.pdf": "passport:self",
        // A key no entry had (a file of a removed entry) stays as it was.
        "degree-7.pdf": "degree:7",
        "publications.pdf": "publications",
      });
      const cl = await reload(db(), legacy.c.id);
      expect(cl.dossier).not.toHaveProperty("degree");
      expect(await keysOf(legacy.c.id)).toEqual({ "degree-0.pdf": `degree:${cl.dossier.education[0]!.id}` });
      expect((await reload(db(), done.c.id)).version).toBe(done.c.version);
      expect(await keysOf(done.c.id)).toEqual({ "degree-keptid001.pdf": "degree:keptid001" });
      // The officer's view and the applicant's checklist show them against the same entries.
      const file = await caseFileReview(ctxFor(db(), officer), a.c.id);
      expect(file.documents.find((d) => d.filename === "degree-1.pdf")?.entry?.en).toBe("Doctorate, KAIST");
      expect(file.documents.find((d) => d.filename === "passport-dependant-1.pdf")?.entry?.en).toBe("Chi Okafor");
      const o = await documentsOverview(ctxFor(db(), a.applicant), a.c.id);
      expect(o.checklist.find((i) => i.key === `degree:${kaist}`)?.fileList.map((f) => f.filename)).toEqual(["degree-1.pdf"]);
      const [marker] = await db().select().from(dataBackfills).where(eq(dataBackfills.name, ENTRY_IDS_BACKFILL));
      expect(marker?.changed).toBe(changed);

      // Twice: recorded as done, so nothing runs; and forced, it changes nothing (entries with ids keep them).
      const snapshot = async () => [await reload(db(), a.c.id), await reload(db(), legacy.c.id), await keysOf(a.c.id), await keysOf(legacy.c.id)];
      const before = await snapshot();
      expect(await backfillEntryIds(db())).toBe(0);
      expect(await backfillEntryIds(db(), { force: true })).toBe(0);
      expect(await snapshot()).toEqual(before);
    });

    it("converts a dossier stored without ids later, when it is next saved, and its files follow", async () => {
      await backfillEntryIds(db()); // recorded as done: a case stored without ids now is converted lazily
      const org = await makeOrganization(db());
      const dossier = validDossier(org.id, {
        education: [
          { level: "master", field: "CS", institution: "ETH Zurich", awarded: "2012-06-30" },
          { level: "phd", field: "CS", institution: "KAIST", awarded: "2016-02-20" },
        ],
      });
      const { c, applicant } = await oldStyleCase(dossier, ["degree:0", "degree:1"], "draft");
      expect(await backfillEntryIds(db())).toBe(0);
      const cookie = await signInCookie(h.context, applicant.email);
      // A page shown before the ids (nothing hidden) removes the first degree and saves.
      const values = ((await call(stepPage.loader, get(cookie, `/cases/${c.id}/apply/education`), { caseId: c.id, step: "education" })) as { values: { education: Record<string, unknown>[] } }).values.education;
      const oldPage = values.map(({ id: _id, ...e }) => e);
      const res = await call(stepPage.action, post(cookie, `/cases/${c.id}/apply/education`, formOf("education", oldPage, { intent: "later" })), { caseId: c.id, step: "education" });
      expect(statusOf(res)).toBe(302);
      const saved = (await reload(db(), c.id)).dossier.education;
      expect(saved.map((d) => d.institution)).toEqual(["ETH Zurich", "KAIST"]);
      expect(await keysOf(c.id)).toEqual({ "degree-0.pdf": `degree:${saved[0]!.id}`, "degree-1.pdf": `degree:${saved[1]!.id}` });
      // Now removing the first degree keeps the second's file with it.
      const shown = ((await call(stepPage.loader, get(cookie, `/cases/${c.id}/apply/education`), { caseId: c.id, step: "education" })) as { values: { education: Record<string, unknown>[] } }).values.education;
      await call(stepPage.action, post(cookie, `/cases/${c.id}/apply/education`, formOf("education", shown.slice(1), { intent: "later" })), { caseId: c.id, step: "education" });
      const o = await documentsOverview(ctxFor(db(), applicant), c.id);
      expect(o.checklist.filter((i) => i.documentKind === "degree_certificate").map((i) => [i.label.en, i.fileList.map((f) => f.filename)])).toEqual([["Degree certificate: Doctorate, KAIST", ["degree-1.pdf"]]]);
    });
  });
});
