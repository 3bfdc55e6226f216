import { error, redirect } from '@sveltejs/kit';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import type { SignedInUser } from './api';
import { loginPath } from './route-access';

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function signedInOrRedirect(locals: App.Locals, url: URL): SignedInUser {
  if (!locals.user) redirect(303, loginPath(url));
  return locals.user;
}

/** Turns a failed API answer into the page's answer: sign in again on 401, else a sentence in the user's language. */
export function failedApiCall(failure: { error: unknown; response: Response }, locals: App.Locals, url: URL): never {
  if (failure.response.status === 401) redirect(303, loginPath(url));
  const sentence = problemSentence(asProblem(failure.error, failure.response.status), createTranslator(locals.locale));
  error(failure.response.status, sentence);
}
