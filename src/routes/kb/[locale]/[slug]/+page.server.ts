import { error } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { passOnVisitorCookie } from '$lib/kb/visitor-cookie.server';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { can } from '../../../../../worker/auth/permissions';
import type { Actions, PageServerLoad } from './$types';

const isKbLocale = (value: string): value is 'en' | 'ru' => value === 'en' || value === 'ru';

/**
 * One article, rendered on the server: its HTML was rendered from Markdown and
 * sanitised by the API when it was saved. With its category path and the
 * languages it is also written in.
 */
export const load = (async (event) => {
  const { locale, slug } = event.params;
  if (!isKbLocale(locale)) error(404, 'Not found');
  const api = apiFor(event);
  const article = await api.GET('/api/v1/kb/articles/slug/{locale}/{slug}', { params: { path: { locale, slug } } });
  if (!article.data) return failedApiCall(article, event.locals, event.url);
  const [categories, translations] = await Promise.all([
    api.GET('/api/v1/kb/categories'),
    api.GET('/api/v1/kb/articles/{id}/translations', { params: { path: { id: article.data.id } } }),
  ]);
  return {
    article: article.data,
    categories: categories.data?.items ?? [],
    translations: (translations.data?.items ?? []).filter((t) => t.status === 'published' && t.id !== article.data.id),
    canEdit: event.locals.user ? can(event.locals.user.role, 'kb:write') : false,
  };
}) satisfies PageServerLoad;

export const actions = {
  rate: async (event) => {
    const form = await event.request.formData();
    const id = Number(field(form, 'id'));
    const comment = field(form, 'comment');
    const helpful = field(form, 'helpful') === 'yes';
    const call = apiFor(event).POST('/api/v1/kb/articles/{id}/ratings', { params: { path: { id } }, body: { helpful, comment: comment || null } });
    const response = (await call.catch(() => null))?.response;
    if (response) passOnVisitorCookie(response, event.cookies, event.url);
    const result = await outcome(call);
    if (!result.ok) return refusal(event, result);
    return { rated: result.data };
  },
} satisfies Actions;
