import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, INVITED_STAFF, type DemoPerson } from '../../scripts/demo-data.ts';
import { en } from '../../src/lib/i18n/messages.en.ts';
import { createTranslator } from '../../src/lib/i18n/translate.ts';
import { screenshot, signIn, startWebStack, type WebStack } from './web-stack.ts';

// A whole support conversation in Russian, in three browser windows on the
// local stack: a customer opens a ticket in the portal, two agents see it
// arrive live in their inboxes, write the reply together (each sees the
// other's named cursor), one sends it and it is written once, the customer and
// an agent chat live, and the agent solves the ticket. Every window runs in
// Russian (the browser's language, then each person's choice in the switcher,
// stored on their account), and the screens carry no English labels.

const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const sam = INVITED_STAFF.find((person) => person.key === 'agent2')!;
const casey = CUSTOMERS.find((person) => person.key === 'customer')!;

/** The Russian wording the screens must show, from the app's own catalogue. */
const t = createTranslator('ru').t;

/** How long a poll waits for another window or the API to catch up: generous, as the browser tests share a busy machine. */
const WAIT = { timeout: 15_000 };

const SUBJECT = 'Принтер не печатает';
const REPLY = 'Здравствуйте! Перезапустите принтер. Мастер уже едет.';

let stack: WebStack;
let alexPage: Page;
let samPage: Page;
let caseyPage: Page;
let ticketId: number;

/** Signs in from a Russian-speaking browser and picks Russian in the switcher, which stores it on the account. */
async function inRussian(person: DemoPerson, home: string): Promise<Page> {
  const { page } = await signIn(stack, person, home, { locale: 'ru-RU' });
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('button', { name: 'Русский', pressed: true }).waitFor();
  await expect.poll(() => page.locator('html').getAttribute('lang'), WAIT).toBe('ru');
  return page;
}

