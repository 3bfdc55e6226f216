import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { CATALOGUE, expectCatalogueCoversApi, methodOf, type Targets } from './endpoint-catalogue';
import { attachmentTargets } from './attachment-fixtures';
import { kbTargets } from './kb-fixtures';
import { notificationTargets } from './notification-fixtures';
import { slaTargets } from './sla-fixtures';
import { rawDb, snapshotDatabase } from './snapshot';
import { inboundAddressTargets } from './inbound-address-fixtures';
import { macroTargets } from './macro-fixtures';

// Tenant A is busy; tenant B is small, so A's ids do not exist in B. Whatever B's
// people send, with their own credentials or on A's host, A must not change and
// nothing of A may be revealed.

interface Side {
  tenant: TestTenant;
  people: Record<'owner' | 'admin' | 'agent' | 'customer', TestUser>;
}

let a: Side;
let b: Side;
let aTargets: Targets;
let bInvitation: string;
let aBefore: Record<string, unknown[]>;

async function side(prefix: string): Promise<Side> {
  const tenant = await createTenant(prefix);
  return {
    tenant,
    people: {
      owner: await addUser(tenant, 'owner'),
      admin: await addUser(tenant, 'admin'),
      agent: await addUser(tenant, 'agent'),
      customer: await addUser(tenant, 'customer'),
    },
  };
}

async function json<T>(response: Response, status: number): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

beforeAll(async () => {
  a = await side('iso-a');
  b = await side('iso-b');
  const asA = { token: a.people.owner.token };
  let lastTicket = 0;
  for (let i = 0; i < 5; i++) {
    const ticket = await json<{ id: number }>(
      await tenantCall(a.tenant, 'POST', '/api/v1/tickets', { token: a.people.customer.token, body: { subject: `A secret ${i}`, description: 'Only A may read this.' } }),
      201,
    );
    lastTicket = ticket.id;
  }
  let lastTag = 0;
  for (const name of ['alpha', 'beta', 'gamma']) {
    lastTag = (await json<{ id: number }>(await tenantCall(a.tenant, 'POST', '/api/v1/tags', { ...asA, body: { name } }), 201)).id;
  }
  for (let i = 0; i < 4; i++) await addUser(a.tenant, 'customer', `extra${i}`);
  const lastUser = await addUser(a.tenant, 'customer', 'target');
  const token = await json<{ id: string }>(await tenantCall(a.tenant, 'POST', '/api/v1/auth/tokens', { ...asA, body: { name: 'ci' } }), 201);
  const invitation = await json<{ token: string }>(
    await tenantCall(a.tenant, 'POST', '/api/v1/invitations', { ...asA, body: { email: 'newhire@a.test', role: 'agent' } }),
    201,
  );
  aTargets = {
    ticketId: lastTicket,
    userId: lastUser.id,
    tagId: lastTag,
    sessionId: a.people.owner.token.split('.')[0] as string,
    tokenId: token.id,
    invitationToken: invitation.token,
    loginEmail: a.people.agent.email,
    ...(await attachmentTargets(a.tenant, a.people.customer, a.people.agent, lastTicket)),
    ...(await kbTargets(a.tenant, a.people.agent)),
    ...(await slaTargets(a.tenant, a.people.owner)),
    ...(await notificationTargets(a.tenant, a.people.customer, a.people.owner)),
    ...(await inboundAddressTargets(a.tenant, a.people.owner)),
    ...(await macroTargets(a.tenant, a.people.owner)),
  };
  await tenantCall(b.tenant, 'POST', '/api/v1/tickets', { token: b.people.customer.token, body: { subject: 'B ticket', description: 'Mine.' } });
  await tenantCall(b.tenant, 'POST', '/api/v1/tags', { token: b.people.owner.token, body: { name: 'bee' } });
  bInvitation = (
    await json<{ token: string }>(
      await tenantCall(b.tenant, 'POST', '/api/v1/invitations', { token: b.people.owner.token, body: { email: 'hire@b.test', role: 'agent' } }),
      201,
    )
  ).token;
  aBefore = await snapshotDatabase(rawDb(a.tenant));
});

describe('tenant isolation', () => {
  it('walks every operation the API declares', async () => {
    await expectCatalogueCoversApi();
  });

  it("answers 401 when another tenant's credentials are used on a tenant's host, whatever the role", async () => {
    for (const entry of CATALOGUE.filter((e) => !e.public)) {
      for (const user of Object.values(b.people)) {
        const { path, body } = entry.request(aTargets);
        for (const credentials of [{ token: user.token }, { cookie: user.token }]) {
          const response = await tenantCall(a.tenant, methodOf(entry), path, { ...credentials, body });
          expect(response.status, `${entry.operation} as B ${user.role} via ${Object.keys(credentials)[0]}`).toBe(401);
        }
      }
    }
  });

  it("refuses another tenant's password and invitation on a tenant's host", async () => {
    const login = await tenantCall(a.tenant, 'POST', '/api/v1/auth/login', { body: { email: b.people.agent.email, password: 'correct horse battery staple' } });
    expect(login.status).toBe(401);
    const accept = await tenantCall(a.tenant, 'POST', '/api/v1/invitations/accept', {
      body: { token: bInvitation, name: 'Crosser', password: 'long enough password' },
    });
    expect(accept.status).toBe(404);
  });

  it("answers 404 for another tenant's objects, whatever the role", async () => {
    for (const entry of CATALOGUE.filter((e) => e.object && !e.public)) {
      for (const user of Object.values(b.people)) {
        const { path, body } = entry.request(aTargets);
        const response = await tenantCall(b.tenant, methodOf(entry), path, { token: user.token, body });
        expect(response.status, `${entry.operation} as B ${user.role}`).toBe(404);
      }
    }
    const accept = await tenantCall(b.tenant, 'POST', '/api/v1/invitations/accept', {
      body: { token: aTargets.invitationToken, name: 'Crosser', password: 'long enough password' },
    });
    expect(accept.status).toBe(404);
  });

  it('does not let an X-Tenant header carry a token into another tenant', async () => {
    const response = await call('GET', '/api/v1/tickets', { token: b.people.owner.token, headers: { 'x-tenant': a.tenant.slug } });
    expect(response.status).toBe(401);
    const conflicting = await tenantCall(b.tenant, 'GET', '/api/v1/tickets', { token: b.people.owner.token, headers: { 'x-tenant': a.tenant.slug } });
    expect(conflicting.status).toBe(400);
  });

  it("never lists another tenant's tickets, users, tags, macros or audit entries", async () => {
    const everything = JSON.stringify(
      await Promise.all(
        ['/api/v1/tickets?limit=100', '/api/v1/users?limit=100', '/api/v1/tags', '/api/v1/macros', '/api/v1/audit-logs?limit=100'].map(async (path) =>
          (await tenantCall(b.tenant, 'GET', path, { token: b.people.owner.token })).json(),
        ),
      ),
    );
    expect(everything).not.toContain('A secret');
    expect(everything).not.toContain(a.tenant.slug);
    expect(everything).not.toContain('alpha');
    expect(everything).not.toContain('we are on it');
    expect(everything).not.toContain('newhire@a.test');
  });

  it("left every row of the other tenant's database as it was", async () => {
    expect(await snapshotDatabase(rawDb(a.tenant))).toEqual(aBefore);
  });
});
