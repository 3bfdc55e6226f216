import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env';
import { problemContent } from './openapi-schemas';
import { ProblemError } from './problem';

/** How long a throttled client should wait, in seconds: the limiter's period (wrangler.toml). */
export const ANONYMOUS_RETRY_AFTER_SECONDS = 60;

/**
 * Writes anyone may make without signing in — signing up, rating an article,
 * counting suggestions — are limited per tenant and client address with the
 * ANONYMOUS_WRITE_LIMITER binding, before any work is done: otherwise one script
 * could inflate an article's counts or make accounts (each costs a password hash)
 * as fast as it can send. Signed-in callers are accountable and audited, and pass.
 */
export const anonymousWriteLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('principal')) return next();
  const ip = c.req.header('cf-connecting-ip') ?? 'unknown';
  const { success } = await c.env.ANONYMOUS_WRITE_LIMITER.limit({ key: `${c.get('tenant').id}:${ip}` });
  if (!success) {
    throw new ProblemError(
      429,
      'too-many-requests',
      'Too many requests from your address. Wait a minute, then try again.',
      {},
      { 'retry-after': String(ANONYMOUS_RETRY_AFTER_SECONDS) },
    );
  }
  return next();
});

/** The 429 answer, for the OpenAPI document of each limited route. */
export const anonymousWriteLimited = { description: 'Too many signed-out writes from this address (see Retry-After)', content: problemContent };
