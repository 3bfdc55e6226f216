import { auditFilterOf, auditQueryOf } from '$lib/admin/audit-filter';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { requirePermission } from '$lib/admin/admin-access.server';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** The audit log, newest first, filtered by the form's fields (a GET form: filters are shareable links). */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'audit:read');
  const filter = auditFilterOf(event.url.searchParams);
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const result = await apiFor(event).GET('/api/v1/audit-logs', {
    params: { query: { ...auditQueryOf(filter), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
  });
  if (result.response.status === 400) {
    // A filter the API cannot read: keep the form, say which field, show no entries.
    const problem = asProblem(result.error, 400);
    return { entries: [], nextCursor: null, filter, isFirstPage: true, message: problemSentence(problem, createTranslator(event.locals.locale)) };
  }
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { entries: result.data.items, nextCursor: result.data.next_cursor, filter, isFirstPage: !cursor, message: null };
}) satisfies PageServerLoad;
