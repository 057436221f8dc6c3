/**
 * P3: English and Korean throughout. One small mechanism for every role, the
 * e-mails and the letters:
 *
 * - UI text lives in catalogues made with `defineMessages(en, ko)`: the Korean
 *   side must name every English key (the compiler checks), `{name}` marks a value.
 * - Messages the models produce (validation errors, AppError texts) stay plain
 *   English sentences; their Korean is looked up by the English text in
 *   `models/i18n/ko/*.ts` (`localizeMessage`). A sentence without a Korean entry
 *   is shown in English rather than not at all.
 * - Korean particles after a value are written both ways ("{name}은(는)", "{email}(으)로") and
 *   resolved by the value once it is in (./josa.ts); code that builds Korean text calls `josa`.
 * - Dates are shown in Korea's time zone, money in won, per locale.
 */
import { resolveParticles } from "./josa";
import { koreanMessages } from "./ko";

export { josa, josaFor, resolveParticles, type Particle } from "./josa";

export const locales = ["en", "ko"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const isLocale = (v: unknown): v is Locale => v === "en" || v === "ko";

export type Vars = Record<string, string | number>;
export interface Catalog<K extends string> {
  en: Record<K, string>;
  ko: Record<K, string>;
}

/** A catalogue: the Korean side must give every key the English side has. */
export function defineMessages<const T extends Record<string, string>>(en: T, ko: { [K in keyof T]: string }): Catalog<Extract<keyof T, string>> {
  return { en, ko } as Catalog<Extract<keyof T, string>>;
}

export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Translate<K extends string> = (key: K, vars?: Vars) => string;

export function translator<K extends string>(locale: Locale, catalog: Catalog<K>): Translate<K> {
  const table = catalog[locale];
  if (locale === "ko") return (key, vars) => resolveParticles(interpolate(table[key] ?? catalog.en[key] ?? key, vars));
  return (key, vars) => interpolate(table[key] ?? catalog.en[key] ?? key, vars);
}

/** A model's English message in the reader's language (the English itself when no Korean is known). */
export function localizeMessage(locale: Locale, message: string): string {
  if (locale === "en") return message;
  return koreanMessages.get(message) ?? message;
}

export function localizeErrors(locale: Locale, errors: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors ?? {})) out[k] = localizeMessage(locale, v);
  return out;
}

/** The best of our locales for an Accept-Language header (q-values honoured). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((e) => e.tag && Number.isFinite(e.q) && e.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

const TIME_ZONE = "Asia/Seoul";
const intlTag = (locale: Locale) => (locale === "ko" ? "ko-KR" : "en-GB");
const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: Locale, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(intlTag(locale), { timeZone: TIME_ZONE, ...opts })));
  return f;
}

/** A moment, e.g. "3 Dec 2026, 14:05 KST" / "2026. 12. 3. 오후 2:05 KST". */
export const formatDateTime = (locale: Locale, d: string | Date) => `${dtf(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(d))} KST`;

/** A calendar date. A bare "YYYY-MM-DD" is that day, not a moment. */
export function formatDate(locale: Locale, d: string | Date): string {
  if (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) {
    return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));
  }
  return dtf(locale, { dateStyle: "long" }).format(new Date(d));
}

/** Won, e.g. "₩150,000,000" / "150,000,000원". */
export function formatKrw(locale: Locale, n: number): string {
  const digits = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 0 }).format(n);
  return locale === "ko" ? `${digits}원` : `₩${digits}`;
}

export const formatNumber = (locale: Locale, n: number) => new Intl.NumberFormat(intlTag(locale)).format(n);
