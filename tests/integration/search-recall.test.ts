import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { isStopWord } from '../../worker/search/stop-words';
import { addUser, createTenant, type TestTenant } from './harness';
import { addArticle, ids, search } from './search-fixtures';

// Recall of the tokenizer set-up on a small bilingual sample: queries typed in
// other word forms than the articles use (and a few misspelt), each with the
// articles that answer it. Three set-ups are measured, and the figures printed:
//   plain   - unicode61, the query's words as typed (all must match)
//   porter  - porter unicode61 remove_diacritics 2, ё folded, stop words dropped
//   ours    - porter + the Russian stem as a prefix + spelling correction (the API)

const ARTICLES: [key: string, title: string, body: string][] = [
  ['ru-printer', 'Принтер перестал печатать', 'Проверьте, что в лотке есть бумага, а картридж установлен до щелчка.'],
  ['ru-scanner', 'Настройка сканера', 'Сканер подключается к сети так же, как принтеры.'],
  ['ru-login', 'Ошибки входа в систему', 'Если вход не выполняется, проверьте раскладку клавиатуры.'],
  ['ru-password', 'Сбросьте пароль за минуту', 'Откройте страницу входа и нажмите «Забыли пароль?».'],
  ['ru-mail', 'Письма не приходят на почту', 'Проверьте папку «Спам» и правила пересылки.'],
  ['ru-internet', 'Интернет работает медленно', 'Перезагрузите роутер и проверьте скорость соединения.'],
  ['ru-vpn', 'Как подключиться к VPN', 'Установите клиент и войдите с рабочей учётной записью.'],
  ['ru-invoice', 'Счёт за услуги не пришёл', 'Счета отправляются первого числа каждого месяца.'],
  ['ru-monitor', 'Монитор мерцает', 'Замените кабель HDMI и обновите драйверы видеокарты.'],
  ['ru-updates', 'Установка обновлений', 'Обновления устанавливаются ночью; не выключайте компьютер.'],
  ['en-printer', 'Printer shows offline', 'When the printer is offline, restart the print spooler.'],
  ['en-duplex', 'Printing on both sides', 'Choose duplex in the print dialog.'],
  ['en-password', 'Resetting your password', 'Open the sign-in page and follow the reset link.'],
  ['en-mail', 'Emails arrive late', 'Delivery can take minutes when the mail server is busy.'],
  ['en-connection', 'Connections are slow', 'Restart the router and run a speed test.'],
  ['en-updates', 'How to install an update', 'Updates install overnight; keep the computer on.'],
  ['en-vpn', 'VPN keeps disconnecting', 'Switch to the TCP profile when the VPN disconnects often.'],
  ['en-monitor', 'Flickering monitor', 'Replace the HDMI cable and update the graphics drivers.'],
];

const QUERIES: [query: string, relevant: string[]][] = [
  ['принтер не печатает', ['ru-printer']],
  ['ошибка при входе', ['ru-login']],
  ['сброс пароля', ['ru-password']],
  ['почта не приходит', ['ru-mail']],
  ['медленный интернет', ['ru-internet']],
  ['подключение к vpn', ['ru-vpn']],
  ['счет за услуги', ['ru-invoice']],
  ['мерцание монитора', ['ru-monitor']],
  ['обновления не устанавливаются', ['ru-updates']],
  ['принетр', ['ru-printer', 'ru-scanner']],
  ['printer offline', ['en-printer']],
  ['printing', ['en-printer', 'en-duplex']],
  ['reset password', ['en-password']],
  ['email arriving late', ['en-mail']],
  ['slow connection', ['en-connection']],
  ['installing updates', ['en-updates']],
  ['vpn disconnects', ['en-vpn']],
  ['monitor flickers', ['en-monitor']],
  ['pasword reset', ['en-password']],
  ['flickring', ['en-monitor']],
];

let tenant: TestTenant;
const idOf = new Map<string, number>();
const keyOf = new Map<number, string>();

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

async function createTable(name: string, tokenize: string, fold: boolean) {
  await tenant.db.run(sql.raw(`create virtual table ${name} using fts5(title, body, tokenize = '${tokenize}')`));
  for (const [key, title, body] of ARTICLES) {
    const f = (s: string) => (fold ? s.replaceAll('ё', 'е').replaceAll('Ё', 'Е') : s);
    await tenant.db.run(sql`insert into ${sql.raw(name)} (rowid, title, body) values (${idOf.get(key)}, ${f(title)}, ${f(body)})`);
  }
}

async function plainSearch(table: string, query: string, dropStopWords: boolean): Promise<number[]> {
  let terms = words(query.replaceAll('ё', dropStopWords ? 'е' : 'ё'));
  if (dropStopWords) terms = terms.filter((w) => !isStopWord(w));
  if (terms.length === 0) return [];
  const match = terms.map((w) => `"${w}"`).join(' AND ');
  const rows = await tenant.db.all<{ id: number }>(
    sql`select rowid as id from ${sql.raw(table)} where ${sql.raw(table)} match ${match} order by bm25(${sql.raw(table)}, 10.0, 1.0) limit 10`,
  );
  return rows.map((r) => r.id);
}

const recall = (found: number[], relevant: string[]): number =>
  relevant.filter((key) => found.includes(idOf.get(key) as number)).length / relevant.length;

async function measure(run: (query: string) => Promise<number[]>) {
  const perQuery = await Promise.all(QUERIES.map(async ([query, relevant]) => ({ query, recall: recall(await run(query), relevant) })));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const of = (lang: RegExp) => mean(perQuery.filter((q) => lang.test(q.query)).map((q) => q.recall));
  return { all: mean(perQuery.map((q) => q.recall)), ru: of(/\p{Script=Cyrillic}/u), en: of(/^[^\p{Script=Cyrillic}]*$/u), perQuery };
}

beforeAll(async () => {
  tenant = await createTenant('search-recall');
  const author = await addUser(tenant, 'agent');
  for (const [key, title, body] of ARTICLES) {
    const id = await addArticle(tenant, author, { title, body, locale: /\p{Script=Cyrillic}/u.test(title) ? 'ru' : 'en' });
    idOf.set(key, id);
    keyOf.set(id, key);
  }
  await createTable('recall_plain', 'unicode61', false);
  await createTable('recall_porter', 'porter unicode61 remove_diacritics 2', true);
});

describe('search recall on a bilingual sample (recall@10)', () => {
  it('finds the answering articles far more often than plain unicode61 or porter alone', async () => {
    const plain = await measure((q) => plainSearch('recall_plain', q, false));
    const porter = await measure((q) => plainSearch('recall_porter', q, true));
    const ours = await measure(async (q) => ids(await search(tenant, { q, type: 'articles', limit: '10' })));
    const row = (name: string, r: typeof ours) => `| ${name.padEnd(7)} | ${r.ru.toFixed(2)} | ${r.en.toFixed(2)} | ${r.all.toFixed(2)} |`;
    console.log(['| set-up  | ru   | en   | all  |', '| ------- | ---- | ---- | ---- |', row('plain', plain), row('porter', porter), row('ours', ours)].join('\n'));
    console.log('missed by ours:', ours.perQuery.filter((q) => q.recall < 1).map((q) => q.query));
    expect(ours.all).toBeGreaterThanOrEqual(0.9);
    expect(ours.ru).toBeGreaterThan(porter.ru);
    expect(ours.all).toBeGreaterThan(plain.all);
  });
});
