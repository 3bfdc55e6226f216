import { eq } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { tenantSettings } from '../db/tenant/settings';
import { DEFAULT_RETENTION } from '../housekeeping/retention';
import type { TenantDb } from '../tenancy/tenant-db';
import { DEFAULT_ATTACHMENT_QUOTA_BYTES } from './attachment-quota';
import { attachmentUsage } from './attachment-store';

// The tenant's attachment quota: a column of the one settings row, null while
// the platform default applies.

export interface QuotaSettings {
  /** The quota in force. */
  quotaBytes: number;
  /** What the tenant chose; null: the default. */
  chosenBytes: number | null;
  usedBytes: number;
}

export async function readQuotaSettings(db: TenantDb): Promise<QuotaSettings> {
  const [row, usage] = await Promise.all([
    db.select({ chosen: tenantSettings.attachmentQuotaBytes }).from(tenantSettings).where(eq(tenantSettings.id, 1)).get(),
    attachmentUsage(db),
  ]);
  const chosenBytes = row?.chosen ?? null;
  return { quotaBytes: chosenBytes ?? DEFAULT_ATTACHMENT_QUOTA_BYTES, chosenBytes, usedBytes: usage.usedBytes };
}

/**
 * Sets (or, with null, resets) the quota with its audit row, in one batch. The
 * settings row is created with the other settings' defaults if it did not exist;
 * lowering the quota below what is stored refuses new uploads, it deletes nothing.
 */
export async function writeQuota(db: TenantDb, actor: AuditActor, before: number | null, next: number | null): Promise<void> {
  const now = Date.now();
  await db.batch([
    db
      .insert(tenantSettings)
      .values({
        id: 1,
        auditRetentionDays: DEFAULT_RETENTION.auditLogDays,
        notificationRetentionDays: DEFAULT_RETENTION.notificationDays,
        attachmentQuotaBytes: next,
        updatedAt: now,
      })
      .onConflictDoUpdate({ target: tenantSettings.id, set: { attachmentQuotaBytes: next, updatedAt: now } }),
    auditStatement(db, actor, {
      action: 'settings.attachment_quota_update',
      targetType: 'settings',
      targetId: 'attachments',
      before: { quota_bytes: before },
      after: { quota_bytes: next },
    }),
  ]);
}
