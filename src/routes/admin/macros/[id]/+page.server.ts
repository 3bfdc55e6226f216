import { outcome } from '$lib/api/outcome';
import { savedOrRefused } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { macroFieldLabels, macroInputOf } from '$lib/admin/macro-form';
import { pathId } from '$lib/admin/path-id.server';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

/** One macro to edit. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'macro:manage');
  const result = await apiFor(event).GET('/api/v1/macros/{id}', { params: { path: { id: pathId(event) } } });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { macro: result.data };
}) satisfies PageServerLoad;

export const actions = {
  save: async (event) => {
    const body = macroInputOf(await event.request.formData());
    const result = await outcome(apiFor(event).PATCH('/api/v1/macros/{id}', { params: { path: { id: pathId(event) } }, body }));
    return savedOrRefused(event, result, macroFieldLabels);
  },
} satisfies Actions;
