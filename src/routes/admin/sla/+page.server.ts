import { outcome } from '$lib/api/outcome';
import { field, refusal, savedOrRefused } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { calendarFieldLabels, calendarInputOf } from '$lib/admin/sla-calendar-form';
import { movedOrder, policyFieldLabels, policyInputOf } from '$lib/admin/sla-policy-form';
import { activeStaff } from '$lib/admin/sla-staff.server';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

/** The SLA policies in the order they are tried, the business-hours calendars they count in, and whom they may escalate to. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'sla:manage');
  const api = apiFor(event);
  const [policies, calendars, people] = await Promise.all([api.GET('/api/v1/sla/policies'), api.GET('/api/v1/sla/calendars'), activeStaff(api)]);
  if (!policies.data) return failedApiCall(policies, event.locals, event.url);
  if (!calendars.data) return failedApiCall(calendars, event.locals, event.url);
  if (people.failed) return failedApiCall(people.failed, event.locals, event.url);
  return { policies: policies.data.items, calendars: calendars.data.items, staff: people.staff };
}) satisfies PageServerLoad;

export const actions = {
  createPolicy: async (event) => {
    const body = policyInputOf(await event.request.formData());
    const result = await outcome(apiFor(event).POST('/api/v1/sla/policies', { body }));
    return savedOrRefused(event, result, policyFieldLabels, 'policy');
  },
  /** Swaps a policy with its neighbour: the API takes the whole new order. */
  movePolicy: async (event) => {
    const form = await event.request.formData();
    const api = apiFor(event);
    const current = await api.GET('/api/v1/sla/policies');
    if (!current.data) return refusal(event, { status: current.response.status, body: current.error });
    const ids = movedOrder(
      current.data.items.map((policy) => policy.id),
      Number(field(form, 'id')),
      field(form, 'direction') === 'up' ? -1 : 1,
    );
    const result = await outcome(api.POST('/api/v1/sla/policies/reorder', { body: { ids } }));
    return savedOrRefused(event, result);
  },
  deletePolicy: async (event) => {
    const id = Number(field(await event.request.formData(), 'id'));
    const result = await outcome(apiFor(event).DELETE('/api/v1/sla/policies/{id}', { params: { path: { id } } }));
    return savedOrRefused(event, result);
  },
  createCalendar: async (event) => {
    const body = calendarInputOf(await event.request.formData());
    const result = await outcome(apiFor(event).POST('/api/v1/sla/calendars', { body }));
    return savedOrRefused(event, result, calendarFieldLabels, 'calendar');
  },
  deleteCalendar: async (event) => {
    const id = Number(field(await event.request.formData(), 'id'));
    const result = await outcome(apiFor(event).DELETE('/api/v1/sla/calendars/{id}', { params: { path: { id } } }));
    return savedOrRefused(event, result);
  },
} satisfies Actions;
