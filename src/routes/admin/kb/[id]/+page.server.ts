import { error, fail } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { updateBodyOf } from '$lib/kb/article-form';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

const VERSIONS_SHOWN = 50;

const articleId = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
  return id;
};

/** The article as saved, its latest versions, and the categories to file it under. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'kb:write');
  const id = articleId(event.params.id);
  const api = apiFor(event);
  const [article, versions, categories] = await Promise.all([
    api.GET('/api/v1/kb/articles/{id}', { params: { path: { id } } }),
    api.GET('/api/v1/kb/articles/{id}/versions', { params: { path: { id }, query: { limit: VERSIONS_SHOWN } } }),
    api.GET('/api/v1/kb/categories'),
  ]);
  if (!article.data) return failedApiCall(article, event.locals, event.url);
  if (!versions.data) return failedApiCall(versions, event.locals, event.url);
  if (!categories.data) return failedApiCall(categories, event.locals, event.url);
  const saved = event.url.searchParams.get('saved');
  return {
    article: article.data,
    versions: versions.data.items,
    categories: categories.data.items,
    justCreated: saved === 'published' || saved === 'saved' ? saved : null,
  };
}) satisfies PageServerLoad;

export const actions = {
  save: async (event) => {
    const i18n = createTranslator(event.locals.locale);
    const form = await event.request.formData();
    const body = updateBodyOf(form);
    const typed = { title: body.title ?? '', summary: body.summary ?? '', body_markdown: body.body_markdown ?? '' };
    if (!body.title) return fail(400, { message: i18n.t('kbEditor.missing'), fields: ['title'], typed });
    const id = articleId(event.params.id);
    const result = await outcome(apiFor(event).PATCH('/api/v1/kb/articles/{id}', { params: { path: { id } }, body }));
    if (!result.ok) {
      const refused = refusal(event, result);
      return fail(refused.status, { ...refused.data, typed });
    }
    const key = result.data.status === 'published' && body.status === 'published' ? 'kbEditor.published' : 'kbEditor.saved';
    return { done: i18n.t(key, { version: result.data.version }) };
  },
} satisfies Actions;
