import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { calendarInputOf, policyInputOf } from '$lib/admin/sla-forms';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

/** The SLA policies in the order they are tried, and the business-hours calendars they count in. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'sla:manage');
  const api = apiFor(event);
  const [policies, calendars] = await Promise.all([api.GET('/api/v1/sla/policies'), api.GET('/api/v1/sla/calendars')]);
  if (!policies.data) return failedApiCall(policies, event.locals, event.url);
  if (!calendars.data) return failedApiCall(calendars, event.locals, event.url);
  return { policies: policies.data.items, calendars: calendars.data.items };
}) satisfies PageServerLoad;

const saved = (locals: App.Locals) => ({ done: createTranslator(locals.locale).t('admin.saved') });

export const actions = {
  createPolicy: async (event) => {
    const body = policyInputOf(await event.request.formData());
    const result = await outcome(apiFor(event).POST('/api/v1/sla/policies', { body }));
    return result.ok ? saved(event.locals) : refusal(event, result);
  },
  deletePolicy: async (event) => {
    const id = Number(field(await event.request.formData(), 'id'));
    const result = await outcome(apiFor(event).DELETE('/api/v1/sla/policies/{id}', { params: { path: { id } } }));
    return result.ok ? saved(event.locals) : refusal(event, result);
  },
  createCalendar: async (event) => {
    const body = calendarInputOf(await event.request.formData());
    const result = await outcome(apiFor(event).POST('/api/v1/sla/calendars', { body }));
    return result.ok ? saved(event.locals) : refusal(event, result);
  },
  deleteCalendar: async (event) => {
    const id = Number(field(await event.request.formData(), 'id'));
    const result = await outcome(apiFor(event).DELETE('/api/v1/sla/calendars/{id}', { params: { path: { id } } }));
    return result.ok ? saved(event.locals) : refusal(event, result);
  },
} satisfies Actions;
