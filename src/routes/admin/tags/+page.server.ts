import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { createTranslator, type Translator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'tag:manage');
  const result = await apiFor(event).GET('/api/v1/tags');
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { tags: result.data.items };
}) satisfies PageServerLoad;

const tagLabels = (i18n: Translator) => ({ name: i18n.t('admin.tags.name'), color: i18n.t('admin.tags.color') });

export const actions = {
  create: async (event) => {
    const form = await event.request.formData();
    const name = field(form, 'name');
    const color = field(form, 'color');
    const result = await outcome(apiFor(event).POST('/api/v1/tags', { body: { name, ...(color ? { color } : {}) } }));
    if (!result.ok) return refusal(event, result, tagLabels);
    return { done: createTranslator(event.locals.locale).t('admin.tags.created', { name: result.data.name }) };
  },
  delete: async (event) => {
    const form = await event.request.formData();
    const result = await outcome(apiFor(event).DELETE('/api/v1/tags/{id}', { params: { path: { id: Number(field(form, 'id')) } } }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('admin.tags.deleted') };
  },
} satisfies Actions;
