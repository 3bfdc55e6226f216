import type { Context } from 'hono';
import { auditActor, auditStatement } from '../audit/audit-log';
import type { AppEnv } from '../http/app-env';
import { sessionTtlDays } from '../http/authenticate';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { deleteSessionStatement, insertSessionStatement, newSession } from './sessions';

/**
 * Starts a session for `userId` on this request (login, sign-up, accepted
 * invitation), audited in the same batch, and sets its cookie.
 */
export async function signIn(c: Context<AppEnv>, userId: number): Promise<{ id: string; token: string; expiresAt: number }> {
  const db = c.get('db');
  const ip = c.req.header('cf-connecting-ip') ?? null;
  const userAgent = c.req.header('user-agent') ?? null;
  const session = await newSession(userId, { ttlDays: sessionTtlDays(c.env), userAgent, ip });
  await db.batch([
    insertSessionStatement(db, session),
    auditStatement(db, { ...auditActor(c), actorId: userId, actorType: 'user' }, {
      action: 'session.create',
      targetType: 'session',
      targetId: session.id,
      after: { user_agent: session.row.userAgent ?? null },
    }),
  ]);
  setSessionCookie(c, session.token, session.expiresAt);
  return session;
}

/** Ends the caller's session (if signed in by one), audited, and clears the cookie either way. */
export async function signOut(c: Context<AppEnv>): Promise<void> {
  const principal = c.get('principal');
  const db = c.get('db');
  if (principal?.sessionId) {
    await db.batch([
      deleteSessionStatement(db, principal.userId, principal.sessionId),
      auditStatement(db, auditActor(c), { action: 'session.end', targetType: 'session', targetId: principal.sessionId }),
    ]);
  }
  clearSessionCookie(c);
}
