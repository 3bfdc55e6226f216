import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/**
 * The knowledge base's front page, rendered on the server without a sign-in:
 * the tenant (named by the host) and its category tree, and the published
 * articles in the reader's language, of one category when one is chosen.
 */
export const load = (async (event) => {
  const api = apiFor(event);
  const categoryParam = Number(event.url.searchParams.get('category'));
  const category = Number.isSafeInteger(categoryParam) && categoryParam > 0 ? categoryParam : undefined;
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const [categories, articles] = await Promise.all([
    api.GET('/api/v1/kb/categories'),
    api.GET('/api/v1/kb/articles', {
      params: {
        query: { status: 'published', locale: event.locals.locale, limit: PAGE_SIZE, ...(category ? { category } : {}), ...(cursor ? { cursor } : {}) },
      },
    }),
  ]);
  if (!categories.data) return failedApiCall(categories, event.locals, event.url);
  if (!articles.data) return failedApiCall(articles, event.locals, event.url);
  return {
    categories: categories.data.items,
    articles: articles.data.items,
    nextCursor: articles.data.next_cursor,
    category: category ?? null,
    isFirstPage: !cursor,
  };
}) satisfies PageServerLoad;
