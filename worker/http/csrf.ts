import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env';
import { ProblemError } from './problem';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browsers attach the session cookie to cross-site requests, so a state-changing
 * request that carries the cookie must come from our own origin: `Sec-Fetch-Site`
 * same-origin (or none: typed URL), else an `Origin` equal to the request's.
 * Requests without the cookie (bearer tokens) cannot be forged this way.
 */
export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE.has(c.req.method) && c.req.header('cookie')?.includes('wnp_session=')) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const sameOrigin =
      site !== undefined ? site === 'same-origin' || site === 'none' : origin !== undefined && origin === new URL(c.req.url).origin;
    if (!sameOrigin) {
      throw new ProblemError(403, 'csrf', 'Cross-site requests may not change data. Send the request from the portal itself.');
    }
  }
  await next();
});
