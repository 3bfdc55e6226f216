import type { UserChannel } from '../db/tenant/notifications';

/** The events people are told about. Templates, preferences and webhooks are keyed by these names. */
export const NOTIFICATION_EVENTS = [
  'ticket.created',
  'ticket.reply',
  'ticket.assigned',
  'sla.warning',
  'sla.breach',
  'chat.offline_message',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const isNotificationEvent = (value: string): value is NotificationEvent => (NOTIFICATION_EVENTS as readonly string[]).includes(value);

/**
 * What a user gets before choosing: e-mail for everything, nothing on SMS or
 * push (they need a phone number or a browser subscription first).
 */
export function defaultEnabled(_event: NotificationEvent, channel: UserChannel): boolean {
  return channel === 'email';
}
