import { apiFor } from '$lib/server/api';
import { failedApiCall, signedInOrRedirect } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

export const load = (async (event) => {
  signedInOrRedirect(event.locals, event.url);
  const cursor = event.url.searchParams.get('cursor');
  const response = await apiFor(event).tickets.$get({
    query: { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) },
  });
  if (!response.ok) return failedApiCall(response, event.url);
  const page = await response.json();
  return { tickets: page.items, nextCursor: page.next_cursor, isFirstPage: !cursor };
}) satisfies PageServerLoad;
