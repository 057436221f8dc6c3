import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestEvidence } from "../../models/case/evidence";
import { addDocument } from "../../models/case/documents";
import { countryName, toCountryCode } from "../../models/countries";
import { wizardSteps, type Dossier } from "../../models/dossier";
import { dossierFields, fieldsOf, stepSections } from "../../models/dossier-labels";
import { cases } from "../../models/schema/cases";
import { users } from "../../models/schema/users";
import { ctxFor, fakeExe, makeOrganization, makeUser, samplePdf, validDossier } from "../support/factories";
import { fullDossier } from "../support/full-dossier";
import { openRemixHandler, openRouteContext, pageHtml, signInCookie, testUrl } from "../support/http";

/**
 * Issue 11 items 3 and 5, the applicant's side, rendered for real (the Remix server
 * build through Vite): the check page shows every answer of a full dossier, under the
 * wizard page it belongs to, labelled from the one catalogue (models/dossier-labels.ts)
 * in English and Korean; a request for evidence names its documents in Korean on a
 * Korean page; each file's "Replace" form on the documents page is folded in a
 * <details> unless its upload was just refused.
 */
describe("the applicant's pages read the dossier and the files back", () => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let context: AppLoadContext;
  let remix: Awaited<ReturnType<typeof openRemixHandler>>;

  beforeAll(async () => {
    harness = await openRouteContext();
    context = harness.context;
    remix = await openRemixHandler(context);
  }, 120_000);
  afterAll(async () => {
    await remix?.close();
    await harness?.close();
  });
  const db = () => harness.services.database.db;
  const page = async (cookie: string, path: string, init: RequestInit = {}) => {
    const res = await remix.handle(new Request(testUrl(path), { ...init, headers: { Cookie: cookie } }));
    return { status: res.status, html: await pageHtml(res) };
  };
  /** The rows of a section's field on a part of a page: [label, value] each. */
  const rowsOf = (html: string, section: string, field: string) =>
    [...html.matchAll(new RegExp(`data-field="${section}\\.${field}"><dt>([^<]+)</dt><dd>([\\s\\S]*?)</dd>`, "g"))].map((m) => [m[1]!, m[2]!] as const);
  /** The part of the check page under one wizard page's heading. */
  const stepPart = (html: string, step: string) => {
    const start = html.indexOf(`data-step="${step}"`);
    expect(start, `the check page has a section for ${step}`).toBeGreaterThan(-1);
    const next = html.indexOf('class="check-section"', start);
    return html.slice(start, next === -1 ? undefined : next);
  };

  it("the check page shows every answer, grouped like the wizard, in English and Korean", async () => {
    const org = await makeOrganization(db(), "Busan Robotics Sponsor Co");
    const applicant = await makeUser(db(), "applicant");
    const dossier = fullDossier(org.id);
    const [c] = await db().insert(cases).values({ applicantId: applicant.id, organizationId: org.id, status: "draft", dossier }).returning();
    const cookie = await signInCookie(context, applicant.email);
    const entries: Record<string, Record<string, unknown>[]> = {
      personal: [dossier.personal],
      education: dossier.education,
      work: dossier.work,
      publications: dossier.achievements.publications,
      patents: dossier.achievements.patents,
      awards: dossier.achievements.awards,
      offer: [dossier.offer],
      dependants: dossier.dependants,
    };
    const values = {
      en: ["9 April 1987", "15 January 2020", "Zanele Ito (maiden name Mokoena)", "E-7-1", "₩98,765,432", "Doctorate (PhD)", "Osaka University", "Research institute", "2 March 2027", "Robotics", "₩234,500,000", "Busan Robotics Sponsor Co", "Child", "Chile"],
      ko: ["1987년 4월 9일", "2020년 1월 15일", "Zanele Ito (maiden name Mokoena)", "E-7-1", "98,765,432원", "박사", "Osaka University", "연구기관", "2027년 3월 2일", "로봇", "234,500,000원", "Busan Robotics Sponsor Co", "자녀", "칠레"],
    };
    for (const lang of ["en", "ko"] as const) {
      await db().update(users).set({ locale: lang }).where(eq(users.id, applicant.id));
      const { status, html } = await page(cookie, `/cases/${c!.id}/apply/check`);
      expect(status).toBe(200);
      for (const step of wizardSteps) {
        const part = stepPart(html, step);
        for (const section of stepSections[step]) {
          for (const [f, field] of fieldsOf(section)) {
            // A current job has no end date to show.
            const expected = entries[section]!.filter((e) => !(section === "work" && f === "end" && e.current === true)).length;
            const rows = rowsOf(part, section, f);
            expect(rows.length, `${lang}: ${section}.${f} under ${step}`).toBe(expected);
            for (const [label, value] of rows) {
              expect(label, `${lang}: label of ${section}.${f}`).toBe(field.label[lang]);
              expect(value, `${lang}: ${section}.${f} shows its answer`).not.toMatch(/Not given yet|아직 입력하지 않음/);
            }
          }
        }
      }
      // The answers in words: dates written out, countries and options by name, money in won.
      for (const v of values[lang]) expect(html, `${lang}: ${v}`).toContain(v);
      for (const v of [...dossier.achievements.publications.map((p) => p.venue), dossier.achievements.patents[0]!.number, dossier.achievements.awards[0]!.issuer, dossier.dependants[0]!.fullName]) expect(html).toContain(v);
      expect(html).toContain(`<dd>${countryName(toCountryCode("Lesotho")!, lang)}</dd>`);
      expect(rowsOf(html, "work", "current").map(([, v]) => v)).toEqual(lang === "en" ? ["No", "Yes"] : ["아니요", "예"]);
      // Entries by their place in the list.
      expect(html).toContain(lang === "en" ? "Degree 2" : "학위 2");
      expect(html).toContain(lang === "en" ? "Publication 1" : "논문 1");
    }
  });

  it("the check page says what is not answered yet, and of an offer answered No only that", async () => {
    const applicant = await makeUser(db(), "applicant");
    const [c] = await db()
      .insert(cases)
      .values({ applicantId: applicant.id, status: "draft", dossier: { personal: { fullName: "Only A. Name" }, offer: { hasOffer: "no" } } as unknown as Dossier })
      .returning();
    const { html } = await page(await signInCookie(context, applicant.email), `/cases/${c!.id}/apply/check`);
    const personal = stepPart(html, "personal");
    for (const [f, field] of fieldsOf("personal")) {
      const rows = rowsOf(personal, "personal", f);
      // What the wizard does not ask is shown only once it has a value.
      expect(rows.length, `personal.${f}`).toBe(field.notAsked ? 0 : 1);
      if (rows[0]) expect(rows[0][1]).toMatch(f === "fullName" ? /^Only A\. Name$/ : /Not given yet/);
    }
    expect(rowsOf(stepPart(html, "offer"), "offer", "hasOffer")).toEqual([[dossierFields.offer.hasOffer.label.en, "No, not yet"]]);
    expect(rowsOf(html, "offer", "jobTitle")).toEqual([]);
    expect(stepPart(html, "education")).toContain("Not given yet");
  });

  it("a request for evidence names its documents in the page's language", async () => {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const officer = await makeUser(db(), "officer");
    const [c] = await db()
      .insert(cases)
      .values({ applicantId: applicant.id, organizationId: org.id, status: "in_review", receiptNumber: `TT-E-${Math.random()}`, dossier: validDossier(org.id), assignedOfficerId: officer.id, slaStartedAt: new Date() })
      .returning();
    const deadline = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
    await requestEvidence(ctxFor(db(), officer), c!.id, { guidance: "Please send your degree certificate.", deadline, items: [{ kind: "document", documentKind: "degree_certificate" }] });
    const cookie = await signInCookie(context, applicant.email);
    const en = await page(cookie, `/cases/${c!.id}`);
    expect(en.html).toContain("<legend>Degree certificate</legend>");
    await db().update(users).set({ locale: "ko" }).where(eq(users.id, applicant.id));
    const ko = await page(cookie, `/cases/${c!.id}`);
    expect(ko.html).toContain("<legend>학위증명서</legend>");
    expect(ko.html).not.toContain("<legend>Degree certificate</legend>");
  });

  it("the documents page folds each file's Replace form, and opens the one whose upload was refused", async () => {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const [c] = await db().insert(cases).values({ applicantId: applicant.id, organizationId: org.id, status: "draft", dossier: validDossier(org.id) }).returning();
    const file = await addDocument({ ...ctxFor(db(), applicant), storage: harness.services.storage, maxBytes: 1024 * 1024 }, { caseId: c!.id, kind: "passport", checklistItem: "passport:self", filename: "passport.pdf", bytes: samplePdf() });
    const cookie = await signInCookie(context, applicant.email);
    const folded = await page(cookie, `/cases/${c!.id}/documents`);
    expect(folded.status).toBe(200);
    const details = [...folded.html.matchAll(/<details class="replace-file"( open="")?><summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/g)];
    expect(details.length).toBe(1);
    expect(details[0]![1], "folded").toBeUndefined();
    expect(details[0]![2]).toBe('Replace this file…<span class="visually-hidden"> passport.pdf</span>');
    expect(details[0]![3]).toContain(`name="replaces" value="${file.id}"`);
    // The item's own upload form stays in view, outside any <details>.
    const addForm = folded.html.indexOf('name="checklistItem" value="passport:self"');
    expect(addForm).toBeGreaterThan(folded.html.indexOf("</details>", folded.html.indexOf('class="replace-file"')));

    // Without JavaScript: a refused replacement comes back with its form open and the reason in it.
    const form = new FormData();
    form.set("replaces", file.id);
    form.set("field", `replace-${file.id}`);
    form.set("returnTo", "documents");
    form.set("file", new File([fakeExe() as Uint8Array<ArrayBuffer>], "scan.pdf", { type: "application/pdf" }));
    const refused = await page(cookie, `/cases/${c!.id}/documents`, { method: "POST", body: form });
    expect(refused.status).toBe(415);
    const open = [...refused.html.matchAll(/<details class="replace-file" open="">([\s\S]*?)<\/details>/g)];
    expect(open.length).toBe(1);
    expect(open[0]![1]).toContain("The file must be a PDF, PNG or JPEG");
  });
});
