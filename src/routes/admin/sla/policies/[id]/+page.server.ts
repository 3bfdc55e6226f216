import { outcome } from '$lib/api/outcome';
import { savedOrRefused } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { pathId } from '$lib/admin/path-id.server';
import { policyFieldLabels, policyInputOf } from '$lib/admin/sla-policy-form';
import { activeStaff } from '$lib/admin/sla-staff.server';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

/** One SLA policy to edit, with the calendars and staff its form offers. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'sla:manage');
  const api = apiFor(event);
  const id = pathId(event);
  const [policy, calendars, people] = await Promise.all([
    api.GET('/api/v1/sla/policies/{id}', { params: { path: { id } } }),
    api.GET('/api/v1/sla/calendars'),
    activeStaff(api),
  ]);
  if (!policy.data) return failedApiCall(policy, event.locals, event.url);
  if (!calendars.data) return failedApiCall(calendars, event.locals, event.url);
  if (people.failed) return failedApiCall(people.failed, event.locals, event.url);
  return { policy: policy.data, calendars: calendars.data.items, staff: people.staff };
}) satisfies PageServerLoad;

export const actions = {
  /** Replaces the policy whole (PUT): open tickets it matches follow the new targets at once. */
  save: async (event) => {
    const body = policyInputOf(await event.request.formData());
    const id = pathId(event);
    const result = await outcome(apiFor(event).PUT('/api/v1/sla/policies/{id}', { params: { path: { id } }, body }));
    return savedOrRefused(event, result, policyFieldLabels);
  },
} satisfies Actions;
