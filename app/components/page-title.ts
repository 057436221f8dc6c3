import { isLocale, translator, type Catalog } from "../../models/i18n";

/** A page title (for `meta`) from a catalogue entry, in the language the root loader chose. */
export function pageTitle<K extends string>(matches: readonly { id: string; data?: unknown }[], catalog: Catalog<K>, key: K): { title: string }[] {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return [{ title: `${translator(isLocale(locale) ? locale : "en", catalog)(key)} · TopTier` }];
}
