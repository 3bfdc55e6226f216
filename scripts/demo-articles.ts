// The demo tenant's knowledge base: a few categories and published articles,
// each in English with a Russian translation, so search and suggestions have
// something to find in both languages. Written through the HTTP API by the seed
// (scripts/seed.ts); tests/integration/kb-demo-articles.test.ts runs the same
// function against the worker.

export interface DemoCategory {
  slug: string;
  names: { en: string; ru: string };
  /** The slug of the parent, or null at the top. */
  parent: string | null;
}

export interface DemoArticleText {
  title: string;
  summary: string;
  body_markdown: string;
}

export interface DemoArticle {
  category: string;
  tags: string[];
  en: DemoArticleText;
  ru: DemoArticleText;
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  { slug: 'getting-started', names: { en: 'Getting started', ru: 'Начало работы' }, parent: null },
  { slug: 'account', names: { en: 'Account and sign-in', ru: 'Учётная запись и вход' }, parent: 'getting-started' },
  { slug: 'hardware', names: { en: 'Hardware', ru: 'Оборудование' }, parent: null },
  { slug: 'billing-help', names: { en: 'Billing', ru: 'Оплата' }, parent: null },
];

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    category: 'hardware',
    tags: ['printer'],
    en: {
      title: 'Printer offline or not printing',
      summary: 'What to check when the office printer shows as offline or prints nothing.',
      body_markdown:
        '## Check the basics\n\n1. Make sure the printer is **switched on** and shows no error light.\n2. Check the network cable or Wi-Fi indicator.\n3. Turn the printer off, wait ten seconds, and turn it on again.\n\n## Still offline?\n\nRemove the printer from *Settings → Printers* and add it again. If that does not help, [open a ticket](/portal/tickets/new) and attach a photo of the printer display.',
    },
    ru: {
      title: 'Принтер не печатает или не в сети',
      summary: 'Что проверить, если офисный принтер не в сети или ничего не печатает.',
      body_markdown:
        '## Проверьте основное\n\n1. Убедитесь, что принтер **включён** и не горит индикатор ошибки.\n2. Проверьте сетевой кабель или индикатор Wi-Fi.\n3. Выключите принтер, подождите десять секунд и включите снова.\n\n## Всё ещё не в сети?\n\nУдалите принтер в *Настройки → Принтеры* и добавьте его заново. Если не помогло, [создайте заявку](/portal/tickets/new) и приложите фото экрана принтера.',
    },
  },
  {
    category: 'account',
    tags: ['login'],
    en: {
      title: 'Reset your password',
      summary: 'Forgot your password? Reset it in two minutes.',
      body_markdown:
        'On the sign-in page choose **Forgot password**, enter your e-mail and follow the link we send you. The link works for one hour.\n\nDid not get the e-mail? Check your spam folder, then ask your administrator to send a new invitation.',
    },
    ru: {
      title: 'Как сбросить пароль',
      summary: 'Забыли пароль? Сбросьте его за две минуты.',
      body_markdown:
        'На странице входа нажмите **Забыли пароль**, введите адрес электронной почты и перейдите по ссылке из письма. Ссылка действует один час.\n\nПисьмо не пришло? Проверьте папку «Спам», затем попросите администратора отправить новое приглашение.',
    },
  },
  {
    category: 'billing-help',
    tags: ['billing'],
    en: {
      title: 'Card payment declined',
      summary: 'Why a card payment can be declined and how to pay anyway.',
      body_markdown:
        'A payment is usually declined by the bank, not by us. Check that the card has not expired and that online payments are enabled.\n\n| Message | What to do |\n|---|---|\n| Operation declined | Call your bank or try another card |\n| 3-D Secure failed | Retry and confirm the code from your bank |',
    },
    ru: {
      title: 'Не проходит оплата картой',
      summary: 'Почему банк может отклонить оплату картой и как всё же оплатить.',
      body_markdown:
        'Обычно платёж отклоняет банк, а не мы. Проверьте срок действия карты и что оплата в интернете разрешена.\n\n| Сообщение | Что делать |\n|---|---|\n| Операция отклонена | Позвоните в банк или попробуйте другую карту |\n| Ошибка 3-D Secure | Повторите и введите код из банка |',
    },
  },
];

/** Calls the tenant API (`path` under /api/v1) and answers the status and JSON body. */
export type KbSeedCall = (
  method: string,
  path: string,
  options: { token?: string; body?: unknown },
) => Promise<{ status: number; json: Record<string, unknown> }>;

async function created(answer: Promise<{ status: number; json: Record<string, unknown> }>, what: string): Promise<number> {
  const { status, json } = await answer;
  if (status !== 201) throw new Error(`Seeding failed to ${what}: HTTP ${status} ${JSON.stringify(json)}`);
  return Number(json.id);
}

/** Categories, then each article published in English and its Russian translation; as `token` (a staff member). */
export async function seedKnowledgeBase(call: KbSeedCall, token: string): Promise<{ articles: number }> {
  const categoryIds = new Map<string, number>();
  for (const category of DEMO_CATEGORIES) {
    const parent_id = category.parent ? (categoryIds.get(category.parent) ?? null) : null;
    const body = { slug: category.slug, names: category.names, parent_id };
    categoryIds.set(category.slug, await created(call('POST', '/kb/categories', { token, body }), `create the category ${category.slug}`));
  }
  for (const article of DEMO_ARTICLES) {
    const shared = { category_id: categoryIds.get(article.category) ?? null, tags: article.tags, status: 'published' };
    const id = await created(call('POST', '/kb/articles', { token, body: { ...article.en, ...shared, locale: 'en' } }), `write "${article.en.title}"`);
    const body = { ...article.ru, ...shared, locale: 'ru' };
    await created(call('POST', `/kb/articles/${id}/translations`, { token, body }), `translate "${article.en.title}"`);
  }
  return { articles: DEMO_ARTICLES.length * 2 };
}
