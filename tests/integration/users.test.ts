import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { apiTokens, sessions, users } from '../../worker/db/tenant/users';
import { addUser, createTenant, PASSWORD, problem, tenantCall, type TestTenant, type TestUser } from './harness';

// Staff find people, change roles and deactivate accounts.

interface UserJson {
  id: number;
  email: string;
  name: string;
  role: string;
  locale: string;
  active: boolean;
  created_at: string;
}

interface UserPage {
  items: UserJson[];
  next_cursor: string | null;
}

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await createTenant('users');
});

async function listAll(as: TestUser, query: string): Promise<UserJson[]> {
  const seen: UserJson[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/users?${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await tenantCall(tenant, 'GET', url, { token: as.token });
    expect(response.status).toBe(200);
    const page = (await response.json()) as UserPage;
    seen.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return seen;
}

let signups = 0;

/** A customer who signed up on the portal under `name`. */
async function customerNamed(name: string): Promise<{ id: number; email: string }> {
  const response = await tenantCall(tenant, 'POST', '/api/v1/auth/signup', {
    body: { email: `signup-${signups++}@${tenant.slug}.test`, name, password: PASSWORD },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { user: { id: number; email: string } }).user;
}

const auditFor = (action: string, userId: number) =>
  tenant.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), eq(auditLogs.targetId, String(userId))))
    .all();

describe('the user list', () => {
  it('pages through every user once, in id order, without the password hash', async () => {
    const agent = await addUser(tenant, 'agent');
    for (let i = 0; i < 4; i++) await addUser(tenant, 'customer');
    const all = await listAll(agent, 'limit=2');
    const ids = (await tenant.db.select({ id: users.id }).from(users).all()).map((u) => u.id).sort((a, b) => a - b);
    expect(all.map((u) => u.id)).toEqual(ids);
    expect(Object.keys(all[0] ?? {}).sort()).toEqual(['active', 'created_at', 'email', 'id', 'locale', 'name', 'role']);
  });

  it('searches names and e-mails, taking % and _ literally', async () => {
    const agent = await addUser(tenant, 'agent');
    const hedgehog = await customerNamed('Ёжик_в_тумане');
    await customerNamed('100pct');
    const done = await customerNamed('Done 100% ok');
    const everyone = await tenant.db.select().from(users).all();
    for (const q of ['%', '_']) {
      const found = await listAll(agent, `q=${encodeURIComponent(q)}&limit=100`);
      const expected = everyone.filter((u) => u.name.includes(q) || u.email.includes(q));
      expect(found.map((u) => u.id).sort(), q).toEqual(expected.map((u) => u.id).sort());
    }
    expect((await listAll(agent, 'q=%25')).map((u) => u.id)).toEqual([done.id]);
    expect((await listAll(agent, `q=${encodeURIComponent('Ёжик_в')}`)).map((u) => u.id)).toEqual([hedgehog.id]);
    expect((await listAll(agent, 'q=DONE%20100')).map((u) => u.id)).toEqual([done.id]);
    expect((await listAll(agent, `q=${encodeURIComponent(done.email)}`)).map((u) => u.id)).toEqual([done.id]);
  });

  it('answers a 200-character search (longer than any LIKE pattern D1 accepts) without error', async () => {
    const agent = await addUser(tenant, 'agent');
    const long = await customerNamed('Я'.repeat(120) + 'x'.repeat(80));
    expect((await listAll(agent, `q=${encodeURIComponent('Я'.repeat(120) + 'x'.repeat(80))}`)).map((u) => u.id)).toEqual([long.id]);
  });

  it('filters by role', async () => {
    const agent = await addUser(tenant, 'agent');
    const admins = await listAll(agent, 'role=admin');
    const expected = await tenant.db.select().from(users).where(eq(users.role, 'admin')).all();
    expect(admins.map((u) => u.id)).toEqual(expected.map((u) => u.id));
    for (const u of admins) expect(u.role).toBe('admin');
  });

  it('names the parameter for a forged cursor, a bad limit or an unknown role', async () => {
    const agent = await addUser(tenant, 'agent');
    for (const [query, field] of [
      ['cursor=not-a-cursor!', 'cursor'],
      [`cursor=${btoa('{"id":"1 or 1=1"}')}`, 'cursor'],
      ['cursor=eyJpZCI6MX0x', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['role=root', 'role'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ] as const) {
      const response = await tenantCall(tenant, 'GET', `/api/v1/users?${query}`, { token: agent.token });
      expect(response.status, query).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.field)).toEqual([field]);
    }
  });

  it('is closed to customers and to anonymous callers', async () => {
    const customer = await addUser(tenant, 'customer');
    expect((await tenantCall(tenant, 'GET', '/api/v1/users', { token: customer.token })).status).toBe(403);
    expect((await tenantCall(tenant, 'GET', `/api/v1/users/${customer.id}`, { token: customer.token })).status).toBe(403);
    expect((await tenantCall(tenant, 'GET', '/api/v1/users')).status).toBe(401);
  });
});

