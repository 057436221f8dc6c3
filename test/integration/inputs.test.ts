import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accountPage from "../../app/routes/account";
import * as stepPage from "../../app/routes/cases.$caseId.apply.$step";
import * as newCase from "../../app/routes/cases.new";
import * as eligibilityPage from "../../app/routes/eligibility";
import * as employerCasePage from "../../app/routes/employer.cases.$caseId";
import { confirmSponsorship, submitCase } from "../../models/case/actions";
import { addDocument } from "../../models/case/documents";
import { createDraftCase } from "../../models/case/drafts";
import { countryName, countryOptions, toCountryCode } from "../../models/countries";
import { dossierSchema, draftDossierSchema, normalizeDate, parseWon, readDraft, stepSchemas } from "../../models/dossier";
import { koreanMessages } from "../../models/i18n/ko";
import { universityNames } from "../../models/institutions";
import { shippedReference } from "../../models/eligibility/index";
import { AppError } from "../../models/errors";
import { callRoute, dataOf as rawDataOf, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, makeUser, reload, samplePdf, validDossier } from "../support/factories";
import { organizations } from "../../models/schema/organizations";
import { createStorage } from "../../models/platform/storage";

/**
 * Issue 11 items 4, 10 and 12: the inputs people type (amounts with commas,
 * dates, countries from a list, universities), read tolerantly when stored in
 * an older form; the self-check's messages in words; no start date invented.
 */
