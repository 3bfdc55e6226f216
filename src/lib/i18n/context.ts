import { getContext, setContext } from 'svelte';
import { createTranslator, type Locale, type Translator } from './translate';

// Components reach the page's translator through Svelte context (never a module
// singleton: on the server one module serves many users' requests at once).

const KEY = Symbol('i18n');
const translators = new Map<Locale, Translator>();
const translatorFor = (locale: Locale) => translators.get(locale) ?? translators.set(locale, createTranslator(locale)).get(locale)!;

/**
 * Called once by the root layout. `locale` is read on every call, so text
 * re-renders when the user switches language.
 */
export function provideI18n(locale: () => Locale): Translator {
  const i18n: Translator = {
    get locale() {
      return locale();
    },
    t: (key, params) => translatorFor(locale()).t(key, params),
    dateTime: (iso) => translatorFor(locale()).dateTime(iso),
    time: (iso) => translatorFor(locale()).time(iso),
    number: (value) => translatorFor(locale()).number(value),
  };
  setContext(KEY, i18n);
  return i18n;
}

export function useI18n(): Translator {
  const i18n = getContext<Translator | undefined>(KEY);
  if (!i18n) throw new Error('useI18n() outside the root layout');
  return i18n;
}
