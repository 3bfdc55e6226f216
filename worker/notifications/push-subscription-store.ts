import { and, asc, eq } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { pushSubscriptions, type PushSubscriptionRow } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';

export interface NewPushSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Registers a browser's subscription for the user. The endpoint is unique: a
 * browser registering again (new keys, or another user signing in on it) takes
 * the row over, so one browser never gets another account's notifications.
 */
export async function registerPushSubscription(db: TenantDb, actor: AuditActor, userId: number, subscription: NewPushSubscription): Promise<PushSubscriptionRow> {
  const [[row]] = await db.batch([
    db
      .insert(pushSubscriptions)
      .values({ userId, ...subscription })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: subscription.p256dh, auth: subscription.auth } })
      .returning(),
    auditStatement(db, actor, {
      action: 'push_subscription.register',
      targetType: 'user',
      targetId: userId,
      after: { endpoint: subscription.endpoint },
    }),
  ]);
  if (!row) throw new Error('the push subscription upsert returned no row');
  return row;
}

/** The user's own subscription; another user's is as good as missing. */
export async function findOwnPushSubscription(db: TenantDb, userId: number, id: number): Promise<PushSubscriptionRow | null> {
  return (await db.select().from(pushSubscriptions).where(and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, userId))).get()) ?? null;
}

/** The browsers the user registered, oldest first. */
export function listOwnPushSubscriptions(db: TenantDb, userId: number): Promise<PushSubscriptionRow[]> {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(asc(pushSubscriptions.id)).all();
}

export async function deletePushSubscription(db: TenantDb, actor: AuditActor, subscription: PushSubscriptionRow): Promise<void> {
  await db.batch([
    db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id)),
    auditStatement(db, actor, {
      action: 'push_subscription.delete',
      targetType: 'push_subscription',
      targetId: subscription.id,
      before: { endpoint: subscription.endpoint },
    }),
  ]);
}
