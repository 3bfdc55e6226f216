import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../worker/auth/sessions';
import { auditLogs } from '../../worker/db/tenant/audit';
import { addUser, createTenant, PASSWORD, tenantCall, type TestTenant, type TestUser } from './harness';
import { CATALOGUE, methodOf, type Targets } from './endpoint-catalogue';
import { attachmentTargets } from './attachment-fixtures';
import { kbTargets } from './kb-fixtures';
import { notificationTargets } from './notification-fixtures';
import { slaTargets } from './sla-fixtures';
import { inboundAddressTargets } from './inbound-address-fixtures';
import { macroTargets } from './macro-fixtures';

// Every operation that changes data, done successfully, leaves an audit row
// carrying the request id of the request that did it.

async function json<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
}

async function freshTargets(tenant: TestTenant, owner: TestUser): Promise<Targets> {
  const customer = await addUser(tenant, 'customer');
  const ticket = await json<{ id: number }>(
    await tenantCall(tenant, 'POST', '/api/v1/tickets', { token: customer.token, body: { subject: 'Audited', description: 'x' } }),
  );
  const tag = await json<{ id: number }>(await tenantCall(tenant, 'POST', '/api/v1/tags', { token: owner.token, body: { name: `a-${ticket.id}` } }));
  const token = await json<{ id: string }>(await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { token: owner.token, body: { name: 'a' } }));
  const invitation = await json<{ token: string }>(
    await tenantCall(tenant, 'POST', '/api/v1/invitations', { token: owner.token, body: { email: `a-${ticket.id}@x.test`, role: 'agent' } }),
  );
  return {
    ticketId: ticket.id,
    userId: customer.id,
    tagId: tag.id,
    sessionId: (await createSession(tenant.db, owner.id, { ttlDays: 1 })).id,
    tokenId: token.id,
    invitationToken: invitation.token,
    loginEmail: customer.email,
    ...(await attachmentTargets(tenant, owner, owner, ticket.id)),
    ...(await kbTargets(tenant, owner)),
    ...(await slaTargets(tenant, owner)),
    ...(await notificationTargets(tenant, owner, owner)),
    ...(await inboundAddressTargets(tenant, owner)),
    ...(await macroTargets(tenant, owner)),
  };
}

describe('audit completeness', () => {
  it('records every successful change with the request id that made it', async () => {
    const tenant = await createTenant('audit-complete');
    const mutations = CATALOGUE.filter((e) => methodOf(e) !== 'GET');
    for (const entry of mutations) {
      const owner = await addUser(tenant, 'owner');
      const targets = await freshTargets(tenant, owner);
      await entry.prepare?.(tenant, targets);
      const request = entry.request(targets);
      const body =
        entry.operation === 'POST /api/v1/auth/password' ? { current_password: PASSWORD, new_password: 'another long passphrase' } : request.body;
      const response = await tenantCall(tenant, methodOf(entry), request.path, { token: owner.token, body });
      expect(response.status, `${entry.operation}: ${await response.clone().text()}`).toBeLessThan(300);
      const requestId = response.headers.get('x-request-id') ?? '';
      const rows = await tenant.db.select().from(auditLogs).where(eq(auditLogs.requestId, requestId)).all();
      expect(rows.length, `${entry.operation} left no audit row`).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.action, entry.operation).toMatch(/^[a-z_]+\.[a-z_]+$/);
        expect(row.targetId, entry.operation).not.toBe('');
      }
    }
    // Fresh targets for every mutation: tens of seconds on a busy 2-core machine.
  }, 180_000);
});
