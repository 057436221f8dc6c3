import type { degreeLevels, industryIds } from "../../models/dossier";

/**
 * Names of the dossier's coded answers, in English and Korean. The single-page
 * form of the skeleton is gone: the wizard (./wizard.tsx, routes cases.$caseId.apply.*)
 * replaced it. `degreeLabels` and `industryLabels` (English) stay for the pages that use them.
 */
export const degreeLevelText: Record<(typeof degreeLevels)[number], { en: string; ko: string }> = {
  phd: { en: "Doctorate (PhD)", ko: "박사" },
  master: { en: "Master's degree", ko: "석사" },
  bachelor: { en: "Bachelor's degree", ko: "학사" },
  associate: { en: "Associate degree", ko: "전문학사" },
};

export const industryText: Record<(typeof industryIds)[number], { en: string; ko: string }> = {
  ai: { en: "Artificial intelligence", ko: "인공지능" },
  semiconductors: { en: "Semiconductors", ko: "반도체" },
  bio: { en: "Biotechnology", ko: "바이오" },
  secondary_batteries: { en: "Secondary batteries", ko: "이차전지" },
  displays: { en: "Displays", ko: "디스플레이" },
  robotics: { en: "Robotics", ko: "로봇" },
  aerospace: { en: "Aerospace", ko: "항공우주" },
  defence: { en: "Defence", ko: "방위산업" },
  quantum: { en: "Quantum", ko: "양자" },
  advanced_mobility: { en: "Advanced mobility", ko: "미래 모빌리티" },
  other: { en: "Another industry", ko: "기타 산업" },
};

const english = <K extends string>(m: Record<K, { en: string }>) => Object.fromEntries(Object.entries<{ en: string }>(m).map(([k, v]) => [k, v.en])) as Record<K, string>;
export const degreeLabels = english(degreeLevelText);
export const industryLabels = english(industryText);
