import type { ReferenceData } from "./eligibility/schema";

/** Lists of companies and research institutes, not universities. */
const notUniversityLists = new Set(["global500", "research_institutes"]);

/**
 * Issue 11 item 10: the university names of the reference lists in force
 * (rankings the eligibility rules read), to suggest while typing a university.
 * Suggestions only: any other name can still be typed.
 */
export function universityNames(reference: ReferenceData): string[] {
  const names = new Set<string>();
  for (const [id, list] of Object.entries(reference.lists)) {
    if (notUniversityLists.has(id)) continue;
    for (const e of list.entries) names.add(e.name);
  }
  return [...names].sort((a, b) => a.localeCompare(b, "en"));
}
