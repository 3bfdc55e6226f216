import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor, auditStatement } from '../../audit/audit-log';
import { deleteSessionStatement, findSession, listSessions } from '../../auth/sessions';
import type { AppEnv } from '../../http/app-env';
import { iso } from '../../http/fields';
import { authorize } from '../../http/guards';
import { notFound } from '../../http/problem';
import type { listSessionsRoute, revokeSessionRoute } from './sessions.routes';

export const listMySessions: RouteHandler<typeof listSessionsRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'session:manage_own');
  const rows = await listSessions(c.get('db'), principal.userId);
  const items = rows.map((s) => ({
    id: s.id,
    created_at: iso(s.createdAt),
    last_used_at: iso(s.lastUsedAt),
    expires_at: iso(s.expiresAt),
    user_agent: s.userAgent,
    ip: s.ip,
    current: s.id === principal.sessionId,
  }));
  return c.json({ items }, 200);
};

export const revokeMySession: RouteHandler<typeof revokeSessionRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'session:manage_own');
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const session = await findSession(db, principal.userId, id);
  if (!session) throw notFound('The session');
  await db.batch([
    deleteSessionStatement(db, principal.userId, id),
    auditStatement(db, auditActor(c), {
      action: 'session.revoke',
      targetType: 'session',
      targetId: id,
      before: { user_id: session.userId, user_agent: session.userAgent, ip: session.ip },
    }),
  ]);
  return c.body(null, 204);
};
