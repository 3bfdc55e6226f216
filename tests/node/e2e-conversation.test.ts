import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, INVITED_STAFF, type DemoPerson } from '../../scripts/demo-data.ts';
import { en } from '../../src/lib/i18n/messages.en.ts';
import { ru } from '../../src/lib/i18n/messages.ru.ts';
import { createTranslator, type Catalogue, type Locale, type MessageKey } from '../../src/lib/i18n/translate.ts';
import { screenshot, signIn, startWebStack, type WebStack } from './web-stack.ts';

// A whole support conversation, in three browser windows on one local stack,
// run twice: once in English, then once in Russian. A customer opens a ticket
// in the portal, two agents see it arrive live in their inboxes, write the
// reply together (each sees the other's named cursor), one sends it and it is
// written once, the customer's open ticket page shows it live (no reload), the
// customer and an agent chat live, and the agent solves the ticket, which the
// customer's page also shows live. Every window runs in the conversation's
// language (the browser's language, then each person's choice in the
// switcher, stored on their account); headings are the app's own catalogue
// text, and the screens carry no label of the other language.

const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const sam = INVITED_STAFF.find((person) => person.key === 'agent2')!;
const casey = CUSTOMERS.find((person) => person.key === 'customer')!;

/** How long a poll waits for another window or the API to catch up: generous, as the browser tests share a busy machine. */
const WAIT = { timeout: 15_000 };

interface Conversation {
  locale: Locale;
  /** The language's name, for the test titles. */
  language: string;
  /** The browser's language (its Accept-Language). */
  browserLocale: string;
  /** The language's button in the switcher (src/lib/components/LocaleSwitcher.svelte). */
  switcher: string;
  /** The other language, whose labels the screens must not show. */
  other: Locale;
  subject: string;
  description: string;
  /** The reply, as Alex starts it and Sam finishes it. */
  replyStart: string;
  replyEnd: string;
  question: string;
  answer: string;
}

const CONVERSATIONS: Conversation[] = [
  {
    locale: 'en',
    language: 'English',
    browserLocale: 'en-US',
    switcher: 'English',
    other: 'ru',
    subject: 'The printer does not print',
    description: 'Since this morning the office printer only gives out blank pages.',
    replyStart: 'Hello!',
    replyEnd: ' Please restart the printer. A technician is on the way.',
    question: 'Thank you! When will the technician arrive?',
    answer: 'In half an hour.',
  },
  {
    locale: 'ru',
    language: 'Russian',
    browserLocale: 'ru-RU',
    switcher: 'Русский',
    other: 'en',
    subject: 'Принтер не печатает',
    description: 'С утра принтер в офисе выдаёт пустые листы.',
    replyStart: 'Здравствуйте!',
    replyEnd: ' Перезапустите принтер. Мастер уже едет.',
    question: 'Спасибо! Когда приедет мастер?',
    answer: 'Через полчаса.',
  },
];

const CATALOGUES: Record<Locale, Catalogue> = { en, ru };

/** Marks the page's document; a reload or any navigation starts a new document, without the mark. */
const markDocument = (page: Page) =>
  page.evaluate(() => {
    (globalThis as { wnpSameDocument?: boolean }).wnpSameDocument = true;
  });
const sameDocument = (page: Page) => page.evaluate(() => (globalThis as { wnpSameDocument?: boolean }).wnpSameDocument === true);

let stack: WebStack;

beforeAll(async () => {
  stack = await startWebStack('e2e-conversation');
});

afterAll(async () => {
  await stack?.stop();
});

