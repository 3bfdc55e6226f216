import { redirect } from '@sveltejs/kit';
import { apiFor } from '$lib/server/api';
import { SESSION_COOKIE } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

/** Ends the session at the API (so the token is revoked, not just forgotten) and clears the cookie. */
export const POST = (async (event) => {
  if (event.cookies.get(SESSION_COOKIE)) await apiFor(event).POST('/api/v1/auth/logout');
  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/login');
}) satisfies RequestHandler;
