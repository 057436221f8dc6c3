import { describe, expect, it } from "vitest";
import { checklistFor, checklistStatus, ktechPassStep } from "./checklist";
import { familyDossier, validDossier } from "./seed";

const org = "3f1b6c1e-6a55-4c41-9b5e-3c6f1f0e9a10";

describe("document checklist (A4)", () => {
  it("asks for a passport and photo per person, a certificate per degree and per job, the contract, and family documents", () => {
    const dossier = familyDossier(org);
    const items = checklistFor(dossier);
    const keys = items.map((i) => i.key);
    expect(keys).toEqual([
      "passport:self",
      "photo:self",
      "degree:0",
      "degree:1",
      "employment:0",
      "publications",
      "contract:offer",
      "ktech:recommendation",
      "criminal:self",
      "passport:dependant:0",
      "photo:dependant:0",
      "family:dependant:0",
      "passport:dependant:1",
      "photo:dependant:1",
      "family:dependant:1",
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(items.find((i) => i.key === "degree:1")?.label.en).toMatch(/KAIST/);
    expect(items.find((i) => i.key === "family:dependant:0")?.label.en).toMatch(/Marriage certificate with Bo Okafor/);
    expect(items.find((i) => i.key === "family:dependant:1")?.label.en).toMatch(/Birth certificate of Chi Okafor/);
    expect(items.find((i) => i.key === "passport:dependant:1")?.person).toBe("dependant:1");
    expect(items.find((i) => i.key === "publications")?.required).toBe(false);
    for (const i of items) {
      expect(i.reason.en.length).toBeGreaterThan(10);
      expect(i.reason.ko.length).toBeGreaterThan(5);
      expect(i.label.ko.length).toBeGreaterThan(1);
    }
  });

  it("asks only for the basics for an empty draft, and no contract when there is no offer yet", () => {
    expect(checklistFor({}).map((i) => i.key)).toEqual(["passport:self", "photo:self", "criminal:self"]);
    expect(checklistFor({ offer: { hasOffer: "no" } }).map((i) => i.key)).not.toContain("contract:offer");
  });

  it("counts current files per item; superseded versions do not count; loose files count by kind", () => {
    const items = checklistFor(validDossier(org));
    const status = checklistStatus(items, [
      { checklistItem: "degree:0", supersededAt: null },
      { checklistItem: "degree:0", supersededAt: null },
      { checklistItem: "photo:self", supersededAt: new Date() },
      { checklistItem: null, supersededAt: null, kind: "passport" },
      { checklistItem: "nonsense", supersededAt: null },
    ]);
    const by = Object.fromEntries(status.map((s) => [s.key, s]));
    expect(by["degree:0"]).toMatchObject({ files: 2, done: true });
    expect(by["photo:self"]).toMatchObject({ files: 0, done: false });
    expect(by["passport:self"]).toMatchObject({ files: 1, done: true });
    expect(by["criminal:self"]!.done).toBe(false);
  });

  it("asks for the K-Tech Pass recommendation (KOTRA) with the job offer, with its reason, and names it as a step of the case", () => {
    const items = checklistFor(validDossier(org));
    const k = items.find((i) => i.key === "ktech:recommendation")!;
    expect(k).toMatchObject({ documentKind: "ktech_recommendation", required: true, person: "self" });
    expect(k.reason.en).toMatch(/KOTRA's Global Talent Center/);
    expect(k.reason.ko).toMatch(/KOTRA/);
    expect(checklistFor({ offer: { hasOffer: "no" } }).map((i) => i.key)).not.toContain("ktech:recommendation");
    const before = ktechPassStep(checklistStatus(items, []));
    expect(before).toMatchObject({ done: false, label: k.label });
    const after = ktechPassStep(checklistStatus(items, [{ checklistItem: "ktech:recommendation", supersededAt: null }]));
    expect(after?.done).toBe(true);
    // a superseded file alone does not count
    expect(ktechPassStep(checklistStatus(items, [{ checklistItem: "ktech:recommendation", supersededAt: new Date() }]))?.done).toBe(false);
    expect(ktechPassStep(checklistStatus(checklistFor({}), []))).toBeNull();
  });
});
