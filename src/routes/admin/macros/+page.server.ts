import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { macroFieldLabels, macroInputOf } from '$lib/admin/macro-form';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'macro:manage');
  const result = await apiFor(event).GET('/api/v1/macros');
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { macros: result.data.items };
}) satisfies PageServerLoad;

export const actions = {
  create: async (event) => {
    const body = macroInputOf(await event.request.formData());
    const result = await outcome(apiFor(event).POST('/api/v1/macros', { body }));
    if (!result.ok) return refusal(event, result, macroFieldLabels);
    return { done: createTranslator(event.locals.locale).t('admin.macros.created', { title: result.data.title }) };
  },
  delete: async (event) => {
    const id = Number(field(await event.request.formData(), 'id'));
    const result = await outcome(apiFor(event).DELETE('/api/v1/macros/{id}', { params: { path: { id } } }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('admin.macros.deleted') };
  },
} satisfies Actions;
