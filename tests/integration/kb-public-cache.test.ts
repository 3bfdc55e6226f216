import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { kbArticles } from '../../worker/db/tenant/kb';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';
import { editArticle, json, writeArticle, type ArticleJson } from './kb-fixtures';

let tenant: TestTenant;
let agent: TestUser;

beforeAll(async () => {
  tenant = await createTenant('kb-cache');
  agent = await addUser(tenant, 'agent');
});

const anonymousRead = (path: string, headers: Record<string, string> = {}) => tenantCall(tenant, 'GET', path, { headers });

describe('public articles without signing in', () => {
  it('answers with a weak ETag and a public Cache-Control', async () => {
    const article = await writeArticle(tenant, agent);
    const response = await anonymousRead(`/api/v1/kb/articles/${article.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`W/"kb-${article.id}-1"`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 304 when If-None-Match names the current version, 200 once it changed', async () => {
    const article = await writeArticle(tenant, agent);
    const first = await anonymousRead(`/api/v1/kb/articles/${article.id}`);
    const etag = first.headers.get('etag') ?? '';
    const again = await anonymousRead(`/api/v1/kb/articles/${article.id}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const bySlug = await anonymousRead(`/api/v1/kb/articles/slug/en/${article.slug}`, { 'if-none-match': etag });
    expect(bySlug.status).toBe(304);
    await editArticle(tenant, agent, article.id, { summary: 'changed' });
    const changed = await anonymousRead(`/api/v1/kb/articles/${article.id}`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(`W/"kb-${article.id}-2"`);
  });

  it('serves a public article from the Cache API', async () => {
    const article = await writeArticle(tenant, agent, { title: 'Cached title' });
    await anonymousRead(`/api/v1/kb/articles/${article.id}`);
    // Behind the API's back, so nothing purges: only a cached answer can still say the old title.
    await tenant.db.update(kbArticles).set({ title: 'Changed in the database' }).where(eq(kbArticles.id, article.id));
    expect((await json<ArticleJson>(await anonymousRead(`/api/v1/kb/articles/${article.id}`), 200)).title).toBe('Cached title');
  });

  it('shows an edit at once: the cached answer is purged on every write, by id and by slug', async () => {
    const article = await writeArticle(tenant, agent, { title: 'Old title' });
    await anonymousRead(`/api/v1/kb/articles/${article.id}`);
    await anonymousRead(`/api/v1/kb/articles/slug/en/${article.slug}`);
    expect((await json<ArticleJson>(await anonymousRead(`/api/v1/kb/articles/${article.id}`), 200)).title).toBe('Old title');
    await editArticle(tenant, agent, article.id, { title: 'New title' });
    expect((await json<ArticleJson>(await anonymousRead(`/api/v1/kb/articles/${article.id}`), 200)).title).toBe('New title');
    expect((await json<ArticleJson>(await anonymousRead(`/api/v1/kb/articles/slug/en/${article.slug}`), 200)).title).toBe('New title');
  });

  it('stops serving an article from the cache once it is unpublished or renamed', async () => {
    const article = await writeArticle(tenant, agent);
    await anonymousRead(`/api/v1/kb/articles/slug/en/${article.slug}`);
    await editArticle(tenant, agent, article.id, { slug: `${article.slug}-moved` });
    expect((await anonymousRead(`/api/v1/kb/articles/slug/en/${article.slug}`)).status).toBe(404);
    await anonymousRead(`/api/v1/kb/articles/${article.id}`);
    await editArticle(tenant, agent, article.id, { status: 'draft' });
    expect((await anonymousRead(`/api/v1/kb/articles/${article.id}`)).status).toBe(404);
  });

  it('keeps one tenant\u2019s cached article from another tenant with the same id', async () => {
    const other = await createTenant('kb-cache-other');
    const otherAgent = await addUser(other, 'agent');
    const mine = await writeArticle(tenant, agent, { title: 'Mine' });
    await anonymousRead(`/api/v1/kb/articles/${mine.id}`);
    const theirs = await writeArticle(other, otherAgent, { title: 'Theirs', status: 'draft' });
    const read = await tenantCall(other, 'GET', `/api/v1/kb/articles/${mine.id}`);
    if (theirs.id === mine.id) expect(read.status).toBe(404);
    expect(await read.text()).not.toContain('Mine');
  });

  it('counts views of visitors, cached or not, but not of staff', async () => {
    const article = await writeArticle(tenant, agent);
    for (let i = 0; i < 3; i++) await anonymousRead(`/api/v1/kb/articles/${article.id}`);
    await anonymousRead(`/api/v1/kb/articles/slug/en/${article.slug}`);
    await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}`, { token: agent.token });
    const list = await json<{ items: ArticleJson[] }>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles?limit=100`, { token: agent.token }), 200);
    expect(list.items.find((a) => a.id === article.id)?.view_count).toBe(4);
  });
});
