import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import ko from "i18n-iso-countries/langs/ko.json";

/**
 * Issue 11 item 10: countries are stored as ISO 3166-1 alpha-2 codes ("KR"),
 * chosen from a searchable list with English and Korean names (the
 * i18n-iso-countries package). Older dossiers hold free text ("Nigeria",
 * "대한민국", "USA"): they are read tolerantly (a name or code in either
 * language becomes its code when the dossier is next saved) and shown as they
 * were typed when no country matches. Shared by the web and the models; the
 * browser bundle gets the two languages only.
 */
countries.registerLocale(en);
countries.registerLocale(ko);

export type CountryLocale = "en" | "ko";

/** Common names people type that the package does not list as aliases. */
const extraAliases: Record<string, string> = {
  korea: "KR",
  "republic of korea": "KR",
  "korea, republic of": "KR",
  "south korea": "KR",
  한국: "KR",
  남한: "KR",
  uk: "GB",
  "great britain": "GB",
  england: "GB",
  usa: "US",
  "united states": "US",
  america: "US",
  미국: "US",
  영국: "GB",
  중국: "CN",
  일본: "JP",
  대만: "TW",
  taiwan: "TW",
  russia: "RU",
  vietnam: "VN",
  iran: "IR",
  "hong kong": "HK",
};

const isAlpha2 = (s: string) => /^[A-Z]{2}$/.test(s) && countries.isValid(s);

/** Display names overriding the package's where its ISO-style name reads oddly in a form. */
const displayOverrides: Record<CountryLocale, Record<string, string>> = {
  en: { KR: "South Korea (Republic of Korea)", TW: "Taiwan", US: "United States" },
  ko: { TW: "대만" },
};

/** The country's name in the language, or the value itself when it is not a code (old free text). */
export function countryName(value: string | undefined | null, locale: CountryLocale): string {
  if (!value) return "";
  const code = value.trim().toUpperCase();
  if (!isAlpha2(code)) return value;
  return displayOverrides[locale][code] ?? countries.getName(code, locale) ?? value;
}

/**
 * A typed country (a code, an alpha-3 code, or a name in English or Korean,
 * any case) as its alpha-2 code; undefined when it matches no country.
 */
export function toCountryCode(input: string): string | undefined {
  const s = input.trim().replace(/\s+/g, " ");
  if (!s) return undefined;
  const upper = s.toUpperCase();
  if (isAlpha2(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper) && countries.isValid(upper)) return countries.alpha3ToAlpha2(upper);
  const lower = s.toLowerCase();
  if (extraAliases[lower]) return extraAliases[lower];
  for (const lang of ["en", "ko"] as const) {
    const hit = countries.getAlpha2Code(s, lang);
    if (hit) return hit;
    for (const [code, name] of Object.entries(displayOverrides[lang])) if (name.toLowerCase() === lower) return code;
  }
  return undefined;
}

/** True when the value is an ISO 3166-1 alpha-2 code. */
export const isCountryCode = (v: unknown): v is string => typeof v === "string" && isAlpha2(v);

const cache = new Map<CountryLocale, { code: string; name: string }[]>();
/** Every country, by name in the language's order. */
export function countryOptions(locale: CountryLocale): { code: string; name: string }[] {
  let list = cache.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = Object.keys(countries.getAlpha2Codes())
      .map((code) => ({ code, name: countryName(code, locale) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    cache.set(locale, list);
  }
  return list;
}
