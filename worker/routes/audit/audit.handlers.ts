import type { RouteHandler } from '@hono/zod-openapi';
import { listAuditLogs } from '../../audit/audit-query';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { iso } from '../../http/fields';
import { authorize } from '../../http/guards';
import type { listAuditLogsRoute } from './audit.routes';

export const listTenantAuditLogs: RouteHandler<typeof listAuditLogsRoute, AppEnv> = async (c) => {
  authorize(c, 'audit:read');
  const query = c.req.valid('query');
  const rows = await listAuditLogs(c.get('db'), {
    action: query.action,
    actorId: query.actor_id,
    targetType: query.target_type,
    targetId: query.target_id,
    since: query.since,
    until: query.until,
    beforeId: query.cursor?.id,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items = page.map((row) => ({
    id: row.id,
    actor_id: row.actorId,
    actor_type: row.actorType,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    before: row.before,
    after: row.after,
    request_id: row.requestId,
    ip: row.ip,
    created_at: iso(row.createdAt),
  }));
  return c.json({ items, next_cursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null }, 200);
};
