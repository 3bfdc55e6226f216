import { fail } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { acceptsComments } from '../../../../../worker/tickets/comment-rules';
import type { Actions, PageServerLoad } from './$types';

/** The customer's ticket with its public history (the API leaves internal notes out for customers). */
export const load = (async (event) => {
  const result = await apiFor(event).GET('/api/v1/tickets/{id}', { params: { path: { id: Number(event.params.id) } } });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { ticket: result.data, open: acceptsComments(result.data.status) };
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
