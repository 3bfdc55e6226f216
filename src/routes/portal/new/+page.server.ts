import { fail, redirect } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

/** Each rendering of the form gets its own Idempotency-Key: a double submit opens one ticket. */
export const load = (() => ({ idempotencyKey: crypto.randomUUID() })) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const i18n = createTranslator(event.locals.locale);
    const form = await event.request.formData();
    const subject = String(form.get('subject') ?? '').trim();
    const description = String(form.get('description') ?? '').trim();
    const key = String(form.get('idempotency_key') ?? '') || crypto.randomUUID();
    if (!subject || !description) {
      return fail(400, { subject, description, idempotencyKey: key, message: i18n.t('portal.missing'), fields: [] as string[] });
    }
    const result = await outcome(
      apiFor(event).POST('/api/v1/tickets', { params: { header: { 'idempotency-key': key } }, body: { subject, description } }),
    );
    if (!result.ok) {
      const problem = asProblem(result.body, result.status);
      return fail(400, { subject, description, idempotencyKey: key, message: problemSentence(problem, i18n), fields: problem.errors?.map((e) => e.field) ?? [] });
    }
    redirect(303, `/portal/tickets/${result.data.id}`);
  },
} satisfies Actions;
