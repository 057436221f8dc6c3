import { describe, expect, it } from "vitest";
import { loadShippedRulesets, ruleSetSchema, shippedReference, type RuleSet } from "./index";
import { normalizeName, referenceIndex, lookupInList } from "./reference";
import { shippedReferenceFiles } from "./reference";
import { shippedRulesetFiles } from "./rulesets";
import { childrenOf, type RuleNode } from "./schema";

describe("shipped data parses with its zod schema", () => {
  it.each(Object.entries(shippedRulesetFiles))("rule set %s", (_file, raw) => {
    const r = ruleSetSchema.safeParse(raw);
    expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
  });

  it.each(Object.entries(shippedReferenceFiles))("reference %s", (_file, { schema, data }) => {
    const r = schema.safeParse(data);
    expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
  });

  it("ships the four rule sets with bilingual titles and versions", () => {
    const ids = loadShippedRulesets().map((r) => r.id);
    expect(ids.sort()).toEqual(["d10", "e7-1", "f2-7-points", "top-tier-f2"]);
    for (const r of loadShippedRulesets()) {
      expect(r.version).not.toBe("");
      expect(r.title.ko).toMatch(/[\uAC00-\uD7A3]/);
    }
  });

  it("every reference list a rule set names exists in the shipped reference data", () => {
    const lists = new Set(Object.keys(shippedReference().lists));
    const walk = (n: RuleNode): string[] => [
      ...(n.type === "degree" && n.listedIn ? [n.listedIn].flat() : []),
      ...((n.type === "experience" || n.type === "postdoc_experience") && n.subset ? n.subset.lists : []),
      ...childrenOf(n).flatMap(walk),
    ];
    for (const r of loadShippedRulesets()) for (const l of walk(r.root)) expect(lists.has(l), `${r.id} -> ${l}`).toBe(true);
  });

  it("every reference file states an id, version, source and edition", () => {
    for (const { data } of Object.values(shippedReferenceFiles)) {
      const d = data as Record<string, string>;
      for (const k of ["id", "version", "source", "edition"]) expect(d[k], k).toBeTruthy();
    }
    expect(shippedReference().lists.top100!.edition).toBe("QS World University Rankings 2025");
    expect(shippedReference().lists.global500!.edition).toBe("Fortune Global 500 2024");
  });
});

describe("reference contents required by domain.md", () => {
  const ref = shippedReference();
  const idx = referenceIndex(ref);
  it("GNI 2024 is KRW 49,955,000 (1 Apr 2025 - 31 Mar 2026) and GNI 2025 is KRW 52,416,000 (1 Apr 2026 - 31 Mar 2027)", () => {
    expect(ref.gni.figures.map((f) => [f.year, f.amountKrw, f.appliesFrom, f.appliesTo])).toEqual([
      [2024, 49_955_000, "2025-04-01", "2026-03-31"],
      [2025, 52_416_000, "2026-04-01", "2027-03-31"],
    ]);
  });
  it("the eight advanced industries of October 2025 are listed by id; quantum and aerospace are named as not listed", () => {
    expect(ref.industries.industries.map((i) => i.id).sort()).toEqual(
      ["ai", "semiconductors", "bio", "secondary_batteries", "displays", "robotics", "defence", "advanced_mobility"].sort(),
    );
    expect((ref.industries.notListed ?? []).map((i) => i.id).sort()).toEqual(["aerospace", "quantum"]);
  });
  it("every ranking list names its edition and says it is partial", () => {
    for (const id of ["top100", "usnews_top100", "qs_top500", "the_top200"]) {
      const l = ref.lists[id]!;
      expect(l.edition, id).toMatch(/QS|U\.S\. News|THE/);
      expect(l.note, id).toMatch(/partial/i);
    }
  });
  it.each(["Seoul National University", "KAIST", "Yonsei University", "Korea University", "POSTECH"])("%s is a top-100 university", (n) => {
    expect(lookupInList(idx, "top100", n)).not.toBeNull();
  });
  it.each(["Samsung Electronics", "Hyundai Motor", "Kia", "POSCO", "Hyundai Mobis", "Samsung C&T"])("%s is a Global-500 company", (n) => {
    expect(lookupInList(idx, "global500", n)).not.toBeNull();
  });
  it("does not match on partial names", () => {
    expect(lookupInList(idx, "global500", "Samsung Electronics America")).toBeNull();
    expect(lookupInList(idx, "top100", "Korea")).toBeNull();
    expect(lookupInList(idx, "research_institutes", "Max Planckton Lab")).toBeNull();
    expect(lookupInList(idx, "research_institutes", "Max Planck Institute for Intelligent Systems")?.name).toBe("Max Planck Society");
  });
  it("normalizes case, punctuation, accents and whitespace", () => {
    expect(normalizeName("  The Université  PSL, Paris! ")).toBe("universite psl paris");
    expect(normalizeName("Samsung C&T")).toBe("samsung c and t");
    expect(normalizeName("ＫＡＩＳＴ")).toBe("kaist");
  });
  it("no alias is claimed by two different entries of the same list", () => {
    for (const [id, list] of Object.entries(ref.lists)) {
      const owner = new Map<string, string>();
      for (const e of list.entries)
        for (const n of [e.name, ...(e.aliases ?? [])]) {
          const k = normalizeName(n);
          const prev = owner.get(k);
          expect(prev === undefined || prev === e.name, `${id}: "${n}" in ${prev} and ${e.name}`).toBe(true);
          owner.set(k, e.name);
        }
    }
  });
});

describe("ruleSetSchema rejects malformed rule sets", () => {
  const valid = (): RuleSet => structuredClone(loadShippedRulesets().find((r) => r.id === "f2-7-points")!);
  it("duplicate node ids", () => {
    const r = valid();
    (r.root as { children: RuleNode[] }).children[1]!.id = "age";
    expect(ruleSetSchema.safeParse(r).success).toBe(false);
  });
  it("a gate inside a points node", () => {
    const r = valid();
    const points = (r.root as { children: RuleNode[] }).children.find((c) => c.type === "points") as { children: RuleNode[] };
    points.children.push({ id: "x", type: "job_offer", present: true });
    const res = ruleSetSchema.safeParse(r);
    expect(res.success).toBe(false);
    expect(JSON.stringify(!res.success && res.error.issues)).toContain("points node may only hold point nodes");
  });
  it("unknown node types and unknown keys", () => {
    const r = valid() as unknown as { root: Record<string, unknown> };
    expect(ruleSetSchema.safeParse({ ...r, root: { ...r.root, type: "vibes" } }).success).toBe(false);
    expect(ruleSetSchema.safeParse({ ...r, root: { ...r.root, colour: "red" } }).success).toBe(false);
    expect(ruleSetSchema.safeParse({ ...r, effectiveFrom: "2025-02-30" }).success).toBe(false);
  });
  it("at_least with n larger than its children", () => {
    const r = { ...valid(), root: { id: "r", type: "at_least", n: 3, children: [{ id: "a", type: "job_offer", present: true }] } };
    expect(ruleSetSchema.safeParse(r).success).toBe(false);
  });
});
