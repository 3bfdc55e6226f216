import { fail, redirect } from '@sveltejs/kit';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator, type Translator } from '$lib/i18n/translate';
import { loginPath } from '$lib/server/route-access';
import { placeFieldErrors, type FieldLabels } from './field-errors';

// A form action whose API call was refused answers the form with the refusal
// as a sentence (and the fields it names), never with raw problem JSON.

export interface ActionRefusal {
  message: string;
  fields: string[];
  /** Input name → the sentence shown beside it (only for the inputs the action named). */
  fieldErrors: Record<string, string>;
  /** Which of the page's forms was refused, where a page has several whose inputs share names. */
  source: string | null;
}

/**
 * The form's answer to a failed API call: back to login on 401, else the
 * sentence with the status the API gave. With `labelsOf`, each field error is
 * also placed beside its input; errors no input matches join the sentence.
 */
export function refusal(
  event: { locals: App.Locals; url: URL },
  failed: { status: number; body: unknown },
  labelsOf?: (i18n: Translator) => FieldLabels,
  source: string | null = null,
) {
  if (failed.status === 401) redirect(303, loginPath(event.url));
  const problem = asProblem(failed.body, failed.status);
  const i18n = createTranslator(event.locals.locale);
  const placed = placeFieldErrors(labelsOf ? problem.errors : [], labelsOf?.(i18n) ?? {}, i18n);
  const message = [problemSentence(problem, i18n), ...placed.elsewhere].join(' ');
  const status = failed.status >= 400 && failed.status <= 599 ? failed.status : 503;
  return fail(status, { message, fields: problem.errors?.map((e) => e.field) ?? [], fieldErrors: placed.byField, source } satisfies ActionRefusal);
}

/** The answer to a form that saves: "Saved." when the API took it, else the refusal (see `refusal`). */
export function savedOrRefused(
  event: { locals: App.Locals; url: URL },
  result: { ok: true } | { ok: false; status: number; body: unknown },
  labelsOf?: (i18n: Translator) => FieldLabels,
  source: string | null = null,
) {
  return result.ok ? { done: createTranslator(event.locals.locale).t('admin.saved') } : refusal(event, result, labelsOf, source);
}

/** A form field as trimmed text ('' when missing). */
export const field = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
