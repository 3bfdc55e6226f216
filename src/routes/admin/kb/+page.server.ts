import { requirePermission } from '$lib/admin/admin-access.server';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** Every article of the team (drafts, published, archived; both languages), newest first. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'kb:write');
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const result = await apiFor(event).GET('/api/v1/kb/articles', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { articles: result.data.items, nextCursor: result.data.next_cursor, isFirstPage: !cursor };
}) satisfies PageServerLoad;
