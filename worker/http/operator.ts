import { createMiddleware } from 'hono/factory';
import { sha256Hex, timingSafeEqualText } from '../auth/secrets';
import type { AppEnv } from './app-env';
import { ProblemError } from './problem';

/**
 * Platform operators authenticate with the `OPERATOR_TOKEN` secret as a bearer
 * token. Without the secret configured, operator routes are closed.
 */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.OPERATOR_TOKEN;
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const ok = Boolean(expected && given && timingSafeEqualText(await sha256Hex(given), await sha256Hex(expected)));
  if (!ok) throw new ProblemError(401, 'unauthenticated', 'This route is for platform operators: send the operator token.');
  await next();
});
