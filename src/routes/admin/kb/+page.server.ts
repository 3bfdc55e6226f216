import { requirePermission } from '$lib/admin/admin-access.server';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
/** How many of the most suggested articles the first page shows. */
const TOP_SUGGESTED = 10;

/** Every article of the team (drafts, published, archived; both languages), newest first; above them, which articles deflect tickets. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'kb:write');
  const api = apiFor(event);
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const [result, suggested] = await Promise.all([
    api.GET('/api/v1/kb/articles', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
    cursor ? null : api.GET('/api/v1/kb/suggest/stats', { params: { query: { limit: TOP_SUGGESTED } } }),
  ]);
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { articles: result.data.items, nextCursor: result.data.next_cursor, isFirstPage: !cursor, suggested: suggested?.data?.items ?? null };
}) satisfies PageServerLoad;
