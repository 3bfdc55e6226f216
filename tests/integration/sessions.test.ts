import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { sessions } from '../../worker/db/tenant/users';
import { addUser, createTenant, PASSWORD, problem, tenantCall, type TestTenant } from './harness';

// A user's own sessions: listing where they are signed in, ending one, sliding expiry.

interface SessionItem {
  id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  user_agent: string | null;
  ip: string | null;
  current: boolean;
}

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await createTenant('sessions');
});

let address = 0;

/** Signs in from a browser; returns the session token the cookie carries. */
async function browserLogin(email: string, userAgent: string): Promise<string> {
  const response = await tenantCall(tenant, 'POST', '/api/v1/auth/login', {
    body: { email, password: PASSWORD },
    headers: { 'user-agent': userAgent, 'cf-connecting-ip': `198.51.100.${address++}` },
  });
  expect(response.status).toBe(200);
  return /^wnp_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';
}

async function mySessions(credentials: { token?: string; cookie?: string }): Promise<SessionItem[]> {
  const response = await tenantCall(tenant, 'GET', '/api/v1/auth/sessions', credentials);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: SessionItem[] }).items;
}

describe('my sessions', () => {
  it('lists every live session of mine with where it came from, marking the one I am using', async () => {
    const agent = await addUser(tenant, 'agent');
    const colleague = await addUser(tenant, 'agent');
    await browserLogin(colleague.email, 'Colleague Browser');
    const firefox = await browserLogin(agent.email, 'Firefox/140');

    const items = await mySessions({ cookie: firefox });
    expect(items).toHaveLength(2);
    const current = items.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ id: firefox.split('.')[0], user_agent: 'Firefox/140' });
    expect(current[0]?.ip).toMatch(/^198\.51\.100\./);
    expect(items.map((s) => s.user_agent)).not.toContain('Colleague Browser');
    expect(JSON.stringify(items)).not.toContain(firefox.split('.')[1]);
    for (const s of items) expect(Date.parse(s.expires_at)).toBeGreaterThan(Date.now());
  });

  it('ends one of my sessions: that device is signed out, this one is not, and it is audited once', async () => {
    const agent = await addUser(tenant, 'agent');
    const phone = await browserLogin(agent.email, 'Phone');
    const phoneId = phone.split('.')[0] ?? '';

    const response = await tenantCall(tenant, 'DELETE', `/api/v1/auth/sessions/${phoneId}`, { token: agent.token });
    expect(response.status).toBe(204);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie: phone })).status).toBe(401);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: agent.token })).status).toBe(200);
    expect((await mySessions({ token: agent.token })).map((s) => s.id)).not.toContain(phoneId);

    const audit = await tenant.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'session.revoke'), eq(auditLogs.targetId, phoneId)))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(agent.id);
    expect(JSON.stringify(audit)).not.toContain(phone.split('.')[1]);
  });

  it("answers 404 for someone else's session and leaves it working", async () => {
    const agent = await addUser(tenant, 'agent');
    const admin = await addUser(tenant, 'admin');
    const theirs = admin.token.split('.')[0];
    const response = await tenantCall(tenant, 'DELETE', `/api/v1/auth/sessions/${theirs}`, { token: agent.token });
    expect(response.status).toBe(404);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: admin.token })).status).toBe(200);
  });

  it('answers 404 for an unknown session and 400 naming id for a malformed one', async () => {
    const agent = await addUser(tenant, 'agent');
    expect((await tenantCall(tenant, 'DELETE', '/api/v1/auth/sessions/abcdefgh', { token: agent.token })).status).toBe(404);
    const bad = await tenantCall(tenant, 'DELETE', '/api/v1/auth/sessions/NOT%20AN%20ID', { token: agent.token });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.field)).toEqual(['id']);
  });

  it('asks for a sign-in before listing or ending sessions', async () => {
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/sessions')).status).toBe(401);
    expect((await tenantCall(tenant, 'DELETE', '/api/v1/auth/sessions/abcdefgh')).status).toBe(401);
  });
});

describe('sliding expiry', () => {
  it('extends a session used in the second half of its life, and the cookie follows', async () => {
    const agent = await addUser(tenant, 'agent');
    const cookie = await browserLogin(agent.email, 'Laptop');
    const id = cookie.split('.')[0] ?? '';
    const soon = Date.now() + 2 * 86_400_000;
    await tenant.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, id));

    const response = await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie });
    expect(response.status).toBe(200);
    const maxAge = Number(/Max-Age=(\d+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(29 * 86_400);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^wnp_session=${cookie.replace('.', '\\.')};`));
    const row = await tenant.db.select().from(sessions).where(eq(sessions.id, id)).get();
    expect(row?.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('leaves a young session and its cookie alone', async () => {
    const agent = await addUser(tenant, 'agent');
    const cookie = await browserLogin(agent.email, 'Laptop');
    const response = await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('treats an expired session as signed out', async () => {
    const agent = await addUser(tenant, 'agent');
    const cookie = await browserLogin(agent.email, 'Old laptop');
    await tenant.db
      .update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.id, cookie.split('.')[0] ?? ''));
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
    expect((await mySessions({ token: agent.token })).map((s) => s.id)).not.toContain(cookie.split('.')[0]);
  });
});
