import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env';
import { sessionTtlDays } from '../http/authenticate';
import { setSessionCookie } from './session-cookie';
import { createSession } from './sessions';

/** Starts a session for `userId` on this request (login, sign-up, accepted invitation) and sets its cookie. */
export async function signIn(c: Context<AppEnv>, userId: number): Promise<{ id: string; token: string; expiresAt: number }> {
  const session = await createSession(c.get('db'), userId, {
    ttlDays: sessionTtlDays(c.env),
    userAgent: c.req.header('user-agent') ?? null,
    ip: c.req.header('cf-connecting-ip') ?? null,
  });
  setSessionCookie(c, session.token, session.expiresAt);
  return session;
}
