import { redirect, type Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { apiFor } from '$lib/server/api';
import { localeOf, themeOf } from '$lib/server/preferences';
import { redirectFor } from '$lib/server/route-access';
import { SESSION_COOKIE } from '$lib/server/session-cookie';

/** Resolves the signed-in user once per request; a missing or dead session is "signed out". */
const signedInUser: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  if (event.cookies.get(SESSION_COOKIE)) {
    const { data } = await apiFor(event).GET('/api/v1/auth/me');
    if (data) event.locals.user = data.user;
  }
  return resolve(event);
};

/** Signed out → the login page (coming back afterwards); customers → the portal, never the console. */
const areaGuard: Handle = async ({ event, resolve }) => {
  const elsewhere = redirectFor(event.url, event.locals.user);
  if (elsewhere) redirect(303, elsewhere);
  return resolve(event);
};

/** The language and colour scheme, rendered into <html> on the server so the first paint is right. */
const preferences: Handle = async ({ event, resolve }) => {
  const locale = localeOf(event.locals.user, event.cookies, event.request.headers.get('accept-language'));
  const theme = themeOf(event.cookies);
  event.locals.locale = locale;
  event.locals.theme = theme;
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%wnp.lang%', locale).replace('%wnp.theme%', theme),
  });
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

export const handle = sequence(securityHeaders, signedInUser, preferences, areaGuard);
