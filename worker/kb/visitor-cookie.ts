import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

// Anonymous visitors rate articles once each: a random id in a long-lived
// cookie tells one visitor from another. It names nobody and grants nothing.

export const VISITOR_COOKIE = 'wnp_visitor';
const VISITOR_ID = /^[A-Za-z0-9_-]{22,64}$/;
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The visitor id from the cookie, or a new one set on the response. */
export function visitorId(c: Context): string {
  const existing = getCookie(c, VISITOR_COOKIE);
  if (existing && VISITOR_ID.test(existing)) return existing;
  const id = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
  const parts = [`${VISITOR_COOKIE}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${ONE_YEAR_SECONDS}`];
  if (new URL(c.req.url).protocol === 'https:') parts.push('Secure');
  c.header('set-cookie', parts.join('; '), { append: true });
  return id;
}
