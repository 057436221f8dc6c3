import type { z } from "zod";
import type {
  awardSchema,
  degreeLevels,
  degreeSchema,
  dependantRelations,
  dependantSchema,
  employerKinds,
  industryIds,
  jobSchema,
  ListName,
  offerSchema,
  patentSchema,
  personalSchema,
  publicationSchema,
  WizardStep,
} from "./dossier";

/**
 * Issue 11 items 3 and 5: the one catalogue of the dossier's fields (models/dossier.ts),
 * in English and Korean. The wizard asks with it (app/components/wizard.tsx), the
 * applicant's check page (routes/cases.$caseId.apply.check.tsx) and the officer's case
 * file (app/components/officer-dossier.tsx) read the answers back with it, all three in
 * the order given here. A field added to the schema needs its entry here (the compiler
 * and models/dossier-labels.test.ts say so), and then shows on the three pages.
 */

export interface Text {
  en: string;
  ko: string;
}

/** How an answer is asked for and shown. */
export type FieldKind =
  | "text"
  | "date"
  | "year"
  | "country"
  | "won"
  /** Yes or no, asked with two radio buttons. */
  | "yesNo"
  /** One of `options`, from a drop-down list. */
  | "select"
  /** One of `options`, with radio buttons. */
  | "radio"
  /** A registered employer's id, from a drop-down list of the employers. */
  | "organization";

export interface DossierField {
  /** The answer's name where it is read back (the check page, the officer's case file). */
  label: Text;
  /** The wizard's question, where it says more than the label ("Do you still work there?"). */
  ask?: Text;
  /** A hint under the wizard's field. */
  hint?: Text;
  kind: FieldKind;
  /** Not required: the wizard says "(optional)" after the question. */
  optional?: true;
  /** Not asked by the wizard (filled in otherwise); shown where it is read back when it has a value. */
  notAsked?: true;
  /** The names of a coded answer's values. */
  options?: Record<string, Text>;
}

export const degreeLevelText: Record<(typeof degreeLevels)[number], Text> = {
  phd: { en: "Doctorate (PhD)", ko: "박사" },
  master: { en: "Master's degree", ko: "석사" },
  bachelor: { en: "Bachelor's degree", ko: "학사" },
  associate: { en: "Associate degree", ko: "전문학사" },
};

