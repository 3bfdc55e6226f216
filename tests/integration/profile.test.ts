import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { addUser, createTenant, problem, tenantCall, type TestTenant } from './harness';

// PATCH /api/v1/auth/me: a user changes their own name and language (the web
// app renders in that language, server-side too).

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await createTenant('profile');
});

describe('changing one’s own profile', () => {
  it('sets the locale, which /auth/me then reports, and records user.profile_change', async () => {
    const customer = await addUser(tenant, 'customer');
    const response = await tenantCall(tenant, 'PATCH', '/api/v1/auth/me', { token: customer.token, body: { locale: 'ru' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { locale: string } }).user.locale).toBe('ru');

    const me = await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: customer.token });
    expect(((await me.json()) as { user: { locale: string; name: string } }).user.locale).toBe('ru');

    const audit = await tenant.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'user.profile_change'), eq(auditLogs.targetId, String(customer.id))))
      .all();
    expect(audit).toHaveLength(1);
  });

  it('renames the caller and leaves the locale alone', async () => {
    const agent = await addUser(tenant, 'agent');
    const response = await tenantCall(tenant, 'PATCH', '/api/v1/auth/me', { token: agent.token, body: { name: 'Alex Morgan' } });
    const body = (await response.json()) as { user: { name: string; locale: string } };
    expect(body.user).toMatchObject({ name: 'Alex Morgan', locale: 'en' });
  });

  it('refuses a language the app does not speak, naming the field', async () => {
    const agent = await addUser(tenant, 'agent');
    const response = await tenantCall(tenant, 'PATCH', '/api/v1/auth/me', { token: agent.token, body: { locale: 'de' } });
    expect(response.status).toBe(422);
    expect((await problem(response)).errors?.map((e) => e.field)).toEqual(['locale']);
  });

  it('refuses an empty change and an unknown field', async () => {
    const agent = await addUser(tenant, 'agent');
    const empty = await tenantCall(tenant, 'PATCH', '/api/v1/auth/me', { token: agent.token, body: {} });
    expect(empty.status).toBe(422);
    const role = await tenantCall(tenant, 'PATCH', '/api/v1/auth/me', { token: agent.token, body: { role: 'owner' } });
    expect(role.status).toBe(422);
  });

  it('answers 401 when signed out', async () => {
    const response = await tenantCall(tenant, 'PATCH', '/api/v1/auth/me', { body: { locale: 'ru' } });
    expect(response.status).toBe(401);
  });
});
