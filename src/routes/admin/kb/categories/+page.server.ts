import { fail } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { createTranslator } from '$lib/i18n/translate';
import { categoryName } from '$lib/kb/category-nesting';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { siblingIds, swapped } from './category-order';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The knowledge base's categories for the people who write it: create, rename,
// move under another parent, reorder among siblings, delete an empty one.

export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'kb:write');
  const result = await apiFor(event).GET('/api/v1/kb/categories');
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { categories: result.data.items };
}) satisfies PageServerLoad;

/** The names typed into the form; a blank one is left out (the API wants at least one). */
const namesOf = (form: FormData) => {
  const en = field(form, 'name_en');
  const ru = field(form, 'name_ru');
  return { ...(en ? { en } : {}), ...(ru ? { ru } : {}) };
};

/** `parent_id` from a select: '' is the top level. */
const parentOf = (form: FormData): number | null => (field(form, 'parent_id') === '' ? null : Number(field(form, 'parent_id')));

const said = (event: RequestEvent) => createTranslator(event.locals.locale);

export const actions = {
  create: async (event) => {
    requirePermission(event.locals, event.url, 'kb:write');
    const form = await event.request.formData();
    const visibility = field(form, 'visibility') === 'internal' ? 'internal' : 'public';
    const body = { slug: field(form, 'slug'), names: namesOf(form), visibility, parent_id: parentOf(form) } as const;
    const result = await outcome(apiFor(event).POST('/api/v1/kb/categories', { body }));
    if (!result.ok) return refusal(event, result);
    return { done: said(event).t('kbCategories.created', { name: categoryName(result.data, event.locals.locale) }) };
  },
  update: async (event) => {
    requirePermission(event.locals, event.url, 'kb:write');
    const form = await event.request.formData();
    const id = Number(field(form, 'id'));
    const body = { names: namesOf(form), parent_id: parentOf(form) };
    const result = await outcome(apiFor(event).PATCH('/api/v1/kb/categories/{id}', { params: { path: { id } }, body }));
    if (!result.ok) return refusal(event, result);
    return { done: said(event).t('kbCategories.saved', { name: categoryName(result.data, event.locals.locale) }) };
  },
  move: async (event) => {
    requirePermission(event.locals, event.url, 'kb:write');
    const form = await event.request.formData();
    const id = Number(field(form, 'id'));
    const api = apiFor(event);
    // The order is worked out from the tree as it is now, so a colleague's change in between is not undone.
    const current = await outcome(api.GET('/api/v1/kb/categories'));
    if (!current.ok) return refusal(event, current);
    const category = current.data.items.find((item) => item.id === id);
    const order = category ? swapped(siblingIds(current.data.items, category.parent_id), id, field(form, 'direction') === 'up' ? -1 : 1) : null;
    if (!category || !order) return fail(409, { message: said(event).t('problem.409'), fields: [] });
    const result = await outcome(api.POST('/api/v1/kb/categories/reorder', { body: { parent_id: category.parent_id, ids: order } }));
    if (!result.ok) return refusal(event, result);
    return { done: said(event).t('kbCategories.reordered') };
  },
  delete: async (event) => {
    requirePermission(event.locals, event.url, 'kb:write');
    const form = await event.request.formData();
    const result = await outcome(apiFor(event).DELETE('/api/v1/kb/categories/{id}', { params: { path: { id: Number(field(form, 'id')) } } }));
    // The API refuses to delete a category that still holds something; say so in the reader's language.
    if (!result.ok && result.status === 409) return fail(409, { message: said(event).t('kbCategories.notEmpty'), fields: [] });
    if (!result.ok) return refusal(event, result);
    return { done: said(event).t('kbCategories.deleted') };
  },
} satisfies Actions;
