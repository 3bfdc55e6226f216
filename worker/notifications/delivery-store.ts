import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import {
  notificationDeliveries,
  notifications,
  notificationSettings,
  outboxMessages,
  pushSubscriptions,
  webhookEndpoints,
  type DeliveryTransport,
  type Notification,
} from '../db/tenant/notifications';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';

// The consumer's reads and writes: claiming a notification, what it needs to
// be delivered, which of its messages already went out, and the final state.

/** How long a consumer may hold a claimed notification before another takes it over. */
export const LEASE_MS = 60_000;

/**
 * Claims a notification for delivery (pending or failed, or `sending` whose
 * holder let the lease run out). Null when someone else holds it or it is finished.
 */
export async function claimNotification(db: TenantDb, id: number, now: number): Promise<Notification | null> {
  const [claimed] = await db
    .update(notifications)
    .set({ state: 'sending', leaseUntil: now + LEASE_MS, updatedAt: now })
    .where(
      and(
        eq(notifications.id, id),
        or(inArray(notifications.state, ['pending', 'failed']), and(eq(notifications.state, 'sending'), lt(notifications.leaseUntil, now))),
      ),
    )
    .returning();
  return claimed ?? null;
}

export async function notificationState(db: TenantDb, id: number) {
  const row = await db.select({ state: notifications.state }).from(notifications).where(eq(notifications.id, id)).get();
  return row?.state ?? null;
}

export interface DeliveryContext {
  recipient: { id: number; email: string; name: string; locale: 'en' | 'ru'; active: boolean; smsPhone: string | null } | null;
  webhook: { url: string; secret: string } | null;
  pushSubscriptions: { id: number; endpoint: string; p256dh: string; auth: string }[];
  /** Delivery keys of this notification already handed over. */
  delivered: Set<string>;
}

export async function deliveryContext(db: TenantDb, notification: Notification): Promise<DeliveryContext> {
  const userId = notification.recipientId ?? -1;
  const [recipient, webhook, subscriptions, delivered] = await db.batch([
    db
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, active: users.active, smsPhone: notificationSettings.smsPhone })
      .from(users)
      .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
      .where(eq(users.id, userId)),
    db
      .select({ url: webhookEndpoints.url, secret: webhookEndpoints.secret })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, notification.webhookEndpointId ?? -1)),
    db
      .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, notification.channel === 'push' ? userId : -1))
      .orderBy(pushSubscriptions.id),
    db.select({ key: notificationDeliveries.deliveryKey }).from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notification.id)),
  ]);
  return {
    recipient: recipient[0] ?? null,
    webhook: webhook[0] ?? null,
    pushSubscriptions: subscriptions,
    delivered: new Set(delivered.map((d) => d.key)),
  };
}

export interface OutboxEntry {
  address: string;
  locale: string;
  subject: string;
  body: string;
}

/**
 * Records one handed-over message. For the outbox, the stored message and the
 * delivery record are one batch, and the key's uniqueness makes it exactly once.
 */
export async function recordDelivery(
  db: TenantDb,
  notification: Notification,
  deliveryKey: string,
  transport: DeliveryTransport,
  outbox: OutboxEntry | null,
): Promise<void> {
  const record = db.insert(notificationDeliveries).values({ deliveryKey, notificationId: notification.id, transport }).onConflictDoNothing();
  if (!outbox) {
    await record;
    return;
  }
  await db.batch([
    record,
    db
      .insert(outboxMessages)
      .values({ deliveryKey, notificationId: notification.id, channel: notification.channel, event: notification.event, ...outbox })
      .onConflictDoNothing(),
  ]);
}

/** A push subscription the push service says is gone. */
export async function forgetPushSubscription(db: TenantDb, id: number): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
}

export async function markSent(db: TenantDb, id: number, now: number): Promise<void> {
  await db
    .update(notifications)
    .set({ state: 'sent', sentAt: now, leaseUntil: null, lastError: null, updatedAt: now })
    .where(eq(notifications.id, id));
}

/** One more failed attempt; the queue brings it back after the backoff. */
export async function markFailed(db: TenantDb, id: number, error: string, now: number): Promise<void> {
  await db
    .update(notifications)
    .set({ state: 'failed', attempts: sql`${notifications.attempts} + 1`, lastError: error.slice(0, 500), leaseUntil: null, updatedAt: now })
    .where(eq(notifications.id, id));
}

/** Given up: a permanent refusal, or the dead-letter queue after the last retry. A delivered one stays delivered. */
export async function markDead(db: TenantDb, id: number, error: string | null, now: number, countAttempt: boolean): Promise<void> {
  await db
    .update(notifications)
    .set({
      state: 'dead',
      ...(countAttempt ? { attempts: sql`${notifications.attempts} + 1` } : {}),
      ...(error ? { lastError: error.slice(0, 500) } : {}),
      leaseUntil: null,
      updatedAt: now,
    })
    .where(and(eq(notifications.id, id), sql`${notifications.state} <> 'sent'`));
}