describe("parsers (issue 11 item 10)", () => {
  it("reads an amount in won with or without thousands separators, and nothing else", () => {
    expect(parseWon("160,000,000")).toBe(160_000_000);
    expect(parseWon("160000000")).toBe(160_000_000);
    expect(parseWon(" ₩160,000,000 ")).toBe(160_000_000);
    expect(parseWon("160,000,000원")).toBe(160_000_000);
    for (const bad of ["1,60,000", "160.000.000", "160,000,00", "lots", "1e8", ""]) expect(parseWon(bad)).toBe(bad);
    expect(parseWon(42)).toBe(42);
  });

  it("reads a date typed as 1990-04-21, 1990.04.21 or 1990/4/21 as the same date", () => {
    expect(normalizeDate("1990-04-21")).toBe("1990-04-21");
    expect(normalizeDate("1990.04.21")).toBe("1990-04-21");
    expect(normalizeDate("1990.4.21.")).toBe("1990-04-21");
    expect(normalizeDate("1990/4/2")).toBe("1990-04-02");
    expect(normalizeDate("21/04/1990")).toBe("21/04/1990");
  });

  it("turns a code, an alpha-3 code or a name in English or Korean into the ISO 3166 code", () => {
    expect(toCountryCode("CA")).toBe("CA");
    expect(toCountryCode("ca")).toBe("CA");
    expect(toCountryCode("KOR")).toBe("KR");
    expect(toCountryCode("Canada")).toBe("CA");
    expect(toCountryCode("  nigeria ")).toBe("NG");
    expect(toCountryCode("캐나다")).toBe("CA");
    expect(toCountryCode("대한민국")).toBe("KR");
    expect(toCountryCode("Korea")).toBe("KR");
    expect(toCountryCode("USA")).toBe("US");
    expect(toCountryCode("Atlantis")).toBeUndefined();
    // Every name the list offers reads back as its code, in both languages.
    for (const locale of ["en", "ko"] as const) for (const c of countryOptions(locale)) expect(toCountryCode(c.name), `${locale} ${c.name}`).toBe(c.code);
    expect(countryOptions("en").length).toBeGreaterThan(240);
    expect(countryName("KR", "ko")).toBe("대한민국");
    expect(countryName("CA", "en")).toBe("Canada");
    // Old free text that names no country is shown as it was typed.
    expect(countryName("Atlantis", "en")).toBe("Atlantis");
  });

  it("suggests the universities of the reference lists, not the companies", () => {
    const names = universityNames(shippedReference());
    expect(names).toContain("Massachusetts Institute of Technology");
    expect(names).toContain("Sungkyunkwan University");
    expect(names).not.toContain("Samsung Electronics");
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("the dossier schema (issue 11 item 10)", () => {
  const org = "3f1b6c1e-6a55-4c41-9b5e-3c6f1f0e9a10";

  it("accepts a salary with commas and stores the number", () => {
    const d = dossierSchema.parse(validDossier(org, { offer: { annualSalaryKrw: "160,000,000" as unknown as number } }));
    expect(d.offer.annualSalaryKrw).toBe(160_000_000);
    const bad = dossierSchema.safeParse(validDossier(org, { offer: { annualSalaryKrw: "1,60,000" as unknown as number } }));
    expect(bad.success).toBe(false);
    const message = bad.error!.issues.find((i) => i.path.join(".") === "offer.annualSalaryKrw")!.message;
    expect(message).toBe("Enter the annual salary in won in digits, e.g. 160,000,000 or 160000000");
    expect(koreanMessages.get(message)).toMatch(/160,000,000/);
  });

  it("stores countries as ISO codes and reads dossiers saved with country names", () => {
    // The factory's dossier, like those saved before issue 11, holds names ("Nigeria", "Korea").
    const d = dossierSchema.parse(validDossier(org));
    expect(d.personal.nationality).toBe("NG");
    expect(d.personal.passportCountry).toBe("NG");
    expect(d.education[0]!.country).toBe("KR");
    expect(d.work[0]!.country).toBe("KR");
    // Text that names no country is still read (a submitted case must still screen) ...
    const odd = dossierSchema.parse(validDossier(org, { personal: { countryOfBirth: "Atlantis" } }));
    expect(odd.personal.countryOfBirth).toBe("Atlantis");
    expect(readDraft({ personal: { nationality: "Atlantis", fullName: "Ada" } }).personal).toMatchObject({ nationality: "Atlantis", fullName: "Ada" });
    expect(draftDossierSchema.parse({ personal: { nationality: "캐나다" } }).personal?.nationality).toBe("CA");
    // ... but a wizard page is complete only with a country from the list.
    const page = stepSchemas.personal.complete.safeParse({ personal: validDossier(org, { personal: { nationality: "Atlantis" } }).personal });
    expect(page.success).toBe(false);
    const message = page.error!.issues.find((i) => i.path.join(".") === "personal.nationality")!.message;
    expect(message).toBe("Choose your nationality from the list");
    expect(koreanMessages.get(message)).toBe("목록에서 국적을 선택하세요");
    expect(stepSchemas.personal.complete.safeParse({ personal: validDossier(org).personal }).success).toBe(true);
  });

  it("reads dates typed with dots or slashes, and refuses impossible ones", () => {
    const d = dossierSchema.parse(validDossier(org, { personal: { birthDate: "1988.3.14" } }));
    expect(d.personal.birthDate).toBe("1988-03-14");
    expect(dossierSchema.safeParse(validDossier(org, { personal: { birthDate: "1988.02.30" } })).success).toBe(false);
  });
});

describe.each(["pglite"] as const)("routes (%s)", (kind) => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let context: AppLoadContext;
  beforeAll(async () => {
    harness = await openRouteContext({}, "127.0.0.1", kind);
    context = harness.context;
  }, 60_000);
  afterAll(() => harness.close());
  const db = () => harness.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, context, request, params);
  const post = (p: string, body: Record<string, string>, cookie = "") => new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });
  const get = (p: string, cookie = "") => new Request(testUrl(p), { headers: { Cookie: cookie } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const dataOf = (r: unknown): any => rawDataOf(r);

  const selfCheck = {
    birthDate: "1986-07-09",
    "degrees.0.level": "phd",
    "degrees.0.field": "Computer Science",
    "degrees.0.institution": "KAIST",
    "degrees.0.country": "대한민국",
    "degrees.0.awarded": "2012-02-20",
    "experience.0.organization": "Samsung Electronics",
    "experience.0.kind": "company",
    "experience.0.start": "2012-03-01",
    "offer.has": "yes",
    "offer.employer": "Hanbit AI Labs",
    "offer.industry": "ai",
    "offer.annualSalaryKrw": "160,000,000",
  };

  it("self-check: a salary with commas is accepted; a bad one is named in words, in the page's language", async () => {
    const ok = dataOf(await call(eligibilityPage.action, post("/eligibility", selfCheck)));
    expect(ok.result.outcome).toBe("eligible");
    const bad = await call(eligibilityPage.action, post("/eligibility", { ...selfCheck, "offer.annualSalaryKrw": "1,60,000", "experience.0.start": "2012-02-30" }));
    expect(statusOf(bad)).toBe(400);
    expect(dataOf(bad).fieldErrors).toEqual({
      "offer.annualSalaryKrw": "Enter the annual salary in won in digits, e.g. 160,000,000 or 160000000",
      "experience.0.start": "Enter the date position 1 started (a real date)",
    });
    expect(JSON.stringify(dataOf(bad).fieldErrors)).not.toMatch(/annualSalaryKrw must|YYYY/);
    const ko = await call(eligibilityPage.action, post("/eligibility?lang=ko", { ...selfCheck, "offer.annualSalaryKrw": "abc" }));
    expect(dataOf(ko).fieldErrors["offer.annualSalaryKrw"]).toBe("연봉을 원 단위 숫자로 입력하세요 (예: 160,000,000 또는 160000000)");
    expect(dataOf(ko).error).toBe("고쳐야 할 답변이 있습니다.");
  });

  it("self-check: 'Add another job' without JavaScript re-shows the page with one more block, keeping every answer, checking nothing", async () => {
    const res = dataOf(await call(eligibilityPage.action, post("/eligibility", { ...selfCheck, jobRows: "1", degreeRows: "1", intent: "add-job" })));
    expect(res.result).toBeNull();
    expect(res.rows).toEqual({ degrees: 1, jobs: 2 });
    expect(res.values).toMatchObject(selfCheck);
    expect(dataOf(await call(eligibilityPage.action, post("/eligibility", { jobRows: "99", intent: "add-job" }))).rows.jobs).toBe(8);
  });

  it("self-check: with 'No offer yet' the offer's fields are ignored, whatever is posted", async () => {
    const res = dataOf(await call(eligibilityPage.action, post("/eligibility", { ...selfCheck, "offer.has": "no", "offer.annualSalaryKrw": "not a number" })));
    expect(res.fieldErrors).toEqual({});
    expect(res.result.criteria.find((c: { type: string }) => c.type === "income_multiple_of_gni").status).toBe("not_met");
  });

  it("wizard: the education page suggests the universities; countries and salaries are stored as codes and numbers", async () => {
    const user = await makeUser(db(), "applicant");
    const cookie = await signInCookie(context, user.email);
    const caseId = (await call(newCase.action, post("/cases/new", {}, cookie)) as Response).headers.get("Location")!.split("/")[2]!;
    const step = (s: string, body: Record<string, string>) => call(stepPage.action, post(`/cases/${caseId}/apply/${s}`, body, cookie), { caseId, step: s });
    const education = dataOf(await call(stepPage.loader, get(`/cases/${caseId}/apply/education`, cookie), { caseId, step: "education" }));
    expect(education.universities).toContain("Korea Advanced Institute of Science and Technology");
    const personal = {
      "personal.fullName": "Ada Okafor",
      "personal.nationality": "Nigeria",
      "personal.birthDate": "1988-03-14",
      "personal.countryOfBirth": "나이지리아",
      "personal.passportNumber": "A12345678",
      "personal.passportCountry": "NG",
      "personal.passportIssued": "2021-06-01",
      "personal.passportExpires": `${new Date().getUTCFullYear() + 6}-05-31`,
    };
    const refused = await step("personal", { ...personal, "personal.nationality": "Nigerian", intent: "continue" });
    expect(statusOf(refused)).toBe(400);
    expect(dataOf(refused).fieldErrors).toEqual({ "personal.nationality": "Choose your nationality from the list" });
    expect(dataOf(refused).values.personal.nationality).toBe("Nigerian");
    expect(statusOf(await step("personal", { ...personal, intent: "continue" }))).toBe(302);
    const org = (await db().insert(organizations).values({ name: "Inputs Org", registrationNumber: String(Date.now()).slice(-10), industry: "ai" }).returning())[0]!;
    expect(statusOf(await step("offer", { "offer.hasOffer": "yes", "offer.organizationId": org.id, "offer.jobTitle": "Scientist", "offer.industry": "ai", "offer.annualSalaryKrw": "160,000,000", intent: "continue" }))).toBe(302);
    const c = await reload(db(), caseId);
    expect(c.dossier.personal).toMatchObject({ nationality: "NG", countryOfBirth: "NG", passportCountry: "NG" });
    expect(c.dossier.offer.annualSalaryKrw).toBe(160_000_000);
    // "No offer yet": the offer's other answers are dropped, not checked.
    expect(statusOf(await step("offer", { "offer.hasOffer": "no", "offer.annualSalaryKrw": "lots", intent: "continue" }))).toBe(302);
    expect((await reload(db(), caseId)).dossier.offer).toEqual({ hasOffer: "no" });
  });

  it("the employer's attestation starts with no start date when nobody gave one, and asks for it", async () => {
    const [org] = await db().insert(organizations).values({ name: "Attest Org", registrationNumber: String(Date.now() + 7).slice(-10), industry: "ai" }).returning();
    const applicant = await makeUser(db(), "applicant");
    const employer = await makeUser(db(), "employer_admin", { organizationId: org!.id });
    const dossier = validDossier(org!.id, { offer: { startDate: undefined } });
    delete (dossier.offer as { startDate?: string }).startDate;
    const draft = await createDraftCase(ctxFor(db(), applicant), dossier);
    const storage = createStorage({ kind: "local", dir: harness.services.config.dataDir ?? "/tmp" });
    await addDocument({ ...ctxFor(db(), applicant), storage, maxBytes: 1024 * 1024 }, { caseId: draft.id, kind: "passport", filename: "passport.pdf", bytes: samplePdf() });
    await submitCase(ctxFor(db(), applicant), draft.id);
    const cookie = await signInCookie(context, employer.email);
    const page = dataOf(await call(employerCasePage.loader, get(`/employer/cases/${draft.id}`, cookie), { caseId: draft.id }));
    expect(page.offer.startDate).toBe("");
    expect(page).not.toHaveProperty("suggestedStart");
    const err = await confirmSponsorship(ctxFor(db(), employer), draft.id, { attest: true }).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err!.fieldErrors).toMatchObject({ startDate: "Enter the start date" });
    const blank = await call(employerCasePage.action, post(`/employer/cases/${draft.id}`, { intent: "confirm_sponsorship", attest: "yes", startDate: "", jobTitle: "Scientist", annualSalaryKrw: "180,000,000", industry: "ai" }, cookie), { caseId: draft.id });
    expect(statusOf(blank)).toBe(400);
    expect(dataOf(blank).fieldErrors).toMatchObject({ startDate: "Enter the start date" });
    const start = new Date(Date.now() + 60 * 864e5).toISOString().slice(0, 10);
    const confirmed = await confirmSponsorship(ctxFor(db(), employer), draft.id, { attest: true, startDate: start });
    expect(confirmed.sponsorship?.startDate).toBe(start);
  });

  it("the two-step set-up shows a QR code of the otpauth address, made on the server, beside the key", async () => {
    const user = await makeUser(db(), "applicant");
    const cookie = await signInCookie(context, user.email);
    await call(accountPage.action, post("/account", { intent: "totp_start" }, cookie));
    const page = dataOf(await call(accountPage.loader, get("/account", cookie)));
    expect(page.pending.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(page.pending.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(page.pending.qr.split(",")[1], "base64").toString("utf8");
    expect(svg).toMatch(/^<svg[^>]+viewBox/);
    expect(svg).not.toMatch(/<script|href=/);
  });
});
