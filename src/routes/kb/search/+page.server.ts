import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** Articles matching the query, best first (the API decides what this reader may find). */
export const load = (async (event) => {
  const q = event.url.searchParams.get('q')?.trim() ?? '';
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  if (!q) return { q, hits: [], nextCursor: null, corrected: null, message: null };
  const result = await apiFor(event).GET('/api/v1/search', {
    params: { query: { q, type: 'articles', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
  });
  if (result.response.status === 400) {
    // A query with nothing to search for (only punctuation, say): say so beside the search box.
    const message = problemSentence(asProblem(result.error, 400), createTranslator(event.locals.locale));
    return { q, hits: [], nextCursor: null, corrected: null, message };
  }
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  const hits = result.data.items.flatMap((hit) => (hit.kind === 'article' ? [hit] : []));
  return { q, hits, nextCursor: result.data.next_cursor, corrected: result.data.corrected_query ?? null, message: null };
}) satisfies PageServerLoad;
