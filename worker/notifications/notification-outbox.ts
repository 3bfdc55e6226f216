import type { SQL } from 'drizzle-orm';
import { notifications, type NotificationChannel } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';

// Recording notifications: callers put the statement in the same D1 batch as
// the change that causes the notification, so one exists exactly when its
// cause committed. Delivery (queues, providers, retries) reads the table later.

export interface NewNotification {
  /** What happened, e.g. `chat.offline_message`. */
  event: string;
  recipientId: number | null;
  channel: NotificationChannel;
  /** A JSON object, or SQL building one (for ids created earlier in the same batch). */
  payload: Record<string, unknown> | SQL;
  /** Unique per cause and recipient; a second record of the same cause is dropped. */
  idempotencyKey: string | SQL;
}

export function outboxStatement(db: TenantDb, notification: NewNotification) {
  return db
    .insert(notifications)
    .values({
      event: notification.event,
      recipientId: notification.recipientId,
      channel: notification.channel,
      payload: notification.payload,
      idempotencyKey: notification.idempotencyKey,
      state: 'pending',
    })
    .onConflictDoNothing({ target: notifications.idempotencyKey });
}
