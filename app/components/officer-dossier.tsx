import { getList, type DraftDossier } from "../../models/dossier";
import { dossierFields, dossierSections, isListSection, listSections, sectionPath, type DossierSection, type ListSection } from "../../models/dossier-labels";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { AnswerEntries, AnswerRows } from "./dossier-answers";

/**
 * Issue 11 item 3: everything the applicant entered, as the officer reads it.
 * Every answer of the dossier (models/dossier.ts: personal details and passport,
 * degrees, jobs, publications, patents, awards, the offer, dependants) has a row
 * here, labelled from the one catalogue the wizard and the check page read too
 * (models/dossier-labels.ts), marked `data-field="<section>.<field>"`:
 * test/integration/officer-dossier.test.ts fills every field of the schema and
 * fails when one is not shown. Each section is a `<details>` (open by default) so
 * the officer can fold what they have read.
 */
export const dossierText = defineMessages(
  {
    dossier: "Dossier",
    personal: "Personal details and passport",
    offer: "Job offer and sponsor",
    count: "{title} ({n})",
    none: "None listed.",
  },
  {
    dossier: "신청 내용",
    personal: "인적 사항 및 여권",
    offer: "고용 제안 및 초청 기업",
    count: "{title} ({n}건)",
    none: "기재한 항목이 없습니다.",
  },
);

type Entry = Record<string, unknown>;

function ListBlock({ section, entries }: { section: ListSection; entries: Entry[] }) {
  const { t, locale } = useT(dossierText);
  const id = `dossier-${section}`;
  return (
    <details className="dossier-section" open data-section={section}>
      <summary>
        <h3 id={id}>{t("count", { title: listSections[section].title[locale], n: entries.length })}</h3>
      </summary>
      {entries.length === 0 ? <p className="hint">{t("none")}</p> : null}
      <AnswerEntries section={section} entries={entries} audience="officer" heading="h4" labelledBy={id} />
    </details>
  );
}

/** The fields shown per section, in the catalogue's order (the test checks they cover models/dossier.ts). */
export const shownFields = Object.fromEntries(dossierSections.map((s) => [s, Object.keys(dossierFields[s])])) as { [S in DossierSection]: string[] };

/** Everything the applicant entered, section by section (the officer's case file, issue 11 item 3). */
export function OfficerDossier({ dossier, organization }: { dossier: DraftDossier; organization: string | null }) {
  const { t } = useT(dossierText);
  return (
    <section aria-labelledby="dossier-heading" className="officer-dossier">
      <h2 id="dossier-heading">{t("dossier")}</h2>
      {dossierSections.map((s) =>
        isListSection(s) ? (
          <ListBlock key={s} section={s} entries={getList<Entry>(dossier as Entry, sectionPath(s))} />
        ) : (
          <details key={s} className="dossier-section" open data-section={s}>
            <summary>
              <h3>{t(s)}</h3>
            </summary>
            <AnswerRows section={s} values={(dossier[s] ?? {}) as Entry} audience="officer" organization={s === "offer" ? organization : undefined} />
          </details>
        ),
      )}
    </section>
  );
}
