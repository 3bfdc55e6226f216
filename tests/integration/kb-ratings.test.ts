import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { json, writeArticle, type ArticleJson } from './kb-fixtures';

let tenant: TestTenant;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  tenant = await createTenant('kb-rate');
  agent = await addUser(tenant, 'agent');
  customer = await addUser(tenant, 'customer');
});

type Result = { helpful_count: number; not_helpful_count: number; your_rating: { helpful: boolean; comment: string | null } };

const rate = (id: number, body: unknown, options: { token?: string; visitor?: string } = {}) =>
  tenantCall(tenant, 'POST', `/api/v1/kb/articles/${id}/ratings`, {
    token: options.token,
    body,
    headers: options.visitor ? { cookie: `wnp_visitor=${options.visitor}` } : {},
  });

const visitorOf = (response: Response): string => {
  const match = /wnp_visitor=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
  if (!match?.[1]) throw new Error('no visitor cookie was set');
  return match[1];
};

describe('rating articles', () => {
  it('gives an anonymous visitor a cookie and counts one rating per visitor, changed on re-rating', async () => {
    const article = await writeArticle(tenant, agent);
    const first = await rate(article.id, { helpful: true });
    const visitor = visitorOf(first);
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect((await json<Result>(first, 200)).helpful_count).toBe(1);
    const again = await json<Result>(await rate(article.id, { helpful: true }, { visitor }), 200);
    expect([again.helpful_count, again.not_helpful_count]).toEqual([1, 0]);
    const changed = await json<Result>(await rate(article.id, { helpful: false, comment: 'Still offline' }, { visitor }), 200);
    expect([changed.helpful_count, changed.not_helpful_count]).toEqual([0, 1]);
    const other = await json<Result>(await rate(article.id, { helpful: true }), 200);
    expect([other.helpful_count, other.not_helpful_count]).toEqual([1, 1]);
  });

  it('counts one rating per signed-in user, whatever cookie they carry', async () => {
    const article = await writeArticle(tenant, agent);
    await json<Result>(await rate(article.id, { helpful: true }, { token: customer.token, visitor: 'a'.repeat(24) }), 200);
    const second = await json<Result>(await rate(article.id, { helpful: true }, { token: customer.token, visitor: 'b'.repeat(24) }), 200);
    expect(second.helpful_count).toBe(1);
    const byAgent = await json<Result>(await rate(article.id, { helpful: false }, { token: agent.token }), 200);
    expect([byAgent.helpful_count, byAgent.not_helpful_count]).toEqual([1, 1]);
  });

  it('shows the counts on the article, at once', async () => {
    const article = await writeArticle(tenant, agent);
    await json<ArticleJson>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}`), 200);
    await rate(article.id, { helpful: false });
    const read = await json<ArticleJson>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}`), 200);
    expect([read.helpful_count, read.not_helpful_count]).toEqual([0, 1]);
  });

  it('lets staff read the comments; not customers', async () => {
    const article = await writeArticle(tenant, agent);
    await rate(article.id, { helpful: false, comment: 'Step 3 is unclear' });
    const page = await json<{ items: { helpful: boolean; comment: string; by: string }[] }>(
      await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/ratings`, { token: agent.token }),
      200,
    );
    expect(page.items).toMatchObject([{ helpful: false, comment: 'Step 3 is unclear', by: 'visitor' }]);
    expect((await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/ratings`, { token: customer.token })).status).toBe(403);
  });

  it('cannot rate what the caller cannot read', async () => {
    const draft = await writeArticle(tenant, agent, { status: 'draft' });
    expect((await rate(draft.id, { helpful: true })).status).toBe(404);
    expect((await rate(draft.id, { helpful: true }, { token: customer.token })).status).toBe(404);
  });

  it('refuses a rating without a yes or no', async () => {
    const article = await writeArticle(tenant, agent);
    const response = await rate(article.id, { helpful: 'very' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('helpful');
  });
});
