import type { Catalogue, Locale } from './translator';

// The reader's catalogue, loaded on demand: each language is a chunk of its
// own, so a page carries only the language it is read in, and a switch loads
// the other one once. A module is imported once, so later calls (every data
// reload runs the root layout's load) resolve at once.

export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  switch (locale) {
    case 'en':
      return (await import('./messages.en')).en;
    case 'ru':
      return (await import('./messages.ru')).ru;
  }
}
