import type { en } from './messages.en';

// The one i18n layer: typed message catalogues (a key missing from a catalogue,
// or a t() call with an unknown key, fails the type check), plural forms chosen
// by Intl.PluralRules, dates and numbers formatted by Intl.

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** A message whose wording depends on a count: one form per CLDR plural category the language uses. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;

export type MessageKey = keyof typeof en;
/** Every catalogue has every key, with the same kind of value (plain or plural) as English. */
export type Catalogue = { [K in MessageKey]: (typeof en)[K] extends string ? string : PluralForms };

export type Params = Record<string, string | number>;

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The first of the caller's languages (an Accept-Language header) that the app speaks. */
export function negotiateLocale(acceptLanguage: string | null): Locale {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}

export interface Translator {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /** A date and time, in UTC so the server and the browser render the same text. */
  dateTime(iso: string): string;
  time(iso: string): string;
  number(value: number): string;
}

function interpolate(template: string, params: Params | undefined, format: (n: number) => string): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? format(value) : value;
  });
}

/** The translator of `locale` over its catalogue (the browser loads only the reader's language: src/lib/i18n/load-catalogue.ts). */
export function translatorOf(locale: Locale, catalogue: Catalogue): Translator {
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const times = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' });
  const number = (value: number) => numbers.format(value);
  return {
    locale,
    t(key, params) {
      const message: Message = catalogue[key];
      if (typeof message === 'string') return interpolate(message, params, number);
      const count = typeof params?.count === 'number' ? params.count : 0;
      const form = message[plurals.select(count)] ?? message.other;
      return interpolate(form, params, number);
    },
    dateTime: (iso) => `${dateTimes.format(new Date(iso))} UTC`,
    time: (iso) => times.format(new Date(iso)),
    number,
  };
}
