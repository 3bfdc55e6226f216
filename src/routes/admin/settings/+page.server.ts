import { fail } from '@sveltejs/kit';
import { outcome } from '$lib/api/outcome';
import { field, refusal, savedOrRefused, type ActionRefusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { bytesOf } from '$lib/admin/storage-size';
import { createTranslator, type Translator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The tenant's settings: how long records are kept, how much its files may take, where its e-mail arrives. */
export const load = (async (event) => {
  requirePermission(event.locals, event.url, 'settings:manage');
  const api = apiFor(event);
  const [retention, attachments, addresses] = await Promise.all([
    api.GET('/api/v1/settings/retention'),
    api.GET('/api/v1/settings/attachments'),
    api.GET('/api/v1/settings/email-addresses'),
  ]);
  if (!retention.data) return failedApiCall(retention, event.locals, event.url);
  if (!attachments.data) return failedApiCall(attachments, event.locals, event.url);
  if (!addresses.data) return failedApiCall(addresses, event.locals, event.url);
  return { retention: retention.data, attachments: attachments.data, addresses: addresses.data };
}) satisfies PageServerLoad;

const number = (form: FormData, name: string) => Number(field(form, name));

const retentionLabels = (i18n: Translator) => ({
  audit_log_days: i18n.t('admin.settings.auditLogDays'),
  notification_days: i18n.t('admin.settings.notificationDays'),
});
const attachmentLabels = (i18n: Translator) => ({ quota_bytes: i18n.t('admin.settings.quota') });
const addressLabels = (i18n: Translator) => ({ address: i18n.t('admin.settings.customAddress') });

const said = (event: RequestEvent) => createTranslator(event.locals.locale);

/**
 * A 409 names no field, but the only thing that can clash is the address
 * typed, so the sentence goes beside that field like a validation error.
 */
const addressTaken = (event: RequestEvent, address: string) =>
  fail(409, {
    message: said(event).t('admin.settings.addressNotAdded'),
    fields: ['address'],
    fieldErrors: { address: said(event).t('admin.settings.addressTaken', { address }) },
    source: 'addresses',
  } satisfies ActionRefusal);

export const actions = {
  retention: async (event) => {
    const form = await event.request.formData();
    const body = { audit_log_days: number(form, 'audit_log_days'), notification_days: number(form, 'notification_days') };
    const result = await outcome(apiFor(event).PATCH('/api/v1/settings/retention', { body }));
    return savedOrRefused(event, result, retentionLabels, 'retention');
  },
  /** The quota in megabytes, or back to the platform default. */
  attachments: async (event) => {
    const form = await event.request.formData();
    const body = { quota_bytes: field(form, 'use_default') ? null : bytesOf(field(form, 'quota_mb')) };
    const result = await outcome(apiFor(event).PATCH('/api/v1/settings/attachments', { body }));
    return savedOrRefused(event, result, attachmentLabels, 'attachments');
  },
  addAddress: async (event) => {
    const address = field(await event.request.formData(), 'address');
    const result = await outcome(apiFor(event).POST('/api/v1/settings/email-addresses', { body: { address } }));
    if (!result.ok && result.status === 409) return addressTaken(event, address);
    if (!result.ok) return refusal(event, result, addressLabels, 'addresses');
    return { done: said(event).t('admin.settings.addressAdded', { address: result.data.address }) };
  },
  /** The row's `id` is the address itself. */
  removeAddress: async (event) => {
    const address = field(await event.request.formData(), 'id');
    const result = await outcome(apiFor(event).DELETE('/api/v1/settings/email-addresses/{address}', { params: { path: { address } } }));
    if (!result.ok) return refusal(event, result);
    return { done: said(event).t('admin.settings.addressRemoved', { address }) };
  },
} satisfies Actions;
