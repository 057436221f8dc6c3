import type { ReactNode } from "react";
import { countryName } from "../../models/countries";
import type { dependantRelations, DraftDossier, employerKinds } from "../../models/dossier";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { degreeLevelText, industryText } from "./dossier-form";

/**
 * Issue 11 item 3: everything the applicant entered, as the officer reads it.
 * Every answer of the wizard (models/dossier.ts: personal details and passport,
 * degrees, jobs, publications, patents, awards, the offer, dependants) has a row
 * here, marked `data-field="<section>.<field>"`: test/integration/officer-dossier.test.ts
 * fills every field of the schema and fails when one is not shown.
 * Each section is a `<details>` (open by default) so the officer can fold what they have read.
 */
export const dossierText = defineMessages(
  {
    dossier: "Dossier",
    personal: "Personal details and passport",
    "personal.fullName": "Full name (as in passport)",
    "personal.otherNames": "Other names used",
    "personal.nationality": "Nationality",
    "personal.birthDate": "Date of birth",
    "personal.countryOfBirth": "Country of birth",
    "personal.passportNumber": "Passport number",
    "personal.passportCountry": "Passport issued by",
    "personal.passportIssued": "Passport issued on",
    "personal.passportExpires": "Passport expires on",
    "personal.stayStatus": "Current status of stay in Korea",
    "personal.declaredIncomeKrw": "Declared income (tax certificate)",
    education: "Degrees ({n})",
    degree: "Degree {n}",
    "education.level": "Level",
    "education.field": "Field of study",
    "education.institution": "University",
    "education.country": "Country",
    "education.awarded": "Awarded on",
    work: "Work history ({n})",
    job: "Job {n}",
    "work.employer": "Employer",
    "work.kind": "Kind of employer",
    "work.title": "Job title",
    "work.country": "Country",
    "work.start": "Started",
    "work.current": "Still works there",
    "work.end": "Ended",
    "work.postdoc": "Postdoctoral research",
    publications: "Publications ({n})",
    publication: "Publication {n}",
    "publications.title": "Title",
    "publications.venue": "Published in",
    "publications.year": "Year",
    patents: "Patents ({n})",
    patent: "Patent {n}",
    "patents.title": "Title",
    "patents.number": "Patent number",
    "patents.country": "Country",
    "patents.year": "Year",
    awards: "Awards ({n})",
    award: "Award {n}",
    "awards.name": "Award",
    "awards.issuer": "Given by",
    "awards.year": "Year",
    offer: "Job offer and sponsor",
    "offer.hasOffer": "Has a job offer",
    "offer.organizationId": "Sponsoring employer",
    "offer.jobTitle": "Job title",
    "offer.industry": "Industry",
    "offer.annualSalaryKrw": "Annual salary",
    "offer.startDate": "Start date",
    dependants: "Dependants ({n})",
    dependant: "Dependant {n}",
    "dependants.relation": "Relation",
    "dependants.fullName": "Full name (as in passport)",
    "dependants.birthDate": "Date of birth",
    "dependants.nationality": "Nationality",
    "dependants.passportNumber": "Passport number",
    yes: "Yes",
    no: "No",
    notGiven: "not given",
    none: "None listed.",
    kind_company: "Company",
    kind_research_institute: "Research institute",
    kind_university: "University",
    kind_other: "Other",
    relation_spouse: "Spouse",
    relation_child: "Child",
    perYear: "{amount} a year",
    stillThere: "— (still works there)",
  },
  {
    dossier: "신청 내용",
    personal: "인적 사항 및 여권",
    "personal.fullName": "성명 (여권상)",
    "personal.otherNames": "사용한 다른 이름",
    "personal.nationality": "국적",
    "personal.birthDate": "생년월일",
    "personal.countryOfBirth": "출생 국가",
    "personal.passportNumber": "여권 번호",
    "personal.passportCountry": "여권 발급 국가",
    "personal.passportIssued": "여권 발급일",
    "personal.passportExpires": "여권 만료일",
    "personal.stayStatus": "현재 국내 체류자격",
    "personal.declaredIncomeKrw": "신고 소득 (소득금액증명)",
    education: "학위 ({n}건)",
    degree: "학위 {n}",
    "education.level": "학위 과정",
    "education.field": "전공 분야",
    "education.institution": "대학교",
    "education.country": "국가",
    "education.awarded": "수여일",
    work: "경력 ({n}건)",
    job: "경력 {n}",
    "work.employer": "고용주",
    "work.kind": "고용주 유형",
    "work.title": "직위",
    "work.country": "국가",
    "work.start": "시작일",
    "work.current": "현재 재직 중",
    "work.end": "종료일",
    "work.postdoc": "박사후 연구",
    publications: "논문 ({n}건)",
    publication: "논문 {n}",
    "publications.title": "제목",
    "publications.venue": "게재처",
    "publications.year": "연도",
    patents: "특허 ({n}건)",
    patent: "특허 {n}",
    "patents.title": "제목",
    "patents.number": "특허 번호",
    "patents.country": "국가",
    "patents.year": "연도",
    awards: "수상 ({n}건)",
    award: "수상 {n}",
    "awards.name": "수상명",
    "awards.issuer": "수여 기관",
    "awards.year": "연도",
    offer: "고용 제안 및 초청 기업",
    "offer.hasOffer": "고용 제안 여부",
    "offer.organizationId": "초청 기업",
    "offer.jobTitle": "직위",
    "offer.industry": "산업 분야",
    "offer.annualSalaryKrw": "연봉",
    "offer.startDate": "근무 시작일",
    dependants: "동반 가족 ({n}명)",
    dependant: "동반 가족 {n}",
    "dependants.relation": "관계",
    "dependants.fullName": "성명 (여권상)",
    "dependants.birthDate": "생년월일",
    "dependants.nationality": "국적",
    "dependants.passportNumber": "여권 번호",
    yes: "예",
    no: "아니요",
    notGiven: "입력 안 함",
    none: "기재한 항목이 없습니다.",
    kind_company: "기업",
    kind_research_institute: "연구기관",
    kind_university: "대학교",
    kind_other: "기타",
    relation_spouse: "배우자",
    relation_child: "자녀",
    perYear: "연 {amount}",
    stillThere: "— (현재 재직 중)",
  },
);

