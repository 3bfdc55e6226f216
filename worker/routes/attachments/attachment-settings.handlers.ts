import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import { MAX_ATTACHMENT_BYTES } from '../../attachments/attachment-quota';
import { readQuotaSettings, writeQuota, type QuotaSettings } from '../../attachments/quota-settings-store';
import type { AppEnv } from '../../http/app-env';
import { authorize } from '../../http/guards';
import type { getAttachmentSettingsRoute, updateAttachmentSettingsRoute } from './attachment-settings.routes';

const settingsJson = (s: QuotaSettings) => ({
  quota_bytes: s.quotaBytes,
  quota_is_default: s.chosenBytes === null,
  used_bytes: s.usedBytes,
  max_file_bytes: MAX_ATTACHMENT_BYTES,
});

export const get: RouteHandler<typeof getAttachmentSettingsRoute, AppEnv> = async (c) => {
  authorize(c, 'settings:manage');
  return c.json(settingsJson(await readQuotaSettings(c.get('db'))), 200);
};

export const update: RouteHandler<typeof updateAttachmentSettingsRoute, AppEnv> = async (c) => {
  authorize(c, 'settings:manage');
  const { quota_bytes: next } = c.req.valid('json');
  const db = c.get('db');
  const current = await readQuotaSettings(db);
  await writeQuota(db, auditActor(c), current.chosenBytes, next);
  return c.json(settingsJson(await readQuotaSettings(db)), 200);
};
