import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/admin/admin-access.server';
import { diffLines } from '$lib/kb/diff-lines';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

const positive = (raw: string) => {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) error(404, 'Not found');
  return n;
};

/** What one version changed against the one before it, as the API's unified diff, split into lines. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'kb:write');
  const id = positive(event.params.id);
  const version = positive(event.params.version);
  const api = apiFor(event);
  const [article, diff] = await Promise.all([
    api.GET('/api/v1/kb/articles/{id}', { params: { path: { id } } }),
    api.GET('/api/v1/kb/articles/{id}/versions/{version}/diff', { params: { path: { id, version } } }),
  ]);
  if (!article.data) return failedApiCall(article, event.locals, event.url);
  if (!diff.data) return failedApiCall(diff, event.locals, event.url);
  return { article: { id: article.data.id, title: article.data.title }, from: diff.data.from_version, to: diff.data.to_version, lines: diffLines(diff.data.diff) };
}) satisfies PageServerLoad;
