import { en } from './messages.en';
import { ru } from './messages.ru';
import { translatorOf, type Catalogue, type Locale, type Translator } from './translator';

// Every language at hand, for the server and tests. Code that runs in the
// browser imports ./translator instead, so its bundle does not carry every
// catalogue; the root layout loads the reader's one.

export * from './translator';

const CATALOGUES: Record<Locale, Catalogue> = { en, ru };

export const createTranslator = (locale: Locale): Translator => translatorOf(locale, CATALOGUES[locale]);
