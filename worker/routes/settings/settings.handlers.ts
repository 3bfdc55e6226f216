import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { isoOrNull } from '../../http/fields';
import { authorize } from '../../http/guards';
import { readRetention, writeRetention, type RetentionRecord } from '../../housekeeping/retention-settings-store';
import type { getRetentionRoute, updateRetentionRoute } from './settings.routes';

const retentionJson = (r: RetentionRecord) => ({
  audit_log_days: r.auditLogDays,
  notification_days: r.notificationDays,
  updated_at: isoOrNull(r.updatedAt),
});

export const getRetention: RouteHandler<typeof getRetentionRoute, AppEnv> = async (c) => {
  authorize(c, 'settings:manage');
  return c.json(retentionJson(await readRetention(c.get('db'))), 200);
};

export const updateRetention: RouteHandler<typeof updateRetentionRoute, AppEnv> = async (c) => {
  authorize(c, 'settings:manage');
  const body = c.req.valid('json');
  const db = c.get('db');
  const current = await readRetention(db);
  const next = {
    auditLogDays: body.audit_log_days ?? current.auditLogDays,
    notificationDays: body.notification_days ?? current.notificationDays,
  };
  return c.json(retentionJson(await writeRetention(db, auditActor(c), current, next)), 200);
};
