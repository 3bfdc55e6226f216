import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { apiFor } from '$lib/server/api';
import { SESSION_COOKIE } from '$lib/server/session-cookie';

/** Resolves the signed-in user once per request; a missing or dead session is "signed out". */
const signedInUser: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  if (event.cookies.get(SESSION_COOKIE)) {
    const response = await apiFor(event).auth.me.$get();
    if (response.ok) event.locals.user = (await response.json()).user;
  }
  return resolve(event);
};

/** Transport and framing headers; the CSP itself comes from `kit.csp` (svelte.config.js), with nonces. */
const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  response.headers.set('x-frame-options', 'DENY');
  return response;
};

export const handle = sequence(securityHeaders, signedInUser);
