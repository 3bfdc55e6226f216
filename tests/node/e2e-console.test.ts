import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITED_STAFF } from '../../scripts/demo-data.ts';
import { accessibilityProblems, screenshot, signIn, startWebStack, waitForHydration, type WebStack } from './web-stack.ts';

// The agent console in a real browser: the inbox updating live when a colleague
// opens a ticket, the keyboard, bulk edits, the ticket's properties with
// optimistic updates (and their rollback), Russian, dark mode, a phone-sized
// screen, and axe-core's accessibility rules.

const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const sam = INVITED_STAFF.find((person) => person.key === 'agent2')!;

let stack: WebStack;
let alexPage: Page;
let samPage: Page;
let createdId: number;

beforeAll(async () => {
  stack = await startWebStack('e2e-console');
  [{ page: alexPage }, { page: samPage }] = await Promise.all([signIn(stack, alex, '/tickets'), signIn(stack, sam, '/tickets')]);
});

afterAll(async () => {
  await stack?.stop();
});

const rows = (page: Page) => page.locator('tbody tr[data-ticket-id]');
const theme = (page: Page) => page.locator('html').getAttribute('data-theme');
/** How wide the page's content is: wider than the window means scrolling sideways. */
const pageWidth = (page: Page) => page.locator('html').evaluate((html) => html.scrollWidth);

/** A ticket as the API has it, asked from a signed-in page. */
const apiTicket = (page: Page, id: number) =>
  page.evaluate(async (ticketId) => {
    const response = await fetch(`/api/v1/tickets/${ticketId}`);
    return (await response.json()) as { status: string; priority: string; tags: string[] };
  }, id);

