import { outcome } from '$lib/api/outcome';
import { field, refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { createTranslator, type Translator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in person's own API tokens (never their secrets: those are shown once, at creation). */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'token:manage_own');
  const result = await apiFor(event).GET('/api/v1/auth/tokens');
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  return { tokens: result.data.items, idempotencyKey: crypto.randomUUID() };
}) satisfies PageServerLoad;

const tokenLabels = (i18n: Translator) => ({ name: i18n.t('admin.tokens.name'), expires_in_days: i18n.t('admin.tokens.expiresInDays') });

export const actions = {
  create: async (event) => {
    const form = await event.request.formData();
    const name = field(form, 'name');
    const days = field(form, 'expires_in_days');
    const key = field(form, 'idempotency_key') || crypto.randomUUID();
    const body = { name, ...(days ? { expires_in_days: Number(days) } : {}) };
    const result = await outcome(apiFor(event).POST('/api/v1/auth/tokens', { body, headers: { 'idempotency-key': key } }));
    if (!result.ok) return refusal(event, result, tokenLabels);
    return { created: { name: result.data.name, token: result.data.token } };
  },
  revoke: async (event) => {
    const form = await event.request.formData();
    const result = await outcome(apiFor(event).DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id: field(form, 'id') } } }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('admin.tokens.revoked') };
  },
} satisfies Actions;
