import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { DEFAULT_RETENTION } from '../../housekeeping/retention';

/**
 * The tenant's settings: at most one row (id 1). A tenant without the row has
 * the defaults; every column has one, so each feature can write the row with
 * only its own settings (an upsert on id 1).
 */
export const tenantSettings = sqliteTable(
  'tenant_settings',
  {
    id: integer('id').primaryKey(),
    /** Audit rows older than this many days are purged by the housekeeping cron. */
    auditRetentionDays: integer('audit_retention_days').notNull().default(DEFAULT_RETENTION.auditLogDays),
    /** Delivered or given-up notifications older than this many days are purged. */
    notificationRetentionDays: integer('notification_retention_days').notNull().default(DEFAULT_RETENTION.notificationDays),
    /** Total bytes of live attachments; null: DEFAULT_ATTACHMENT_QUOTA_BYTES (worker/attachments/attachment-quota.ts). */
    attachmentQuotaBytes: integer('attachment_quota_bytes'),
    updatedAt: integer('updated_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [check('tenant_settings_single_row', sql`${t.id} = 1`)],
);

export type TenantSettings = typeof tenantSettings.$inferSelect;
