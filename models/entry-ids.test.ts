import { describe, expect, it } from "vitest";
import { checklistFor } from "./checklist";
import { ENTRY_ID_RE, newEntryId, readDraft, type DraftDossier } from "./dossier";
import { carryEntryIds, checklistRekeys, withEntryIds } from "./entry-ids";
import { familyDossier } from "./seed";

const org = "3f1b6c1e-6a55-4c41-9b5e-3c6f1f0e9a10";
/** Predictable ids for the tests: "idtest01", "idtest02"... */
const counter = () => {
  let n = 0;
  return () => `idtest${String(++n).padStart(2, "0")}`;
};

const twoDegreesTwoDependants = () => familyDossier(org);


describe("stable ids of list entries (issue 12)", () => {
  it("makes ids that start with a letter, never a position, and are unlikely to repeat", () => {
    const ids = new Set(Array.from({ length: 2000 }, newEntryId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(ENTRY_ID_RE);
    expect(ENTRY_ID_RE.test("12")).toBe(false);
  });

  it("keys the checklist by the entries' ids, so removing an earlier entry keeps the later one's keys", () => {
    const { dossier } = withEntryIds(twoDegreesTwoDependants(), counter());
    const keys = checklistFor(dossier).map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(["degree:idtest01", "degree:idtest02", "employment:idtest03", "passport:dependant:idtest05", "family:dependant:idtest06"]));
    const removed: DraftDossier = { ...dossier, education: dossier.education!.slice(1), dependants: dossier.dependants!.slice(1) };
    const after = checklistFor(removed);
    expect(after.find((i) => i.key === "degree:idtest02")?.label.en).toMatch(/KAIST/);
    expect(after.map((i) => i.key)).not.toContain("degree:idtest01");
    // The child is now the first dependant: their items keep their key and are named as the first.
    expect(after.find((i) => i.key === "passport:dependant:idtest06")).toMatchObject({ person: "dependant:idtest06", dependantIndex: 0, entry: { en: "Chi Okafor" } });
  });

  it("keys entries without an id by position (dossiers from before ids), and reads them back through the draft schema", () => {
    const keys = checklistFor(readDraft(twoDegreesTwoDependants())).map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(["degree:0", "degree:1", "passport:dependant:1"]));
    const withIds = readDraft(withEntryIds(twoDegreesTwoDependants(), counter()).dossier);
    expect(withIds.education?.map((d) => d.id)).toEqual(["idtest01", "idtest02"]);
  });

  it("gives ids only where missing, malformed or repeated, and changes nothing the second time", () => {
    const d = { education: [{ id: "keepthis1" }, { id: "keepthis1" }, { id: "Bad id!" }, {}], achievements: { publications: [{ title: "A" }] } };
    const once = withEntryIds(d, counter());
    expect(once.changed).toBe(true);
    expect(once.dossier.education.map((e) => e.id)).toEqual(["keepthis1", "idtest01", "idtest02", "idtest03"]);
    expect((once.dossier.achievements.publications[0] as { id?: string }).id).toBe("idtest04");
    const twice = withEntryIds(once.dossier, counter());
    expect(twice.changed).toBe(false);
    expect(twice.dossier).toBe(once.dossier);
    // Other fields and lists not there are left as they were.
    expect(once.dossier).not.toHaveProperty("work");
    expect(d.education[3]).toEqual({});
  });

  it("keeps a posted id only when the stored list holds it once; a foreign, repeated or made-up one gets a new id", () => {
    const stored = { education: [{ id: "degreeaa1", level: "phd" }, { id: "degreebb2", level: "master" }], dependants: [{ id: "depcc3" + "aa" }] };
    const posted = {
      education: [
        { id: "degreebb2", level: "master" }, // reordered: kept
        { id: "degreebb2", level: "bachelor" }, // the same id again: a new one
        { id: "depcc3aa", level: "phd" }, // a dependant's id on a degree: a new one
        { id: "zzzforeign", level: "phd" }, // from nowhere (another case): a new one
        { level: "associate" }, // a new entry
      ],
    };
    const out = carryEntryIds(posted, { before: stored, after: stored }, counter());
    expect(out.education.map((e) => e.id)).toEqual(["degreebb2", "idtest01", "idtest02", "idtest03", "idtest04"]);
    expect(out).not.toHaveProperty("dependants");
    // A new id never takes one the stored dossier already uses (its files would follow).
    let calls = 0;
    const clashing = () => (++calls === 1 ? "degreeaa1" : `fresh${calls}xyz`);
    expect(carryEntryIds({ education: [{ level: "phd" } as { id?: string }] }, { before: stored, after: stored }, clashing).education[0]!.id).toBe("fresh2xyz");
  });

  it("matches entries by position once, when the page was shown from a dossier that had no ids", () => {
    const before = { education: [{ level: "master" }, { level: "phd" }] };
    const after = withEntryIds(before, counter()).dossier;
    const posted: { education: { id?: string; level: string; field?: string }[] } = { education: [{ level: "master" }, { level: "phd", field: "CS" }, { level: "bachelor" }] };
    const out = carryEntryIds(posted, { before, after }, () => "newentry9");
    expect(out.education.map((e) => e.id)).toEqual(["idtest01", "idtest02", "newentry9"]);
  });

  it("moves the files' keys from positions to ids, never a key that is ambiguous or still in use", () => {
    const before = twoDegreesTwoDependants() as unknown as Record<string, unknown>;
    const after = withEntryIds(before, counter()).dossier;
    const moves = checklistRekeys(before, after);
    expect(Object.fromEntries(moves)).toEqual({
      "degree:0": "degree:idtest01",
      "degree:1": "degree:idtest02",
      "employment:0": "employment:idtest03",
      "passport:dependant:0": "passport:dependant:idtest05",
      "photo:dependant:0": "photo:dependant:idtest05",
      "family:dependant:0": "family:dependant:idtest05",
      "passport:dependant:1": "passport:dependant:idtest06",
      "photo:dependant:1": "photo:dependant:idtest06",
      "family:dependant:1": "family:dependant:idtest06",
    });
    // Two degrees sharing an id: the second gets a new one, and the shared key's files stay with the first.
    const dup = { education: [{ id: "sharedid1", level: "phd" }, { id: "sharedid1", level: "master" }] };
    expect(checklistRekeys(dup, withEntryIds(dup, counter()).dossier).size).toBe(0);
  });
});
