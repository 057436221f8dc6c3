import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as applyIndex from "../../app/routes/cases.$caseId.apply._index";
import * as checkPage from "../../app/routes/cases.$caseId.apply.check";
import * as donePage from "../../app/routes/cases.$caseId.apply.done";
import * as stepPage from "../../app/routes/cases.$caseId.apply.$step";
import * as editPage from "../../app/routes/cases.$caseId.edit";
import * as newCase from "../../app/routes/cases.new";
import { addDocument } from "../../models/case/documents";
import { ENTRY_ID_RE } from "../../models/dossier";
import type { OutgoingMail } from "../../models/platform/mail";
import { caseEvents } from "../../models/schema/cases";
import { outbox } from "../../models/schema/outbox";
import { users } from "../../models/schema/users";
import { processJob } from "../../workers/runtime";
import { callRoute, dataOf, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, makeOrganization, makeUser, reload, samplePdf } from "../support/factories";

/**
 * A3/A6/A7 through the real route modules: every wizard page with good and bad
 * input, resume, back, the pre-submission check and submission, on both databases.
 */
describe.each(["pglite", "postgres"] as const)("dossier wizard (%s)", (kind) => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let context: AppLoadContext;
  beforeAll(async () => {
    harness = await openRouteContext({}, "127.0.0.1", kind);
    context = harness.context;
  }, 60_000);
  afterAll(() => harness.close());

  const db = () => harness.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, context, request, params);
  const get = (cookie: string, p: string) => new Request(testUrl(p), { headers: { Cookie: cookie } });
  const post = (cookie: string, p: string, body: Record<string, string>) => new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });
  const location = (r: unknown) => (r as Response).headers.get("Location");
  const inYears = (n: number) => `${new Date().getUTCFullYear() + n}-05-31`;
  /** Issue 12: every stored list entry has a stable id. */
  const anId = () => expect.stringMatching(ENTRY_ID_RE);

  async function start() {
    const org = await makeOrganization(db());
    const user = await makeUser(db(), "applicant");
    const cookie = await signInCookie(context, user.email);
    const res = await call(newCase.action, post(cookie, "/cases/new", {}));
    expect(statusOf(res)).toBe(302);
    const caseId = location(res)!.split("/")[2]!;
    expect(location(res)).toBe(`/cases/${caseId}/apply/personal`);
    const step = async (s: string, body: Record<string, string>) => call(stepPage.action, post(cookie, `/cases/${caseId}/apply/${s}`, body), { caseId, step: s });
    const load = async (s: string) => call(stepPage.loader, get(cookie, `/cases/${caseId}/apply/${s}`), { caseId, step: s });
    return { org, user, cookie, caseId, step, load };
  }

  const personal = (over: Record<string, string> = {}) => ({
    "personal.fullName": "Ada Okafor",
    "personal.nationality": "Nigeria",
    "personal.birthDate": "1988-03-14",
    "personal.countryOfBirth": "Nigeria",
    "personal.passportNumber": "a12 345-678",
    "personal.passportCountry": "Nigeria",
    "personal.passportIssued": "2021-06-01",
    "personal.passportExpires": inYears(6),
    intent: "continue",
    ...over,
  });

  async function fillAll(w: Awaited<ReturnType<typeof start>>, over: { personal?: Record<string, string>; dependants?: Record<string, string> } = {}) {
    expect(location(await w.step("personal", personal(over.personal)))).toBe(`/cases/${w.caseId}/apply/education`);
    expect(
      location(
        await w.step("education", {
          "education.0.level": "master",
          "education.0.field": "Computer Science",
          "education.0.institution": "ETH Zurich",
          "education.0.awarded": "2012-06-30",
          "education.1.level": "phd",
          "education.1.field": "Computer Science",
          "education.1.institution": "KAIST",
          "education.1.country": "Korea",
          "education.1.awarded": "2016-02-20",
          intent: "continue",
        }),
      ),
    ).toBe(`/cases/${w.caseId}/apply/work`);
    expect(
      location(
        await w.step("work", {
          "work.0.employer": "Samsung Electronics",
          "work.0.kind": "company",
          "work.0.title": "Research engineer",
          "work.0.country": "Korea",
          "work.0.start": "2016-03-01",
          "work.0.current": "no",
          "work.0.end": "2020-02-28",
          "work.0.postdoc": "no",
          "work.1.employer": "KAIST AI Institute",
          "work.1.kind": "research_institute",
          "work.1.title": "Senior researcher",
          "work.1.country": "Korea",
          "work.1.start": "2020-03-01",
          "work.1.current": "yes",
          "work.1.end": "2021-01-01",
          "work.1.postdoc": "yes",
          intent: "continue",
        }),
      ),
    ).toBe(`/cases/${w.caseId}/apply/achievements`);
    expect(
      location(await w.step("achievements", { "achievements.publications.0.title": "Sparse attention", "achievements.publications.0.venue": "NeurIPS", "achievements.publications.0.year": "2022", intent: "continue" })),
    ).toBe(`/cases/${w.caseId}/apply/offer`);
    expect(
      location(
        await w.step("offer", {
          "offer.hasOffer": "yes",
          "offer.organizationId": w.org.id,
          "offer.jobTitle": "Principal scientist",
          "offer.industry": "ai",
          "offer.annualSalaryKrw": "180000000",
          intent: "continue",
        }),
      ),
    ).toBe(`/cases/${w.caseId}/apply/dependants`);
    expect(location(await w.step("dependants", { ...over.dependants, intent: "continue" }))).toBe(`/cases/${w.caseId}/apply/check`);
  }

  it("walks every page with valid input, storing a well-formed dossier and resuming at the check page", async () => {
    const w = await start();
    await fillAll(w);
    const c = await reload(db(), w.caseId);
    expect(c.draftStep).toBe("check");
    expect(c.organizationId).toBe(w.org.id);
    expect(c.dossier.personal.passportNumber).toBe("A12345678");
    expect(c.dossier.education.map((d) => d.institution)).toEqual(["ETH Zurich", "KAIST"]);
    // A current job keeps no end date, whatever was typed there.
    expect(c.dossier.work[1]).toEqual({ id: anId(), employer: "KAIST AI Institute", kind: "research_institute", title: "Senior researcher", country: "KR", start: "2020-03-01", current: true, postdoc: true });
    expect(c.dossier.achievements).toEqual({ publications: [{ id: anId(), title: "Sparse attention", venue: "NeurIPS", year: 2022 }], patents: [], awards: [] });
    const ids = [...c.dossier.education, ...c.dossier.work, ...c.dossier.achievements.publications].map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
    expect(c.dossier.dependants).toEqual([]);
    expect(location(await call(applyIndex.loader, get(w.cookie, `/cases/${w.caseId}/apply`), { caseId: w.caseId }))).toBe(`/cases/${w.caseId}/apply/check`);
    expect(location(await call(editPage.loader, get(w.cookie, `/cases/${w.caseId}/edit`), { caseId: w.caseId }))).toBe(`/cases/${w.caseId}/apply`);
  });

  it("answers invalid input on every page with 400, field messages and what was typed, saving nothing", async () => {
    const w = await start();
    const cases: [string, Record<string, string>, Record<string, unknown>, Record<string, unknown>][] = [
      ["personal", personal({ "personal.birthDate": "1990-02-30", "personal.passportNumber": "x" }), { "personal.birthDate": "Enter a real date", "personal.passportNumber": expect.stringMatching(/5 to 20/) }, { personal: { fullName: "Ada Okafor" } }],
      ["education", { "education.0.level": "diploma", "education.0.field": "CS", intent: "continue" }, { "education.0.level": "Choose the level of the degree", "education.0.institution": "Enter the university" }, { education: [{ level: "diploma", field: "CS" }] }],
      ["education", { intent: "continue" }, { education: "Add at least one degree" }, { education: [] }],
      ["work", { "work.0.employer": "Acme", "work.0.start": "2020-01-01", "work.0.end": "2019-01-01", "work.0.current": "maybe", intent: "continue" }, { "work.0.current": "Say whether you still work there", "work.0.kind": expect.any(String) }, { work: [{ employer: "Acme" }] }],
      ["achievements", { "achievements.awards.0.name": "Turing", "achievements.awards.0.year": "twenty", intent: "continue" }, { "achievements.awards.0.year": expect.stringMatching(/4 digits/), "achievements.awards.0.issuer": "Enter who gave it" }, { achievements: { awards: [{ name: "Turing" }] } }],
      ["offer", { intent: "continue" }, { "offer.hasOffer": "Say whether you have a job offer" }, {}],
      ["offer", { "offer.hasOffer": "yes", "offer.annualSalaryKrw": "lots", "offer.jobTitle": "Scientist", intent: "continue" }, { "offer.annualSalaryKrw": expect.stringMatching(/digits/), "offer.organizationId": "Choose your sponsoring employer" }, { offer: { jobTitle: "Scientist" } }],
      ["dependants", { "dependants.0.relation": "cousin", "dependants.0.fullName": "Bo", intent: "continue" }, { "dependants.0.relation": "Choose spouse or child", "dependants.0.passportNumber": "Enter their passport number" }, { dependants: [{ fullName: "Bo" }] }],
    ];
    for (const [s, body, errors, values] of cases) {
      const res = await w.step(s, body);
      expect(statusOf(res), s).toBe(400);
      expect(dataOf(res).fieldErrors, s).toMatchObject(errors);
      expect(dataOf(res).values, s).toMatchObject(values);
    }
    const c = await reload(db(), w.caseId);
    expect(c.dossier).toEqual({});
    expect(c.draftStep).toBe("personal");
    // An employer that does not exist is refused like any other bad answer.
    const ghost = await w.step("offer", { "offer.hasOffer": "yes", "offer.organizationId": "3f1b6c1e-6a55-4c41-9b5e-3c6f1f0e9a10", "offer.jobTitle": "S", "offer.industry": "ai", "offer.annualSalaryKrw": "1", intent: "continue" });
    expect(dataOf(ghost).fieldErrors).toMatchObject({ "offer.organizationId": expect.stringMatching(/from the list/) });
    // An unknown page is a 404.
    expect(statusOf(await w.load("passwords"))).toBe(404);
  });

  it("adds and removes entries without JavaScript, keeping what was typed", async () => {
    const w = await start();
    const added = await w.step("education", { "education.0.field": "Physics", intent: "add-education" });
    expect(statusOf(added)).toBe(200);
    expect(dataOf(added).values).toEqual({ education: [{ field: "Physics" }, {}] });
    const removed = await w.step("education", { "education.0.field": "Physics", "education.1.field": "Maths", intent: "remove-education-0" });
    expect(dataOf(removed).values).toEqual({ education: [{ field: "Maths" }] });
    const pub = await w.step("achievements", { "achievements.publications.0.title": "A", intent: "add-awards" });
    expect(dataOf(pub).values).toEqual({ achievements: { publications: [{ title: "A" }], patents: [], awards: [{}] } });
    // Nothing is saved by adding or removing.
    expect((await reload(db(), w.caseId)).dossier).toEqual({});
  });

  it("saves a partial page for later, resumes there, and shows saved answers when going back", async () => {
    const w = await start();
    expect(location(await w.step("personal", personal()))).toBe(`/cases/${w.caseId}/apply/education`);
    const later = await w.step("education", { "education.0.institution": "KAIST", intent: "later" });
    expect(location(later)).toBe(`/cases/${w.caseId}?saved=1`);
    const c = await reload(db(), w.caseId);
    expect(c.dossier.education).toEqual([{ id: anId(), institution: "KAIST" }]);
    const saved = c.dossier.education[0]!;
    expect(c.draftStep).toBe("education");
    expect(location(await call(applyIndex.loader, get(w.cookie, `/cases/${w.caseId}/apply`), { caseId: w.caseId }))).toBe(`/cases/${w.caseId}/apply/education`);
    // Back to page 1: the answers given there are shown.
    const back = (await w.load("personal")) as { values: { personal: Record<string, string> } };
    expect(back.values.personal).toMatchObject({ fullName: "Ada Okafor", passportNumber: "A12345678", birthDate: "1988-03-14" });
    const edu = (await w.load("education")) as { values: { education: unknown[] } };
    expect(edu.values.education).toEqual([saved]);
    // Saving for later still refuses malformed input (and keeps what was typed).
    const bad = await w.step("education", { "education.0.awarded": "yesterday", "education.0.field": "CS", intent: "later" });
    expect(statusOf(bad)).toBe(400);
    expect(dataOf(bad).values).toEqual({ education: [{ awarded: "yesterday", field: "CS" }] });
    expect((await reload(db(), w.caseId)).dossier.education).toEqual([saved]);
    // A wholly blank entry before the bad one: the message sits by the field that is wrong, on the entry as shown.
    const shifted = await w.step("education", { "education.0.field": "", "education.1.awarded": "2099-01-01", "education.1.field": "CS", intent: "later" });
    expect(statusOf(shifted)).toBe(400);
    const shown = dataOf(shifted) as { values: { education: Record<string, string>[] }; fieldErrors: Record<string, string> };
    const [key] = Object.keys(shown.fieldErrors);
    const index = Number(/^education\.(\d+)\.awarded$/.exec(key ?? "")?.[1]);
    expect(shown.values.education[index]).toEqual({ awarded: "2099-01-01", field: "CS" });
  });

  it("bounds texts and lists, refuses wrong types, and stores script as plain text", async () => {
    const w = await start();
    const long = await w.step("personal", personal({ "personal.fullName": "x".repeat(201), "personal.nationality": "y".repeat(81) }));
    expect(dataOf(long).fieldErrors).toMatchObject({ "personal.fullName": expect.stringMatching(/200 characters or fewer/), "personal.nationality": expect.stringMatching(/80 characters or fewer/) });
    const tooMany: Record<string, string> = { intent: "continue" };
    for (let i = 0; i < 12; i++) Object.assign(tooMany, { [`dependants.${i}.relation`]: "child", [`dependants.${i}.fullName`]: `Child ${i}`, [`dependants.${i}.birthDate`]: "2015-01-01", [`dependants.${i}.nationality`]: "Nigeria", [`dependants.${i}.passportNumber`]: `C${1000000 + i}` });
    expect(dataOf(await w.step("dependants", tooMany)).fieldErrors).toMatchObject({ dependants: "List at most 10 dependants" });
    const year = await w.step("achievements", { "achievements.patents.0.title": "P", "achievements.patents.0.number": "KR-1", "achievements.patents.0.country": "Korea", "achievements.patents.0.year": "1e3", intent: "continue" });
    expect(dataOf(year).fieldErrors).toMatchObject({ "achievements.patents.0.year": expect.any(String) });
    const script = "<script>alert('x')</script>";
    expect(statusOf(await w.step("personal", personal({ "personal.fullName": script })))).toBe(302);
    expect((await reload(db(), w.caseId)).dossier.personal.fullName).toBe(script);
    const check = (await call(checkPage.loader, get(w.cookie, `/cases/${w.caseId}/apply/check`), { caseId: w.caseId })) as { dossier: { personal: { fullName: string } } };
    expect(check.dossier.personal.fullName).toBe(script);
  });

  it("keeps an applicant to 10 unsubmitted applications at once, with a clear message", async () => {
    const w = await start();
    for (let i = 1; i < 10; i++) expect(statusOf(await call(newCase.action, post(w.cookie, "/cases/new", {})))).toBe(302);
    const eleventh = await call(newCase.action, post(w.cookie, "/cases/new", {}));
    expect(statusOf(eleventh)).toBe(409);
    expect(JSON.stringify(eleventh)).toMatch(/already have 10 applications that are not submitted/);
  });

  it("answers 404 for another applicant's case on every wizard route", async () => {
    const w = await start();
    const other = await signInCookie(context, (await makeUser(db(), "applicant")).email);
    const p = { caseId: w.caseId };
    expect(statusOf(await call(stepPage.loader, get(other, `/cases/${w.caseId}/apply/personal`), { ...p, step: "personal" }))).toBe(404);
    expect(statusOf(await call(stepPage.action, post(other, `/cases/${w.caseId}/apply/personal`, personal()), { ...p, step: "personal" }))).toBe(404);
    expect(statusOf(await call(stepPage.action, post(other, `/cases/${w.caseId}/apply/education`, { intent: "add-education" }), { ...p, step: "education" }))).toBe(404);
    expect(statusOf(await call(applyIndex.loader, get(other, `/cases/${w.caseId}/apply`), p))).toBe(404);
    expect(statusOf(await call(checkPage.loader, get(other, `/cases/${w.caseId}/apply/check`), p))).toBe(404);
    expect(statusOf(await call(checkPage.action, post(other, `/cases/${w.caseId}/apply/check`, { declaration: "yes" }), p))).toBe(404);
    expect(statusOf(await call(donePage.loader, get(other, `/cases/${w.caseId}/apply/done`), p))).toBe(404);
    expect((await reload(db(), w.caseId)).dossier).toEqual({});
  });

  it("explains the check, refuses submission while blockers remain, then submits with a receipt and a confirmation e-mail in the user's language", async () => {
    const w = await start();
    await db().update(users).set({ locale: "ko" }).where(eq(users.id, w.user.id));
    await fillAll(w, {
      personal: { "personal.passportExpires": "2020-01-01" },
      dependants: { "dependants.0.relation": "spouse", "dependants.0.fullName": "Bo Okafor", "dependants.0.birthDate": "1989-01-01", "dependants.0.nationality": "Nigeria", "dependants.0.passportNumber": "A12345678" },
    });
    type Check = { blockers: { code: string; fix: unknown }[]; warnings: { code: string }[]; eligibility: { outcome: string; criteria: unknown[] } | null; checklist: { key: string }[] };
    const check = (await call(checkPage.loader, get(w.cookie, `/cases/${w.caseId}/apply/check`), { caseId: w.caseId })) as Check;
    const { education, work, dependants } = (await reload(db(), w.caseId)).dossier;
    expect(check.blockers.map((b) => b.code)).toEqual(expect.arrayContaining(["passport_expired", "dependant_same_passport:0", "document:passport:self"]));
    expect(check.blockers.find((b) => b.code === "document:passport:self")?.fix).toEqual({ documents: true, item: "passport:self" });
    expect(check.warnings.map((b) => b.code)).toEqual(expect.arrayContaining([`document:degree:${education[0]!.id}`, `document:employment:${work[1]!.id}`, `document:family:dependant:${dependants[0]!.id}`]));
    expect(check.eligibility?.criteria.length).toBeGreaterThan(0);
    expect(check.checklist.map((i) => i.key)).toEqual(expect.arrayContaining([`degree:${education[1]!.id}`, `employment:${work[1]!.id}`, `passport:dependant:${dependants[0]!.id}`]));

    const noDeclaration = await call(checkPage.action, post(w.cookie, `/cases/${w.caseId}/apply/check`, {}), { caseId: w.caseId });
    expect(statusOf(noDeclaration)).toBe(400);
    expect(dataOf(noDeclaration).fieldErrors).toMatchObject({ declaration: expect.any(String) });
    const blocked = await call(checkPage.action, post(w.cookie, `/cases/${w.caseId}/apply/check`, { declaration: "yes" }), { caseId: w.caseId });
    expect(statusOf(blocked)).toBe(400);
    expect(dataOf(blocked).fieldErrors).toMatchObject({ passport_expired: expect.stringMatching(/expired/), "dependant_same_passport:0": expect.any(String) });
    expect((await reload(db(), w.caseId)).status).toBe("draft");

    // Fix them: a valid passport, the dependant's own passport number, and the passport scan.
    await w.step("personal", personal());
    await w.step("dependants", { "dependants.0.relation": "spouse", "dependants.0.fullName": "Bo Okafor", "dependants.0.birthDate": "1989-01-01", "dependants.0.nationality": "Nigeria", "dependants.0.passportNumber": "B7654321", intent: "continue" });
    await addDocument({ ...ctxFor(db(), w.user), storage: harness.services.storage, maxBytes: 1024 * 1024 }, { caseId: w.caseId, kind: "passport", checklistItem: "passport:self", filename: "passport.pdf", bytes: samplePdf() });
    const clear = (await call(checkPage.loader, get(w.cookie, `/cases/${w.caseId}/apply/check`), { caseId: w.caseId })) as Check;
    expect(clear.blockers).toEqual([]);

    const submitted = await call(checkPage.action, post(w.cookie, `/cases/${w.caseId}/apply/check`, { declaration: "yes" }), { caseId: w.caseId });
    expect(location(submitted)).toBe(`/cases/${w.caseId}/apply/done`);
    const done = (await call(donePage.loader, get(w.cookie, `/cases/${w.caseId}/apply/done`), { caseId: w.caseId })) as { receiptNumber: string };
    expect(done.receiptNumber).toMatch(/^TT-\d{4}-\d{6}$/);
    // The wizard is closed once submitted.
    expect(location(await w.load("personal"))).toBe(`/cases/${w.caseId}`);
    expect(location(await call(checkPage.loader, get(w.cookie, `/cases/${w.caseId}/apply/check`), { caseId: w.caseId }))).toBe(`/cases/${w.caseId}`);

    // The confirmation e-mail, in the applicant's language.
    const [event] = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, w.caseId), eq(caseEvents.type, "submit")));
    const jobs = await db().select().from(outbox).where(eq(outbox.job, "notify.case_event"));
    expect(jobs.some((j) => (j.payload as { eventId: number }).eventId === event!.id)).toBe(true);
    const sent: OutgoingMail[] = [];
    const deps = { db: db(), mailer: { kind: "devmailbox" as const, send: async (m: OutgoingMail) => void sent.push(m), check: async () => undefined }, storage: harness.services.storage, publicUrl: "http://portal.test", secret: "test-secret" };
    await processJob(deps, { id: `ob-${event!.id}`, name: "notify.case_event", data: { eventId: event!.id } });
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[w.user.email, `신청 접수 완료: ${done.receiptNumber}`]]);
  });

  it("blocks 'no offer yet' with a plain explanation", async () => {
    const w = await start();
    expect(location(await w.step("offer", { "offer.hasOffer": "no", "offer.jobTitle": "ignored", intent: "continue" }))).toBe(`/cases/${w.caseId}/apply/dependants`);
    expect((await reload(db(), w.caseId)).dossier.offer).toEqual({ hasOffer: "no" });
    const check = (await call(checkPage.loader, get(w.cookie, `/cases/${w.caseId}/apply/check`), { caseId: w.caseId })) as { blockers: { code: string; message: { en: string } }[] };
    expect(check.blockers.find((b) => b.code === "no_offer")?.message.en).toMatch(/needs a job offer/);
    expect(check.blockers.some((b) => b.code.startsWith("missing:offer"))).toBe(false);
  });
});
