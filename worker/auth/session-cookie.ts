import type { Context } from 'hono';

/** The browser's session cookie: HttpOnly (scripts never see it), SameSite=Lax, Secure over https. */
export const SESSION_COOKIE = 'wnp_session';

function cookie(c: Context, value: string, maxAgeSeconds: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (new URL(c.req.url).protocol === 'https:') parts.push('Secure');
  return parts.join('; ');
}

// Both set the header rather than append to it: a response carries one verdict on
// the session cookie (a logout after a sliding renewal must end signed out).

/** Sends the session token as the cookie, living as long as the session does. */
export function setSessionCookie(c: Context, token: string, expiresAt: number): void {
  c.header('set-cookie', cookie(c, token, Math.max(0, Math.floor((expiresAt - Date.now()) / 1000))));
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: Context): void {
  c.header('set-cookie', cookie(c, '', 0));
}
