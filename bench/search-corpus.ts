// Bilingual knowledge-base articles and realistic search queries for
// `npm run bench:search`. Deterministic per seed. Article text draws on a larger
// vocabulary than the ticket corpus (bench/ticket-corpus.ts), so the index has
// the long tail of rare words real articles have, not a few hundred words repeated.
import { pick, prng } from './ticket-corpus.ts';

const EN_TOPICS = [
  'printer offline', 'printer jams', 'portal login', 'invoice amount', 'vpn disconnects', 'mobile email sync', 'new laptop',
  'password reset', 'slow network', 'csv export', 'two-factor codes', 'shared mailbox', 'calendar invites', 'wifi guest access',
  'monitor flicker', 'keyboard layout', 'backup restore', 'disk space', 'software licence', 'browser cache',
];
const RU_TOPICS = [
  'принтер не печатает', 'вход в портал', 'сумма в счёте', 'отключение vpn', 'синхронизация почты', 'новый ноутбук',
  'сброс пароля', 'медленная сеть', 'выгрузка в csv', 'коды двухфакторной аутентификации', 'общий почтовый ящик',
  'приглашения в календарь', 'гостевой wifi', 'мерцание монитора', 'раскладка клавиатуры', 'восстановление из копии',
  'место на диске', 'лицензия на программу', 'кэш браузера', 'обновление драйверов',
];
const EN_VOCABULARY = (
  'open settings select device choose option restart service check cable confirm account verify address update driver install ' +
  'remove profile sign again wait minutes contact administrator network adapter firmware version queue document page tray paper ' +
  'toner cartridge spooler permissions folder share policy certificate token expired renew browser cookies clear history ' +
  'mailbox quota storage archive backup schedule restore point snapshot encryption key recovery code authenticator app phone ' +
  'number billing period amount currency discount refund ticket portal dashboard report export import column format delimiter'
).split(' ');
const RU_VOCABULARY = (
  'откройте настройки выберите устройство параметр перезапустите службу проверьте кабель подтвердите учётную запись адрес ' +
  'обновите драйвер установите удалите профиль войдите снова подождите несколько минут обратитесь администратору сетевой ' +
  'адаптер прошивку версию очередь документ страницу лоток бумагу тонер картридж права папку общий доступ политику сертификат ' +
  'токен истёк продлите браузер куки очистите историю почтовый ящик квоту хранилище архив резервную копию расписание точку ' +
  'восстановления снимок шифрование ключ код приложение телефон номер период оплаты сумму валюту скидку возврат заявку отчёт'
).split(' ');

export interface ArticleRow {
  title: string;
  summary: string;
  body_markdown: string;
  locale: 'en' | 'ru';
  status: 'draft' | 'published' | 'archived';
  visibility: 'public' | 'internal';
}

function words(random: () => number, russian: boolean, n: number): string {
  const bag = russian ? RU_VOCABULARY : EN_VOCABULARY;
  return Array.from({ length: n }, () => pick(random, bag)).join(' ');
}

/** `count` articles, half in each language, about 1.5 KB of Markdown each. */
export function* generateArticles(count: number, seed = 20_261_128): Generator<ArticleRow> {
  const random = prng(seed);
  for (let i = 0; i < count; i++) {
    const russian = i % 2 === 1;
    const topic = pick(random, russian ? RU_TOPICS : EN_TOPICS);
    const steps = Array.from({ length: 4 + Math.floor(random() * 5) }, (_, n) => `${n + 1}. ${words(random, russian, 8 + Math.floor(random() * 10))}.`);
    const r = random();
    yield {
      title: `${russian ? 'Как решить' : 'How to fix'}: ${topic} (${i})`,
      summary: `${topic}: ${words(random, russian, 12)}.`,
      body_markdown: [`## ${russian ? 'Шаги' : 'Steps'}`, '', ...steps, '', words(random, russian, 60), '', `**${words(random, russian, 6)}**`].join('\n'),
      locale: russian ? 'ru' : 'en',
      status: r < 0.8 ? 'published' : r < 0.95 ? 'draft' : 'archived',
      visibility: random() < 0.85 ? 'public' : 'internal',
    };
  }
}

/** Who asks what in the benchmark: an agent, a customer, an anonymous visitor, or a customer typing a subject. */
export type QueryKind = 'agent tickets' | 'customer tickets' | 'anonymous articles' | 'suggest';

const QUERIES = [
  'printer offline', 'cannot log in', 'invoice wrong amount', 'vpn disconnects', 'email not syncing', 'password reset',
  'slow network', 'export csv', 'two-factor code', 'print*', '"password reset"', 'pasword', 'new laptop', 'screenshot attached',
  'принтер не печатает', 'не могу войти', 'неверная сумма в счёте', 'vpn отключается', 'почта не синхронизируется',
  'сброс пароля', 'медленная сеть', 'выгрузка в csv', 'двухфакторная аутентификация', 'ноутбук', 'принетр',
  'ошибка после перезагрузки', '"снимок экрана"', 'синхрон*',
];
const SUBJECTS = [
  'My printer is offline since the update', 'I cannot log in to the portal anymore', 'VPN keeps disconnecting every hour',
  'Принтер в бухгалтерии не печатает', 'Не приходит код двухфакторной аутентификации', 'Почта не синхронизируется на телефоне',
];

/** `count` queries in a fixed mix: 60% agents, 10% customers, 20% anonymous article searches, 10% suggestions. */
export function benchmarkQueries(count: number, seed = 7): { kind: QueryKind; text: string }[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const slot = i % 10;
    const kind: QueryKind = slot < 6 ? 'agent tickets' : slot < 7 ? 'customer tickets' : slot < 9 ? 'anonymous articles' : 'suggest';
    return { kind, text: kind === 'suggest' ? pick(random, SUBJECTS) : pick(random, QUERIES) };
  });
}
