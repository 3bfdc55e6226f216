import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { users } from '../../worker/db/tenant/users';
import { addUser, createTenant, PASSWORD, problem, tenantCall, type TestTenant } from './harness';

// Sign-up, login, logout and "who am I", through cookies and bearer tokens.
// A test file has eight tenant slots, so its tests share one tenant and each
// builds its own users; logins come from distinct client addresses, so the
// login rate limit (tested in login-throttle.test.ts) stays out of the way.

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await createTenant('auth');
});

let address = 0;

interface UserBody {
  user: { id: number; email: string; name: string; role: string; locale: string; active: boolean; created_at: string };
}

/** The session token a response set as the cookie. */
function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const token = /^wnp_session=([^;]*)/.exec(header)?.[1];
  if (!token) throw new Error(`no session cookie in "${header}"`);
  return token;
}

function login(email: string, password: string, url?: string) {
  return tenantCall(tenant, 'POST', url ?? '/api/v1/auth/login', {
    body: { email, password },
    headers: { 'cf-connecting-ip': `198.51.100.${address++}` },
  });
}

describe('sign-up', () => {
  it('creates a customer, signs them in with a cookie and records user.signup', async () => {
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/signup', {
      body: { email: 'Zoya@Example.test', name: 'Зоя 🌷', password: PASSWORD, locale: 'ru' },
    });
    expect(response.status).toBe(201);
    const { user } = (await response.json()) as UserBody;
    expect(user).toMatchObject({ email: 'zoya@example.test', name: 'Зоя 🌷', role: 'customer', locale: 'ru', active: true });
    expect(user).not.toHaveProperty('password_hash');

    const me = await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie: sessionCookie(response) });
    expect(((await me.json()) as UserBody).user.id).toBe(user.id);

    const audit = await tenant.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'user.signup'), eq(auditLogs.targetId, String(user.id))))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: user.id, actorType: 'user', targetType: 'user', targetId: String(user.id) });
    expect(JSON.stringify(audit[0])).not.toContain(PASSWORD);
  });

  it('answers 409 naming email when the address already has an account, and adds nobody', async () => {
    const agent = await addUser(tenant, 'agent');
    const before = await tenant.db.select().from(users).all();
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/signup', {
      body: { email: agent.email.toUpperCase(), name: 'Impostor', password: PASSWORD },
    });
    expect(response.status).toBe(409);
    expect((await problem(response)).errors?.map((e) => e.field)).toEqual(['email']);
    expect(await tenant.db.select().from(users).all()).toEqual(before);
  });

  it('refuses a short password, a bad e-mail, an unknown locale and unknown fields, naming each', async () => {
    const before = await tenant.db.select().from(users).all();
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/signup', {
      body: { email: 'nope', name: 'x\u0007', password: 'short', locale: 'de', role: 'owner' },
    });
    expect(response.status).toBe(422);
    const fields = (await problem(response)).errors?.map((e) => e.field).sort();
    expect(fields).toEqual(['email', 'locale', 'name', 'password', 'role']);
    expect(await tenant.db.select().from(users).all()).toEqual(before);
  });
});

