import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

const now = sql`(unixepoch('subsec') * 1000)`;

/** How a notification reaches its recipient. Without a configured provider a channel delivers to the local outbox. */
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'push', 'webhook'] as const;
/** The channels a user chooses per event; webhooks are the tenant's, chosen by the admin per endpoint. */
export const USER_CHANNELS = ['email', 'sms', 'push'] as const;
/**
 * pending (recorded; `relayed_at` once on the queue) → sending (a consumer holds
 * the lease) → sent; or failed (the queue retries it with backoff) → … → dead
 * (the dead-letter queue gave up; an admin may replay it back to pending).
 */
export const NOTIFICATION_STATES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
/** Where a delivered message went: the provider of its channel, or the local outbox. */
export const DELIVERY_TRANSPORTS = ['provider', 'outbox'] as const;

export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type UserChannel = (typeof USER_CHANNELS)[number];
export type NotificationState = (typeof NOTIFICATION_STATES)[number];
export type DeliveryTransport = (typeof DELIVERY_TRANSPORTS)[number];

/** Endpoints an admin registered to receive signed event POSTs. */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  /** The events it receives (JSON array of event names). */
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  /** HMAC-SHA256 key; kept in clear because signing needs it, and shown to the admin only once. */
  secret: text('secret').notNull(),
  description: text('description').notNull().default(''),
  createdAt: integer('created_at').notNull().default(now),
});

/**
 * The notification outbox: a row is written in the same batch as the change
 * that causes it (so a notification exists exactly when its cause committed),
 * and the relay moves pending rows onto the queue. `idempotency_key` is unique
 * per (event, cause, recipient, channel), so recording the same cause twice
 * keeps one row, and it is what a provider is given to deduplicate retries.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** What happened, e.g. `chat.offline_message`. */
    event: text('event').notNull(),
    /** The user to tell; null for channels addressed otherwise (a webhook's URL). */
    recipientId: integer('recipient_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The endpoint of a `webhook` notification. */
    webhookEndpointId: integer('webhook_endpoint_id').references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    /** What the message is rendered from; its shape depends on `event`. */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: NOTIFICATION_STATES }).notNull().default('pending'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Failed delivery attempts so far. */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the relay last put it on the queue; null: not yet. */
    relayedAt: integer('relayed_at'),
    /** While `sending`: until when the consumer holding it may finish before another takes over. */
    leaseUntil: integer('lease_until'),
    sentAt: integer('sent_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  // The relay reads pending rows oldest first; admins list dead ones newest first.
  // The housekeeping cron purges finished rows by age (state, created_at).
  (t) => [
    index('notifications_state_idx').on(t.state, t.id),
    index('notifications_recipient_idx').on(t.recipientId, t.id),
    index('notifications_state_created_idx').on(t.state, t.createdAt),
  ],
);

/**
 * One row per message actually handed over (to a provider or the outbox): the
 * key of a notification, or of one push subscription of it. A key present here
 * is never sent again, whatever the queue redelivers.
 */
export const notificationDeliveries = sqliteTable(
  'notification_deliveries',
  {
    deliveryKey: text('delivery_key').primaryKey(),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    transport: text('transport', { enum: DELIVERY_TRANSPORTS }).notNull(),
    deliveredAt: integer('delivered_at').notNull().default(now),
  },
  (t) => [index('notification_deliveries_notification_idx').on(t.notificationId)],
);

/** The local outbox: rendered messages of channels without a configured provider, shown at /dev/outbox. */
export const outboxMessages = sqliteTable('outbox_messages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deliveryKey: text('delivery_key').notNull().unique(),
  notificationId: integer('notification_id')
    .notNull()
    .references(() => notifications.id, { onDelete: 'cascade' }),
  channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
  event: text('event').notNull(),
  /** The address the provider would have used: e-mail, phone, push endpoint or webhook URL. */
  address: text('address').notNull(),
  locale: text('locale').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull().default(now),
});

/** A user's choice per event × channel; without a row the default of worker/notifications/notification-events.ts applies. */
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    channel: text('channel', { enum: USER_CHANNELS }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.event, t.channel] })],
);

/** Per-user delivery addresses the user row lacks. */
export const notificationSettings = sqliteTable('notification_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** E.164 number for SMS. */
  smsPhone: text('sms_phone'),
  updatedAt: integer('updated_at').notNull().default(now),
});

/** Browser push subscriptions (PushSubscription.toJSON()) of a user. */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    /** The user agent's P-256 public key, base64url. */
    p256dh: text('p256dh').notNull(),
    /** The 16-byte authentication secret, base64url. */
    auth: text('auth').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

export type Notification = typeof notifications.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
