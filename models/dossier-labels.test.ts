import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dossierSchema, wizardSteps } from "./dossier";
import { dossierFields, dossierSections, fieldsOf, listSections, stepSections, type Text } from "./dossier-labels";

/**
 * The one catalogue of the dossier's labels (issue 11 items 3 and 5) against the
 * schema itself: the sections and fields are read from `dossierSchema` (wrappers,
 * defaults and lists peeled off), so a field or a section added to the schema
 * without a label in English and Korean fails here, and so does a label left over
 * for a field that is gone.
 */

/** A type without its refinements, defaults and optionality (a list stays a list). */
function peel(t: z.ZodTypeAny): z.ZodTypeAny {
  for (;;) {
    if (t instanceof z.ZodEffects) t = t.innerType() as z.ZodTypeAny;
    else if (t instanceof z.ZodDefault) t = t._def.innerType as z.ZodTypeAny;
    else if (t instanceof z.ZodOptional || t instanceof z.ZodNullable) t = t.unwrap() as z.ZodTypeAny;
    else return t;
  }
}

/** The schema's sections: an object of answers, or a list of them; a group of lists (achievements) gives one section per list. */
function schemaSections(obj: z.AnyZodObject, out: Record<string, z.AnyZodObject> = {}): Record<string, z.AnyZodObject> {
  for (const [key, t] of Object.entries(obj.shape as Record<string, z.ZodTypeAny>)) {
    const inner = peel(t);
    if (inner instanceof z.ZodArray) {
      out[key] = peel(inner.element as z.ZodTypeAny) as z.AnyZodObject;
      lists.add(key);
    } else if (inner instanceof z.ZodObject && Object.values(inner.shape as Record<string, z.ZodTypeAny>).every((c) => peel(c) instanceof z.ZodArray)) schemaSections(inner, out);
    else if (inner instanceof z.ZodObject) out[key] = inner;
    else throw new Error(`${key}: not a section the test knows how to read`);
  }
  return out;
}

const lists = new Set<string>();
const sections = schemaSections(peel(dossierSchema) as z.AnyZodObject);
const HANGUL = /[\uAC00-\uD7A3]/;

function bothLanguages(t: Text | undefined, what: string) {
  expect(t, what).toBeDefined();
  expect(t!.en.trim(), `${what} (English)`).not.toBe("");
  expect(t!.en, `${what} (English) has no Korean`).not.toMatch(HANGUL);
  expect(t!.ko.trim(), `${what} (Korean)`).not.toBe("");
  expect(t!.ko, `${what} (Korean) is Korean`).toMatch(HANGUL);
}

describe("the dossier's labels", () => {
  it("has a section for every section of the schema, and none for a section that is not there", () => {
    expect(Object.keys(sections)).toContain("publications");
    expect([...dossierSections].sort()).toEqual(Object.keys(sections).sort());
  });

  it.each(Object.keys(sections))("labels every field of %s in English and Korean", (section) => {
    const shape = sections[section]!.shape as Record<string, z.ZodTypeAny>;
    // The entry ids are not answers: the applicant never sees them.
    const fields = Object.keys(shape).filter((f) => f !== "id");
    const labelled = dossierFields[section as keyof typeof dossierFields] as Record<string, unknown>;
    for (const f of fields) expect(labelled[f], `${section}.${f} has a label`).toBeDefined();
    expect(Object.keys(labelled).sort(), `${section}: no label for a field the schema does not have`).toEqual(fields.sort());
    for (const [f, field] of fieldsOf(section as keyof typeof dossierFields)) {
      bothLanguages(field.label, `${section}.${f}`);
      if (field.ask) bothLanguages(field.ask, `${section}.${f}: the wizard's question`);
      if (field.hint) bothLanguages(field.hint, `${section}.${f}: its hint`);
      // A choice names every value the schema accepts, and only those.
      const type = peel(shape[f]!);
      if (type instanceof z.ZodEnum) {
        expect(Object.keys(field.options ?? {}).sort(), `${section}.${f}: a name for every option`).toEqual([...(type.options as string[])].sort());
        expect(field.kind, `${section}.${f} is a choice`).toMatch(/^(select|radio)$/);
      }
      for (const [v, name] of Object.entries(field.options ?? {})) bothLanguages(name, `${section}.${f} = ${v}`);
    }
  });

  it("names every list and its entries, and gives each section one page of the wizard", () => {
    expect(Object.keys(listSections).sort()).toEqual([...lists].sort());
    for (const [section, list] of Object.entries(listSections)) {
      bothLanguages(list.title, `${section}: title`);
      bothLanguages(list.entry, `${section}: entry`);
      expect(list.entry.en).toContain("{n}");
      expect(list.entry.ko).toContain("{n}");
    }
    const listed = wizardSteps.flatMap((s) => stepSections[s]);
    expect([...listed].sort()).toEqual([...dossierSections].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });
});
