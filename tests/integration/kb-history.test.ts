import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';
import { editArticle, json, writeArticle, type ArticleJson } from './kb-fixtures';

let tenant: TestTenant;
let anna: TestUser;
let boris: TestUser;
let customer: TestUser;

beforeAll(async () => {
  tenant = await createTenant('kb-hist');
  anna = await addUser(tenant, 'agent', 'Anna');
  boris = await addUser(tenant, 'admin', 'Boris');
  customer = await addUser(tenant, 'customer');
});

interface Version {
  version: number;
  title: string;
  body_markdown: string;
  author: { id: number; name: string };
}

describe('version history', () => {
  it('keeps every save as a version with its author, newest first', async () => {
    const article = await writeArticle(tenant, anna, { title: 'Printer', body_markdown: 'Turn it off.\nWait.\nTurn it on.' });
    const second = await editArticle(tenant, boris, article.id, { body_markdown: 'Turn it off.\nWait ten seconds.\nTurn it on.' });
    const third = await editArticle(tenant, anna, article.id, { status: 'archived' });
    expect([second.version, third.version]).toEqual([2, 3]);
    const page = await json<{ items: Version[] }>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions`, { token: anna.token }), 200);
    expect(page.items.map((v) => [v.version, v.author.name])).toEqual([
      [3, 'Anna'],
      [2, 'Boris'],
      [1, 'Anna'],
    ]);
    const one = await json<Version>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions/1`, { token: anna.token }), 200);
    expect(one.body_markdown).toBe('Turn it off.\nWait.\nTurn it on.');
  });

  it('pages versions with a cursor', async () => {
    const article = await writeArticle(tenant, anna);
    for (let i = 0; i < 3; i++) await editArticle(tenant, anna, article.id, { summary: `s${i}` });
    const first = await json<{ items: Version[]; next_cursor: string }>(
      await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions?limit=3`, { token: anna.token }),
      200,
    );
    const rest = await json<{ items: Version[]; next_cursor: null }>(
      await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions?limit=3&cursor=${first.next_cursor}`, { token: anna.token }),
      200,
    );
    expect([...first.items, ...rest.items].map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(rest.next_cursor).toBeNull();
  });

  it('diffs a version against the one before it, or any other', async () => {
    const article = await writeArticle(tenant, anna, { title: 'Printer', slug: 'printer-diff', body_markdown: 'Turn it off.\nWait.\nTurn it on.' });
    await editArticle(tenant, anna, article.id, { title: 'Printer offline', body_markdown: 'Turn it off.\nWait ten seconds.\nTurn it on.' });
    await editArticle(tenant, anna, article.id, { body_markdown: 'Turn it off.\nWait ten seconds.\nTurn it on.\nPrint a test page.' });
    type Diff = { from_version: number; to_version: number; diff: string };
    const diff = await json<Diff>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions/2/diff`, { token: anna.token }), 200);
    expect([diff.from_version, diff.to_version]).toEqual([1, 2]);
    expect(diff.diff).toContain('-title: Printer\n+title: Printer offline');
    expect(diff.diff).toContain('-Wait.\n+Wait ten seconds.');
    const across = await json<Diff>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions/3/diff?against=1`, { token: anna.token }), 200);
    expect(across.diff).toContain('+Print a test page.');
    expect(across.diff).toContain('-Wait.');
    const first = await json<Diff>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions/1/diff`, { token: anna.token }), 200);
    expect(first.from_version).toBe(0);
    expect(first.diff).toContain('+Turn it off.');
    expect((await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions/9/diff`, { token: anna.token })).status).toBe(404);
  });

  it('keeps the history from customers, even of a public article', async () => {
    const article = await writeArticle(tenant, anna);
    expect((await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions`, { token: customer.token })).status).toBe(403);
    expect((await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${article.id}/versions/1/diff`)).status).toBe(401);
  });

  it('refuses a save made on a version that is no longer the latest', async () => {
    const article = await writeArticle(tenant, anna);
    await editArticle(tenant, boris, article.id, { title: 'Boris was first', version: 1 });
    const late = await tenantCall(tenant, 'PATCH', `/api/v1/kb/articles/${article.id}`, { token: anna.token, body: { title: 'Anna', version: 1 } });
    expect(late.status).toBe(409);
    expect((await problem(late)).errors?.[0]?.field).toBe('version');
  });
});

describe('translations', () => {
  it('links a translation to its original, and lists each from the other', async () => {
    const en = await writeArticle(tenant, anna, { title: 'Reset your password', tags: ['account'] });
    const ru = await json<ArticleJson>(
      await tenantCall(tenant, 'POST', `/api/v1/kb/articles/${en.id}/translations`, {
        token: anna.token,
        body: { locale: 'ru', title: 'Сброс пароля', body_markdown: 'Нажмите «Забыли пароль».', status: 'published' },
      }),
      201,
    );
    expect(ru).toMatchObject({ locale: 'ru', translation_group: en.translation_group, slug: 'сброс-пароля', tags: ['account'], version: 1 });
    const fromEn = await json<{ items: ArticleJson[] }>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${en.id}/translations`), 200);
    expect(fromEn.items.map((a) => [a.id, a.locale])).toEqual([[ru.id, 'ru']]);
    const fromRu = await json<{ items: ArticleJson[] }>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${ru.id}/translations`), 200);
    expect(fromRu.items.map((a) => a.id)).toEqual([en.id]);
  });

  it('allows one translation per locale', async () => {
    const en = await writeArticle(tenant, anna);
    const again = await tenantCall(tenant, 'POST', `/api/v1/kb/articles/${en.id}/translations`, {
      token: anna.token,
      body: { locale: 'en', title: 'Another English one', body_markdown: 'x' },
    });
    expect(again.status).toBe(409);
    expect((await problem(again)).errors?.[0]?.field).toBe('locale');
  });

  it('lists to visitors only the translations they may read', async () => {
    const en = await writeArticle(tenant, anna);
    await tenantCall(tenant, 'POST', `/api/v1/kb/articles/${en.id}/translations`, {
      token: anna.token,
      body: { locale: 'ru', title: 'Черновик перевода', body_markdown: 'x' },
    });
    const anonymous = await json<{ items: ArticleJson[] }>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${en.id}/translations`), 200);
    expect(anonymous.items).toEqual([]);
    const staff = await json<{ items: ArticleJson[] }>(await tenantCall(tenant, 'GET', `/api/v1/kb/articles/${en.id}/translations`, { token: anna.token }), 200);
    expect(staff.items.map((a) => a.status)).toEqual(['draft']);
  });
});
