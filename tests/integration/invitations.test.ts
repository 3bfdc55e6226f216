import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { invitations, users } from '../../worker/db/tenant/users';
import { addUser, createTenant, PASSWORD, problem, tenantCall, type TestTenant, type TestUser } from './harness';

// Staff join by one-time invitation; a new tenant's owner joins the same way.

interface CreatedInvitation {
  id: string;
  email: string;
  role: string;
  token: string;
  expires_at: string;
}

interface UserBody {
  user: { id: number; email: string; name: string; role: string };
}

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await createTenant('invite');
});

let counter = 0;
const freshEmail = () => `invitee-${counter++}@${tenant.slug}.test`;

async function invite(by: TestUser, role: string, email = freshEmail()): Promise<CreatedInvitation> {
  const response = await tenantCall(tenant, 'POST', '/api/v1/invitations', { token: by.token, body: { email, role } });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedInvitation;
}

function accept(on: TestTenant, token: string, name = 'Новый сотрудник') {
  return tenantCall(on, 'POST', '/api/v1/invitations/accept', { body: { token, name, password: PASSWORD } });
}

describe("a new tenant's owner", () => {
  it('gets in by accepting the invitation the tenant was created with', async () => {
    const fresh = await createTenant('invite-owner');
    const response = await accept(fresh, fresh.ownerInvitation, 'Founder');
    expect(response.status).toBe(201);
    const { user } = (await response.json()) as UserBody;
    expect(user).toMatchObject({ email: `owner@${fresh.slug}.test`, name: 'Founder', role: 'owner' });

    const cookie = /^wnp_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const me = await tenantCall(fresh, 'GET', '/api/v1/auth/me', { cookie });
    expect(((await me.json()) as UserBody).user.role).toBe('owner');

    const audit = await fresh.db.select().from(auditLogs).where(eq(auditLogs.action, 'invitation.accept')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: user.id, actorType: 'user', targetType: 'invitation' });
    expect(JSON.stringify(audit)).not.toContain(fresh.ownerInvitation);
  });
});

describe('invitations', () => {
  it('let an admin invite an agent, who then joins, signs in and is audited once per step', async () => {
    const admin = await addUser(tenant, 'admin');
    const created = await invite(admin, 'agent');
    expect(created).toMatchObject({ role: 'agent', email: created.email });
    expect(Date.parse(created.expires_at)).toBeGreaterThan(Date.now());

    const response = await accept(tenant, created.token);
    expect(response.status).toBe(201);
    const { user } = (await response.json()) as UserBody;
    expect(user).toMatchObject({ email: created.email, role: 'agent', name: 'Новый сотрудник' });
    const login = await tenantCall(tenant, 'POST', '/api/v1/auth/login', { body: { email: created.email, password: PASSWORD } });
    expect(login.status).toBe(200);

    const rows = await tenant.db.select().from(auditLogs).where(eq(auditLogs.targetId, created.id)).all();
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ['invitation.create', admin.id],
      ['invitation.accept', user.id],
    ]);
    expect(JSON.stringify(rows)).not.toContain(created.token);
  });

  it('work once: a second use answers 404 and changes nothing', async () => {
    const owner = await addUser(tenant, 'owner');
    const created = await invite(owner, 'admin');
    expect((await accept(tenant, created.token)).status).toBe(201);
    const before = await tenant.db.select().from(users).all();

    const again = await accept(tenant, created.token, 'Second try');
    expect(again.status).toBe(404);
    expect((await problem(again)).detail).toMatch(/not found or was already used/);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await tenant.db.select().from(users).all()).toEqual(before);
  });

  it('admit exactly one of two acceptances racing with the same token', async () => {
    const owner = await addUser(tenant, 'owner');
    const created = await invite(owner, 'agent');
    const answers = await Promise.all([accept(tenant, created.token, 'A'), accept(tenant, created.token, 'B')]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 404]);
    expect(await tenant.db.select().from(users).where(eq(users.email, created.email)).all()).toHaveLength(1);
    const accepted = await tenant.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'invitation.accept'), eq(auditLogs.targetId, created.id)))
      .all();
    expect(accepted).toHaveLength(1);
  });

  it('answer 404 for an unknown token and for an expired invitation', async () => {
    const owner = await addUser(tenant, 'owner');
    expect((await accept(tenant, 'a'.repeat(39))).status).toBe(404);
    const created = await invite(owner, 'agent');
    await tenant.db.update(invitations).set({ expiresAt: Date.now() - 1 }).where(eq(invitations.id, created.id));
    expect((await accept(tenant, created.token)).status).toBe(404);
  });

  it('answer 409 when the invited e-mail has meanwhile signed up, and stay open', async () => {
    const admin = await addUser(tenant, 'admin');
    const created = await invite(admin, 'agent');
    const signup = await tenantCall(tenant, 'POST', '/api/v1/auth/signup', {
      body: { email: created.email, name: 'Was a customer', password: PASSWORD },
    });
    expect(signup.status).toBe(201);
    expect((await accept(tenant, created.token)).status).toBe(409);
    const row = await tenant.db.select().from(invitations).where(eq(invitations.id, created.id)).get();
    expect(row?.acceptedAt).toBeNull();
  });

  it('refuse to invite an e-mail that already has an account, naming email', async () => {
    const admin = await addUser(tenant, 'admin');
    const agent = await addUser(tenant, 'agent');
    const response = await tenantCall(tenant, 'POST', '/api/v1/invitations', {
      token: admin.token,
      body: { email: agent.email, role: 'agent' },
    });
    expect(response.status).toBe(409);
    expect((await problem(response)).errors?.map((e) => e.field)).toEqual(['email']);
  });

  it('grant only roles the inviter may grant: admins invite agents, owners any staff role', async () => {
    const admin = await addUser(tenant, 'admin');
    const owner = await addUser(tenant, 'owner');
    for (const role of ['admin', 'owner']) {
      const response = await tenantCall(tenant, 'POST', '/api/v1/invitations', { token: admin.token, body: { email: freshEmail(), role } });
      expect(response.status).toBe(403);
      expect((await problem(response)).errors?.map((e) => e.field)).toEqual(['role']);
    }
    for (const role of ['owner', 'admin', 'agent']) expect((await invite(owner, role)).role).toBe(role);
  });

  it('are not for agents or customers to send', async () => {
    for (const role of ['agent', 'customer'] as const) {
      const user = await addUser(tenant, role);
      const response = await tenantCall(tenant, 'POST', '/api/v1/invitations', { token: user.token, body: { email: freshEmail(), role: 'agent' } });
      expect(response.status).toBe(403);
    }
    expect((await tenantCall(tenant, 'POST', '/api/v1/invitations', { body: { email: freshEmail(), role: 'agent' } })).status).toBe(401);
  });

  it('never invite a customer, and name every bad field', async () => {
    const owner = await addUser(tenant, 'owner');
    const response = await tenantCall(tenant, 'POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'not-an-email', role: 'customer', note: 'hi' },
    });
    expect(response.status).toBe(422);
    expect((await problem(response)).errors?.map((e) => e.field).sort()).toEqual(['email', 'note', 'role']);
    const bad = await tenantCall(tenant, 'POST', '/api/v1/invitations/accept', { body: { token: '', name: 'x', password: 'short' } });
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(['password', 'token']);
  });

  it('cannot be accepted in another tenant', async () => {
    const other = await createTenant('invite-other');
    const owner = await addUser(tenant, 'owner');
    const created = await invite(owner, 'agent');
    expect((await accept(other, created.token)).status).toBe(404);
    expect((await accept(tenant, created.token)).status).toBe(201);
  });
});
