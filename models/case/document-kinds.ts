/** The kinds of evidence a case holds (pure data: the browser bundle uses it too). */
export const documentKinds = [
  "passport",
  "photo",
  "degree_certificate",
  "employment_certificate",
  "employment_contract",
  "publication_evidence",
  "award_evidence",
  "patent_evidence",
  "criminal_record",
  "family_relationship",
  "ktech_recommendation",
  "other",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabels: Record<DocumentKind, { en: string; ko: string }> = {
  passport: { en: "Passport (photo page)", ko: "여권 (사진면)" },
  photo: { en: "Passport-style photograph", ko: "여권용 사진" },
  degree_certificate: { en: "Degree certificate", ko: "학위증명서" },
  employment_certificate: { en: "Employment certificate", ko: "경력증명서" },
  employment_contract: { en: "Employment contract or job offer", ko: "고용계약서 또는 고용 제안서" },
  publication_evidence: { en: "Evidence of publications", ko: "논문 실적 증빙" },
  award_evidence: { en: "Evidence of awards", ko: "수상 실적 증빙" },
  patent_evidence: { en: "Evidence of patents", ko: "특허 증빙" },
  criminal_record: { en: "Criminal record check", ko: "범죄경력증명서" },
  family_relationship: { en: "Proof of family relationship", ko: "가족관계 증명서류" },
  ktech_recommendation: { en: "K-Tech Pass recommendation (KOTRA)", ko: "K-Tech Pass 추천서(KOTRA)" },
  other: { en: "Other evidence", ko: "기타 증빙" },
};
