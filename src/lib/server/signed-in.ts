import { error, redirect } from '@sveltejs/kit';
import { problemDetail, type SignedInUser } from './api';

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function signedInOrRedirect(locals: App.Locals, url: URL): SignedInUser {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return locals.user;
}

/** Turns a failed API answer into the page's answer: sign in again on 401, else the API's own sentence. */
export async function failedApiCall(response: Parameters<typeof problemDetail>[0], url: URL): Promise<never> {
  if (response.status === 401) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  error(response.status, await problemDetail(response));
}
