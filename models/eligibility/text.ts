import type { DegreeLevel, Localized, RuleNode, Status } from "./schema";

export const levelRank: Record<DegreeLevel, number> = { associate: 1, bachelor: 2, master: 3, phd: 4 };
export const levelEn: Record<DegreeLevel, string> = {
  phd: "PhD",
  master: "master's degree",
  bachelor: "bachelor's degree",
  associate: "associate degree",
};
export const levelKo: Record<DegreeLevel, string> = { phd: "박사", master: "석사", bachelor: "학사", associate: "전문학사" };

/** 149865000 -> "149,865,000" (no Intl: fast and locale-independent). */
export function won(n: number): string {
  const neg = n < 0;
  const abs = Math.abs(n);
  const int = Math.floor(abs);
  const s = String(int);
  const head = s.length % 3 || 3;
  let grouped = s.slice(0, head);
  for (let i = head; i < s.length; i += 3) grouped += "," + s.slice(i, i + 3);
  const frac = abs === int ? "" : String(abs).split(".")[1] ?? "";
  return `${neg ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/** Years to two decimals, rounded down so 7.999 never shows as 8.00. */
export function yrs(y: number): string {
  const c = Math.floor(y * 100 + 1e-9);
  if (c < 0) return (c / 100).toFixed(2);
  const r = c % 100;
  return `${(c - r) / 100}.${r < 10 ? "0" : ""}${r}`;
}

export function nameOf(node: RuleNode): Localized {
  return node.title ?? { en: node.id, ko: node.id };
}

const namesMemo = new WeakMap<readonly RuleNode[], Localized>();

/** "A, B, C" of the nodes' titles; memoized for arrays of a rule set (treated as immutable). */
export function listNames(nodes: readonly RuleNode[], lang: "en" | "ko", memo = false): string {
  if (memo) {
    let hit = namesMemo.get(nodes);
    if (!hit) {
      hit = { en: nodes.map((n) => nameOf(n).en).join(", "), ko: nodes.map((n) => nameOf(n).ko).join(", ") };
      namesMemo.set(nodes, hit);
    }
    return hit[lang];
  }
  return nodes.map((n) => nameOf(n)[lang]).join(", ");
}

export const statusEn: Record<Status, string> = { met: "met", not_met: "not met", needs_review: "needs review" };
export const statusKo: Record<Status, string> = { met: "충족", not_met: "미충족", needs_review: "확인 필요" };
