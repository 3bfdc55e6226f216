import { describe, expect, it } from 'vitest';
import type { Role } from '../../worker/db/tenant/users';
import { createSession } from '../../worker/auth/sessions';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { CATALOGUE, methodOf, type CatalogueEntry, type Targets } from './endpoint-catalogue';
import { attachmentTargets } from './attachment-fixtures';
import { kbTargets } from './kb-fixtures';
import { notificationTargets } from './notification-fixtures';
import { slaTargets } from './sla-fixtures';
import { inboundAddressTargets } from './inbound-address-fixtures';
import { macroTargets } from './macro-fixtures';

// Every operation × every role. Written out by hand, not derived from the
// permission table, so a change to that table has to be made twice on purpose.

const STAFF: Role[] = ['owner', 'admin', 'agent'];
const MANAGERS: Role[] = ['owner', 'admin'];
const EVERYONE: Role[] = ['owner', 'admin', 'agent', 'customer'];

const ALLOWED: Record<string, Role[] | 'public'> = {
  'POST /api/v1/auth/signup': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/invitations/accept': 'public',
  'GET /api/v1/auth/me': EVERYONE,
  'PATCH /api/v1/auth/me': EVERYONE,
  'POST /api/v1/auth/password': EVERYONE,
  'GET /api/v1/auth/sessions': EVERYONE,
  'DELETE /api/v1/auth/sessions/{id}': EVERYONE,
  'GET /api/v1/auth/tokens': EVERYONE,
  'POST /api/v1/auth/tokens': EVERYONE,
  'DELETE /api/v1/auth/tokens/{id}': EVERYONE,
  'POST /api/v1/invitations': MANAGERS,
  'GET /api/v1/users': STAFF,
  'GET /api/v1/users/{id}': STAFF,
  'PATCH /api/v1/users/{id}/role': MANAGERS,
  'POST /api/v1/users/{id}/deactivate': MANAGERS,
  'POST /api/v1/tickets': EVERYONE,
  'GET /api/v1/tickets': EVERYONE,
  'POST /api/v1/tickets/bulk': STAFF,
  'GET /api/v1/tickets/{id}': EVERYONE,
  'PATCH /api/v1/tickets/{id}': STAFF,
  'POST /api/v1/tickets/{id}/comments': EVERYONE,
  'GET /api/v1/tickets/{id}/comments': EVERYONE,
  'GET /api/v1/tickets/{id}/events': STAFF,
  'POST /api/v1/tickets/{id}/reply': STAFF,
  'POST /api/v1/tickets/{id}/note': STAFF,
  'GET /api/v1/tags': STAFF,
  'POST /api/v1/tags': MANAGERS,
  'PATCH /api/v1/tags/{id}': MANAGERS,
  'DELETE /api/v1/tags/{id}': MANAGERS,
  'GET /api/v1/macros': STAFF,
  'GET /api/v1/macros/{id}': STAFF,
  'POST /api/v1/macros': MANAGERS,
  'PATCH /api/v1/macros/{id}': MANAGERS,
  'DELETE /api/v1/macros/{id}': MANAGERS,
  'GET /api/v1/audit-logs': MANAGERS,
  'GET /api/v1/sla/calendars': STAFF,
  'POST /api/v1/sla/calendars': MANAGERS,
  'PUT /api/v1/sla/calendars/{id}': MANAGERS,
  'DELETE /api/v1/sla/calendars/{id}': MANAGERS,
  'GET /api/v1/sla/policies': STAFF,
  'POST /api/v1/sla/policies': MANAGERS,
  'POST /api/v1/sla/policies/reorder': MANAGERS,
  'GET /api/v1/sla/policies/{id}': STAFF,
  'PUT /api/v1/sla/policies/{id}': MANAGERS,
  'DELETE /api/v1/sla/policies/{id}': MANAGERS,
  'GET /api/v1/search': 'public',
  'GET /api/v1/kb/suggest': 'public',
  'POST /api/v1/kb/suggest/events': 'public',
  'GET /api/v1/kb/suggest/stats': STAFF,
  'POST /api/v1/tickets/{id}/attachments': EVERYONE,
  'GET /api/v1/tickets/{id}/attachments': EVERYONE,
  'POST /api/v1/tickets/{id}/comments/{comment_id}/attachments': EVERYONE,
  'GET /api/v1/attachments/{id}': EVERYONE,
  'GET /api/v1/attachments/{id}/content': EVERYONE,
  'DELETE /api/v1/attachments/{id}': EVERYONE,
  'POST /api/v1/kb/articles/{id}/images': STAFF,
  'GET /api/v1/kb/images/{id}': 'public',
  'GET /api/v1/settings/attachments': MANAGERS,
  'PATCH /api/v1/settings/attachments': MANAGERS,
  'GET /api/v1/kb/categories': 'public',
  'POST /api/v1/kb/categories': STAFF,
  'POST /api/v1/kb/categories/reorder': STAFF,
  'GET /api/v1/kb/categories/{id}': 'public',
  'PATCH /api/v1/kb/categories/{id}': STAFF,
  'DELETE /api/v1/kb/categories/{id}': STAFF,
  'GET /api/v1/kb/articles': 'public',
  'POST /api/v1/kb/articles': STAFF,
  'GET /api/v1/kb/articles/{id}': 'public',
  'GET /api/v1/kb/articles/slug/{locale}/{slug}': 'public',
  'PATCH /api/v1/kb/articles/{id}': STAFF,
  'DELETE /api/v1/kb/articles/{id}': STAFF,
  'POST /api/v1/kb/articles/{id}/translations': STAFF,
  'GET /api/v1/kb/articles/{id}/translations': 'public',
  'GET /api/v1/kb/articles/{id}/versions': STAFF,
  'GET /api/v1/kb/articles/{id}/versions/{version}': STAFF,
  'GET /api/v1/kb/articles/{id}/versions/{version}/diff': STAFF,
  'POST /api/v1/kb/articles/{id}/ratings': 'public',
  'GET /api/v1/kb/articles/{id}/ratings': STAFF,
  'GET /api/v1/settings/email-addresses': MANAGERS,
  'POST /api/v1/settings/email-addresses': MANAGERS,
  'DELETE /api/v1/settings/email-addresses/{address}': MANAGERS,
  'GET /api/v1/settings/retention': MANAGERS,
  'PATCH /api/v1/settings/retention': MANAGERS,
  'GET /api/v1/notifications/preferences': EVERYONE,
  'PUT /api/v1/notifications/preferences': EVERYONE,
  'GET /api/v1/notifications/push-key': EVERYONE,
  'POST /api/v1/notifications/push-subscriptions': EVERYONE,
  'GET /api/v1/notifications/push-subscriptions': EVERYONE,
  'DELETE /api/v1/notifications/push-subscriptions/{id}': EVERYONE,
  'GET /api/v1/notifications/webhooks': MANAGERS,
  'POST /api/v1/notifications/webhooks': MANAGERS,
  'DELETE /api/v1/notifications/webhooks/{id}': MANAGERS,
  'GET /api/v1/notifications/dead-letters': MANAGERS,
  'POST /api/v1/notifications/dead-letters/{id}/replay': MANAGERS,
  'GET /api/v1/notifications/outbox': STAFF,
};