for (const conversation of CONVERSATIONS) describe(`a support conversation in ${conversation.language}, live in three windows`, () => {
  const { locale, subject, replyStart, replyEnd } = conversation;
  const reply = replyStart + replyEnd;
  /** The wording the screens must show, from the app's own catalogue. */
  const t = createTranslator(locale).t;
  const shot = (page: Page, name: string) => screenshot(page, `conversation-${locale}-${name}`);

  const contexts: BrowserContext[] = [];
  let alexPage: Page;
  let samPage: Page;
  let caseyPage: Page;
  let ticketId: number;

  /** Signs in from a browser in the conversation's language and picks it in the switcher, which stores it on the account. */
  async function inLanguage(person: DemoPerson, home: string): Promise<Page> {
    const { context, page } = await signIn(stack, person, home, { locale: conversation.browserLocale });
    contexts.push(context);
    const stored = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/preferences');
    await page.getByRole('button', { name: conversation.switcher }).click();
    await stored;
    await page.getByRole('button', { name: conversation.switcher, pressed: true }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang'), WAIT).toBe(locale);
    return page;
  }

  /** The other language's wording of `keys` that the page shows: a screen in this conversation's language shows none. */
  async function otherLanguageOn(page: Page, keys: MessageKey[]): Promise<string[]> {
    const text = await page.locator('body').innerText();
    return keys.flatMap((key) => {
      const wording: unknown = CATALOGUES[conversation.other][key];
      return typeof wording === 'string' && text.includes(wording) ? [wording] : [];
    });
  }

  /** What the reply editor holds, without the other agent's cursor label (which sits inside it). */
  const draftText = (page: Page) =>
    page.getByRole('textbox', { name: t('draft.reply'), exact: true }).evaluate((editor) => {
      const copy = editor.cloneNode(true) as typeof editor;
      for (const cursor of copy.querySelectorAll('.remote-cursor')) cursor.remove();
      return (copy.textContent ?? '').replace(/\u2060/g, '');
    });

  const apiStatus = (page: Page) => page.evaluate(async (id) => ((await (await fetch(`/api/v1/tickets/${id}`)).json()) as { status: string }).status, ticketId);

  /** The status the customer's ticket page shows (the first property). */
  const portalStatus = () => caseyPage.locator('dl.properties dd').first().textContent();

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
  });

  it(`opens three windows, each signed in and switched to ${conversation.language}`, async () => {
    [alexPage, samPage, caseyPage] = await Promise.all([inLanguage(alex, '/tickets'), inLanguage(sam, '/tickets'), inLanguage(casey, '/portal')]);
    expect(await caseyPage.getByRole('heading', { level: 1 }).textContent()).toBe(t('portal.myTickets'));
    // The choice is stored on the account: the server renders the next page in it even for a browser asking for the other language.
    const served = await caseyPage.evaluate(async (other) => (await fetch('/portal', { headers: { 'Accept-Language': other } })).text(), conversation.other);
    expect(served).toContain(`<html lang="${locale}"`);
  });

  it('shows the customer’s new ticket in both agents’ inboxes without a reload', async () => {
    for (const page of [alexPage, samPage]) {
      await page.locator('[data-inbox-status="connected"]').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('inbox.title'));
    }
    expect(await otherLanguageOn(alexPage, ['inbox.title', 'inbox.views', 'inbox.filters', 'view.open', 'nav.signOut', 'inbox.apply'])).toEqual([]);

    await caseyPage.goto(`${stack.site}/portal/new`);
    await caseyPage.getByLabel(t('ticket.subject')).fill(subject);
    await caseyPage.getByLabel(t('portal.describe')).fill(conversation.description);
    await caseyPage.getByRole('button', { name: t('portal.submitTicket') }).click();
    await caseyPage.waitForURL(/\/portal\/tickets\/\d+$/);
    ticketId = Number(new URL(caseyPage.url()).pathname.split('/').pop());
    expect(await caseyPage.getByRole('heading', { level: 1 }).textContent()).toBe(subject);

    for (const page of [alexPage, samPage]) {
      const first = page.locator('tbody tr[data-ticket-id]').first();
      await expect.poll(() => first.getAttribute('data-ticket-id'), WAIT).toBe(String(ticketId));
      expect(await first.locator('td.subject').textContent()).toBe(subject);
    }
    await shot(alexPage, 'inbox');
  });

  it('lets both agents write the reply together, each seeing the other’s named cursor', async () => {
    await Promise.all([alexPage.goto(`${stack.site}/tickets/${ticketId}`), samPage.goto(`${stack.site}/tickets/${ticketId}`)]);
    await Promise.all([alexPage.locator('[data-live-status="connected"]').waitFor(), samPage.locator('[data-live-status="connected"]').waitFor()]);

    await alexPage.getByRole('textbox', { name: t('draft.reply'), exact: true }).click();
    await alexPage.keyboard.type(replyStart);
    await expect.poll(() => draftText(samPage), WAIT).toBe(replyStart);
    await samPage.getByRole('textbox', { name: t('draft.reply'), exact: true }).click();
    await samPage.keyboard.press('Control+End');
    await samPage.keyboard.type(replyEnd);
    await expect.poll(() => draftText(alexPage), WAIT).toBe(reply);

    await expect.poll(() => alexPage.locator('.remote-cursor-label').allTextContents(), WAIT).toEqual([sam.name]);
    await expect.poll(() => samPage.locator('.remote-cursor-label').allTextContents(), WAIT).toEqual([alex.name]);
    const presence = alexPage.getByRole('list', { name: t('presence.label') });
    await expect.poll(() => presence.textContent(), WAIT).toContain(sam.name);
    expect(await presence.textContent()).toContain(t('presence.self', { name: alex.name }));

    expect(await alexPage.getByRole('heading', { name: t('draft.heading'), exact: true }).count()).toBe(1);
    expect(await alexPage.getByRole('heading', { name: t('chat.heading'), exact: true }).count()).toBe(1);
    expect(
      await otherLanguageOn(alexPage, [
        'draft.heading',
        'draft.live',
        'chat.heading',
        'chat.send',
        'ticket.backToInbox',
        'ticket.properties',
        'files.attach',
        'files.chooseFiles',
        'draft.statusAfter',
      ]),
    ).toEqual([]);
    await shot(samPage, 'coedit');
  });

  it('writes the reply once when one agent sends it, for both agents and, live, for the customer', async () => {
    // The customer's ticket page is still the one the new ticket led to; the ticket's chat room tells it what changed.
    await caseyPage.locator('[data-chat-status="connected"]').waitFor();
    await markDocument(caseyPage);
    expect(await caseyPage.locator('article.comment', { hasText: reply }).count()).toBe(0);
    expect(await portalStatus()).toBe(t('status.new'));

    await alexPage.getByRole('button', { name: t('draft.send'), exact: true }).click();
    await expect.poll(() => alexPage.getByRole('status').filter({ hasText: t('draft.replySent') }).count(), WAIT).toBe(1);
    for (const page of [alexPage, samPage]) {
      await expect.poll(() => page.locator('article.comment', { hasText: reply }).count(), WAIT).toBe(1);
      await expect.poll(() => draftText(page), WAIT).toBe('');
    }
    // The first staff reply opens the ticket: the customer's page shows both, without a reload, and the reply once.
    await expect.poll(() => caseyPage.locator('article.comment', { hasText: reply }).count(), WAIT).toBe(1);
    await expect.poll(portalStatus, WAIT).toBe(t('status.open'));
    expect(await caseyPage.locator('article.comment', { hasText: reply }).count()).toBe(1);
    expect(await sameDocument(caseyPage)).toBe(true);
  });

  it('carries chat messages between the customer and an agent, both ways, live', async () => {
    await Promise.all([caseyPage.locator('[data-chat-status="connected"]').waitFor(), samPage.locator('[data-chat-status="connected"]').waitFor()]);
    await caseyPage.getByRole('textbox', { name: t('chat.message'), exact: true }).fill(conversation.question);
    await expect.poll(() => samPage.getByText(t('chat.typing', { count: 1, names: casey.name })).count(), WAIT).toBe(1);
    await caseyPage.getByRole('button', { name: t('chat.send'), exact: true }).click();
    await expect.poll(() => samPage.getByRole('log', { name: t('chat.messages') }).textContent(), WAIT).toContain(conversation.question);

    await samPage.getByRole('textbox', { name: t('chat.message'), exact: true }).fill(conversation.answer);
    await samPage.getByRole('textbox', { name: t('chat.message'), exact: true }).press('Enter');
    const caseyLog = caseyPage.getByRole('log', { name: t('chat.messages') });
    await expect.poll(() => caseyLog.textContent(), WAIT).toContain(conversation.answer);
    expect(await caseyLog.locator('li').count()).toBe(2);
    expect(await caseyLog.textContent()).toContain(t('chat.you'));

    expect(await caseyPage.getByRole('heading', { name: t('portal.history'), exact: true }).count()).toBe(1);
    expect(await caseyPage.getByRole('heading', { name: t('chat.heading'), exact: true }).count()).toBe(1);
    expect(
      await otherLanguageOn(caseyPage, ['portal.history', 'portal.addReply', 'portal.sendReply', 'chat.heading', 'chat.send', 'ticket.description', 'files.attach', 'portal.myTickets']),
    ).toEqual([]);
    await shot(caseyPage, 'portal-chat');
  });

  it('shows the customer, live, the ticket solved once an agent solves it', async () => {
    await alexPage.locator('#prop-status').selectOption('solved');
    await expect.poll(() => apiStatus(alexPage), WAIT).toBe('solved');
    await expect.poll(portalStatus, WAIT).toBe(t('status.solved'));
    expect(await sameDocument(caseyPage)).toBe(true);
    expect(await caseyPage.locator('dl.properties dt').first().textContent()).toBe(t('ticket.status'));
    expect(await caseyPage.locator('article.comment', { hasText: reply }).count()).toBe(1);
    expect(await otherLanguageOn(caseyPage, ['status.solved', 'ticket.status', 'ticket.assignee', 'ticket.created'])).toEqual([]);
    await shot(caseyPage, 'portal-solved');
  });

  it('hits no Content Security Policy violation in any window so far', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
