import { fail, redirect } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { homeOf } from '$lib/server/route-access';
import { forwardSetCookies } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
  if (locals.user) redirect(303, homeOf(locals.user.role));
}) satisfies PageServerLoad;

export const actions = {
  /** Signs up as a customer of this tenant, in the language the page was shown in, and signs in. */
  default: async (event) => {
    const i18n = createTranslator(event.locals.locale);
    const form = await event.request.formData();
    const name = String(form.get('name') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!name || !email || !password) return fail(400, { name, email, message: i18n.t('signup.missing'), fields: [] as string[] });
    const call = apiFor(event).POST('/api/v1/auth/signup', { body: { name, email, password, locale: event.locals.locale } });
    const result = await outcome(call);
    if (!result.ok) {
      const problem = asProblem(result.body, result.status);
      return fail(400, { name, email, message: problemSentence(problem, i18n), fields: problem.errors?.map((e) => e.field) ?? [] });
    }
    forwardSetCookies((await call).response, event.cookies);
    redirect(303, homeOf(result.data.user.role));
  },
} satisfies Actions;
