import { describe, expect, it } from "vitest";
import { dossierFromForm, dossierSchema, draftDossierSchema, fieldErrors, listFromForm, missingForSubmission, readDraft, stepSchemas } from "./dossier";
import { koreanMessages } from "./i18n/ko";
import { validDossier } from "./seed";

const org = "3f1b6c1e-6a55-4c41-9b5e-3c6f1f0e9a10";

describe("dossier validation", () => {
  it("accepts a complete dossier and normalises the passport number", () => {
    const parsed = dossierSchema.parse(validDossier(org, { personal: { passportNumber: "a12 345-678" } }));
    expect(parsed.personal.passportNumber).toBe("A12345678");
    expect(parsed.education).toHaveLength(1);
    expect(parsed.work).toHaveLength(1);
  });

  it("names every bad field with a message a person understands", () => {
    const r = dossierSchema.safeParse({
      personal: { fullName: "x".repeat(201), nationality: "", birthDate: "2023-02-29", passportNumber: "ab" },
      education: [{ level: "diploma", field: "CS", institution: "KAIST", awarded: "2999-01-01" }],
      work: [{ employer: "Acme", kind: "company", title: "Engineer", country: "Korea", start: "2020-01-01", current: "no", postdoc: "no" }],
      offer: { organizationId: "nope", jobTitle: "R", industry: "ai", annualSalaryKrw: "-1" },
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(errors).toMatchObject({
      "personal.fullName": expect.stringMatching(/200 characters or fewer/),
      "personal.nationality": "Enter your nationality",
      "personal.birthDate": "Enter a real date",
      "personal.passportNumber": expect.stringMatching(/5 to 20/),
      "education.0.level": "Choose the level of the degree",
      "education.0.awarded": expect.stringMatching(/future/),
      "work.0.end": "Enter the date the job ended",
      "offer.organizationId": "Choose your sponsoring employer",
      "offer.annualSalaryKrw": expect.stringMatching(/more than zero/),
    });
  });

  it("bounds every list and every text", () => {
    const many = Array.from({ length: 11 }, () => ({ level: "phd", field: "CS", institution: "KAIST", awarded: "2016-02-20" }));
    expect(fieldErrors(dossierSchema.safeParse(validDossier(org, { education: many as never })).error!).education).toBe("List at most 10 degrees");
    const long = stepSchemas.achievements.complete.safeParse({ achievements: { publications: [{ title: "t".repeat(501), venue: "v", year: "2020" }], patents: [], awards: [] } });
    expect(fieldErrors(long.error!)["achievements.publications.0.title"]).toMatch(/500 characters or fewer/);
    expect(stepSchemas.personal.draft.safeParse({ personal: { fullName: 42 } }).success).toBe(false);
  });

  it("keeps script in text fields as plain text (rendering escapes it)", () => {
    const parsed = dossierSchema.parse(validDossier(org, { personal: { fullName: "<script>alert(1)</script>" } }));
    expect(parsed.personal.fullName).toBe("<script>alert(1)</script>");
  });

  it("lets a draft hold any well-formed subset and lists what submission still needs", () => {
    expect(draftDossierSchema.parse({ personal: { fullName: "Ada" } })).toEqual({ personal: { fullName: "Ada" } });
    expect(draftDossierSchema.safeParse({ offer: { annualSalaryKrw: "abc" } }).success).toBe(false);
    const missing = missingForSubmission({ personal: { fullName: "Ada" } });
    expect(Object.keys(missing)).toEqual(expect.arrayContaining(["personal.birthDate", "personal.passportExpires", "education", "offer"]));
    expect(missingForSubmission(validDossier(org))).toEqual({});
  });

  it("reads a dossier saved before the wizard (one degree) as a list of degrees", () => {
    const old = { personal: { fullName: "Ada" }, degree: { level: "phd", institution: "KAIST" } };
    expect(readDraft(old)).toEqual({ personal: { fullName: "Ada" }, education: [{ level: "phd", institution: "KAIST" }] });
  });

  it("rebuilds the nested dossier from flat form names, dropping blanks and unknown fields", () => {
    const form = new URLSearchParams({ "personal.fullName": "Ada", "personal.nationality": "  ", "offer.annualSalaryKrw": "150000000", "personal.isAdmin": "true" });
    expect(dossierFromForm(form)).toEqual({ personal: { fullName: "Ada" }, offer: { annualSalaryKrw: "150000000" } });
    const list = new URLSearchParams({ "education.1.field": "Physics", "education.0.field": "CS", "education.0.bogus": "x", "education.7.level": "" });
    expect(listFromForm(list, "education", 10)).toEqual([{ field: "CS" }, { field: "Physics" }, {}]);
    expect(listFromForm(list, "education", 10, true)).toEqual([{ field: "CS" }, { field: "Physics" }]);
  });

  it("has Korean for the messages of the dossier", () => {
    expect(koreanMessages.get("Enter your nationality")).toBe("국적을 입력하세요");
    expect(koreanMessages.get("Your full name as in your passport must be 200 characters or fewer")).toMatch(/200자/);
    expect(koreanMessages.get("Choose the level of the degree")).toBeTruthy();
  });
});
