import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** How a notification reaches its recipient; the notifications issue adds the providers. */
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'push', 'webhook'] as const;
/** pending → sending → sent, or failed (retries left) → … → dead (given up). */
export const NOTIFICATION_STATES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;

export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * The notification outbox: a row is written in the same batch as the change
 * that causes it (so a notification exists exactly when its cause committed),
 * and a deliverer picks pending rows up later. `idempotency_key` is unique, so
 * recording the same cause twice keeps one row, and it is what a provider is
 * given to deduplicate retried deliveries.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** What happened, e.g. `chat.offline_message`. */
    event: text('event').notNull(),
    /** The user to tell; null for channels addressed otherwise (a webhook's URL). */
    recipientId: integer('recipient_id').references(() => users.id),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    /** What the message is rendered from; its shape depends on `event`. */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: NOTIFICATION_STATES }).notNull().default('pending'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  // The deliverer reads pending rows oldest first.
  (t) => [index('notifications_state_idx').on(t.state, t.id), index('notifications_recipient_idx').on(t.recipientId, t.id)],
);

export type Notification = typeof notifications.$inferSelect;
