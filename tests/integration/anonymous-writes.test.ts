import { describe, expect, it } from 'vitest';
import { addUser, createTenant, problem, tenantCall, type TestTenant } from './harness';
import { json, writeArticle } from './kb-fixtures';
import { roomInWindow } from './rate-limit-window';
import { rawDb, snapshotDatabase } from './snapshot';

// Signed-out writes (sign-up, ratings, suggestion counts) share one limit per tenant
// and client address: 30 a minute (wrangler.toml ANONYMOUS_WRITE_LIMITER), against the
// real Rate Limiting simulator.

const LIMIT = 30;

const countShown = (tenant: TestTenant, articleId: number, ip: string, token?: string) =>
  tenantCall(tenant, 'POST', '/api/v1/kb/suggest/events', {
    token,
    body: { event: 'shown', article_ids: [articleId] },
    headers: { 'cf-connecting-ip': ip },
  });

describe('signed-out writes', () => {
  it('are refused with 429 and Retry-After once an address has used its minute, changing nothing', async () => {
    const tenant = await createTenant('anon-limit');
    const agent = await addUser(tenant, 'agent');
    const article = await writeArticle(tenant, agent);
    await roomInWindow();
    for (let i = 0; i < LIMIT; i++) expect((await countShown(tenant, article.id, '198.51.100.9')).status).toBe(200);

    const before = await snapshotDatabase(rawDb(tenant));
    for (const refused of [
      await countShown(tenant, article.id, '198.51.100.9'),
      await tenantCall(tenant, 'POST', `/api/v1/kb/articles/${article.id}/ratings`, {
        body: { helpful: true },
        headers: { 'cf-connecting-ip': '198.51.100.9' },
      }),
      await tenantCall(tenant, 'POST', '/api/v1/auth/signup', {
        body: { email: 'late@example.com', name: 'Late', password: 'a long enough password' },
        headers: { 'cf-connecting-ip': '198.51.100.9' },
      }),
    ]) {
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect((await problem(refused)).detail).toMatch(/Too many requests/);
    }
    expect(await snapshotDatabase(rawDb(tenant))).toEqual(before);

    // Another address, a signed-in caller, and the same address at another tenant still pass.
    expect((await countShown(tenant, article.id, '198.51.100.10')).status).toBe(200);
    expect((await countShown(tenant, article.id, '198.51.100.9', agent.token)).status).toBe(200);
    const other = await createTenant('anon-other');
    const otherArticle = await writeArticle(other, await addUser(other, 'agent'));
    await json(await countShown(other, otherArticle.id, '198.51.100.9'), 200);
  });
});
