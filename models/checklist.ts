import type { DocumentKind } from "./case/document-kinds";
import { isEntryId, type DraftDossier } from "./dossier";
import { josa } from "./i18n/josa";

/**
 * A4: the document checklist derived from the dossier. Pure (the browser bundle
 * may use it too). Keys are stable so uploaded files stay attached to their item
 * when the dossier is edited: "passport:self", "degree:<id>", "employment:<id>",
 * "passport:dependant:<id>", where <id> is the list entry's stable id (issue 12),
 * never its position: removing or reordering entries moves no file. An entry
 * without an id (a dossier stored before ids, not yet given them) is keyed by
 * its position, as then, so its files still show against it.
 */
export interface ChecklistItem {
  key: string;
  documentKind: DocumentKind;
  person: "self" | `dependant:${string}`;
  /** For a dependant's item: the dependant's position in the dossier (0-based), to name them "Dependant 2". */
  dependantIndex?: number;
  /** For an item of one list entry: that entry, named for a reader other than the applicant ("Doctorate, KAIST", "Bo Okafor"). */
  entry?: { en: string; ko: string };
  required: boolean;
  label: { en: string; ko: string };
  reason: { en: string; ko: string };
}

const levelNames: Record<string, { en: string; ko: string }> = {
  phd: { en: "Doctorate", ko: "박사" },
  master: { en: "Master's degree", ko: "석사" },
  bachelor: { en: "Bachelor's degree", ko: "학사" },
  associate: { en: "Associate degree", ko: "전문학사" },
};

/** How the keys of a list entry's items name it: its id, or its position when it has none yet. */
export const entryRef = (entry: { id?: unknown } | undefined, index: number): string => (isEntryId(entry?.id) ? entry.id : String(index));

const orBlank = (s: string | undefined, fallback: string) => (s && s.trim() ? s.trim() : fallback);

/**
 * Issue 14: the K-Tech Pass recommendation is a step of the case, not a
 * lifecycle state. KOTRA's Global Talent Center issues it for the industry
 * ministry to the person a Korean advanced-industry company hires, so it is
 * asked for with the job offer; the officer checks it before deciding.
 */
export const KTECH_KEY = "ktech:recommendation";
const KTECH_ITEM: ChecklistItem = {
  key: KTECH_KEY,
  documentKind: "ktech_recommendation",
  person: "self",
  required: true,
  label: { en: "K-Tech Pass recommendation letter from KOTRA", ko: "KOTRA K-Tech Pass 추천서" },
  reason: {
    en: "KOTRA's Global Talent Center issues the K-Tech Pass recommendation for the industry ministry; with it the Top-Tier F-2 is issued online, usually within about 2 weeks, with no embassy visit. Ask your employer or KOTRA if you do not have it yet.",
    ko: "KOTRA 글로벌인재센터가 산업통상자원부를 대신해 K-Tech Pass 추천서를 발급합니다. 추천서가 있으면 최우수인재 F-2 비자가 대사관 방문 없이 보통 약 2주 안에 온라인으로 발급됩니다. 아직 없다면 고용 기업이나 KOTRA에 문의하세요.",
  },
};

/** The K-Tech Pass step as the case page names it: whether the recommendation is on file (null when the checklist has no such item). */
export function ktechPassStep(status: (ChecklistItem & { done: boolean })[]): { done: boolean; label: ChecklistItem["label"]; reason: ChecklistItem["reason"] } | null {
  const item = status.find((i) => i.key === KTECH_KEY);
  return item ? { done: item.done, label: item.label, reason: item.reason } : null;
}

