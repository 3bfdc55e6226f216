import { fail, redirect } from '@sveltejs/kit';
import { apiFor, problemDetail } from '$lib/server/api';
import { forwardSetCookies } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after signing in: a path on this origin, else the ticket list. */
function destination(url: URL): string {
  const next = url.searchParams.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/tickets';
}

export const load = (({ locals, url }) => {
  if (locals.user) redirect(303, destination(url));
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      return fail(400, { email, message: 'Enter your email address and your password.' });
    }
    const response = await apiFor(event).auth.login.$post({ json: { email, password } });
    if (!response.ok) {
      return fail(response.status === 429 ? 429 : 400, { email, message: await problemDetail(response) });
    }
    forwardSetCookies(response, event.cookies);
    redirect(303, destination(event.url));
  },
} satisfies Actions;
