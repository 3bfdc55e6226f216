import { fail } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { acceptsComments } from '../../../../../worker/tickets/comment-rules';
import type { Actions, PageServerLoad } from './$types';

/** The customer's ticket with its public history and files (the API leaves internal notes and files out for customers). */
export const load = (async (event) => {
  const api = apiFor(event);
  const id = Number(event.params.id);
  const [result, files] = await Promise.all([
    api.GET('/api/v1/tickets/{id}', { params: { path: { id } } }),
    // The API gives a customer only the public files of their own ticket.
    api.GET('/api/v1/tickets/{id}/attachments', { params: { path: { id }, query: { limit: 100 } } }),
  ]);
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return {
    ticket: result.data,
    open: acceptsComments(result.data.status),
    files: { items: files.data?.items ?? [], more: (files.data?.next_cursor ?? null) !== null },
  };
}) satisfies PageServerLoad;

export const actions = {
  /** A written reply from the customer (a public comment). */
  reply: async (event) => {
    const i18n = createTranslator(event.locals.locale);
    const body = String((await event.request.formData()).get('body') ?? '').trim();
    if (!body) return fail(400, { body, message: i18n.t('portal.replyMissing') });
    const result = await outcome(
      apiFor(event).POST('/api/v1/tickets/{id}/comments', { params: { path: { id: Number(event.params.id) } }, body: { body, public: true } }),
    );
    if (!result.ok) return fail(400, { body, message: problemSentence(asProblem(result.body, result.status), i18n) });
    return { sent: true };
  },
} satisfies Actions;
