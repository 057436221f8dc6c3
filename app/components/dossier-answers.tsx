import { countryName } from "../../models/countries";
import { fieldsOf, listSections, type DossierField, type DossierSection, type ListSection } from "../../models/dossier-labels";
import { defineMessages, interpolate } from "../../models/i18n";
import { useT } from "../i18n";

/**
 * Issue 11 items 3 and 5: a section of the dossier read back, one labelled row per
 * answer, with the labels and option names of the catalogue (models/dossier-labels.ts).
 * The officer's case file and the applicant's check page both show answers with it.
 */
const text = defineMessages(
  {
    yes: "Yes",
    no: "No",
    notGiven: "not given",
    notGivenYet: "Not given yet",
    stillThere: "— (still works there)",
  },
  {
    yes: "예",
    no: "아니요",
    notGiven: "입력 안 함",
    notGivenYet: "아직 입력하지 않음",
    stillThere: "— (현재 재직 중)",
  },
);

type Values = Record<string, unknown>;
const blank = (v: unknown) => v === undefined || v === null || v === "";

/** An answer in words: a country by its name, a coded answer by its option's name, money in won, a date as `date` writes it. */
export function useAnswerText() {
  const { t, locale, krw } = useT(text);
  return (field: DossierField, v: unknown, opts: { date: (iso: string) => string; organization?: string | null }): string => {
    const s = String(v);
    switch (field.kind) {
      case "country":
        return countryName(s, locale);
      case "date":
        return opts.date(s);
      case "won":
        return typeof v === "number" || /^\d+$/.test(s) ? krw(Number(v)) : s;
      case "yesNo":
        return v === true || v === "yes" ? t("yes") : v === false || v === "no" ? t("no") : s;
      case "select":
      case "radio":
        return field.options?.[s]?.[locale] ?? s;
      case "organization":
        return opts.organization ?? s;
      default:
        return s;
    }
  };
}

/**
 * The rows of one section or list entry. For the officer (`audience="officer"`) every
 * field has a row ("not given" when blank) and dates stay as entered (YYYY-MM-DD). For
 * the applicant every question of the wizard has a row ("Not given yet" when blank),
 * a field the wizard does not ask only when it has a value, the end date of a current
 * job none, and an offer answered "No, not yet" only that answer; dates are written out.
 * Each row is marked `data-field="<section>.<field>"`.
 */
export function AnswerRows({ section, values, audience, organization }: { section: DossierSection; values: Values; audience: "officer" | "applicant"; organization?: string | null }) {
  const { t, locale, date } = useT(text);
  const answer = useAnswerText();
  const officer = audience === "officer";
  const rows = fieldsOf(section).filter(([f, field]) => {
    if (officer) return true;
    if (field.notAsked && blank(values[f])) return false;
    if (section === "work" && f === "end" && (values.current === true || values.current === "yes")) return false;
    if (section === "offer" && values.hasOffer === "no") return f === "hasOffer";
    return true;
  });
  return (
    <dl className="summary dossier-fields">
      {rows.map(([f, field]) => {
        const v = values[f];
        const stillThere = officer && section === "work" && f === "end" && blank(v) && values.current === true;
        return (
          <div key={f} className="dossier-row" data-field={`${section}.${f}`}>
            <dt>{field.label[locale]}</dt>
            <dd>
              {stillThere ? (
                t("stillThere")
              ) : blank(v) ? (
                <span className="hint">{officer ? t("notGiven") : t("notGivenYet")}</span>
              ) : (
                answer(field, v, { date: officer ? (s) => s : date, organization })
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The entries of a list, each under its heading ("Degree 2") with its rows. */
export function AnswerEntries({ section, entries, audience, heading, labelledBy }: { section: ListSection; entries: Values[]; audience: "officer" | "applicant"; heading: "h3" | "h4"; labelledBy?: string }) {
  const { locale } = useT(text);
  const Heading = heading;
  return (
    <ol className="dossier-entries" aria-labelledby={labelledBy}>
      {entries.map((e, i) => (
        <li key={typeof e.id === "string" ? e.id : i}>
          <Heading>{interpolate(listSections[section].entry[locale], { n: i + 1 })}</Heading>
          <AnswerRows section={section} values={e} audience={audience} />
        </li>
      ))}
    </ol>
  );
}
