import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';
import { json, makeCategory, writeArticle, type CategoryJson } from './kb-fixtures';

let tenant: TestTenant;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  tenant = await createTenant('kb-cat');
  agent = await addUser(tenant, 'agent');
  customer = await addUser(tenant, 'customer');
});

const tree = async (token?: string) =>
  (await json<{ items: CategoryJson[] }>(await tenantCall(tenant, 'GET', '/api/v1/kb/categories', { token }), 200)).items;

describe('knowledge-base categories', () => {
  it('creates categories as the last child of their parent and lists the tree depth first', async () => {
    const root = await makeCategory(tenant, agent, { names: { en: 'Printing', ru: 'Печать' } });
    const first = await makeCategory(tenant, agent, { parent_id: root.id });
    const second = await makeCategory(tenant, agent, { parent_id: root.id });
    const grandchild = await makeCategory(tenant, agent, { parent_id: first.id });
    expect([first.position, second.position]).toEqual([0, 1]);
    expect(grandchild.depth).toBe(2);
    const ids = (await tree(agent.token)).map((c) => c.id);
    expect(ids.indexOf(root.id)).toBeLessThan(ids.indexOf(first.id));
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(grandchild.id));
    expect(ids.indexOf(grandchild.id)).toBeLessThan(ids.indexOf(second.id));
    expect((await tree()).find((c) => c.id === root.id)?.names).toEqual({ en: 'Printing', ru: 'Печать' });
  });

  it('reorders the children of a parent, and refuses a list that is not exactly them', async () => {
    const root = await makeCategory(tenant, agent);
    const [a, b, c] = [await makeCategory(tenant, agent, { parent_id: root.id }), await makeCategory(tenant, agent, { parent_id: root.id }), await makeCategory(tenant, agent, { parent_id: root.id })];
    const reordered = await json<{ items: CategoryJson[] }>(
      await tenantCall(tenant, 'POST', '/api/v1/kb/categories/reorder', { token: agent.token, body: { parent_id: root.id, ids: [c!.id, a!.id, b!.id] } }),
      200,
    );
    const children = reordered.items.filter((x) => x.parent_id === root.id);
    expect(children.map((x) => [x.id, x.position])).toEqual([
      [c!.id, 0],
      [a!.id, 1],
      [b!.id, 2],
    ]);
    const partial = await tenantCall(tenant, 'POST', '/api/v1/kb/categories/reorder', { token: agent.token, body: { parent_id: root.id, ids: [a!.id, b!.id] } });
    expect(partial.status).toBe(422);
    expect((await problem(partial)).errors?.[0]?.field).toBe('ids');
  });

  it('moves a category to another parent, but never under itself', async () => {
    const top = await makeCategory(tenant, agent);
    const child = await makeCategory(tenant, agent, { parent_id: top.id });
    const elsewhere = await makeCategory(tenant, agent);
    const moved = await json<CategoryJson>(
      await tenantCall(tenant, 'PATCH', `/api/v1/kb/categories/${child.id}`, { token: agent.token, body: { parent_id: elsewhere.id } }),
      200,
    );
    expect(moved.parent_id).toBe(elsewhere.id);
    const cycle = await tenantCall(tenant, 'PATCH', `/api/v1/kb/categories/${elsewhere.id}`, { token: agent.token, body: { parent_id: child.id } });
    expect(cycle.status).toBe(422);
    expect((await problem(cycle)).errors?.[0]?.field).toBe('parent_id');
  });

  it('renames a category and records the change in the audit log', async () => {
    const category = await makeCategory(tenant, agent);
    const response = await tenantCall(tenant, 'PATCH', `/api/v1/kb/categories/${category.id}`, { token: agent.token, body: { names: { ru: 'Сеть' } } });
    expect((await json<CategoryJson>(response, 200)).names).toEqual({ ru: 'Сеть' });
    const rows = await tenant.db.select().from(auditLogs).where(eq(auditLogs.requestId, response.headers.get('x-request-id') ?? '')).all();
    expect(rows.map((r) => r.action)).toEqual(['kb_category.update']);
  });

  it('refuses a taken slug (409) and a bad one (422), naming the field', async () => {
    const category = await makeCategory(tenant, agent);
    const taken = await tenantCall(tenant, 'POST', '/api/v1/kb/categories', { token: agent.token, body: { slug: category.slug, names: { en: 'x' } } });
    expect(taken.status).toBe(409);
    expect((await problem(taken)).errors?.[0]?.field).toBe('slug');
    const bad = await tenantCall(tenant, 'POST', '/api/v1/kb/categories', { token: agent.token, body: { slug: 'Not A Slug', names: {} } });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(['names', 'slug']);
  });

  it('deletes only an empty category', async () => {
    const category = await makeCategory(tenant, agent);
    await writeArticle(tenant, agent, { category_id: category.id });
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/kb/categories/${category.id}`, { token: agent.token })).status).toBe(409);
    const empty = await makeCategory(tenant, agent);
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/kb/categories/${empty.id}`, { token: agent.token })).status).toBe(204);
    expect((await tenantCall(tenant, 'GET', `/api/v1/kb/categories/${empty.id}`)).status).toBe(404);
  });

  it('shows internal categories (and what is under them) to staff only', async () => {
    const internal = await makeCategory(tenant, agent, { visibility: 'internal' });
    const under = await makeCategory(tenant, agent, { parent_id: internal.id });
    for (const token of [undefined, customer.token]) {
      const ids = (await tree(token)).map((c) => c.id);
      expect(ids).not.toContain(internal.id);
      expect(ids).not.toContain(under.id);
      expect((await tenantCall(tenant, 'GET', `/api/v1/kb/categories/${internal.id}`, { token })).status).toBe(404);
    }
    expect((await tree(agent.token)).map((c) => c.id)).toContain(internal.id);
  });

  it('lets customers and visitors read but not write', async () => {
    const body = { slug: 'from-customer', names: { en: 'x' } };
    expect((await tenantCall(tenant, 'POST', '/api/v1/kb/categories', { token: customer.token, body })).status).toBe(403);
    expect((await tenantCall(tenant, 'POST', '/api/v1/kb/categories', { body })).status).toBe(401);
  });
});
