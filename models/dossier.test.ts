import { describe, expect, it } from "vitest";
import { dossierFromForm, dossierSchema, draftDossierSchema, fieldErrors, missingForSubmission } from "./dossier";
import { validDossier } from "./seed";

const org = "3f1b6c1e-6a55-4c41-9b5e-3c6f1f0e9a10";

describe("dossier validation", () => {
  it("accepts a complete dossier and normalises the passport number", () => {
    const parsed = dossierSchema.parse(validDossier(org, { personal: { passportNumber: "a12 345-678" } }));
    expect(parsed.personal.passportNumber).toBe("A12345678");
  });

  it("names every bad field with a message a person understands", () => {
    const r = dossierSchema.safeParse({
      personal: { fullName: "x".repeat(201), nationality: "", birthDate: "2023-02-29", passportNumber: "ab" },
      degree: { level: "diploma", field: "CS", institution: "KAIST", awarded: "2999-01-01" },
      offer: { organizationId: "nope", jobTitle: "R", industry: "ai", annualSalaryKrw: "-1" },
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(errors).toMatchObject({
      "personal.fullName": expect.stringMatching(/200 characters or fewer/),
      "personal.nationality": "Enter your nationality",
      "personal.birthDate": "Enter a real date",
      "personal.passportNumber": expect.stringMatching(/5 to 20/),
      "degree.level": "Choose your highest degree",
      "degree.awarded": expect.stringMatching(/future/),
      "offer.organizationId": "Choose your sponsoring employer",
      "offer.annualSalaryKrw": expect.stringMatching(/more than zero/),
    });
  });

  it("keeps script in text fields as plain text (rendering escapes it)", () => {
    const parsed = dossierSchema.parse(validDossier(org, { personal: { fullName: "<script>alert(1)</script>" } }));
    expect(parsed.personal.fullName).toBe("<script>alert(1)</script>");
  });

  it("lets a draft hold any well-formed subset and lists what submission still needs", () => {
    expect(draftDossierSchema.parse({ personal: { fullName: "Ada" } })).toEqual({ personal: { fullName: "Ada" } });
    expect(draftDossierSchema.safeParse({ offer: { annualSalaryKrw: "abc" } }).success).toBe(false);
    const missing = missingForSubmission({ personal: { fullName: "Ada" } });
    expect(Object.keys(missing)).toEqual(expect.arrayContaining(["personal.birthDate", "degree", "offer"]));
    expect(missingForSubmission(validDossier(org))).toEqual({});
  });

  it("rebuilds the nested dossier from flat form names, dropping blanks and unknown fields", () => {
    const form = new URLSearchParams({ "personal.fullName": "Ada", "personal.nationality": "  ", "offer.annualSalaryKrw": "150000000", "personal.isAdmin": "true" });
    expect(dossierFromForm(form)).toEqual({ personal: { fullName: "Ada" }, offer: { annualSalaryKrw: "150000000" } });
  });
});
