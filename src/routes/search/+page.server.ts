import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

/** Full-text search over the tickets the agent can see (FTS5 in the tenant's database, via GET /api/v1/search). */
export const load = (async (event) => {
  const q = (event.url.searchParams.get('q') ?? '').trim();
  if (!q) return { q, results: null, corrected: null };
  const result = await apiFor(event).GET('/api/v1/search', { params: { query: { q, type: 'tickets', limit: 50 } } });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  const tickets = result.data.items.flatMap((hit) => (hit.kind === 'ticket' ? [hit] : []));
  return { q, results: tickets, corrected: result.data.corrected_query };
}) satisfies PageServerLoad;
