import { getContext, setContext } from 'svelte';
import { translatorOf, type Catalogue, type Locale, type Translator } from './translator';

// Components reach the page's translator through Svelte context (never a module
// singleton: on the server one module serves many users' requests at once).

const KEY = Symbol('i18n');
const translators = new WeakMap<Catalogue, Translator>();

/**
 * Called once by the root layout with its data's language and catalogue. Both
 * are read on every call, so text re-renders when the user switches language.
 */
export function provideI18n(locale: () => Locale, catalogue: () => Catalogue): Translator {
  const translatorFor = (current: Locale) => {
    const messages = catalogue();
    let translator = translators.get(messages);
    if (translator?.locale !== current) translators.set(messages, (translator = translatorOf(current, messages)));
    return translator;
  };
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
