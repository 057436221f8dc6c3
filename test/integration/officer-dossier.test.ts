import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownFields } from "../../app/components/officer-dossier";
import { countryName, toCountryCode } from "../../models/countries";
import { awardSchema, degreeSchema, dependantSchema, jobSchema, offerSchema, patentSchema, personalSchema, publicationSchema } from "../../models/dossier";
import { dossierFields } from "../../models/dossier-labels";
import { cases } from "../../models/schema/cases";
import { users } from "../../models/schema/users";
import { makeOrganization, makeUser } from "../support/factories";
import { fullDossier } from "../support/full-dossier";
import { openRemixHandler, openRouteContext, pageHtml, signInCookie, testUrl } from "../support/http";

/**
 * Issue 11 item 3: the officer's case file shows everything the applicant
 * entered. A dossier with every field of every section filled (distinct values)
 * is rendered for real (the Remix server build through Vite); every field must
 * be on the page, labelled from the one catalogue (models/dossier-labels.ts), in
 * English and in Korean. A field added to the schema (models/dossier.ts) and not
 * to the page fails the first test.
 */
const schemas = {
  personal: personalSchema,
  education: degreeSchema,
  work: jobSchema,
  publications: publicationSchema,
  patents: patentSchema,
  awards: awardSchema,
  offer: offerSchema,
  dependants: dependantSchema,
} as const;

describe("the officer's case file shows the whole dossier", () => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let context: AppLoadContext;
  let remix: Awaited<ReturnType<typeof openRemixHandler>>;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    harness = await openRouteContext();
    context = harness.context;
    remix = await openRemixHandler(context);
    handle = remix.handle;
  }, 120_000);
  afterAll(async () => {
    await remix?.close();
    await harness?.close();
  });

  it("lists every field of the applicant's dossier schema, and the test dossier fills them all", () => {
    const db = fullDossier("00000000-0000-4000-8000-000000000000");
    const sample: Record<keyof typeof schemas, Record<string, unknown>> = {
      personal: db.personal,
      education: db.education[0]!,
      work: db.work[0]!,
      publications: db.achievements.publications[0]!,
      patents: db.achievements.patents[0]!,
      awards: db.achievements.awards[0]!,
      offer: db.offer,
      dependants: db.dependants[0]!,
    };
    for (const [section, schema] of Object.entries(schemas) as [keyof typeof schemas, (typeof schemas)[keyof typeof schemas]][]) {
      // The entry ids are not answers (the applicant never sees them).
      const fields = Object.keys(schema.shape).filter((f) => f !== "id");
      expect([...shownFields[section]].sort(), section).toEqual(fields.sort());
      for (const f of fields) expect(sample[section][f], `${section}.${f} is filled in the test dossier`).not.toBeUndefined();
    }
  });

  it("renders every value, labelled, in English and in Korean", async () => {
    const db = harness.services.database.db;
    const officer = await makeUser(db, "officer");
    const org = await makeOrganization(db, "Busan Robotics Sponsor Co");
    const dossier = fullDossier(org.id);
    const [c] = await db
      .insert(cases)
      .values({ applicantId: (await makeUser(db, "applicant")).id, organizationId: org.id, status: "in_review", receiptNumber: "TT-2026-515151", dossier, assignedOfficerId: officer.id })
      .returning();
    const cookie = await signInCookie(context, officer.email);
    const expected: [string, string[]][] = [
      ["personal", Object.values(dossier.personal).map(String).filter((v) => !/^\d{5,}$/.test(v))],
      ["education", dossier.education.flatMap((g) => [g.field, g.institution, g.country!, g.awarded])],
      ["work", dossier.work.flatMap((j) => [j.employer, j.title, j.country, j.start, ...(j.end ? [j.end] : [])])],
      ["publications", dossier.achievements.publications.flatMap((p) => [p.title, p.venue, String(p.year)])],
      ["patents", dossier.achievements.patents.flatMap((p) => [p.title, p.number, p.country, String(p.year)])],
      ["awards", dossier.achievements.awards.flatMap((p) => [p.name, p.issuer, String(p.year)])],
      ["offer", [dossier.offer.jobTitle, dossier.offer.startDate!, "Busan Robotics Sponsor Co"]],
      // Nationality is stored as an ISO 3166 code (issue 11 item 10) and shown by its name (in the labels below).
      ["dependants", dossier.dependants.flatMap((p) => [p.fullName, p.birthDate, p.passportNumber])],
    ];
    const labels = {
      en: { otherNames: "Other names used", countryOfBirth: "Country of birth", passportIssued: "Passport issue date", passportExpires: "Passport expiry date", level: "Doctorate (PhD)", kind: "Research institute", industry: "Robotics", relation: "Child", income: "₩98,765,432", salary: "₩234,500,000", nationality: "<dd>Chile</dd>" },
      ko: { otherNames: "사용한 다른 이름", countryOfBirth: "출생 국가", passportIssued: "여권 발급일", passportExpires: "여권 만료일", level: "박사", kind: "연구기관", industry: "로봇", relation: "자녀", income: "98,765,432", salary: "234,500,000", nationality: "<dd>칠레</dd>" },
    };
    for (const lang of ["en", "ko"] as const) {
      await db.update(users).set({ locale: lang }).where(eq(users.id, officer.id));
      const res = await handle(new Request(testUrl(`/officer/cases/${c!.id}`), { headers: { Cookie: cookie } }));
      expect(res.status).toBe(200);
      const html = await pageHtml(res);
      // React 18's streaming left NUL bytes in Korean pages (app/stream-nul.server.ts): none reach the browser.
      expect(html.includes("\0"), `${lang}: no NUL byte`).toBe(false);
      // One row per field per entry, each with its label (no row left unlabelled or empty).
      for (const [section, fields] of Object.entries(shownFields)) {
        const entries = section === "personal" || section === "offer" ? 1 : section === "education" || section === "work" ? 2 : 1;
        for (const f of fields) {
          const rows = [...html.matchAll(new RegExp(`data-field="${section}\\.${f}"><dt>([^<]+)</dt><dd>([\\s\\S]*?)</dd>`, "g"))];
          expect(rows.length, `${lang}: ${section}.${f}`).toBe(entries);
          for (const r of rows) {
            // The label the wizard and the check page read too (models/dossier-labels.ts).
            expect(r[1]!.trim(), `${lang}: label of ${section}.${f}`).toBe((dossierFields[section as keyof typeof dossierFields] as Record<string, { label: Record<string, string> }>)[f]!.label[lang]);
            expect(r[2], `${lang}: ${section}.${f} shows a value`).not.toMatch(/not given|입력 안 함/);
          }
        }
      }
      // A country typed by name in an older dossier is read as its code and shown in the page's language.
      const shown = (v: string) => {
        const code = toCountryCode(v);
        return code ? countryName(code, lang) : v;
      };
      for (const [section, values] of expected) for (const v of values) expect(html, `${lang}: ${section} shows ${v}`).toContain(shown(v).replace(/&/g, "&amp;"));
      for (const v of Object.values(labels[lang])) expect(html, `${lang}: ${v}`).toContain(v);
    }
  });
});
