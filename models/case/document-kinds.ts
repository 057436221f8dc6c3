/** The kinds of evidence a case holds (pure data: the browser bundle uses it too). */
export const documentKinds = ["passport", "degree_certificate", "employment_contract", "other"] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabels: Record<DocumentKind, { en: string; ko: string }> = {
  passport: { en: "Passport (photo page)", ko: "여권 (사진면)" },
  degree_certificate: { en: "Degree certificate", ko: "학위증명서" },
  employment_contract: { en: "Employment contract or job offer", ko: "고용계약서 또는 고용 제안서" },
  other: { en: "Other evidence", ko: "기타 증빙" },
};
