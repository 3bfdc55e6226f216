import type { components } from '$lib/api/schema';
import { NOTIFICATION_EVENTS } from '../../../worker/notifications/notification-events';

// The events a webhook may subscribe to: the API's own list, in its order
// (`satisfies` refuses one the API's schema does not know).

export type WebhookEvent = components['schemas']['CreateWebhookEndpoint']['events'][number];

export const WEBHOOK_EVENTS = NOTIFICATION_EVENTS satisfies readonly WebhookEvent[];
