import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

/** The customer's own tickets (the API shows a customer nothing else), most recently updated first. */
export const load = (async (event) => {
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const result = await apiFor(event).GET('/api/v1/tickets', {
    params: { query: { sort: 'updated', order: 'desc', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
  });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { tickets: result.data.items, nextCursor: result.data.next_cursor, isFirstPage: !cursor };
}) satisfies PageServerLoad;
