import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env';

/**
 * Headers for every API answer. The API serves JSON (and one docs page), so its
 * CSP forbids everything the docs page does not need, including framing.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  h.set('x-content-type-options', 'nosniff');
  h.set('referrer-policy', 'strict-origin-when-cross-origin');
  h.set('x-frame-options', 'DENY');
  if (!h.has('content-security-policy')) {
    h.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  }
});
