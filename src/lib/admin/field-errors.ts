import type { ProblemLike } from '$lib/api/problem-sentence';
import type { Translator } from '$lib/i18n/translate';

// A validation refusal names fields by their path in the API body
// (`targets.first_response`, `week.1.0.start`, `holidays.2`). A form names its
// inputs by the same paths, so each error lands on the input whose name is the
// longest leading part of its path, as a sentence with the input's label.

/** The form's inputs: name (an API path) → its label, in the reader's language. */
export type FieldLabels = Readonly<Record<string, string>>;

export interface PlacedErrors {
  /** Input name → one sentence (the first error that reached it). */
  byField: Record<string, string>;
  /** Sentences for errors no input of the form matches. */
  elsewhere: string[];
}

const leads = (name: string, path: string) => path === name || path.startsWith(`${name}.`);

/** The input an API field path belongs to: the most specific name that leads it. */
export function inputFor(path: string, names: readonly string[]): string | undefined {
  return names.filter((name) => leads(name, path)).sort((a, b) => b.length - a.length)[0];
}

/**
 * One error as a sentence. The API's details are English clauses ("must be at
 * least 1 minute"), so English readers get the label with the clause; others a
 * sentence in their language naming the field.
 */
export function fieldSentence(label: string, detail: string, i18n: Pick<Translator, 'locale' | 't'>): string {
  if (i18n.locale !== 'en') return i18n.t('admin.fieldInvalid', { field: label });
  const clause = detail.trim().replace(/[.\s]+$/, '');
  return `${label} ${clause}.`;
}

export function placeFieldErrors(errors: ProblemLike['errors'], labels: FieldLabels, i18n: Pick<Translator, 'locale' | 't'>): PlacedErrors {
  const placed: PlacedErrors = { byField: {}, elsewhere: [] };
  const names = Object.keys(labels);
  for (const error of errors ?? []) {
    const name = inputFor(error.field, names);
    if (name === undefined) placed.elsewhere.push(fieldSentence(error.field, error.detail, i18n));
    else placed.byField[name] ??= fieldSentence(labels[name]!, error.detail, i18n);
  }
  return placed;
}
