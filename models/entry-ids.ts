import { checklistFor } from "./checklist";
import { entryLists, getList, isEntryId, newEntryId, readDraft, setList } from "./dossier";

/**
 * Issue 12: the stable ids of the dossier's list entries, as pure functions
 * (models/case/entry-ids.ts stores them). Ids are assigned by the server only:
 * to entries that have none (new ones, and dossiers from before ids), and in
 * place of a posted id the stored dossier does not have (a tampered hidden
 * field), so a page can never attach an entry to another entry's files.
 * Ids are unique in the whole dossier.
 */

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every well-formed id held by an entry of the dossier. */
function idsIn(dossier: Raw): Set<string> {
  const ids = new Set<string>();
  for (const list of entryLists) for (const e of getList<unknown>(dossier, list)) if (isObject(e) && isEntryId(e.id)) ids.add(e.id);
  return ids;
}

/** A new id that is none of `avoid` (and is added to it). */
function unique(avoid: Set<string>, fresh: () => string): string {
  let id = fresh();
  while (avoid.has(id) || !isEntryId(id)) id = fresh();
  avoid.add(id);
  return id;
}

/**
 * The dossier with an id on every list entry: entries with none, or with a
 * malformed one, or repeating an earlier entry's, get a new one; the rest are
 * kept. The same object comes back (`changed` false) when nothing was missing.
 */
export function withEntryIds<T extends Raw>(dossier: T, fresh: () => string = newEntryId): { dossier: T; changed: boolean } {
  const avoid = idsIn(dossier);
  const kept = new Set<string>();
  let out = dossier;
  let changed = false;
  for (const list of entryLists) {
    const entries = getList<unknown>(out, list);
    let listChanged = false;
    const next = entries.map((e) => {
      if (!isObject(e)) return e;
      if (isEntryId(e.id) && !kept.has(e.id)) {
        kept.add(e.id);
        return e;
      }
      listChanged = true;
      const id = unique(avoid, fresh);
      kept.add(id);
      return { ...e, id };
    });
    if (listChanged) {
      out = setList(out, list, next);
      changed = true;
    }
  }
  return { dossier: out, changed };
}

/**
 * The ids of a page's (or a whole dossier's) posted entries, checked against
 * the stored dossier. A posted id is kept when the stored list holds it and no
 * earlier posted entry took it. An entry posted without an id takes the id its
 * stored counterpart at the same position was given just now (`before` had none
 * there: the page was shown from a dossier without ids, which meant positions).
 * Anything else (a new entry, a foreign, repeated or made-up id) gets a new id.
 * Lists the input does not hold are left out.
 */
export function carryEntryIds<T extends Raw>(input: T, stored: { before: Raw; after: Raw }, fresh: () => string = newEntryId): T {
  const avoid = idsIn(stored.after);
  const taken = new Set<string>();
  let out = input;
  for (const list of entryLists) {
    const posted = getList<unknown>(input, list);
    if (posted.length === 0) continue;
    const after = getList<unknown>(stored.after, list);
    const before = getList<unknown>(stored.before, list);
    const known = new Set(after.flatMap((e) => (isObject(e) && isEntryId(e.id) ? [e.id] : [])));
    const next = posted.map((e, i) => {
      if (!isObject(e)) return e;
      let id: string | undefined;
      if (isEntryId(e.id) && known.has(e.id) && !taken.has(e.id)) id = e.id;
      else if (e.id === undefined) {
        const was = before[i];
        const now = after[i];
        if (isObject(was) && !isEntryId(was.id) && isObject(now) && isEntryId(now.id) && !taken.has(now.id)) id = now.id;
      }
      id ??= unique(avoid, fresh);
      taken.add(id);
      return { ...e, id };
    });
    out = setList(out, list, next);
  }
  return out;
}

/**
 * How the checklist keys of a dossier's files change when its entries get ids:
 * old key → new key ("degree:1" → "degree:k3v..."). The two dossiers differ only
 * in ids, so their checklists pair up item by item. A key that is ambiguous
 * (held by two items before) or still in use after is never moved.
 */
export function checklistRekeys(before: Raw, after: Raw): Map<string, string> {
  const a = checklistFor(readDraft(before));
  const b = checklistFor(readDraft(after));
  if (a.length !== b.length) throw new Error("checklistRekeys: the dossiers differ in more than their ids");
  const count = new Map<string, number>();
  for (const i of a) count.set(i.key, (count.get(i.key) ?? 0) + 1);
  const stillUsed = new Set(b.map((i) => i.key));
  const moves = new Map<string, string>();
  a.forEach((item, k) => {
    const to = b[k]!.key;
    if (item.key !== to && count.get(item.key) === 1 && !stillUsed.has(item.key)) moves.set(item.key, to);
  });
  return moves;
}