export function checklistFor(dossier: DraftDossier): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const self = "self" as const;
  items.push({
    key: "passport:self",
    documentKind: "passport",
    person: self,
    required: true,
    label: { en: "Your passport (photo page)", ko: "본인 여권 (사진면)" },
    reason: { en: "Proves your identity and nationality; the officer compares it with your personal details.", ko: "신원과 국적을 증명합니다. 심사관이 인적 사항과 대조합니다." },
  });
  items.push({
    key: "photo:self",
    documentKind: "photo",
    person: self,
    required: true,
    label: { en: "Your passport-style photograph", ko: "본인 여권용 사진" },
    reason: { en: "Printed on your residence card.", ko: "외국인등록증에 인쇄됩니다." },
  });
  (dossier.education ?? []).forEach((d, i) => {
    const level = d.level ? levelNames[d.level] : undefined;
    const where = orBlank(d.institution, "");
    const entry = { en: [level?.en ?? `Degree ${i + 1}`, where].filter(Boolean).join(", "), ko: [level?.ko ?? `학위 ${i + 1}`, where].filter(Boolean).join(", ") };
    items.push({
      key: `degree:${entryRef(d, i)}`,
      documentKind: "degree_certificate",
      person: self,
      required: true,
      entry,
      label: { en: `Degree certificate: ${entry.en}`, ko: `학위증명서: ${entry.ko}` },
      reason: { en: "Proves the degree you declared; the eligibility rules look at the level and the university.", ko: "신고한 학위를 증명합니다. 자격 요건은 학위 과정과 대학교를 봅니다." },
    });
  });
  (dossier.work ?? []).forEach((j, i) => {
    const entry = { en: orBlank(j.employer, `Job ${i + 1}`), ko: orBlank(j.employer, `경력 ${i + 1}`) };
    items.push({
      key: `employment:${entryRef(j, i)}`,
      documentKind: "employment_certificate",
      person: self,
      required: true,
      entry,
      label: { en: `Employment certificate: ${entry.en}`, ko: `경력증명서: ${entry.ko}` },
      reason: {
        en: j.postdoc
          ? "Proves the dates of this postdoctoral research; the experience rule counts years of research."
          : "Proves the dates and role of this job; the experience rule counts years of work.",
        ko: j.postdoc ? "박사후 연구 기간을 증명합니다. 경력 요건은 연구 기간을 셉니다." : "이 경력의 기간과 직무를 증명합니다. 경력 요건은 근무 기간을 셉니다.",
      },
    });
  });
  const a = dossier.achievements;
  if ((a?.publications ?? []).length > 0) {
    items.push({
      key: "publications",
      documentKind: "publication_evidence",
      person: self,
      required: false,
      label: { en: "Evidence of your publications (first pages or a publication list)", ko: "논문 실적 증빙 (첫 페이지 또는 논문 목록)" },
      reason: { en: "Supports the publications you listed; officers may ask for it.", ko: "기재한 논문 실적을 뒷받침합니다. 심사관이 요청할 수 있습니다." },
    });
  }
  if ((a?.patents ?? []).length > 0) {
    items.push({
      key: "patents",
      documentKind: "patent_evidence",
      person: self,
      required: false,
      label: { en: "Evidence of your patents (registration certificates)", ko: "특허 증빙 (등록증)" },
      reason: { en: "Supports the patents you listed.", ko: "기재한 특허를 뒷받침합니다." },
    });
  }
  if ((a?.awards ?? []).length > 0) {
    items.push({
      key: "awards",
      documentKind: "award_evidence",
      person: self,
      required: false,
      label: { en: "Evidence of your awards (certificates)", ko: "수상 실적 증빙 (상장)" },
      reason: { en: "Supports the awards you listed.", ko: "기재한 수상 실적을 뒷받침합니다." },
    });
  }
  if (dossier.offer?.hasOffer !== "no" && (dossier.offer?.organizationId || dossier.offer?.jobTitle || dossier.offer?.hasOffer === "yes")) {
    items.push({
      key: "contract:offer",
      documentKind: "employment_contract",
      person: self,
      required: true,
      label: { en: "Employment contract or signed job offer", ko: "고용계약서 또는 서명된 고용 제안서" },
      reason: { en: "Proves the job and salary in Korea that the visa is based on.", ko: "비자의 근거가 되는 한국 내 일자리와 연봉을 증명합니다." },
    });
    items.push(KTECH_ITEM);
  }
  items.push({
    key: "criminal:self",
    documentKind: "criminal_record",
    person: self,
    required: true,
    label: { en: "Criminal record check from your country of nationality", ko: "국적국 범죄경력증명서" },
    reason: { en: "Required for every long-term residence visa; it must be less than 6 months old.", ko: "모든 장기 체류 비자에 필요하며, 발급일로부터 6개월 이내여야 합니다." },
  });
  (dossier.dependants ?? []).forEach((p, i) => {
    const person = `dependant:${entryRef(p, i)}` as const;
    const name = orBlank(p.fullName, p.relation === "spouse" ? "your spouse" : `dependant ${i + 1}`);
    const nameKo = orBlank(p.fullName, p.relation === "spouse" ? "배우자" : `동반가족 ${i + 1}`);
    const entry = { en: orBlank(p.fullName, p.relation === "spouse" ? "Spouse" : `Dependant ${i + 1}`), ko: nameKo };
    items.push({
      key: `passport:${person}`,
      documentKind: "passport",
      person,
      dependantIndex: i,
      entry,
      required: true,
      label: { en: `Passport (photo page) of ${name}`, ko: `${nameKo}의 여권 (사진면)` },
      reason: { en: "Each family member who comes with you needs their own passport on file.", ko: "동반하는 가족마다 본인 여권이 필요합니다." },
    });
    items.push({
      key: `photo:${person}`,
      documentKind: "photo",
      person,
      dependantIndex: i,
      entry,
      required: true,
      label: { en: `Passport-style photograph of ${name}`, ko: `${nameKo}의 여권용 사진` },
      reason: { en: "Printed on their residence card.", ko: "외국인등록증에 인쇄됩니다." },
    });
    items.push({
      key: `family:${person}`,
      documentKind: "family_relationship",
      person,
      dependantIndex: i,
      entry,
      required: true,
      label: {
        en: p.relation === "spouse" ? `Marriage certificate with ${name}` : `Birth certificate of ${name} naming you as parent`,
        ko: p.relation === "spouse" ? `${josa(nameKo, "와/과")}의 혼인증명서` : `신청인이 부모로 기재된 ${nameKo}의 출생증명서`,
      },
      reason: { en: "Proves the family relationship that gives them an F-2 visa with you.", ko: "함께 F-2 비자를 받을 수 있는 가족관계를 증명합니다." },
    });
  });
  return items;
}

/**
 * Which checklist items have files. A current file counts for the item it was
 * uploaded against; a file uploaded without an item (before the checklist, or
 * with only its kind given, `kind` passed) counts for the first item of that kind
 * that has no file yet. Superseded versions never count.
 */
export function checklistStatus(
  items: ChecklistItem[],
  docs: { checklistItem: string | null; supersededAt: Date | string | null; kind?: string }[],
): (ChecklistItem & { files: number; done: boolean })[] {
  const counts = new Map<string, number>();
  const keys = new Set(items.map((i) => i.key));
  const loose: string[] = [];
  for (const d of docs) {
    if (d.supersededAt) continue;
    if (d.checklistItem && keys.has(d.checklistItem)) counts.set(d.checklistItem, (counts.get(d.checklistItem) ?? 0) + 1);
    else if (!d.checklistItem && d.kind) loose.push(d.kind);
  }
  for (const kind of loose) {
    const item = items.find((i) => i.documentKind === kind && !counts.get(i.key));
    if (item) counts.set(item.key, 1);
  }
  return items.map((item) => {
    const files = counts.get(item.key) ?? 0;
    return { ...item, files, done: files > 0 };
  });
}
