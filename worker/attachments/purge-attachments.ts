import { and, asc, inArray, isNotNull, lt } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { attachments } from '../db/tenant/attachments';
import { forEachTenant } from '../housekeeping/tenant-pages';
import { tenantDb, type TenantDb } from '../tenancy/tenant-db';
import { PURGE_GRACE_MS } from './attachment-quota';

// Deleted files keep their bytes for a grace period (an accidental delete can be
// undone by support); then the housekeeping cron removes the R2 objects and the
// rows. R2 first: a row whose object is gone is retried harmlessly next hour,
// an object whose row is gone would be stranded for ever.

/** R2 deletes at most 1,000 keys per call. */
const PURGE_BATCH = 100;

/** Files of one tenant deleted before `now - PURGE_GRACE_MS`, purged; returns how many. */
export async function purgeDeletedAttachments(env: Env, db: TenantDb, now: number, requestId: string): Promise<number> {
  const actor: AuditActor = { actorId: null, actorType: 'system', requestId, ip: null };
  let purged = 0;
  for (;;) {
    const due = await db
      .select({ id: attachments.id, r2Key: attachments.r2Key, filename: attachments.filename, sizeBytes: attachments.sizeBytes })
      .from(attachments)
      .where(and(isNotNull(attachments.deletedAt), lt(attachments.deletedAt, now - PURGE_GRACE_MS)))
      .orderBy(asc(attachments.deletedAt))
      .limit(PURGE_BATCH);
    if (due.length === 0) return purged;
    await env.ATTACHMENTS.delete(due.map((f) => f.r2Key));
    await db.batch([
      db.delete(attachments).where(
        inArray(
          attachments.id,
          due.map((f) => f.id),
        ),
      ),
      ...due.map((f) =>
        auditStatement(db, actor, {
          action: 'attachment.purge',
          targetType: 'attachment',
          targetId: f.id,
          before: { filename: f.filename, size_bytes: f.sizeBytes },
        }),
      ),
    ]);
    purged += due.length;
    if (due.length < PURGE_BATCH) return purged;
  }
}

/** The hourly housekeeping trigger's job: every tenant's expired deletions, one tenant failing not stopping the rest. */
export async function purgeAttachmentsJob(env: Env, scheduledTime: number): Promise<void> {
  const requestId = `cron:attachments-purge:${new Date(scheduledTime).toISOString()}`;
  let purged = 0;
  const { tenants, failures } = await forEachTenant(env, { pageSize: 100, concurrency: 4 }, async (tenant) => {
    purged += await purgeDeletedAttachments(env, tenantDb(env, tenant), scheduledTime, requestId);
  });
  console.log(JSON.stringify({ level: failures.length > 0 ? 'error' : 'info', event: 'attachments.purge', tenants, purged, failures }));
  if (failures.length > 0) throw new Error(`attachment purge failed for ${failures.length} of ${tenants} tenants`);
}
