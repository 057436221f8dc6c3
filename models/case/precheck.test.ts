import { describe, expect, it } from "vitest";
import { checklistFor, checklistStatus } from "../checklist";
import { validDossier } from "../seed";
import { documentFindings, dossierFindings } from "./precheck";

const org = "3f1b6c1e-6a55-4c41-9b5e-3c6f1f0e9a10";
const today = "2026-11-28";
const codes = (f: { code: string }[]) => f.map((x) => x.code);

describe("pre-submission check (A6)", () => {
  it("finds nothing wrong with a complete, consistent dossier", () => {
    expect(dossierFindings(validDossier(org), today)).toEqual([]);
  });

  it("lists unanswered pages and missing answers as blockers linking to their page", () => {
    const f = dossierFindings({ personal: { fullName: "Ada" } }, today);
    expect(f.every((x) => x.severity === "blocker")).toBe(true);
    expect(codes(f)).toEqual(expect.arrayContaining(["unanswered:work", "unanswered:achievements", "unanswered:dependants", "missing:personal.birthDate", "missing:education"]));
    expect(f.find((x) => x.code === "missing:personal.birthDate")?.fix).toEqual({ step: "personal" });
    expect(f.find((x) => x.code === "unanswered:work")?.message.ko).toMatch(/경력/);
    expect(f.find((x) => x.code === "missing:personal.birthDate")?.message.ko).not.toMatch(/[a-z]{4}/);
  });

  it("blocks an expired passport and warns about one expiring within six months", () => {
    const expired = dossierFindings(validDossier(org, { personal: { passportExpires: "2026-11-01" } }), today);
    expect(expired.find((x) => x.code === "passport_expired")?.severity).toBe("blocker");
    const soon = dossierFindings(validDossier(org, { personal: { passportExpires: "2027-03-01" } }), today);
    expect(soon.find((x) => x.code === "passport_expiring")).toMatchObject({ severity: "warning", fix: { step: "personal" } });
    expect(codes(dossierFindings(validDossier(org, { personal: { passportExpires: "2027-06-01" } }), today))).not.toContain("passport_expiring");
  });

  it("catches dates that disagree with the date of birth", () => {
    const f = dossierFindings(
      validDossier(org, {
        personal: { birthDate: "1990-01-01" },
        degree: { awarded: "2003-12-31" },
        work: [{ employer: "Kid Corp", kind: "company", title: "Intern", country: "Korea", start: "2003-06-01", current: true, postdoc: false }],
        dependants: [{ relation: "child", fullName: "Early Child", birthDate: "2001-05-05", nationality: "Nigeria", passportNumber: "C7654321" }],
      }),
      today,
    );
    expect(codes(f)).toEqual(expect.arrayContaining(["degree_too_early:0", "job_too_early:0", "child_too_early:0"]));
    expect(f.find((x) => x.code === "child_too_early:0")?.message.en).toMatch(/before you were 12/);
    expect(f.filter((x) => x.code.includes("too_early")).every((x) => x.severity === "warning")).toBe(true);
    // The day of the 14th birthday is fine.
    expect(codes(dossierFindings(validDossier(org, { personal: { birthDate: "1990-01-01" }, degree: { awarded: "2004-01-01" } }), today))).not.toContain("degree_too_early:0");
  });

  it("blocks a dependant with the applicant's passport number", () => {
    const f = dossierFindings(
      validDossier(org, { dependants: [{ relation: "spouse", fullName: "Bo", birthDate: "1989-01-01", nationality: "Nigeria", passportNumber: "a12-345 678" }] }),
      today,
    );
    expect(f.find((x) => x.code === "dependant_same_passport:0")).toMatchObject({ severity: "blocker", fix: { step: "dependants" } });
  });

  it("blocks 'no offer yet' with a suggestion, instead of a list of offer fields", () => {
    const f = dossierFindings(validDossier(org, { offer: { hasOffer: "no" as never, organizationId: undefined, jobTitle: undefined, industry: undefined, annualSalaryKrw: undefined } }), today);
    expect(codes(f)).toContain("no_offer");
    expect(codes(f).filter((c) => c.startsWith("missing:offer"))).toEqual([]);
  });

  it("blocks a missing own passport scan and warns about other missing documents, linking to the documents page", () => {
    const items = checklistStatus(checklistFor(validDossier(org)), []);
    const f = documentFindings(items);
    expect(f.find((x) => x.code === "document:passport:self")).toMatchObject({ severity: "blocker", fix: { documents: true, item: "passport:self" } });
    expect(f.find((x) => x.code === "document:degree:0")?.severity).toBe("warning");
    expect(f.find((x) => x.code === "document:degree:0")?.message.en).toMatch(/delays your case/);
  });
});