async function created<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as T;
}

/**
 * Fresh objects for one call, all visible to `caller`: a customer's own ticket,
 * the caller's own second session and token. So a refusal can only come from the role.
 */
async function targetsFor(tenant: TestTenant, owner: TestUser, caller: TestUser): Promise<Targets> {
  const requester = caller.role === 'customer' ? caller : await addUser(tenant, 'customer');
  const ticket = await created<{ id: number }>(
    await tenantCall(tenant, 'POST', '/api/v1/tickets', { token: requester.token, body: { subject: 'Matrix', description: 'A ticket.' } }),
  );
  const tag = await created<{ id: number }>(
    await tenantCall(tenant, 'POST', '/api/v1/tags', { token: owner.token, body: { name: `m-${ticket.id}` } }),
  );
  const token = await created<{ id: string }>(await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { token: caller.token, body: { name: 'matrix' } }));
  const invitation = await created<{ token: string }>(
    await tenantCall(tenant, 'POST', '/api/v1/invitations', { token: owner.token, body: { email: `m-${ticket.id}@x.test`, role: 'agent' } }),
  );
  return {
    ticketId: ticket.id,
    userId: (await addUser(tenant, 'customer')).id,
    tagId: tag.id,
    sessionId: (await createSession(tenant.db, caller.id, { ttlDays: 1 })).id,
    tokenId: token.id,
    invitationToken: invitation.token,
    loginEmail: caller.email,
    ...(await attachmentTargets(tenant, caller, owner, ticket.id)),
    ...(await kbTargets(tenant, owner)),
    ...(await slaTargets(tenant, owner)),
    ...(await notificationTargets(tenant, caller, owner)),
    ...(await inboundAddressTargets(tenant, owner)),
    ...(await macroTargets(tenant, owner)),
  };
}

function expectation(entry: CatalogueEntry, role: Role | 'anonymous'): 'allowed' | 401 | 403 {
  const allowed = ALLOWED[entry.operation];
  if (allowed === undefined) throw new Error(`${entry.operation} is missing from the permission matrix`);
  if (allowed === 'public') return 'allowed';
  if (role === 'anonymous') return 401;
  return allowed.includes(role) ? 'allowed' : 403;
}

describe('the permission matrix', () => {
  it('names every operation of the catalogue', () => {
    expect(CATALOGUE.map((e) => e.operation).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  // Every operation with fresh targets: minutes on a busy 2-core machine, far past the default 30 s.
  for (const role of [...EVERYONE, 'anonymous'] as const) {
    it(`answers a ${role} exactly as the matrix says, on every operation`, async () => {
      const tenant = await createTenant(`perm-${role}`);
      const owner = await addUser(tenant, 'owner');
      for (const entry of CATALOGUE) {
        const caller = role === 'anonymous' ? null : await addUser(tenant, role);
        const { path, body } = entry.request(await targetsFor(tenant, owner, caller ?? owner));
        const response = await tenantCall(tenant, methodOf(entry), path, { token: caller?.token, body });
        const expected = expectation(entry, role);
        const label = `${entry.operation} as ${role}: ${response.status} ${await response.clone().text()}`;
        if (expected === 'allowed') {
          expect(response.status, label).toBeLessThan(500);
          expect([401, 403, 404], label).not.toContain(response.status);
        } else {
          expect(response.status, label).toBe(expected);
        }
      }
    }, 240_000);
  }
});