describe('one user', () => {
  it('is shown to staff, and unknown ids answer 404', async () => {
    const agent = await addUser(tenant, 'agent');
    const customer = await customerNamed('Мария');
    const response = await tenantCall(tenant, 'GET', `/api/v1/users/${customer.id}`, { token: agent.token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: customer.id, name: 'Мария', role: 'customer', active: true });
    expect((await tenantCall(tenant, 'GET', '/api/v1/users/999999', { token: agent.token })).status).toBe(404);
    expect((await tenantCall(tenant, 'GET', '/api/v1/users/abc', { token: agent.token })).status).toBe(400);
  });
});

describe('role changes', () => {
  it('let an admin make a customer an agent, effective at once and audited once', async () => {
    const admin = await addUser(tenant, 'admin');
    const customer = await addUser(tenant, 'customer');
    const response = await tenantCall(tenant, 'PATCH', `/api/v1/users/${customer.id}/role`, { token: admin.token, body: { role: 'agent' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as UserJson).role).toBe('agent');
    // The promoted user's existing session carries the new role.
    expect((await tenantCall(tenant, 'GET', '/api/v1/users', { token: customer.token })).status).toBe(200);

    const audit = await auditFor('user.role_change', customer.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, before: { role: 'customer' }, after: { role: 'agent' } });
  });

  it('keep admins below admin: they may not grant admin or owner, nor touch an admin', async () => {
    const admin = await addUser(tenant, 'admin');
    const agent = await addUser(tenant, 'agent');
    const otherAdmin = await addUser(tenant, 'admin');
    const change = (id: number, role: string) =>
      tenantCall(tenant, 'PATCH', `/api/v1/users/${id}/role`, { token: admin.token, body: { role } });
    expect((await change(agent.id, 'admin')).status).toBe(403);
    expect((await change(agent.id, 'owner')).status).toBe(403);
    const demote = await change(otherAdmin.id, 'agent');
    expect(demote.status).toBe(403);
    expect((await problem(demote)).errors?.map((e) => e.field)).toEqual(['role']);
    expect((await tenant.db.select().from(users).where(eq(users.id, otherAdmin.id)).get())?.role).toBe('admin');
    expect(await auditFor('user.role_change', agent.id)).toEqual([]);
  });

  it('let an owner grant admin and owner', async () => {
    const owner = await addUser(tenant, 'owner');
    const agent = await addUser(tenant, 'agent');
    for (const role of ['admin', 'owner']) {
      const response = await tenantCall(tenant, 'PATCH', `/api/v1/users/${agent.id}/role`, { token: owner.token, body: { role } });
      expect(((await response.json()) as UserJson).role).toBe(role);
    }
    expect(await auditFor('user.role_change', agent.id)).toHaveLength(2);
  });

  it('refuse to change your own role', async () => {
    const owner = await addUser(tenant, 'owner');
    const response = await tenantCall(tenant, 'PATCH', `/api/v1/users/${owner.id}/role`, { token: owner.token, body: { role: 'agent' } });
    expect(response.status).toBe(409);
    expect((await tenant.db.select().from(users).where(eq(users.id, owner.id)).get())?.role).toBe('owner');
  });

  it('are not for agents or customers, and answer 404 for an unknown user', async () => {
    const admin = await addUser(tenant, 'admin');
    const target = await addUser(tenant, 'customer');
    for (const role of ['agent', 'customer'] as const) {
      const caller = await addUser(tenant, role);
      const response = await tenantCall(tenant, 'PATCH', `/api/v1/users/${target.id}/role`, { token: caller.token, body: { role: 'agent' } });
      expect(response.status).toBe(403);
    }
    expect((await tenantCall(tenant, 'PATCH', '/api/v1/users/999999/role', { token: admin.token, body: { role: 'agent' } })).status).toBe(404);
    const bad = await tenantCall(tenant, 'PATCH', `/api/v1/users/${target.id}/role`, { token: admin.token, body: { role: 'god', x: 1 } });
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(['role', 'x']);
  });
});

