import { apiQuery, INBOX_PAGE_SIZE, readInboxQuery } from '$lib/inbox/inbox-query';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

/** The first page of the inbox; further pages, live changes and bulk edits happen in the browser. */
export const load = (async (event) => {
  const query = readInboxQuery(event.url.searchParams);
  const ask = apiQuery(query, INBOX_PAGE_SIZE);
  if (!ask) return { query, tickets: [], nextCursor: null };
  const result = await apiFor(event).GET('/api/v1/tickets', { params: { query: ask } });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { query, tickets: result.data.items, nextCursor: result.data.next_cursor };
}) satisfies PageServerLoad;
