import { Form, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import {
  defineMessages,
  formatDate,
  formatDateTime,
  formatKrw,
  localizeErrors,
  localizeMessage,
  translator,
  type Catalog,
  type Locale,
  type Translate,
} from "../models/i18n";

/** The page's language, as the root loader decided it (see locale.server.ts). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: Locale }>("root");
  return data?.locale ?? "en";
}

/** Text from a catalogue in the page's language, plus the locale-aware formatters. */
export function useT<K extends string>(catalog: Catalog<K>) {
  const locale = useLocale();
  return useMemo(() => {
    const t: Translate<K> = translator(locale, catalog);
    return {
      t,
      locale,
      /** A model's English message (validation, errors) in the page's language. */
      m: (message: string | undefined) => (message === undefined ? undefined : localizeMessage(locale, message)),
      errors: (e: Record<string, string> | undefined) => localizeErrors(locale, e),
      date: (d: string | Date) => formatDate(locale, d),
      dateTime: (d: string | Date) => formatDateTime(locale, d),
      krw: (n: number) => formatKrw(locale, n),
    };
  }, [locale, catalog]);
}

const switchText = defineMessages({ label: "Language", switchTo: "한국어" }, { label: "언어", switchTo: "English" });

/** A one-click switch to the other language; kept on the account when signed in, in a cookie otherwise. */
export function LanguageSwitch() {
  const { t, locale } = useT(switchText);
  const location = useLocation();
  const other: Locale = locale === "en" ? "ko" : "en";
  // A `?lang=` in the address would win over the choice: come back without it.
  const search = new URLSearchParams(location.search);
  search.delete("lang");
  const query = search.toString();
  const back = location.pathname + (query ? `?${query}` : "");
  return (
    <Form method="post" action="/language" className="inline" aria-label={t("label")}>
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={back} />
      <button type="submit" className="link-button" lang={other}>
        {t("switchTo")}
      </button>
    </Form>
  );
}
