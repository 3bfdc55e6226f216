import { describe, expect, it } from 'vitest';
import { DEMO_ARTICLES, seedKnowledgeBase, type KbSeedCall } from '../../scripts/demo-articles';
import { addUser, createTenant, tenantCall } from './harness';
import { json, type ArticleJson } from './kb-fixtures';

// The demo seed writes its knowledge base through the API: the same function,
// run here against the worker, must be accepted and leave bilingual articles.

describe('the demo knowledge base', () => {
  it('is accepted by the API and readable without signing in, in English and in Russian', async () => {
    const tenant = await createTenant('kb-demo');
    const agent = await addUser(tenant, 'agent');
    const call: KbSeedCall = async (method, path, { token, body }) => {
      const response = await tenantCall(tenant, method, `/api/v1${path}`, { token, body });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    expect(await seedKnowledgeBase(call, agent.token)).toEqual({ articles: DEMO_ARTICLES.length * 2 });
    const page = await json<{ items: ArticleJson[] }>(await tenantCall(tenant, 'GET', '/api/v1/kb/articles?limit=100'), 200);
    expect(page.items.filter((a) => a.locale === 'en')).toHaveLength(DEMO_ARTICLES.length);
    expect(page.items.filter((a) => a.locale === 'ru')).toHaveLength(DEMO_ARTICLES.length);
    expect(page.items.map((a) => a.title)).toContain('Принтер не печатает или не в сети');
    const groups = new Set(page.items.map((a) => a.translation_group));
    expect(groups.size).toBe(DEMO_ARTICLES.length);
  });
});
