import { and, eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { sha256Hex } from '../auth/secrets';
import { idempotencyKeys } from '../db/tenant/idempotency';
import type { AppEnv } from './app-env';
import { ProblemError } from './problem';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` for creating POSTs: the first request with a key runs and its
 * answer is kept; the same key with the same body replays that answer; the same
 * key with another body is refused (422). A key still in flight answers 409.
 * Server errors are not kept, so the client may retry them.
 */
export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  const principal = c.get('principal');
  if (key === undefined || !principal) return next();
  if (!KEY_PATTERN.test(key)) {
    throw new ProblemError(400, 'validation', 'The Idempotency-Key header is invalid.', {
      errors: [{ field: 'Idempotency-Key', detail: 'must be 1 to 200 visible ASCII characters' }],
    });
  }
  const db = c.get('db');
  const who = `user:${principal.userId}`;
  const route = `${c.req.method} ${new URL(c.req.url).pathname}`;
  const bodyHash = await sha256Hex(`${route}\n${await c.req.text()}`);
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ key, principal: who, route, bodyHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  if (claimed.length === 0) {
    const previous = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.principal, who), eq(idempotencyKeys.key, key)))
      .get();
    if (!previous || previous.bodyHash !== bodyHash) {
      throw new ProblemError(422, 'idempotency-key-reused', 'This Idempotency-Key was already used with a different request.', {
        errors: [{ field: 'Idempotency-Key', detail: 'was used for a different request body or path' }],
      });
    }
    if (previous.status === null) {
      throw new ProblemError(409, 'idempotency-in-flight', 'A request with this Idempotency-Key is still being processed.');
    }
    return c.body(previous.responseBody ?? '', previous.status as 200, {
      'content-type': previous.status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
      'idempotent-replayed': 'true',
    });
  }

  const release = () =>
    db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.principal, who), eq(idempotencyKeys.key, key)));
  try {
    await next();
  } catch (error) {
    await release();
    throw error;
  }
  if (c.res.status >= 500) {
    await release();
    return;
  }
  const responseBody = await c.res.clone().text();
  await db
    .update(idempotencyKeys)
    .set({ status: c.res.status, responseBody })
    .where(and(eq(idempotencyKeys.principal, who), eq(idempotencyKeys.key, key)));
});
