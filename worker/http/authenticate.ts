import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE, setSessionCookie } from '../auth/session-cookie';
import { API_TOKEN_PREFIX, validateApiToken, validateSessionToken } from '../auth/sessions';
import type { AppEnv } from './app-env';
import { ProblemError } from './problem';

export { SESSION_COOKIE };

export const sessionTtlDays = (env: Env): number => Number(env.SESSION_TTL_DAYS) || 30;

/**
 * Sets `principal` from `Authorization: Bearer` (a session or API token) or the
 * session cookie. A bearer token that does not verify is a 401 at once; an
 * invalid cookie just means "signed out".
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const db = c.get('db');
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match?.[1];
    const principal = !token
      ? null
      : token.startsWith(API_TOKEN_PREFIX)
        ? await validateApiToken(db, token)
        : await validateSessionToken(db, token, 'bearer', sessionTtlDays(c.env));
    if (!principal) {
      throw new ProblemError(401, 'unauthenticated', 'The bearer token is invalid, expired or revoked.', {}, {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    }
    c.set('principal', principal);
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    const principal = cookie ? await validateSessionToken(db, cookie, 'cookie', sessionTtlDays(c.env)) : null;
    // Sliding expiry: the cookie lives as long as the session it now carries.
    if (cookie && principal?.sessionRenewedUntil) setSessionCookie(c, cookie, principal.sessionRenewedUntil);
    c.set('principal', principal);
  }
  await next();
});