type Key = keyof typeof dossierText.en;
type Value = string | number | boolean | null | undefined;

/** A list entry: its fields as stored (the wizard's drafts may miss some). */
type Entry = Record<string, Value>;

/** Fields that hold a country: stored as ISO 3166 alpha-2 codes (older dossiers as typed), shown by name. */
const countryFields = new Set(["nationality", "countryOfBirth", "passportCountry", "country"]);

function Rows({ section, fields, values, format }: { section: string; fields: readonly string[]; values: Entry; format?: (field: string, v: Value) => ReactNode }) {
  const { t, locale } = useT(dossierText);
  return (
    <dl className="summary dossier-fields">
      {fields.map((f) => {
        const v = values[f];
        const empty = v === undefined || v === null || v === "";
        return (
          <div key={f} className="dossier-row" data-field={`${section}.${f}`}>
            <dt>{t(`${section}.${f}` as Key)}</dt>
            <dd>{empty ? <span className="hint">{t("notGiven")}</span> : (format?.(f, v) ?? (countryFields.has(f) ? countryName(String(v), locale) : String(v)))}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function ListSection({
  id,
  section,
  heading,
  entryHeading,
  entries,
  fields,
  format,
}: {
  id: string;
  section: string;
  heading: Key;
  entryHeading: Key;
  entries: Entry[];
  fields: readonly string[];
  format?: (field: string, v: Value) => ReactNode;
}) {
  const { t } = useT(dossierText);
  return (
    <details className="dossier-section" open data-section={section}>
      <summary>
        <h3 id={id}>{t(heading, { n: entries.length })}</h3>
      </summary>
      {entries.length === 0 ? <p className="hint">{t("none")}</p> : null}
      <ol className="dossier-entries" aria-labelledby={id}>
        {entries.map((e, i) => (
          <li key={typeof e.id === "string" ? e.id : i}>
            <h4>{t(entryHeading, { n: i + 1 })}</h4>
            <Rows section={section} fields={fields} values={e} format={format} />
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The fields shown per section, in the wizard's order (the test checks they cover models/dossier.ts). */
export const shownFields = {
  personal: ["fullName", "otherNames", "nationality", "birthDate", "countryOfBirth", "passportNumber", "passportCountry", "passportIssued", "passportExpires", "stayStatus", "declaredIncomeKrw"],
  education: ["level", "field", "institution", "country", "awarded"],
  work: ["employer", "kind", "title", "country", "start", "current", "end", "postdoc"],
  publications: ["title", "venue", "year"],
  patents: ["title", "number", "country", "year"],
  awards: ["name", "issuer", "year"],
  offer: ["hasOffer", "organizationId", "jobTitle", "industry", "annualSalaryKrw", "startDate"],
  dependants: ["relation", "fullName", "birthDate", "nationality", "passportNumber"],
} as const;

/** Everything the applicant entered, section by section (the officer's case file, issue 11 item 3). */
export function OfficerDossier({ dossier, organization }: { dossier: DraftDossier; organization: string | null }) {
  const { t, locale, krw } = useT(dossierText);
  const yesNo = (v: Value) => (v === true || v === "yes" ? t("yes") : v === false || v === "no" ? t("no") : String(v));
  const won = (v: Value) => (typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v)) ? krw(Number(v)) : String(v));
  const a = dossier.achievements ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? (v as Entry[]) : []);
  return (
    <section aria-labelledby="dossier-heading" className="officer-dossier">
      <h2 id="dossier-heading">{t("dossier")}</h2>
      <details className="dossier-section" open data-section="personal">
        <summary>
          <h3>{t("personal")}</h3>
        </summary>
        <Rows section="personal" fields={shownFields.personal} values={(dossier.personal ?? {}) as Entry} format={(f, v) => (f === "declaredIncomeKrw" ? won(v) : undefined)} />
      </details>
      <ListSection
        id="dossier-education"
        section="education"
        heading="education"
        entryHeading="degree"
        entries={list(dossier.education)}
        fields={shownFields.education}
        format={(f, v) => (f === "level" ? (degreeLevelText[v as keyof typeof degreeLevelText]?.[locale] ?? String(v)) : undefined)}
      />
      <ListSection
        id="dossier-work"
        section="work"
        heading="work"
        entryHeading="job"
        entries={list(dossier.work).map((j) => (j.current === true && !j.end ? { ...j, end: t("stillThere") } : j))}
        fields={shownFields.work}
        format={(f, v) =>
          f === "kind" ? (v && `kind_${String(v)}` in dossierText.en ? t(`kind_${v as (typeof employerKinds)[number]}`) : String(v)) : f === "current" || f === "postdoc" ? yesNo(v) : undefined
        }
      />
      <ListSection id="dossier-publications" section="publications" heading="publications" entryHeading="publication" entries={list(a.publications)} fields={shownFields.publications} />
      <ListSection id="dossier-patents" section="patents" heading="patents" entryHeading="patent" entries={list(a.patents)} fields={shownFields.patents} />
      <ListSection id="dossier-awards" section="awards" heading="awards" entryHeading="award" entries={list(a.awards)} fields={shownFields.awards} />
      <details className="dossier-section" open data-section="offer">
        <summary>
          <h3>{t("offer")}</h3>
        </summary>
        <Rows
          section="offer"
          fields={shownFields.offer}
          values={{ ...(dossier.offer as Entry | undefined), organizationId: dossier.offer?.organizationId ? (organization ?? dossier.offer.organizationId) : undefined }}
          format={(f, v) =>
            f === "hasOffer"
              ? yesNo(v)
              : f === "industry"
                ? (industryText[v as keyof typeof industryText]?.[locale] ?? String(v))
                : f === "annualSalaryKrw"
                  ? t("perYear", { amount: won(v) })
                  : undefined
          }
        />
      </details>
      <ListSection
        id="dossier-dependants"
        section="dependants"
        heading="dependants"
        entryHeading="dependant"
        entries={list(dossier.dependants)}
        fields={shownFields.dependants}
        format={(f, v) => (f === "relation" && (v === "spouse" || v === "child") ? t(`relation_${v as (typeof dependantRelations)[number]}`) : undefined)}
      />
    </section>
  );
}
