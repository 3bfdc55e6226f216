import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../../worker/db/tenant/attachments';
import { auditLogs } from '../../worker/db/tenant/audit';
import { PNG, upload, uploaded } from './attachment-fixtures';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';
import { editArticle, json, makeCategory, writeArticle, type ArticleJson } from './kb-fixtures';

let tenant: TestTenant;
let agent: TestUser;
let admin: TestUser;
let customer: TestUser;

beforeAll(async () => {
  tenant = await createTenant('kb-art');
  agent = await addUser(tenant, 'agent', 'Anna');
  admin = await addUser(tenant, 'admin');
  customer = await addUser(tenant, 'customer');
});

const read = (id: number, token?: string) => tenantCall(tenant, 'GET', `/api/v1/kb/articles/${id}`, { token });
type Page = { items: ArticleJson[]; next_cursor: string | null };

describe('writing articles', () => {
  it('creates an article as version 1, rendered to HTML, with a slug made from the title', async () => {
    const article = await writeArticle(tenant, agent, { title: 'Printer is Offline!', body_markdown: '# Steps\n\nTurn it **off**.', tags: ['printing', 'hardware'], status: 'draft' });
    expect(article).toMatchObject({ slug: 'printer-is-offline', locale: 'en', version: 1, status: 'draft', visibility: 'public', published_at: null, author: { id: agent.id, name: 'Anna' } });
    expect(article.body_html).toBe('<h1>Steps</h1>\n<p>Turn it <strong>off</strong>.</p>\n');
    expect(article.tags).toEqual(['hardware', 'printing']);
  });

  it('stores sanitised HTML whatever the Markdown carries', async () => {
    const article = await writeArticle(tenant, agent, {
      body_markdown: '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src="x" onerror="alert(1)"> <iframe src="https://evil.test"></iframe>\n\n<p style="color:red">red</p>\n\n[ok](https://example.test)',
    });
    expect(article.body_html).not.toMatch(/<script|javascript:|onerror|<iframe|style=/);
    expect(article.body_html).toContain('<a href="https://example.test" rel="noopener noreferrer">ok</a>');
  });

  it('keeps slugs unique per locale: the same slug in another locale is fine', async () => {
    await writeArticle(tenant, agent, { slug: 'vpn-setup' });
    await writeArticle(tenant, agent, { slug: 'vpn-setup', locale: 'ru', title: 'Настройка VPN' });
    const clash = await tenantCall(tenant, 'POST', '/api/v1/kb/articles', { token: agent.token, body: { slug: 'vpn-setup', locale: 'en', title: 'Again', body_markdown: 'x' } });
    expect(clash.status).toBe(409);
    expect((await problem(clash)).errors?.[0]?.field).toBe('slug');
  });

  it('makes Russian slugs from Russian titles', async () => {
    expect((await writeArticle(tenant, agent, { locale: 'ru', title: 'Принтер не печатает' })).slug).toBe('принтер-не-печатает');
  });

  it('refuses bad input with 422 naming each field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ locale: 'de' }, 'locale'],
      [{ status: 'live' }, 'status'],
      [{ visibility: 'secret' }, 'visibility'],
      [{ slug: 'Bad Slug' }, 'slug'],
      [{ title: '' }, 'title'],
      [{ tags: ['Not OK'] }, 'tags.0'],
      [{ category_id: 999999 }, 'category_id'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [fields, field] of cases) {
      const body = { title: 'T', locale: 'en', body_markdown: 'b', ...fields };
      const response = await tenantCall(tenant, 'POST', '/api/v1/kb/articles', { token: agent.token, body });
      expect(response.status, field).toBe(422);
      expect((await problem(response)).errors?.map((e) => e.field), field).toContain(field);
    }
  });

  it('writes the article, its version, its tags and the audit row together', async () => {
    const response = await tenantCall(tenant, 'POST', '/api/v1/kb/articles', { token: agent.token, body: { title: 'Audited', locale: 'en', body_markdown: 'x' } });
    const article = await json<ArticleJson>(response, 201);
    const rows = await tenant.db.select().from(auditLogs).where(eq(auditLogs.requestId, response.headers.get('x-request-id') ?? '')).all();
    expect(rows.map((r) => [r.action, r.targetId])).toEqual([['kb_article.create', String(article.id)]]);
  });

  it('lets only staff write', async () => {
    const body = { title: 'T', locale: 'en', body_markdown: 'b' };
    expect((await tenantCall(tenant, 'POST', '/api/v1/kb/articles', { token: customer.token, body })).status).toBe(403);
    expect((await tenantCall(tenant, 'POST', '/api/v1/kb/articles', { body })).status).toBe(401);
    const article = await writeArticle(tenant, agent);
    expect((await tenantCall(tenant, 'PATCH', `/api/v1/kb/articles/${article.id}`, { token: customer.token, body: { title: 'Mine' } })).status).toBe(403);
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/kb/articles/${article.id}`, { token: customer.token })).status).toBe(403);
  });

  it('deletes an article with its history', async () => {
    const article = await writeArticle(tenant, agent);
    await editArticle(tenant, agent, article.id, { title: 'Second' });
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/kb/articles/${article.id}`, { token: admin.token })).status).toBe(204);
    expect((await read(article.id, agent.token)).status).toBe(404);
    expect((await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions`, { token: agent.token })).status).toBe(404);
  });
});

describe('deleting an article with images', () => {
  it('deletes the images with it, rows and stored files', async () => {
    const article = await writeArticle(tenant, agent);
    const image = await uploaded(upload(tenant, `/api/v1/kb/articles/${article.id}/images`, PNG, { token: agent.token }));
    const key = (await tenant.db.select().from(attachments).where(eq(attachments.id, image.id)).get())?.r2Key ?? '';
    expect(await env.ATTACHMENTS.head(key)).not.toBeNull();
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/kb/articles/${article.id}`, { token: agent.token })).status).toBe(204);
    expect(await tenant.db.select().from(attachments).where(eq(attachments.articleId, article.id)).all()).toEqual([]);
    expect(await env.ATTACHMENTS.head(key)).toBeNull();
  });
});

