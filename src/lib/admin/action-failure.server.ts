import { fail, redirect } from '@sveltejs/kit';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { loginPath } from '$lib/server/route-access';

// A form action whose API call was refused answers the form with the refusal
// as a sentence (and the fields it names), never with raw problem JSON.

export interface ActionRefusal {
  message: string;
  fields: string[];
}

/** The form's answer to a failed API call: back to login on 401, else the sentence with the status the API gave. */
export function refusal(event: { locals: App.Locals; url: URL }, failed: { status: number; body: unknown }) {
  if (failed.status === 401) redirect(303, loginPath(event.url));
  const problem = asProblem(failed.body, failed.status);
  const message = problemSentence(problem, createTranslator(event.locals.locale));
  const status = failed.status >= 400 && failed.status <= 599 ? failed.status : 503;
  return fail(status, { message, fields: problem.errors?.map((e) => e.field) ?? [] } satisfies ActionRefusal);
}

/** A form field as trimmed text ('' when missing). */
export const field = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
