import { fail, redirect } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { asProblem, problemSentence } from '$lib/api/problem-sentence';
import { createTranslator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { homeOf, safeNext } from '$lib/server/route-access';
import { forwardSetCookies } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')) ?? homeOf(locals.user.role));
}) satisfies PageServerLoad;

export const actions = {
  default: async (event) => {
    const i18n = createTranslator(event.locals.locale);
    const form = await event.request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) return fail(400, { email, message: i18n.t('login.missing') });
    const call = apiFor(event).POST('/api/v1/auth/login', { body: { email, password } });
    const result = await outcome(call);
    if (!result.ok) {
      return fail(result.status === 429 ? 429 : 400, { email, message: problemSentence(asProblem(result.body, result.status), i18n) });
    }
    forwardSetCookies((await call).response, event.cookies);
    redirect(303, safeNext(event.url.searchParams.get('next')) ?? homeOf(result.data.user.role));
  },
} satisfies Actions;
