import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall, signedInOrRedirect } from '$lib/server/signed-in';
import { eventsOffered, preferencesFromForm } from './preference-form';
import type { Actions, PageServerLoad } from './$types';

// A signed-in person's own settings, whatever their role: language, which
// notifications reach them by which channel, and the browsers that get push.

export const load = (async (event) => {
  const user = signedInOrRedirect(event.locals, event.url);
  const api = apiFor(event);
  const [preferences, pushKey, subscriptions] = await Promise.all([
    api.GET('/api/v1/notifications/preferences'),
    api.GET('/api/v1/notifications/push-key'),
    api.GET('/api/v1/notifications/push-subscriptions'),
  ]);
  if (!preferences.data) return failedApiCall(preferences, event.locals, event.url);
  return {
    smsPhone: preferences.data.sms_phone,
    events: preferences.data.events.filter((entry) => eventsOffered(user.role).includes(entry.event)),
    pushKey: pushKey.data?.public_key ?? null,
    subscriptions: subscriptions.data?.items ?? [],
    /** Set by the language form, which posts to /preferences and comes back here. */
    languageSaved: event.url.searchParams.get('saved') === 'language',
  };
}) satisfies PageServerLoad;

export const actions = {
  notifications: async (event) => {
    const user = signedInOrRedirect(event.locals, event.url);
    const form = await event.request.formData();
    const result = await outcome(apiFor(event).PUT('/api/v1/notifications/preferences', { body: preferencesFromForm(form, eventsOffered(user.role)) }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('settings.notifications.saved') };
  },
  removePush: async (event) => {
    const form = await event.request.formData();
    const result = await outcome(apiFor(event).DELETE('/api/v1/notifications/push-subscriptions/{id}', { params: { path: { id: Number(field(form, 'id')) } } }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('push.removed') };
  },
} satisfies Actions;