describe('login', () => {
  it('signs in with a session cookie that is HttpOnly, SameSite=Lax and scoped to the site', async () => {
    const agent = await addUser(tenant, 'agent');
    const response = await login(agent.email, PASSWORD);
    expect(response.status).toBe(200);
    const body = (await response.json()) as UserBody & { session: { id: string; expires_at: string } };
    expect(body.user).toMatchObject({ id: agent.id, role: 'agent' });
    expect(Date.parse(body.session.expires_at)).toBeGreaterThan(Date.now());

    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^wnp_session=[a-z2-7]+\.[a-z2-7]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(sessionCookie(response).startsWith(`${body.session.id}.`)).toBe(true);
  });

  it('marks the cookie Secure when the portal is reached over https', async () => {
    const agent = await addUser(tenant, 'agent');
    const response = await login(agent.email, PASSWORD, `https://${tenant.host}/api/v1/auth/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers the same 401 for an unknown e-mail, a wrong password and a deactivated account', async () => {
    const agent = await addUser(tenant, 'agent');
    const gone = await addUser(tenant, 'agent');
    await tenant.db.update(users).set({ active: false }).where(eq(users.id, gone.id));

    const answers = await Promise.all([
      login(`nobody@${tenant.slug}.test`, PASSWORD),
      login(agent.email, `${PASSWORD}!`),
      login(gone.email, PASSWORD),
    ]);
    const bodies = await Promise.all(
      answers.map(async (r) => {
        expect(r.status).toBe(401);
        expect(r.headers.get('set-cookie')).toBeNull();
        const { requestId: _requestId, ...rest } = (await r.json()) as Record<string, unknown>;
        return JSON.stringify(rest);
      }),
    );
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('/api/v1/auth/login');
  });
});

describe('the signed-in user', () => {
  it('is known by cookie and by bearer token alike', async () => {
    const admin = await addUser(tenant, 'admin');
    for (const credentials of [{ cookie: admin.token }, { token: admin.token }]) {
      const response = await tenantCall(tenant, 'GET', '/api/v1/auth/me', credentials);
      expect(response.status).toBe(200);
      expect(((await response.json()) as UserBody).user).toMatchObject({ id: admin.id, email: admin.email, role: 'admin' });
    }
  });

  it('answers 401 without credentials and with a forged bearer token', async () => {
    const agent = await addUser(tenant, 'agent');
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me')).status).toBe(401);
    const forged = `${agent.token.split('.')[0]}.${'a'.repeat(32)}`;
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: forged })).status).toBe(401);
  });

  it('is unknown to another tenant', async () => {
    const other = await createTenant('auth-other');
    const agent = await addUser(tenant, 'agent');
    expect((await tenantCall(other, 'GET', '/api/v1/auth/me', { token: agent.token })).status).toBe(401);
    expect((await tenantCall(other, 'GET', '/api/v1/auth/me', { cookie: agent.token })).status).toBe(401);
  });
});

describe('logout', () => {
  it('ends the session and clears the cookie', async () => {
    const agent = await addUser(tenant, 'agent');
    const signedIn = sessionCookie(await login(agent.email, PASSWORD));
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/logout', { cookie: signedIn });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^wnp_session=;.*Max-Age=0/);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie: signedIn })).status).toBe(401);
    // Another session of the same user is untouched.
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: agent.token })).status).toBe(200);
  });

  it('ends a session used as a bearer token', async () => {
    const agent = await addUser(tenant, 'agent');
    expect((await tenantCall(tenant, 'POST', '/api/v1/auth/logout', { token: agent.token })).status).toBe(204);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: agent.token })).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change sent from another site, and changes nothing', async () => {
    const agent = await addUser(tenant, 'agent');
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', {
      cookie: agent.token,
      headers: { 'sec-fetch-site': 'cross-site' },
      body: { name: 'forged' },
    });
    expect(response.status).toBe(403);
    const list = await tenantCall(tenant, 'GET', '/api/v1/auth/tokens', { token: agent.token });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('refuses a cross-site logout that would sign the user out', async () => {
    const agent = await addUser(tenant, 'agent');
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/logout', {
      cookie: agent.token,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie: agent.token })).status).toBe(200);
  });

  it('lets a bearer-token client change data from anywhere', async () => {
    const agent = await addUser(tenant, 'agent');
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', {
      token: agent.token,
      headers: { 'sec-fetch-site': 'cross-site' },
      body: { name: 'ci' },
    });
    expect(response.status).toBe(201);
  });
});

describe('password change', () => {
  it('keeps this session, ends every other one, and lets the new password sign in', async () => {
    const agent = await addUser(tenant, 'agent');
    const laptop = sessionCookie(await login(agent.email, PASSWORD));
    const phone = sessionCookie(await login(agent.email, PASSWORD));
    const newPassword = 'a much longer new passphrase';

    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/password', {
      cookie: laptop,
      body: { current_password: PASSWORD, new_password: newPassword },
    });
    expect(response.status).toBe(204);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie: laptop })).status).toBe(200);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie: phone })).status).toBe(401);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: agent.token })).status).toBe(401);
    expect((await login(agent.email, PASSWORD)).status).toBe(401);
    expect((await login(agent.email, newPassword)).status).toBe(200);

    const audit = await tenant.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'user.password_change'), eq(auditLogs.targetId, String(agent.id))))
      .all();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(newPassword);
  });

  it('answers 422 naming current_password when it is wrong, and changes nothing', async () => {
    const agent = await addUser(tenant, 'agent');
    const other = sessionCookie(await login(agent.email, PASSWORD));
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/password', {
      token: agent.token,
      body: { current_password: 'not my password at all', new_password: 'whatever long enough' },
    });
    expect(response.status).toBe(422);
    expect((await problem(response)).errors?.map((e) => e.field)).toEqual(['current_password']);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { cookie: other })).status).toBe(200);
    expect((await login(agent.email, PASSWORD)).status).toBe(200);
  });
});
