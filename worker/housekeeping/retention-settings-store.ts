import { eq } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { tenantSettings } from '../db/tenant/settings';
import type { TenantDb } from '../tenancy/tenant-db';
import { DEFAULT_RETENTION, type RetentionSettings } from './retention';

// The tenant's retention choices: one settings row, absent until an admin first
// changes something (then the defaults are what it holds).

export interface RetentionRecord extends RetentionSettings {
  /** When an admin last changed it; null while the defaults apply. */
  updatedAt: number | null;
}

export async function readRetention(db: TenantDb): Promise<RetentionRecord> {
  const row = await db.select().from(tenantSettings).where(eq(tenantSettings.id, 1)).get();
  if (!row) return { ...DEFAULT_RETENTION, updatedAt: null };
  return { auditLogDays: row.auditRetentionDays, notificationDays: row.notificationRetentionDays, updatedAt: row.updatedAt };
}

const auditView = (s: RetentionSettings) => ({ audit_log_days: s.auditLogDays, notification_days: s.notificationDays });

/** Writes the new settings and their audit row in one batch; returns them as stored. */
export async function writeRetention(db: TenantDb, actor: AuditActor, current: RetentionSettings, next: RetentionSettings): Promise<RetentionRecord> {
  const now = Date.now();
  const columns = { auditRetentionDays: next.auditLogDays, notificationRetentionDays: next.notificationDays, updatedAt: now };
  await db.batch([
    db
      .insert(tenantSettings)
      .values({ id: 1, ...columns })
      .onConflictDoUpdate({ target: tenantSettings.id, set: columns }),
    auditStatement(db, actor, {
      action: 'settings.retention_update',
      targetType: 'settings',
      targetId: 'retention',
      before: auditView(current),
      after: auditView(next),
    }),
  ]);
  return { ...next, updatedAt: now };
}