/** The English wording of `keys` that the page shows: a Russian screen shows none. */
async function englishOn(page: Page, keys: (keyof typeof en)[]): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return keys.flatMap((key) => {
    const english: unknown = en[key];
    return typeof english === 'string' && text.includes(english) ? [english] : [];
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

beforeAll(async () => {
  stack = await startWebStack('e2e-conversation-ru');
});

afterAll(async () => {
  await stack?.stop();
});

describe('a support conversation in Russian, live in three windows', () => {
  it('opens three windows, each signed in and switched to Russian', async () => {
    [alexPage, samPage, caseyPage] = await Promise.all([inRussian(alex, '/tickets'), inRussian(sam, '/tickets'), inRussian(casey, '/portal')]);
    expect(await caseyPage.getByRole('heading', { level: 1 }).textContent()).toBe(t('portal.myTickets'));
    // The choice is stored on the account: the server renders the next page in Russian too.
    const served = await caseyPage.evaluate(async () => (await fetch('/portal')).text());
    expect(served).toContain('<html lang="ru"');
  });

  it('shows the customer’s new ticket in both agents’ inboxes without a reload', async () => {
    for (const page of [alexPage, samPage]) {
      await page.locator('[data-inbox-status="connected"]').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('inbox.title'));
    }
    expect(await englishOn(alexPage, ['inbox.title', 'inbox.views', 'inbox.filters', 'view.open', 'nav.signOut', 'inbox.apply'])).toEqual([]);

    await caseyPage.goto(`${stack.site}/portal/new`);
    await caseyPage.getByLabel(t('ticket.subject')).fill(SUBJECT);
    await caseyPage.getByLabel(t('portal.describe')).fill('С утра принтер в офисе выдаёт пустые листы.');
    await caseyPage.getByRole('button', { name: t('portal.submitTicket') }).click();
    await caseyPage.waitForURL(/\/portal\/tickets\/\d+$/);
    ticketId = Number(new URL(caseyPage.url()).pathname.split('/').pop());
    expect(await caseyPage.getByRole('heading', { level: 1 }).textContent()).toBe(SUBJECT);

    for (const page of [alexPage, samPage]) {
      const first = page.locator('tbody tr[data-ticket-id]').first();
      await expect.poll(() => first.getAttribute('data-ticket-id'), WAIT).toBe(String(ticketId));
      expect(await first.locator('td.subject').textContent()).toBe(SUBJECT);
    }
    await screenshot(alexPage, 'conversation-ru-inbox');
  });

  it('lets both agents write the reply together, each seeing the other’s named cursor', async () => {
    await Promise.all([alexPage.goto(`${stack.site}/tickets/${ticketId}`), samPage.goto(`${stack.site}/tickets/${ticketId}`)]);
    await Promise.all([alexPage.locator('[data-live-status="connected"]').waitFor(), samPage.locator('[data-live-status="connected"]').waitFor()]);

    await alexPage.getByRole('textbox', { name: t('draft.reply'), exact: true }).click();
    await alexPage.keyboard.type('Здравствуйте!');
    await expect.poll(() => draftText(samPage), WAIT).toBe('Здравствуйте!');
    await samPage.getByRole('textbox', { name: t('draft.reply'), exact: true }).click();
    await samPage.keyboard.press('Control+End');
    await samPage.keyboard.type(' Перезапустите принтер. Мастер уже едет.');
    await expect.poll(() => draftText(alexPage), WAIT).toBe(REPLY);

    await expect.poll(() => alexPage.locator('.remote-cursor-label').allTextContents(), WAIT).toEqual([sam.name]);
    await expect.poll(() => samPage.locator('.remote-cursor-label').allTextContents(), WAIT).toEqual([alex.name]);
    const presence = alexPage.getByRole('list', { name: t('presence.label') });
    await expect.poll(() => presence.textContent(), WAIT).toContain(sam.name);
    expect(await presence.textContent()).toContain(t('presence.self', { name: alex.name }));

    expect(await alexPage.getByRole('heading', { name: t('draft.heading'), exact: true }).count()).toBe(1);
    expect(await alexPage.getByRole('heading', { name: t('chat.heading'), exact: true }).count()).toBe(1);
    expect(
      await englishOn(alexPage, ['draft.heading', 'draft.live', 'chat.heading', 'chat.send', 'ticket.backToInbox', 'ticket.properties', 'files.attach', 'files.chooseFiles', 'draft.statusAfter']),
    ).toEqual([]);
    await screenshot(samPage, 'conversation-ru-coedit');
  });

  it('writes the reply once when one agent sends it, for both agents and the customer', async () => {
    await alexPage.getByRole('button', { name: t('draft.send'), exact: true }).click();
    await expect.poll(() => alexPage.getByRole('status').filter({ hasText: t('draft.replySent') }).count(), WAIT).toBe(1);
    for (const page of [alexPage, samPage]) {
      await expect.poll(() => page.locator('article.comment', { hasText: REPLY }).count(), WAIT).toBe(1);
      await expect.poll(() => draftText(page), WAIT).toBe('');
    }
    // The portal has no live feed of replies (only the chat is live there): the customer's page shows it once reloaded.
    await caseyPage.reload();
    expect(await caseyPage.locator('article.comment', { hasText: REPLY }).count()).toBe(1);
    expect(await caseyPage.locator('dl.properties dd').first().textContent()).toBe(t('status.open'));
  });

  it('carries chat messages between the customer and an agent, both ways, live', async () => {
    await Promise.all([caseyPage.locator('[data-chat-status="connected"]').waitFor(), samPage.locator('[data-chat-status="connected"]').waitFor()]);
    await caseyPage.getByRole('textbox', { name: t('chat.message') }).fill('Спасибо! Когда приедет мастер?');
    await expect.poll(() => samPage.getByText(t('chat.typing', { count: 1, names: casey.name })).count(), WAIT).toBe(1);
    await caseyPage.getByRole('button', { name: t('chat.send') }).click();
    await expect.poll(() => samPage.getByRole('log', { name: t('chat.messages') }).textContent(), WAIT).toContain('Когда приедет мастер?');

    await samPage.getByRole('textbox', { name: t('chat.message') }).fill('Через полчаса.');
    await samPage.getByRole('textbox', { name: t('chat.message') }).press('Enter');
    const caseyLog = caseyPage.getByRole('log', { name: t('chat.messages') });
    await expect.poll(() => caseyLog.textContent(), WAIT).toContain('Через полчаса.');
    expect(await caseyLog.locator('li').count()).toBe(2);
    expect(await caseyLog.textContent()).toContain(t('chat.you'));

    expect(await caseyPage.getByRole('heading', { name: t('portal.history'), exact: true }).count()).toBe(1);
    expect(await englishOn(caseyPage, ['portal.history', 'portal.addReply', 'portal.sendReply', 'chat.heading', 'chat.send', 'ticket.description', 'files.attach', 'portal.myTickets'])).toEqual([]);
    await screenshot(caseyPage, 'conversation-ru-portal-chat');
  });

  it('shows the customer the ticket solved once an agent solves it', async () => {
    await alexPage.locator('#prop-status').selectOption('solved');
    await expect.poll(() => apiStatus(alexPage), WAIT).toBe('solved');
    await caseyPage.reload();
    expect(await caseyPage.locator('dl.properties dt').first().textContent()).toBe(t('ticket.status'));
    expect(await caseyPage.locator('dl.properties dd').first().textContent()).toBe(t('status.solved'));
    expect(await englishOn(caseyPage, ['status.solved', 'ticket.status', 'ticket.assignee', 'ticket.created'])).toEqual([]);
    await screenshot(caseyPage, 'conversation-ru-portal-solved');
  });

  it('hits no Content Security Policy violation in any of the three windows', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
