import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTenant, PASSWORD, problem, tenantCall, type TestTenant, type TestUser } from './harness';

// The audit log: every mutation of accounts and access leaves exactly one row,
// and admins read the log newest first with filters and a cursor.

interface AuditItem {
  id: number;
  actor_id: number | null;
  actor_type: string;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  request_id: string;
  ip: string | null;
  created_at: string;
}

interface AuditPage {
  items: AuditItem[];
  next_cursor: string | null;
}

async function readAll(tenant: TestTenant, as: TestUser, query = ''): Promise<AuditItem[]> {
  const seen: AuditItem[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/audit-logs?limit=3${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await tenantCall(tenant, 'GET', url, { token: as.token });
    expect(response.status, url).toBe(200);
    const page = (await response.json()) as AuditPage;
    seen.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return seen;
}

async function ok(response: Promise<Response>, status = 200): Promise<Response> {
  const answered = await response;
  expect(answered.status).toBe(status);
  return answered;
}

describe('audit completeness', () => {
  it('records each account and access change exactly once, with its request id and address, and no secret', async () => {
    const tenant = await createTenant('audit-all');
    const owner = await addUser(tenant, 'owner');
    const agent = await addUser(tenant, 'agent');
    const at = { 'cf-connecting-ip': '192.0.2.44' };
    const secrets: string[] = [PASSWORD];

    const signup = await ok(
      tenantCall(tenant, 'POST', '/api/v1/auth/signup', {
        headers: at,
        body: { email: `new@${tenant.slug}.test`, name: 'New', password: PASSWORD },
      }),
      201,
    );
    const invitation = (await (
      await ok(tenantCall(tenant, 'POST', '/api/v1/invitations', { token: owner.token, body: { email: `staff@${tenant.slug}.test`, role: 'agent' } }), 201)
    ).json()) as { token: string };
    secrets.push(invitation.token);
    await ok(tenantCall(tenant, 'POST', '/api/v1/invitations/accept', { body: { token: invitation.token, name: 'Staff', password: PASSWORD } }), 201);
    const customerId = ((await signup.json()) as { user: { id: number } }).user.id;
    await ok(tenantCall(tenant, 'PATCH', `/api/v1/users/${customerId}/role`, { token: owner.token, body: { role: 'agent' } }));
    const token = (await (await ok(tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { token: agent.token, body: { name: 't' } }), 201)).json()) as {
      id: string;
      token: string;
    };
    secrets.push(token.token);
    await ok(tenantCall(tenant, 'DELETE', `/api/v1/auth/tokens/${token.id}`, { token: agent.token }), 204);
    const login = await ok(tenantCall(tenant, 'POST', '/api/v1/auth/login', { body: { email: agent.email, password: PASSWORD } }));
    const session = ((await login.json()) as { session: { id: string } }).session.id;
    await ok(tenantCall(tenant, 'DELETE', `/api/v1/auth/sessions/${session}`, { token: agent.token }), 204);
    const newPassword = 'another long passphrase';
    secrets.push(newPassword, agent.token);
    await ok(tenantCall(tenant, 'POST', '/api/v1/auth/password', { token: agent.token, body: { current_password: PASSWORD, new_password: newPassword } }), 204);
    await ok(tenantCall(tenant, 'POST', `/api/v1/users/${customerId}/deactivate`, { token: owner.token }));
    // Reads leave no rows; signing in and out are recorded like any access change.
    await ok(tenantCall(tenant, 'GET', '/api/v1/users', { token: owner.token }));
    await ok(tenantCall(tenant, 'POST', '/api/v1/auth/logout', { token: owner.token }), 204);

    const admin = await addUser(tenant, 'admin');
    const log = await readAll(tenant, admin);
    expect(log.map((e) => e.action).sort()).toEqual(
      [
        'tenant.create',
        'user.signup',
        'invitation.create',
        'invitation.accept',
        'user.role_change',
        'api_token.create',
        'api_token.revoke',
        'session.revoke',
        'user.password_change',
        'user.deactivate',
        'session.create', // sign-up signs in
        'session.create', // accepting the invitation signs in
        'session.create', // the login
        'session.end', // the owner's logout
      ].sort(),
    );
    const signedUp = log.find((e) => e.action === 'user.signup');
    expect(signedUp).toMatchObject({ actor_id: customerId, target_id: String(customerId), ip: '192.0.2.44' });
    expect(signedUp?.request_id).toBe(signup.headers.get('x-request-id'));
    const serialized = JSON.stringify(log);
    for (const secret of secrets) expect(serialized).not.toContain(secret.split('.').at(-1));
  });
});

describe('reading the audit log', () => {
  let tenant: TestTenant;
  let admin: TestUser;
  let owner: TestUser;
  const targets: TestUser[] = [];

  beforeAll(async () => {
    tenant = await createTenant('audit-read');
    admin = await addUser(tenant, 'admin');
    owner = await addUser(tenant, 'owner');
    for (let i = 0; i < 4; i++) targets.push(await addUser(tenant, 'customer'));
    for (const target of targets) {
      await tenantCall(tenant, 'PATCH', `/api/v1/users/${target.id}/role`, { token: admin.token, body: { role: 'agent' } });
    }
    await tenantCall(tenant, 'POST', `/api/v1/users/${targets[0]?.id}/deactivate`, { token: owner.token });
  });

  it('lists newest first and pages by cursor without skipping or repeating', async () => {
    const log = await readAll(tenant, admin);
    expect(log).toHaveLength(6);
    const ids = log.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(log[0]?.action).toBe('user.deactivate');
    expect(log.at(-1)?.action).toBe('tenant.create');
  });

  it('filters by action, actor and target', async () => {
    expect((await readAll(tenant, admin, 'action=user.role_change')).map((e) => e.target_id)).toEqual(
      targets.map((t) => String(t.id)).reverse(),
    );
    expect((await readAll(tenant, owner, `actor_id=${owner.id}`)).map((e) => e.action)).toEqual(['user.deactivate']);
    const first = await readAll(tenant, admin, `target_type=user&target_id=${targets[0]?.id}`);
    expect(first.map((e) => e.action)).toEqual(['user.deactivate', 'user.role_change']);
    expect(first[1]).toMatchObject({ actor_id: admin.id, actor_type: 'user', before: { role: 'customer' }, after: { role: 'agent' } });
  });

  it('filters by time, both ends inclusive', async () => {
    const log = await readAll(tenant, admin);
    const newest = log[0]?.created_at ?? '';
    const oldest = log.at(-1)?.created_at ?? '';
    const since = await readAll(tenant, admin, `since=${encodeURIComponent(newest)}`);
    expect(since.map((e) => e.id)).toContain(log[0]?.id);
    for (const e of since) expect(e.created_at >= newest).toBe(true);
    const until = await readAll(tenant, admin, `until=${encodeURIComponent(oldest)}`);
    expect(until.map((e) => e.id)).toContain(log.at(-1)?.id);
    for (const e of until) expect(e.created_at <= oldest).toBe(true);
    expect(await readAll(tenant, admin, `since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    expect(await readAll(tenant, admin, 'until=2000-01-01T00:00:00Z')).toEqual([]);
  });

  it('names each bad parameter', async () => {
    for (const [query, field] of [
      ['since=yesterday', 'since'],
      ['actor_id=abc', 'actor_id'],
      ['cursor=%7B%7D', 'cursor'],
      ['limit=1000', 'limit'],
    ] as const) {
      const response = await tenantCall(tenant, 'GET', `/api/v1/audit-logs?${query}`, { token: admin.token });
      expect(response.status, query).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.field)).toEqual([field]);
    }
  });

  it('is for admins and owners only', async () => {
    for (const role of ['agent', 'customer'] as const) {
      const user = await addUser(tenant, role);
      expect((await tenantCall(tenant, 'GET', '/api/v1/audit-logs', { token: user.token })).status).toBe(403);
    }
    expect((await tenantCall(tenant, 'GET', '/api/v1/audit-logs')).status).toBe(401);
    expect((await tenantCall(tenant, 'GET', '/api/v1/audit-logs', { token: owner.token })).status).toBe(200);
  });
});
