import { error } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { savedOrRefused } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { pathId } from '$lib/admin/path-id.server';
import { calendarFieldLabels, calendarInputOf } from '$lib/admin/sla-calendar-form';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

/** One business-hours calendar to edit (the API lists calendars; there are few). */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'sla:manage');
  const id = pathId(event);
  const calendars = await apiFor(event).GET('/api/v1/sla/calendars');
  if (!calendars.data) return failedApiCall(calendars, event.locals, event.url);
  const calendar = calendars.data.items.find((c) => c.id === id);
  if (!calendar) error(404, createTranslator(event.locals.locale).t('problem.404'));
  return { calendar };
}) satisfies PageServerLoad;

export const actions = {
  /** Replaces the calendar whole (PUT): open tickets counting in it get new due times. */
  save: async (event) => {
    const body = calendarInputOf(await event.request.formData());
    const id = pathId(event);
    const result = await outcome(apiFor(event).PUT('/api/v1/sla/calendars/{id}', { params: { path: { id } }, body }));
    return savedOrRefused(event, result, calendarFieldLabels);
  },
} satisfies Actions;