describe('the inbox', () => {
  it('shows a ticket another agent opens at the top, highlighted, without a reload', async () => {
    await alexPage.locator('[data-inbox-status="connected"]').waitFor();
    await alexPage.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));

    createdId = await samPage.evaluate(async () => {
      const response = await fetch('/api/v1/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'VPN drops every ten minutes', description: 'Since this morning the VPN disconnects.' }),
      });
      return ((await response.json()) as { id: number }).id;
    });

    await expect.poll(() => rows(alexPage).first().getAttribute('data-ticket-id')).toBe(String(createdId));
    expect(await rows(alexPage).first().locator('td.subject').textContent()).toBe('VPN drops every ten minutes');
    expect(await rows(alexPage).first().getAttribute('class')).toContain('fresh');
    expect(await alexPage.evaluate(() => (globalThis as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  });

  it('is driven by the keyboard: j and k move, x selects, ? lists the shortcuts, Enter opens', async () => {
    await alexPage.goto(`${stack.site}/tickets`);
    const first = await rows(alexPage).nth(0).getAttribute('data-ticket-id');
    const second = await rows(alexPage).nth(1).getAttribute('data-ticket-id');
    await alexPage.locator('body').press('j');
    await expect.poll(() => rows(alexPage).nth(1).getAttribute('class')).toContain('active');
    await alexPage.keyboard.press('x');
    await expect.poll(() => alexPage.getByText('1 ticket selected').count()).toBe(1);
    await alexPage.keyboard.press('x');

    await alexPage.keyboard.press('?');
    const help = alexPage.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Mark as solved');
    await alexPage.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await alexPage.keyboard.press('k');
    await expect.poll(() => rows(alexPage).nth(0).getAttribute('class')).toContain('active');
    await alexPage.keyboard.press('Enter');
    await alexPage.waitForURL(`${stack.site}/tickets/${first}`);
    expect(second).not.toBe(first);
  });

  it('changes several tickets at once with a bulk action', async () => {
    await alexPage.goto(`${stack.site}/tickets`);
    const ids = [await rows(alexPage).nth(1).getAttribute('data-ticket-id'), await rows(alexPage).nth(2).getAttribute('data-ticket-id')].map(Number);
    for (const id of ids) await alexPage.locator(`tr[data-ticket-id="${id}"] input[type="checkbox"]`).check();
    const bar = alexPage.locator('form.bulk-bar');
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('2 tickets selected');
    await bar.getByLabel('Priority').selectOption('urgent');
    await bar.getByRole('button', { name: 'Apply to selected' }).click();
    await expect.poll(() => alexPage.getByText('2 tickets updated.').count()).toBe(1);
    for (const id of ids) expect((await apiTicket(alexPage, id)).priority).toBe('urgent');
  });

  it('passes axe-core’s accessibility rules, in light and in dark mode', async () => {
    await alexPage.goto(`${stack.site}/tickets`);
    expect(await accessibilityProblems(alexPage)).toEqual([]);
    await screenshot(alexPage, 'inbox');
    await alexPage.getByRole('button', { name: /^Theme:/ }).click();
    await expect.poll(() => theme(alexPage)).toBe('dark');
    expect(await accessibilityProblems(alexPage)).toEqual([]);
    await screenshot(alexPage, 'inbox-dark');
    // Back to the system's scheme (dark → light → system), so the other tests see the default.
    await alexPage.getByRole('button', { name: /^Theme:/ }).click();
    await alexPage.getByRole('button', { name: /^Theme:/ }).click();
    await expect.poll(() => theme(alexPage)).toBe('system');
  });

  it('fits a 360-pixel-wide phone without scrolling sideways', async () => {
    const phone = await alexPage.context().newPage();
    waitForHydration(phone);
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${stack.site}/tickets`);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'inbox-360');
    await phone.goto(`${stack.site}/tickets/${createdId}`);
    // Measured once the live reply (toolbar, macro picker, editor) and the chat are in.
    await phone.locator('[data-live-status="connected"]').waitFor();
    await phone.locator('#macro-picker').waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'ticket-360');
    await phone.close();
  });
});

describe('the ticket page', () => {
  it('applies a property change at once and keeps it once the API agrees', async () => {
    await alexPage.goto(`${stack.site}/tickets/${createdId}`);
    await alexPage.locator('#prop-priority').selectOption('high');
    await expect.poll(async () => (await apiTicket(alexPage, createdId)).priority).toBe('high');
    expect(await alexPage.locator('#prop-priority').inputValue()).toBe('high');
  });

  it('takes a change back, and says why in a sentence, when the API refuses it', async () => {
    await alexPage.getByPlaceholder('Add a tag').fill('Not A Tag');
    await alexPage.getByRole('button', { name: 'Add', exact: true }).click();
    const alert = alexPage.locator('.properties-panel [role="alert"]');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(/^[A-Z].*\.$/);
    expect(await alert.textContent()).not.toContain('{');
    await expect.poll(() => alexPage.locator('.properties-panel .tags').textContent()).toContain('No tags');
    expect((await apiTicket(alexPage, createdId)).tags).toEqual([]);
  });

  it('puts the caret in the reply on r, and solves the ticket on e', async () => {
    await alexPage.reload();
    await alexPage.locator('[data-live-status="connected"]').waitFor();
    await alexPage.locator('h1').click();
    await alexPage.keyboard.press('r');
    await expect.poll(() => alexPage.locator(':focus').getAttribute('aria-label')).toBe('Reply');
    await alexPage.keyboard.press('Escape');
    await alexPage.locator('h1').click();
    await alexPage.keyboard.press('e');
    await expect.poll(async () => (await apiTicket(alexPage, createdId)).status).toBe('solved');
    expect(await alexPage.locator('#prop-status').inputValue()).toBe('solved');
  });

  it('passes axe-core’s accessibility rules with the live editor and chat loaded', async () => {
    await alexPage.goto(`${stack.site}/tickets/${createdId}`);
    await alexPage.locator('[data-chat-status="connected"]').waitFor();
    expect(await accessibilityProblems(alexPage)).toEqual([]);
    await screenshot(alexPage, 'ticket');
  });
});

describe('in Russian', () => {
  it('renders the console in Russian once the agent switches, server-side too, and remembers it on the account', async () => {
    await alexPage.goto(`${stack.site}/tickets`);
    await alexPage.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => alexPage.getByRole('heading', { level: 1 }).textContent()).toBe('Заявки');
    expect(await alexPage.locator('nav.views').textContent()).toContain('Все открытые');

    const served = await alexPage.evaluate(async () => (await fetch('/tickets')).text());
    expect(served).toContain('<html lang="ru"');
    expect(served).toContain('Заявки');
    const me = await alexPage.evaluate(async () => ((await (await fetch('/api/v1/auth/me')).json()) as { user: { locale: string } }).user.locale);
    expect(me).toBe('ru');
    expect(await accessibilityProblems(alexPage)).toEqual([]);
    await screenshot(alexPage, 'inbox-ru');

    await alexPage.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => alexPage.getByRole('heading', { level: 1 }).textContent()).toBe('Tickets');
  });

  it('hits no Content Security Policy violation on any page it visited', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
