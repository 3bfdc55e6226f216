import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { WEBHOOK_EVENTS, type WebhookEvent } from '$lib/admin/webhook-events';
import { createTranslator, type Translator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

const isEvent = (value: string): value is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(value);

/** Notifications the queue gave up on, newest first, each one replayable; and the webhook endpoints. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'notification:manage_dead_letters');
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const api = apiFor(event);
  const [result, webhooks] = await Promise.all([
    api.GET('/api/v1/notifications/dead-letters', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
    api.GET('/api/v1/notifications/webhooks'),
  ]);
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  if (!webhooks.data) return failedApiCall(webhooks, event.locals, event.url);
  return { deadLetters: result.data.items, nextCursor: result.data.next_cursor, isFirstPage: !cursor, webhooks: webhooks.data.items };
}) satisfies PageServerLoad;

const webhookLabels = (i18n: Translator) => ({
  url: i18n.t('admin.webhooks.url'),
  description: i18n.t('admin.webhooks.description'),
  events: i18n.t('admin.webhooks.events'),
});

export const actions = {
  replay: async (event) => {
    const form = await event.request.formData();
    const id = Number(field(form, 'id'));
    const result = await outcome(apiFor(event).POST('/api/v1/notifications/dead-letters/{id}/replay', { params: { path: { id } } }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('admin.notifications.replayed', { id }) };
  },
  createWebhook: async (event) => {
    const form = await event.request.formData();
    const events = form.getAll('events').map(String).filter(isEvent);
    const body = { url: field(form, 'url'), events, description: field(form, 'description') };
    const result = await outcome(apiFor(event).POST('/api/v1/notifications/webhooks', { body }));
    if (!result.ok) return refusal(event, result, webhookLabels);
    return { webhookSecret: result.data.secret };
  },
  deleteWebhook: async (event) => {
    const id = Number(field(await event.request.formData(), 'id'));
    const result = await outcome(apiFor(event).DELETE('/api/v1/notifications/webhooks/{id}', { params: { path: { id } } }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('admin.webhooks.deleted') };
  },
} satisfies Actions;
