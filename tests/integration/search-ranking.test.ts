import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';
import { addArticle, comment, ids, openTicket, search } from './search-fixtures';

// Bilingual queries rank the right items first: Russian word forms, English stems,
// prefixes, phrases, ё, misspellings, and titles above bodies.

let tenant: TestTenant;
let agent: TestUser;
let customer: TestUser;
const a = {} as Record<'ruPrinter' | 'ruScanner' | 'enOffline' | 'enDuplex' | 'enMail' | 'routerTitle' | 'routerBody' | 'jamPhrase' | 'jamApart' | 'yo', number>;

beforeAll(async () => {
  tenant = await createTenant('search-rank');
  agent = await addUser(tenant, 'agent');
  customer = await addUser(tenant, 'customer');
  const add = (key: keyof typeof a, input: Parameters<typeof addArticle>[2]) => addArticle(tenant, agent, input).then((id) => (a[key] = id));
  await add('ruPrinter', { locale: 'ru', title: 'Принтер не печатает: что проверить', body: 'Если принтер перестал печатать, проверьте бумагу и картридж.' });
  await add('ruScanner', { locale: 'ru', title: 'Как настроить сканер', body: 'Сканер подключается к принтеру по сети.' });
  await add('enOffline', { title: 'Printer offline on Windows', body: 'When the printer shows as offline, restart the print spooler.' });
  await add('enDuplex', { title: 'Printing double-sided', body: 'Choose print on both sides in the dialog.' });
  await add('enMail', { title: 'Working offline with mail', body: 'Outlook can work offline and send later.' });
  await add('routerTitle', { title: 'Router setup', body: 'Plug it in and open the admin page.' });
  await add('routerBody', { title: 'Network basics', body: 'Cables, switches, a router, access points, firewalls and a lot more text about networks.' });
  await add('jamPhrase', { title: 'Paper jam in tray 2', body: 'Open the tray and remove the sheet.' });
  await add('jamApart', { title: 'Jam sessions', body: 'Bring your own paper cups.' });
  await add('yo', { locale: 'ru', title: 'Счёт не пришёл', body: 'Проверьте папку «Спам».' });
});

const first = async (q: string, extra: Record<string, string> = {}) => ids(await search(tenant, { q, type: 'articles', ...extra }))[0];

describe('article ranking', () => {
  it('finds "принтер не печатает" across Russian word forms, the exact article first', async () => {
    const found = ids(await search(tenant, { q: 'принтер не печатает', type: 'articles' }));
    expect(found[0]).toBe(a.ruPrinter);
    expect(found).not.toContain(a.ruScanner);
  });

  it('finds "printer offline" first among articles that have only one of the words', async () => {
    expect(await first('printer offline')).toBe(a.enOffline);
  });

  it('stems English: "printers" finds the printer article', async () => {
    expect(ids(await search(tenant, { q: 'printers offline', type: 'articles' }))).toEqual([a.enOffline]);
  });

  it('matches a typed prefix', async () => {
    const found = ids(await search(tenant, { q: 'print*', type: 'articles' }));
    expect(found).toEqual(expect.arrayContaining([a.enOffline, a.enDuplex]));
  });

  it('ranks a word in the title above the same word in the body', async () => {
    expect(ids(await search(tenant, { q: 'router', type: 'articles' }))).toEqual([a.routerTitle, a.routerBody]);
  });

  it('matches a quoted phrase only where the words stand together', async () => {
    expect(ids(await search(tenant, { q: '"paper jam"', type: 'articles' }))).toEqual([a.jamPhrase]);
    expect(ids(await search(tenant, { q: 'paper jam', type: 'articles' })).sort()).toEqual([a.jamPhrase, a.jamApart].sort());
  });

  it('treats ё and е as the same letter, both ways', async () => {
    expect(await first('счет не пришел')).toBe(a.yo);
    expect(await first('счёт')).toBe(a.yo);
  });

  it('corrects a misspelt word and says so', async () => {
    const body = await search(tenant, { q: 'pirnter ofline', type: 'articles' });
    expect(body.items[0]?.id).toBe(a.enOffline);
    expect(body.corrected_query).toMatch(/^printer? offlin/);
    const russian = await search(tenant, { q: 'принетр', type: 'articles' });
    expect(ids(russian)).toContain(a.ruPrinter);
    expect(russian.corrected_query).not.toBeNull();
  });

  it('corrects a misspelt prefix', async () => {
    const body = await search(tenant, { q: 'prnit*', type: 'articles' });
    expect(ids(body)).toEqual(expect.arrayContaining([a.enOffline, a.enDuplex]));
  });

  it('filters by locale', async () => {
    expect(ids(await search(tenant, { q: 'printer принтер', type: 'articles', locale: 'en' }))).toEqual([]);
    expect(await first('принтер', { locale: 'ru' })).toBe(a.ruPrinter);
  });

  it('marks the matches in escaped snippets', async () => {
    const [hit] = (await search(tenant, { q: 'spooler', type: 'articles' })).items;
    expect(hit?.snippet_html).toContain('<mark>spooler</mark>');
    expect(hit?.title_html).toBe('Printer offline on Windows');
  });
});

describe('ticket ranking', () => {
  it('finds a customer\u2019s Russian ticket by another form of the words, and a ticket by its reply', async () => {
    const ru = await openTicket(tenant, customer, 'Принтер не печатает', 'С утра принтер в бухгалтерии перестал печатать.');
    const other = await openTicket(tenant, customer, 'Новый сотрудник', 'Нужна учётная запись.');
    await comment(tenant, agent, other, 'Учётную запись создали, принтер тоже подключили.', true);
    const found = await search(tenant, { q: 'принтеры печатают', type: 'tickets' }, customer);
    expect(ids(found)).toEqual([ru]);
    const byReply = await search(tenant, { q: 'подключили', type: 'tickets' }, customer);
    expect(ids(byReply)).toEqual([other]);
    expect(byReply.items[0]?.snippet_html).toContain('<mark>подключили</mark>');
  });
});

describe('paging', () => {
  it('walks every hit once, best first, with next_cursor', async () => {
    for (let i = 0; i < 5; i++) await addArticle(tenant, agent, { title: `Pagination topic ${i}`, body: 'pagination '.repeat(i + 1) });
    const all = ids(await search(tenant, { q: 'pagination', type: 'articles', limit: '100' }));
    expect(all).toHaveLength(5);
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { q: 'pagination', type: 'articles', limit: '2', ...(cursor ? { cursor } : {}) };
      const page = await search(tenant, params);
      walked.push(...ids(page));
      cursor = page.next_cursor;
    } while (cursor);
    expect(walked).toEqual(all);
  });

  it('answers 400 naming cursor for a forged cursor', async () => {
    const response = await tenantCall(tenant, 'GET', '/api/v1/search?q=printer&cursor=bm90LWEtY3Vyc29y');
    expect(response.status).toBe(400);
    expect((await problem(response)).errors?.[0]?.field).toBe('cursor');
  });
});
