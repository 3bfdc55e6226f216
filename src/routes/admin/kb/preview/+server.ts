import { error, json } from '@sveltejs/kit';
import { can } from '../../../../../worker/auth/permissions';
import { articleHtml } from '$lib/kb/article-renderer.server.js';
import type { RequestHandler } from './$types';

const MAX_MARKDOWN = 200_000;

/**
 * The editor's live preview: Markdown → HTML through the very renderer and
 * allowlist sanitiser the API applies when an article is saved (the web worker
 * runs in workerd too, so HTMLRewriter is there), so the preview is what
 * readers will get and never unsanitised HTML. Staff who write articles only.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.user || !can(locals.user.role, 'kb:write')) error(403, 'Only staff who write articles may preview them.');
  const body = (await request.json().catch(() => null)) as { markdown?: unknown } | null;
  const markdown = body?.markdown;
  if (typeof markdown !== 'string' || markdown.length > MAX_MARKDOWN) error(422, 'markdown must be a string of at most 200000 characters.');
  return json({ html: await articleHtml(markdown) });
};
