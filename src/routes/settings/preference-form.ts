import type { components } from '$lib/api/schema';
import type { Role } from '$lib/api/types';
import { NOTIFICATION_EVENTS } from '../../../worker/notifications/notification-events';

// The notification matrix as a plain HTML form: one checkbox per event and
// channel, named `<event>:<channel>`, checked ones sent as "on". Which events a
// person is offered follows whom the API ever notifies of them.

export type EventChannels = components['schemas']['NotificationEventChannels'];
export type NotificationEvent = EventChannels['event'];
export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Customers hear of replies and of chat messages left while they were away; the rest is about staff work. */
const CUSTOMER_EVENTS: readonly NotificationEvent[] = ['ticket.reply', 'chat.offline_message'];

export function eventsOffered(role: Role): NotificationEvent[] {
  return role === 'customer' ? [...CUSTOMER_EVENTS] : [...NOTIFICATION_EVENTS];
}

export const checkboxName = (event: NotificationEvent, channel: Channel): string => `${event}:${channel}`;

/**
 * The PUT body for the events the form showed: an unchecked box is a channel
 * turned off (browsers send nothing for it). An empty phone removes the number.
 */
export function preferencesFromForm(form: FormData, shown: readonly NotificationEvent[]): components['schemas']['UpdateNotificationPreferences'] {
  const phone = String(form.get('sms_phone') ?? '').replace(/[\s()-]/g, '');
  return {
    sms_phone: phone === '' ? null : phone,
    events: shown.map((event) => ({
      event,
      email: form.has(checkboxName(event, 'email')),
      sms: form.has(checkboxName(event, 'sms')),
      push: form.has(checkboxName(event, 'push')),
    })),
  };
}