describe('deactivation', () => {
  it('ends every session and revokes every API token of the user at once, audited once', async () => {
    const admin = await addUser(tenant, 'admin');
    const agent = await addUser(tenant, 'agent');
    const created = await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { token: agent.token, body: { name: 'script' } });
    const apiToken = ((await created.json()) as { token: string }).token;

    const response = await tenantCall(tenant, 'POST', `/api/v1/users/${agent.id}/deactivate`, { token: admin.token });
    expect(response.status).toBe(200);
    expect(((await response.json()) as UserJson).active).toBe(false);

    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: agent.token })).status).toBe(401);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: apiToken })).status).toBe(401);
    expect(await tenant.db.select().from(sessions).where(eq(sessions.userId, agent.id)).all()).toEqual([]);
    const tokens = await tenant.db.select().from(apiTokens).where(eq(apiTokens.userId, agent.id)).all();
    expect(tokens.map((t) => t.revokedAt !== null)).toEqual([true]);
    const login = await tenantCall(tenant, 'POST', '/api/v1/auth/login', { body: { email: agent.email, password: PASSWORD } });
    expect(login.status).toBe(401);

    // Deactivating again changes nothing and records nothing.
    expect((await tenantCall(tenant, 'POST', `/api/v1/users/${agent.id}/deactivate`, { token: admin.token })).status).toBe(200);
    const audit = await auditFor('user.deactivate', agent.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, before: { active: true }, after: { active: false } });
  });

  it('of an owner is for owners only; nobody deactivates themselves', async () => {
    const admin = await addUser(tenant, 'admin');
    const owner = await addUser(tenant, 'owner');
    const coOwner = await addUser(tenant, 'owner');
    expect((await tenantCall(tenant, 'POST', `/api/v1/users/${owner.id}/deactivate`, { token: admin.token })).status).toBe(403);
    expect((await tenantCall(tenant, 'POST', `/api/v1/users/${admin.id}/deactivate`, { token: admin.token })).status).toBe(409);
    expect((await tenantCall(tenant, 'POST', `/api/v1/users/${owner.id}/deactivate`, { token: owner.token })).status).toBe(409);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: owner.token })).status).toBe(200);
    expect((await tenantCall(tenant, 'POST', `/api/v1/users/${coOwner.id}/deactivate`, { token: owner.token })).status).toBe(200);
  });

  it('is not for agents or customers, and answers 404 for an unknown user', async () => {
    const admin = await addUser(tenant, 'admin');
    const target = await addUser(tenant, 'customer');
    for (const role of ['agent', 'customer'] as const) {
      const caller = await addUser(tenant, role);
      expect((await tenantCall(tenant, 'POST', `/api/v1/users/${target.id}/deactivate`, { token: caller.token })).status).toBe(403);
    }
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: target.token })).status).toBe(200);
    expect((await tenantCall(tenant, 'POST', '/api/v1/users/999999/deactivate', { token: admin.token })).status).toBe(404);
  });
});
