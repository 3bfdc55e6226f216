import { outcome } from '$lib/api/outcome';
import type { Role } from '$lib/api/types';
import { field, refusal } from '$lib/admin/action-failure.server';
import { requirePermission } from '$lib/admin/admin-access.server';
import { createTranslator, type Translator } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { canAssignRole, canInvite } from '../../../../worker/auth/permissions';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const ROLES: readonly Role[] = ['owner', 'admin', 'agent', 'customer'];
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The team's users (filtered by name/e-mail and role), with the roles the viewer may hand out to each. */
export const load = (async (event) => {
  const me = requirePermission(event.locals, event.url, 'user:change_role');
  const q = event.url.searchParams.get('q')?.trim() || undefined;
  const roleParam = event.url.searchParams.get('role') ?? '';
  const role = isRole(roleParam) ? roleParam : undefined;
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  const result = await apiFor(event).GET('/api/v1/users', {
    params: { query: { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(role ? { role } : {}), ...(cursor ? { cursor } : {}) } },
  });
  if (!result.data) return failedApiCall(result, event.locals, event.url);
  const users = result.data.items.map((user) => ({
    ...user,
    assignable: user.id === me.id ? [] : ROLES.filter((to) => to === user.role || canAssignRole(me.role, user.role, to)),
  }));
  return {
    users,
    nextCursor: result.data.next_cursor,
    filter: { q: q ?? '', role: role ?? '' },
    invitable: ROLES.filter((r) => canInvite(me.role, r)),
    isFirstPage: !cursor,
    idempotencyKey: crypto.randomUUID(),
  };
}) satisfies PageServerLoad;

const inviteLabels = (i18n: Translator) => ({ email: i18n.t('admin.users.email'), role: i18n.t('admin.users.role') });

export const actions = {
  role: async (event) => {
    const form = await event.request.formData();
    const id = Number(field(form, 'id'));
    const role = field(form, 'role');
    const name = field(form, 'name');
    if (!isRole(role)) return refusal(event, { status: 422, body: { errors: [{ field: 'role', detail: 'unknown' }] } });
    const result = await outcome(apiFor(event).PATCH('/api/v1/users/{id}/role', { params: { path: { id } }, body: { role } }));
    if (!result.ok) return refusal(event, result);
    const i18n = createTranslator(event.locals.locale);
    return { done: i18n.t('admin.users.roleChanged', { name, role: i18n.t(`role.${role}`) }) };
  },
  deactivate: async (event) => {
    const form = await event.request.formData();
    const id = Number(field(form, 'id'));
    const result = await outcome(apiFor(event).POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } }));
    if (!result.ok) return refusal(event, result);
    return { done: createTranslator(event.locals.locale).t('admin.users.deactivated', { name: field(form, 'name') }) };
  },
  invite: async (event) => {
    const form = await event.request.formData();
    const email = field(form, 'email');
    const role = field(form, 'role');
    if (role !== 'owner' && role !== 'admin' && role !== 'agent') {
      return refusal(event, { status: 422, body: { errors: [{ field: 'role', detail: 'is not a role one can invite' }] } }, inviteLabels);
    }
    const key = field(form, 'idempotency_key') || crypto.randomUUID();
    const result = await outcome(apiFor(event).POST('/api/v1/invitations', { body: { email, role }, headers: { 'idempotency-key': key } }));
    if (!result.ok) return refusal(event, result, inviteLabels);
    return { invitation: { email: result.data.email, role: result.data.role, token: result.data.token } };
  },
} satisfies Actions;
