import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { kbSuggestionStats } from '../../worker/db/tenant/kb-suggestions';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';
import { addArticle } from './search-fixtures';

// Deflection: articles suggested while a ticket subject is typed, and the counts
// of suggestions shown and opened.

let tenant: TestTenant;
let agent: TestUser;
let customer: TestUser;
const a = {} as Record<'en' | 'enOther' | 'ru' | 'draft' | 'internal', number>;

beforeAll(async () => {
  tenant = await createTenant('search-suggest');
  agent = await addUser(tenant, 'agent');
  customer = await addUser(tenant, 'customer');
  a.en = await addArticle(tenant, agent, { title: 'Printer offline', summary: 'Bring a printer back online', body: 'Restart the spooler.' });
  a.enOther = await addArticle(tenant, agent, { title: 'Scanner setup', body: 'The scanner needs a driver; printers do not.' });
  a.ru = await addArticle(tenant, agent, { locale: 'ru', title: 'Принтер не печатает', body: 'Проверьте бумагу.' });
  a.draft = await addArticle(tenant, agent, { title: 'Printer offline (draft)', body: 'Printer offline again.', status: 'draft' });
  a.internal = await addArticle(tenant, agent, { title: 'Printer offline RMA', body: 'Internal.', visibility: 'internal' });
});

interface Suggestions {
  items: { id: number; title: string; title_html: string; locale: string }[];
}

async function suggest(params: Record<string, string>, caller?: TestUser): Promise<Suggestions> {
  const response = await tenantCall(tenant, 'GET', `/api/v1/kb/suggest?${new URLSearchParams(params)}`, { token: caller?.token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Suggestions;
}

async function record(event: string, articleIds: number[], caller?: TestUser): Promise<Response> {
  return tenantCall(tenant, 'POST', '/api/v1/kb/suggest/events', { token: caller?.token, body: { event, article_ids: articleIds } });
}

describe('GET /kb/suggest', () => {
  it('suggests the best published public article for a subject being typed, in either language', async () => {
    const en = await suggest({ subject: 'my printer went offline this morning' });
    expect(en.items[0]?.id).toBe(a.en);
    expect(en.items[0]?.title_html).toBe('<mark>Printer</mark> <mark>offline</mark>');
    const ru = await suggest({ subject: 'принтер в бухгалтерии не печатает' });
    expect(ru.items[0]?.id).toBe(a.ru);
  });

  it('never suggests drafts or internal articles, even to staff', async () => {
    const ids = (await suggest({ subject: 'printer offline', limit: '10' }, agent)).items.map((i) => i.id);
    expect(ids).not.toContain(a.draft);
    expect(ids).not.toContain(a.internal);
  });

  it('keeps to the locale asked for', async () => {
    expect((await suggest({ subject: 'printer принтер', locale: 'ru' })).items.map((i) => i.id)).toEqual([a.ru]);
  });

  it('suggests nothing for an empty or wordless subject', async () => {
    expect((await suggest({ subject: '' })).items).toEqual([]);
    expect((await suggest({ subject: '?!' })).items).toEqual([]);
  });
});

describe('POST /kb/suggest/events', () => {
  it('counts suggestions shown and clicked per article, ignoring articles that are not public', async () => {
    const shown = await record('shown', [a.en, a.enOther, a.draft, a.en]);
    expect(shown.status, await shown.clone().text()).toBe(200);
    expect(await shown.json()).toEqual({ recorded: 2 });
    expect(await (await record('shown', [a.en], customer)).json()).toEqual({ recorded: 1 });
    expect(await (await record('clicked', [a.en])).json()).toEqual({ recorded: 1 });
    const stats = await tenant.db.select().from(kbSuggestionStats).orderBy(kbSuggestionStats.articleId).all();
    expect(stats.map(({ articleId, shown, clicked }) => ({ articleId, shown, clicked }))).toEqual([
      { articleId: a.en, shown: 2, clicked: 1 },
      { articleId: a.enOther, shown: 1, clicked: 0 },
    ]);
  });

  it('audits each event with the request that recorded it', async () => {
    const response = await record('clicked', [a.ru]);
    const requestId = response.headers.get('x-request-id') ?? '';
    const rows = await tenant.db.select().from(auditLogs).where(and(eq(auditLogs.requestId, requestId), eq(auditLogs.action, 'kb_suggestion.clicked'))).all();
    expect(rows.map((r) => r.targetId)).toEqual([String(a.ru)]);
  });

  it('refuses an unknown event or an empty list with 422', async () => {
    for (const body of [{ event: 'hovered', article_ids: [a.en] }, { event: 'shown', article_ids: [] }, { event: 'shown', article_ids: [a.en], extra: 1 }]) {
      const response = await tenantCall(tenant, 'POST', '/api/v1/kb/suggest/events', { body });
      expect(response.status).toBe(422);
      await problem(response);
    }
  });
});

describe('GET /kb/suggest/stats', () => {
  interface Stats {
    items: { article: { id: number; title: string; status: string }; shown: number; clicked: number; updated_at: string }[];
  }
  const stats = async (caller: TestUser | undefined, query = '') => tenantCall(tenant, 'GET', `/api/v1/kb/suggest/stats${query}`, { token: caller?.token });

  it('tells staff which articles deflect tickets: most opened first, then most shown', async () => {
    // Counted so far (above): en shown 2, clicked 1; enOther shown 1; ru clicked 1.
    await record('shown', [a.enOther, a.ru]);
    await record('shown', [a.enOther]);
    const response = await stats(agent);
    expect(response.status, await response.clone().text()).toBe(200);
    const { items } = (await response.json()) as Stats;
    expect(items.map((s) => [s.article.id, s.shown, s.clicked])).toEqual([
      [a.en, 2, 1],
      [a.ru, 1, 1],
      [a.enOther, 3, 0],
    ]);
    expect(items[0]?.article).toMatchObject({ title: 'Printer offline', status: 'published' });
    expect(Date.parse(items[0]?.updated_at ?? '')).toBeGreaterThan(0);
    const top = (await (await stats(agent, '?limit=1')).json()) as Stats;
    expect(top.items.map((s) => s.article.id)).toEqual([a.en]);
  });

  it('keeps the counts from customers and signed-out visitors, and refuses a bad limit', async () => {
    expect((await stats(customer)).status).toBe(403);
    expect((await stats(undefined)).status).toBe(401);
    const refused = await stats(agent, '?limit=0');
    expect(refused.status).toBe(400);
    expect((await problem(refused)).errors?.map((e) => e.field)).toEqual(['limit']);
  });
});
