import { error } from '@sveltejs/kit';
import { apiFor } from '$lib/server/api';
import { failedApiCall, signedInOrRedirect } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/**
 * The local outbox: what notifications would have said on channels without a
 * provider (all of them under `npm start`), read from the API. Staff only.
 */
export const load = (async (event) => {
  const user = signedInOrRedirect(event.locals, event.url);
  if (user.role === 'customer') error(403, 'The outbox is for staff.');
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const result = await apiFor(event).GET('/api/v1/notifications/outbox', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { messages: result.data.items, nextCursor: result.data.next_cursor, first: !cursor };
}) satisfies PageServerLoad;
