import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { notifications, USER_CHANNELS, type NotificationChannel } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';
import { defaultEnabled, type NotificationEvent } from './notification-events';

// Recording notifications: callers put these statements in the same D1 batch as
// the change that causes the notification, so one exists exactly when its cause
// committed. The relay (notification-relay.ts) moves the rows onto the queue.

export interface NewNotification {
  /** What happened, e.g. `chat.offline_message`. */
  event: string;
  recipientId: number | null;
  channel: NotificationChannel;
  /** A JSON object, or SQL building one (for ids created earlier in the same batch). */
  payload: Record<string, unknown> | SQL;
  /** Unique per cause, recipient and channel; a second record of the same cause is dropped. */
  idempotencyKey: string | SQL;
}

/** One notification on a channel the caller chose; `notifyStatements` lets the recipients' preferences choose. */
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

export interface EventNotification {
  event: NotificationEvent;
  /** The users to tell: ids, or SQL selecting one column of user ids (people found in the same batch). */
  recipients: readonly number[] | SQL;
  /** A JSON object, or SQL building one (for ids created earlier in the same batch). */
  payload: Record<string, unknown> | SQL;
  /** What caused it (a comment id, a ticket SLA target…): with event, recipient and channel it is the idempotency key. */
  cause: string | number | SQL;
  /** A condition checked when the rows are written (e.g. the SLA sweep's claim): false, and no row is written, webhooks included. */
  when?: SQL;
  /**
   * Rows to fan the event out over, one cause each (e.g. `json_each(?) as n`):
   * recipients, cause, payload and `when` may then refer to its columns, so one
   * pair of statements records the event for many causes (the SLA sweep's step).
   */
  from?: SQL;
}

const jsonOf = (payload: Record<string, unknown> | SQL): SQL | string =>
  is(payload, SQL) ? payload : JSON.stringify(payload);

/** A notifications row as SELECT expressions in the table's column order, defaults filled in (for INSERT … SELECT). */
function rowSelect(values: Partial<Record<keyof typeof notifications.$inferInsert, SQL | string>>): SQL {
  const defaults: Partial<Record<keyof typeof notifications.$inferInsert, SQL>> = {
    state: sql`'pending'`,
    attempts: sql`0`,
    createdAt: sql`(unixepoch('subsec') * 1000)`,
    updatedAt: sql`(unixepoch('subsec') * 1000)`,
  };
  const columns = Object.keys(getTableColumns(notifications)) as (keyof typeof notifications.$inferInsert)[];
  return sql.join(
    columns.map((column) => {
      const value = values[column];
      return value === undefined ? (defaults[column] ?? sql`null`) : is(value, SQL) ? value : sql`${value}`;
    }),
    sql`, `,
  );
}

/**
 * Fans an event out inside the batch: one row per recipient × channel they
 * enabled (their preferences, else the defaults), skipping deactivated users,
 * and one per webhook endpoint subscribed to the event. Keys are
 * `<event>:<cause>:<user id>:<channel>` and `<event>:<cause>:webhook:<endpoint id>`.
 */
export function notifyStatements(db: TenantDb, notification: EventNotification) {
  const { event } = notification;
  // D1 binds JavaScript numbers as REAL: a cause of 1 would become "1.0" inside the key.
  const cause = typeof notification.cause === 'number' ? String(notification.cause) : notification.cause;
  const payload = jsonOf(notification.payload);
  const recipients = Array.isArray(notification.recipients)
    ? sql.join(
        (notification.recipients.length > 0 ? notification.recipients : [-1]).map((id) => sql`${id}`),
        sql`, `,
      )
    : (notification.recipients as SQL);
  const when = notification.when ?? sql`1`;
  const from = notification.from ? sql`${notification.from}, ` : sql``;
  const channels = sql.join(
    USER_CHANNELS.map((channel) => sql`(${channel}, ${defaultEnabled(event, channel) ? 1 : 0})`),
    sql`, `,
  );
  const toUsers = rowSelect({
    event,
    recipientId: sql`u.id`,
    channel: sql`c.column1`,
    payload,
    idempotencyKey: sql`${event} || ':' || ${cause} || ':' || u.id || ':' || c.column1`,
  });
  const toWebhooks = rowSelect({
    event,
    webhookEndpointId: sql`w.id`,
    channel: 'webhook',
    payload,
    idempotencyKey: sql`${event} || ':' || ${cause} || ':webhook:' || w.id`,
  });
  return [
    db
      .insert(notifications)
      .select(
        sql`select ${toUsers} from ${from}users u, (values ${channels}) c
          where u.id in (${recipients}) and u.active = 1
            and coalesce(
              (select p.enabled from notification_preferences p where p.user_id = u.id and p.event = ${event} and p.channel = c.column1),
              c.column2
            ) = 1
            and ${when}`,
      )
      .onConflictDoNothing({ target: notifications.idempotencyKey }),
    db
      .insert(notifications)
      .select(sql`select ${toWebhooks} from ${from}webhook_endpoints w where exists (select 1 from json_each(w.events) e where e.value = ${event}) and ${when}`)
      .onConflictDoNothing({ target: notifications.idempotencyKey }),
  ] as const;
}
