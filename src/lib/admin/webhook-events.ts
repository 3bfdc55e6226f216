import type { components } from '$lib/api/schema';

// The events a webhook may subscribe to, as the API's schema names them.

export type WebhookEvent = components['schemas']['CreateWebhookEndpoint']['events'][number];

/** Every event, in the order the form offers them (`satisfies` refuses one the API does not know). */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.reply',
  'ticket.assigned',
  'sla.warning',
  'sla.breach',
  'chat.offline_message',
] as const satisfies readonly WebhookEvent[];