describe('the publishing flow', () => {
  it('hides a draft from customers and visitors, shows it once published, hides it again when archived', async () => {
    const article = await writeArticle(tenant, agent, { status: 'draft' });
    expect((await read(article.id)).status).toBe(404);
    expect((await read(article.id, customer.token)).status).toBe(404);
    expect((await read(article.id, agent.token)).status).toBe(200);

    const published = await editArticle(tenant, agent, article.id, { status: 'published' });
    expect(published.published_at).not.toBeNull();
    expect((await read(article.id)).status).toBe(200);
    expect((await read(article.id, customer.token)).status).toBe(200);

    const archived = await editArticle(tenant, agent, article.id, { status: 'archived' });
    expect(archived.published_at).toBe(published.published_at);
    expect((await read(article.id)).status).toBe(404);
  });

  it('keeps internal articles for staff, even when published', async () => {
    const article = await writeArticle(tenant, agent, { visibility: 'internal' });
    expect((await read(article.id)).status).toBe(404);
    expect((await read(article.id, customer.token)).status).toBe(404);
    const staff = await read(article.id, agent.token);
    expect(staff.status).toBe(200);
    expect(staff.headers.get('cache-control')).toBe('private, no-store');
    expect(staff.headers.get('etag')).toBeNull();
  });

  it('reads a published article by locale and slug', async () => {
    const article = await writeArticle(tenant, agent, { locale: 'ru', title: 'Сброс пароля' });
    const response = await tenantCall(tenant, 'GET', `/api/v1/kb/articles/slug/ru/${encodeURIComponent(article.slug)}`);
    expect((await json<ArticleJson>(response, 200)).id).toBe(article.id);
    expect((await tenantCall(tenant, 'GET', `/api/v1/kb/articles/slug/en/${encodeURIComponent(article.slug)}`)).status).toBe(404);
  });
});

describe('listing articles', () => {
  it('shows visitors only published public articles, staff all, with filters', async () => {
    const category = await makeCategory(tenant, agent);
    const published = await writeArticle(tenant, agent, { category_id: category.id, tags: ['wifi'] });
    const draft = await writeArticle(tenant, agent, { category_id: category.id, status: 'draft' });
    const internal = await writeArticle(tenant, agent, { category_id: category.id, visibility: 'internal' });
    const list = async (query: string, token?: string) =>
      (await json<Page>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles?category=${category.id}${query}`, { token }), 200)).items.map((a) => a.id);
    expect(await list('')).toEqual([published.id]);
    expect(await list('', customer.token)).toEqual([published.id]);
    expect(await list('', agent.token)).toEqual([internal.id, draft.id, published.id]);
    expect(await list('&status=draft', agent.token)).toEqual([draft.id]);
    expect(await list('&visibility=internal', agent.token)).toEqual([internal.id]);
    expect(await list('&tag=wifi', agent.token)).toEqual([published.id]);
    expect(await list('&status=draft')).toEqual([]);
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const category = await makeCategory(tenant, agent);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await writeArticle(tenant, agent, { category_id: category.id })).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await json<Page>(
        await tenantCall(tenant, 'GET', `/api/v1/kb/articles?category=${category.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        200,
      );
      seen.push(...page.items.map((a) => a.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const forged = await tenantCall(tenant, 'GET', '/api/v1/kb/articles?cursor=bm9wZQ');
    expect(forged.status).toBe(400);
    expect((await problem(forged)).errors?.[0]?.field).toBe('cursor');
  });
});
