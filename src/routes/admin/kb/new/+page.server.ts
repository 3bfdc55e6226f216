import { redirect } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { createBodyOf } from '$lib/kb/article-form';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** A blank article form, with the categories to file it under and a key that makes a double submit one article. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'kb:write');
  const categories = await apiFor(event).GET('/api/v1/kb/categories');
  if (!categories.data) return failedApiCall(categories, event.locals, event.url);
  return { categories: categories.data.items, idempotencyKey: crypto.randomUUID() };
}) satisfies PageServerLoad;

export const actions = {
  save: async (event) => {
    const form = await event.request.formData();
    const body = createBodyOf(form);
    const typed = { title: body.title, summary: body.summary ?? '', body_markdown: body.body_markdown };
    if (!body.title) return fail(400, { message: createTranslator(event.locals.locale).t('kbEditor.missing'), fields: ['title'], typed });
    const key = String(form.get('idempotency_key') ?? '') || crypto.randomUUID();
    const result = await outcome(apiFor(event).POST('/api/v1/kb/articles', { body, headers: { 'idempotency-key': key } }));
    if (!result.ok) {
      const refused = refusal(event, result);
      return fail(refused.status, { ...refused.data, typed });
    }
    redirect(303, `/admin/kb/${result.data.id}?saved=${result.data.status === 'published' ? 'published' : 'saved'}`);
  },
} satisfies Actions;
