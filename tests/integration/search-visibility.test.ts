import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { addArticle, comment, ids, openTicket, search } from './search-fixtures';

// Who finds what: staff everything of their tenant; a customer their own tickets
// (never through an internal note) and public published articles; an anonymous
// visitor public published articles; nobody anything of another tenant.

let tenant: TestTenant;
let other: TestTenant;
let agent: TestUser;
let alice: TestUser;
let bob: TestUser;
let otherAgent: TestUser;
const t = {} as Record<'alice' | 'bob' | 'otherTenant', number>;
const a = {} as Record<'public' | 'draft' | 'internal' | 'archived', number>;

beforeAll(async () => {
  tenant = await createTenant('search-vis');
  other = await createTenant('search-vis-other');
  agent = await addUser(tenant, 'agent');
  alice = await addUser(tenant, 'customer');
  bob = await addUser(tenant, 'customer');
  otherAgent = await addUser(other, 'agent');
  t.alice = await openTicket(tenant, alice, 'Laptop battery drains', 'Battery empty by noon.');
  t.bob = await openTicket(tenant, bob, 'Laptop battery swollen', 'The case bulges.');
  await comment(tenant, agent, t.alice, 'Internal: suspect firmware zebracode issue.', false);
  await comment(tenant, agent, t.alice, 'Please update the BIOS.', true);
  t.otherTenant = await openTicket(other, await addUser(other, 'customer'), 'Laptop battery drains', 'Same words, other tenant.');
  a.public = await addArticle(tenant, agent, { title: 'Battery care', body: 'Keep the laptop battery between 20 and 80 percent.' });
  a.draft = await addArticle(tenant, agent, { title: 'Battery recall draft', body: 'Unannounced laptop battery recall.', status: 'draft' });
  a.internal = await addArticle(tenant, agent, { title: 'Battery RMA process', body: 'Internal laptop battery returns.', visibility: 'internal' });
  a.archived = await addArticle(tenant, agent, { title: 'Old battery guide', body: 'Laptop battery tips from 2010.', status: 'archived' });
});

const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);

describe('ticket search visibility', () => {
  it('shows staff every ticket of their tenant, internal notes included', async () => {
    expect(sorted(ids(await search(tenant, { q: 'laptop battery', type: 'tickets' }, agent)))).toEqual(sorted([t.alice, t.bob]));
    expect(ids(await search(tenant, { q: 'zebracode', type: 'tickets' }, agent))).toEqual([t.alice]);
  });

  it('shows a customer only their own tickets', async () => {
    expect(ids(await search(tenant, { q: 'laptop battery', type: 'tickets' }, alice))).toEqual([t.alice]);
    expect(ids(await search(tenant, { q: 'swollen', type: 'tickets' }, alice))).toEqual([]);
  });

  it('never lets a customer match an internal note, even on their own ticket', async () => {
    const body = await search(tenant, { q: 'zebracode', type: 'tickets' }, alice);
    expect(body.items).toEqual([]);
    expect(body.corrected_query).toBeNull();
    const bios = await search(tenant, { q: 'bios', type: 'tickets' }, alice);
    expect(ids(bios)).toEqual([t.alice]);
    expect(JSON.stringify(bios)).not.toContain('zebracode');
  });

  it('does not reveal another customer\u2019s words through a spelling correction', async () => {
    const body = await search(tenant, { q: 'swolen', type: 'tickets' }, alice);
    expect(body).toEqual({ items: [], next_cursor: null, corrected_query: null });
  });

  it('asks anonymous callers to sign in for tickets', async () => {
    const response = await tenantCall(tenant, 'GET', '/api/v1/search?q=battery&type=tickets');
    expect(response.status).toBe(401);
  });

  it('keeps tenants apart', async () => {
    expect(ids(await search(other, { q: 'laptop battery', type: 'tickets' }, otherAgent))).toEqual([t.otherTenant]);
    expect(ids(await search(other, { q: 'laptop battery', type: 'articles' }, otherAgent))).toEqual([]);
    // A token of one tenant is nobody on another tenant's host.
    const response = await tenantCall(other, 'GET', '/api/v1/search?q=battery&type=tickets', { token: agent.token });
    expect(response.status).toBe(401);
  });

  it('filters by status and assignee', async () => {
    await tenantCall(tenant, 'PATCH', `/api/v1/tickets/${t.bob}`, { token: agent.token, body: { status: 'pending' } });
    expect(ids(await search(tenant, { q: 'battery', type: 'tickets', status: 'pending' }, agent))).toEqual([t.bob]);
    expect(sorted(ids(await search(tenant, { q: 'battery', type: 'tickets', assignee: 'none' }, agent)))).toEqual(sorted([t.alice, t.bob]));
    expect(ids(await search(tenant, { q: 'battery', type: 'tickets', assignee: String(agent.id) }, agent))).toEqual([]);
  });
});

describe('article search visibility', () => {
  it('shows anonymous visitors and customers only published public articles', async () => {
    expect(ids(await search(tenant, { q: 'laptop battery', type: 'articles' }))).toEqual([a.public]);
    expect(ids(await search(tenant, { q: 'laptop battery', type: 'articles' }, alice))).toEqual([a.public]);
    expect(ids(await search(tenant, { q: 'recall', type: 'articles' }, alice))).toEqual([]);
  });

  it('shows staff drafts, internal and archived articles, filterable by status', async () => {
    expect(sorted(ids(await search(tenant, { q: 'laptop battery', type: 'articles' }, agent)))).toEqual(sorted(Object.values(a)));
    expect(ids(await search(tenant, { q: 'laptop battery', type: 'articles', status: 'draft' }, agent))).toEqual([a.draft]);
  });

  it('ignores a customer\u2019s status filter instead of widening what they see', async () => {
    expect(ids(await search(tenant, { q: 'battery', type: 'articles', status: 'draft' }, alice))).toEqual([a.public]);
  });

  it('refuses filters of the other type', async () => {
    for (const query of ['type=articles&assignee=none', 'type=tickets&locale=en', 'type=tickets&status=draft', 'type=articles&status=open']) {
      const response = await tenantCall(tenant, 'GET', `/api/v1/search?q=battery&${query}`, { token: agent.token });
      expect(response.status, query).toBe(400);
    }
  });
});