export const industryText: Record<(typeof industryIds)[number], Text> = {
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

export const employerKindText: Record<(typeof employerKinds)[number], Text> = {
  company: { en: "Company", ko: "기업" },
  research_institute: { en: "Research institute", ko: "연구기관" },
  university: { en: "University", ko: "대학교" },
  other: { en: "Other", ko: "기타" },
};

export const relationText: Record<(typeof dependantRelations)[number], Text> = {
  spouse: { en: "Spouse", ko: "배우자" },
  child: { en: "Child", ko: "자녀" },
};

/** Every answer of a section, the entry id aside (the applicant never sees it). */
type FieldsOf<S extends z.AnyZodObject> = { [K in Exclude<keyof S["shape"], "id">]: DossierField };

const fullNameInPassport: Text = { en: "Full name as in the passport", ko: "여권상의 성명" };

/** The dossier's sections: the personal details and the offer, and one per repeating list. */
export const dossierFields = {
  personal: {
    fullName: { label: fullNameInPassport, ask: { en: "Full name as in your passport", ko: "여권상의 성명" }, kind: "text" },
    otherNames: { label: { en: "Other names used", ko: "사용한 다른 이름" }, ask: { en: "Other names you have used", ko: "사용한 다른 이름" }, kind: "text", optional: true },
    nationality: { label: { en: "Nationality", ko: "국적" }, kind: "country" },
    birthDate: { label: { en: "Date of birth", ko: "생년월일" }, kind: "date" },
    countryOfBirth: { label: { en: "Country of birth", ko: "출생 국가" }, kind: "country" },
    passportNumber: { label: { en: "Passport number", ko: "여권 번호" }, kind: "text" },
    passportCountry: { label: { en: "Country that issued the passport", ko: "여권 발급 국가" }, kind: "country" },
    passportIssued: { label: { en: "Passport issue date", ko: "여권 발급일" }, kind: "date" },
    passportExpires: { label: { en: "Passport expiry date", ko: "여권 만료일" }, kind: "date" },
    stayStatus: { label: { en: "Current status of stay in Korea", ko: "현재 국내 체류자격" }, kind: "text", optional: true, notAsked: true },
    declaredIncomeKrw: { label: { en: "Declared income (tax certificate)", ko: "신고 소득 (소득금액증명)" }, kind: "won", optional: true, notAsked: true },
  },
  education: {
    level: { label: { en: "Level of the degree", ko: "학위 과정" }, kind: "select", options: degreeLevelText },
    field: { label: { en: "Field of study", ko: "전공 분야" }, kind: "text" },
    institution: {
      label: { en: "University", ko: "대학교" },
      hint: {
        en: "The name in English, e.g. KAIST or University of Toronto. Start typing to see the universities of the ranking lists.",
        ko: "영문 이름, 예: KAIST, University of Toronto. 입력하면 대학 순위 목록의 대학이 제안됩니다.",
      },
      kind: "text",
    },
    country: { label: { en: "Country of the university", ko: "대학교 소재 국가" }, kind: "country", optional: true },
    awarded: { label: { en: "Date awarded", ko: "학위 수여일" }, kind: "date" },
  },
  work: {
    employer: { label: { en: "Employer", ko: "근무처" }, kind: "text" },
    kind: { label: { en: "Kind of employer", ko: "근무처 유형" }, kind: "select", options: employerKindText },
    title: { label: { en: "Job title", ko: "직위" }, kind: "text" },
    country: { label: { en: "Country", ko: "근무 국가" }, kind: "country" },
    start: { label: { en: "Start date", ko: "시작일" }, kind: "date" },
    current: { label: { en: "Current job", ko: "현재 재직 중" }, ask: { en: "Do you still work there?", ko: "현재 재직 중입니까?" }, kind: "yesNo" },
    end: { label: { en: "End date", ko: "종료일" }, kind: "date" },
    postdoc: { label: { en: "Postdoctoral research", ko: "박사후 연구" }, ask: { en: "Was this postdoctoral research?", ko: "박사후 연구 과정이었습니까?" }, kind: "yesNo" },
  },
  publications: {
    title: { label: { en: "Title", ko: "논문 제목" }, kind: "text" },
    venue: { label: { en: "Journal or conference", ko: "학술지 또는 학회" }, kind: "text" },
    year: { label: { en: "Year", ko: "게재 연도" }, kind: "year" },
  },
  patents: {
    title: { label: { en: "Title of the patent", ko: "특허 명칭" }, kind: "text" },
    number: { label: { en: "Patent number", ko: "특허 번호" }, kind: "text" },
    country: { label: { en: "Country of the patent", ko: "특허 국가" }, kind: "country" },
    year: { label: { en: "Year granted", ko: "등록 연도" }, kind: "year" },
  },
  awards: {
    name: { label: { en: "Name of the award", ko: "수상명" }, kind: "text" },
    issuer: { label: { en: "Given by", ko: "수여 기관" }, kind: "text" },
    year: { label: { en: "Year of the award", ko: "수상 연도" }, kind: "year" },
  },
  offer: {
    hasOffer: {
      label: { en: "Job offer from a Korean employer", ko: "한국 기업의 고용 제안" },
      ask: { en: "Do you have a job offer from a Korean employer?", ko: "한국 기업의 고용 제안을 받았습니까?" },
      kind: "radio",
      options: { yes: { en: "Yes", ko: "예" }, no: { en: "No, not yet", ko: "아니요, 아직 없습니다" } },
    },
    organizationId: {
      label: { en: "Sponsoring employer", ko: "초청 기업" },
      hint: { en: "Your employer must be registered on TopTier.", ko: "고용주가 TopTier에 등록되어 있어야 합니다." },
      kind: "organization",
    },
    jobTitle: { label: { en: "Job title", ko: "직위" }, kind: "text" },
    industry: { label: { en: "Industry of the job", ko: "직무 산업 분야" }, kind: "select", options: industryText },
    annualSalaryKrw: { label: { en: "Annual salary in Korean won", ko: "연봉 (원)" }, hint: { en: "For example 160,000,000", ko: "예: 160,000,000" }, kind: "won" },
    startDate: { label: { en: "Start date", ko: "입사 예정일" }, kind: "date", optional: true },
  },
  dependants: {
    relation: { label: { en: "Relation to the applicant", ko: "신청인과의 관계" }, ask: { en: "Relation to you", ko: "신청인과의 관계" }, kind: "radio", options: relationText },
    fullName: { label: fullNameInPassport, ask: { en: "Their full name as in their passport", ko: "가족의 여권상 성명" }, kind: "text" },
    birthDate: { label: { en: "Date of birth", ko: "생년월일" }, ask: { en: "Their date of birth", ko: "가족의 생년월일" }, kind: "date" },
    nationality: { label: { en: "Nationality", ko: "국적" }, ask: { en: "Their nationality", ko: "가족의 국적" }, kind: "country" },
    passportNumber: { label: { en: "Passport number", ko: "여권 번호" }, ask: { en: "Their passport number", ko: "가족의 여권 번호" }, kind: "text" },
  },
} satisfies {
  personal: FieldsOf<typeof personalSchema>;
  education: FieldsOf<typeof degreeSchema>;
  work: FieldsOf<typeof jobSchema>;
  publications: FieldsOf<typeof publicationSchema>;
  patents: FieldsOf<typeof patentSchema>;
  awards: FieldsOf<typeof awardSchema>;
  offer: FieldsOf<typeof offerSchema>;
  dependants: FieldsOf<typeof dependantSchema>;
};

export type DossierSection = keyof typeof dossierFields;
export const dossierSections = Object.keys(dossierFields) as DossierSection[];
export type FieldName<S extends DossierSection> = Extract<keyof (typeof dossierFields)[S], string>;

/** A section's fields in order, with their entries. */
export function fieldsOf<S extends DossierSection>(section: S): [FieldName<S>, DossierField][] {
  return Object.entries(dossierFields[section]) as [FieldName<S>, DossierField][];
}

/** The repeating sections: their name, and the heading of one entry ("Degree 2"). */
export const listSections = {
  education: { title: { en: "Degrees", ko: "학위" }, entry: { en: "Degree {n}", ko: "학위 {n}" } },
  work: { title: { en: "Work history", ko: "경력" }, entry: { en: "Job {n}", ko: "경력 {n}" } },
  publications: { title: { en: "Publications", ko: "논문" }, entry: { en: "Publication {n}", ko: "논문 {n}" } },
  patents: { title: { en: "Patents", ko: "특허" }, entry: { en: "Patent {n}", ko: "특허 {n}" } },
  awards: { title: { en: "Awards", ko: "수상" }, entry: { en: "Award {n}", ko: "수상 {n}" } },
  dependants: { title: { en: "Dependants", ko: "동반 가족" }, entry: { en: "Dependant {n}", ko: "동반가족 {n}" } },
} as const satisfies Partial<Record<DossierSection, { title: Text; entry: Text }>>;
export type ListSection = keyof typeof listSections;
export const isListSection = (s: DossierSection): s is ListSection => s in listSections;

/** The sections of each page of the wizard, in its order (the check page groups the answers so). */
export const stepSections: Record<WizardStep, DossierSection[]> = {
  personal: ["personal"],
  education: ["education"],
  work: ["work"],
  achievements: ["publications", "patents", "awards"],
  offer: ["offer"],
  dependants: ["dependants"],
};

/** Where a list sits in a dossier ("achievements.publications"), as the form names and `getList` write it. */
export const sectionPath = (s: ListSection): ListName => (s === "publications" || s === "patents" || s === "awards" ? `achievements.${s}` : s);
