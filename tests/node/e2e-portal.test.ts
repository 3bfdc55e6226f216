import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITED_STAFF } from '../../scripts/demo-data.ts';
import { accessibilityProblems, newProfile, screenshot, signIn, startWebStack, type WebStack } from './web-stack.ts';

// The customer portal in a real browser: signing up, opening a ticket, chatting
// with an agent live, never reaching the console, in English and Russian, and
// within axe-core's accessibility rules.

const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const customer = { key: 'newcomer', email: 'robin@example.org', name: 'Robin Newcomer', password: 'a long enough password' };

let stack: WebStack;
let robin: Page;
let ticketId: number;

beforeAll(async () => {
  stack = await startWebStack('e2e-portal');
  ({ page: robin } = await newProfile(stack, customer.key));
});

afterAll(async () => {
  await stack?.stop();
});

describe('a new customer', () => {
  it('signs up and lands in the portal', async () => {
    await robin.goto(`${stack.site}/signup`);
    expect(await accessibilityProblems(robin)).toEqual([]);
    await robin.getByLabel('Your name').fill(customer.name);
    await robin.getByLabel('Email address').fill(customer.email);
    await robin.getByLabel('Password').fill(customer.password);
    await robin.getByRole('button', { name: 'Create account' }).click();
    await robin.waitForURL(`${stack.site}/portal`);
    expect(await robin.getByRole('heading', { level: 1 }).textContent()).toBe('My tickets');
    expect(await robin.getByText('You have no tickets yet.').count()).toBe(1);
  });

  it('is told in a sentence what is wrong with a ticket that has no subject', async () => {
    await robin.goto(`${stack.site}/portal/new`);
    await robin.getByLabel('Subject').fill('   ');
    await robin.getByLabel('Describe the problem').fill('Something broke.');
    await robin.getByRole('button', { name: 'Send ticket' }).click();
    await expect.poll(() => robin.getByRole('alert').count()).toBe(1);
    expect(await robin.getByRole('alert').textContent()).toMatch(/^[A-Z][^{}]*\.$/);
  });

  it('opens a ticket and finds it in their list', async () => {
    await robin.goto(`${stack.site}/portal/new`);
    expect(await accessibilityProblems(robin)).toEqual([]);
    await robin.getByLabel('Subject').fill('Invoice shows the wrong address');
    await robin.getByLabel('Describe the problem').fill('My March invoice has my old street on it.');
    await robin.getByRole('button', { name: 'Send ticket' }).click();
    await robin.waitForURL(/\/portal\/tickets\/\d+$/);
    ticketId = Number(new URL(robin.url()).pathname.split('/').pop());
    expect(await robin.getByRole('heading', { level: 1 }).textContent()).toBe('Invoice shows the wrong address');

    await robin.goto(`${stack.site}/portal`);
    expect(await robin.locator('.my-tickets li a').allTextContents()).toEqual(['Invoice shows the wrong address']);
    expect(await accessibilityProblems(robin)).toEqual([]);
    await screenshot(robin, 'portal');
  });

  it('chats with an agent live on the ticket page', async () => {
    const { page: agent } = await signIn(stack, alex, '/tickets');
    await Promise.all([robin.goto(`${stack.site}/portal/tickets/${ticketId}`), agent.goto(`${stack.site}/tickets/${ticketId}`)]);
    await Promise.all([robin.locator('[data-chat-status="connected"]').waitFor(), agent.locator('[data-chat-status="connected"]').waitFor()]);

    await robin.getByRole('textbox', { name: 'Message' }).fill('Hello, is anyone there?');
    await robin.getByRole('button', { name: 'Send message' }).click();
    await expect.poll(() => agent.getByRole('log', { name: 'Chat messages' }).textContent()).toContain('Hello, is anyone there?');

    await agent.getByRole('textbox', { name: 'Message' }).fill('Yes, I am fixing the address now.');
    await agent.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect.poll(() => robin.getByRole('log', { name: 'Chat messages' }).textContent()).toContain('Yes, I am fixing the address now.');

    // The portal page shows the public history and the chat, never the agents' drafts.
    expect(await robin.locator('.live-drafts').count()).toBe(0);
    expect(await accessibilityProblems(robin)).toEqual([]);
    await screenshot(robin, 'portal-ticket');
    await agent.context().close();
  });

  it('adds a written reply to the ticket’s history', async () => {
    await robin.getByLabel('Add a reply').fill('The new address is 12 Elm Street.');
    await robin.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => robin.locator('article.comment', { hasText: 'The new address is 12 Elm Street.' }).count()).toBe(1);
  });
});

describe('the portal’s live ticket page', () => {
  it('catches up, without a reload, with a reply made while its connection was down', async () => {
    // Every chat socket of Robin's page goes through here: the first straight to the room;
    // later ones (reconnections) wait until the test lets them through.
    let connections = 0;
    let letThrough!: () => void;
    const released = new Promise<void>((resolve) => (letThrough = resolve));
    let dropFirst!: () => Promise<void>;
    await robin.routeWebSocket(/\/parties\/chat-room\//, async (socket) => {
      connections += 1;
      if (connections === 1) dropFirst = () => socket.close({ code: 1012, reason: 'test: connection lost' });
      else await released;
      socket.connectToServer();
    });
    await robin.goto(`${stack.site}/portal/tickets/${ticketId}`);
    await robin.locator('[data-chat-status="connected"]').waitFor();
    await robin.evaluate(() => ((globalThis as { notReloaded?: boolean }).notReloaded = true));

    await dropFirst();
    await robin.getByText('Reconnecting…').first().waitFor({ timeout: 15_000 });
    const { page: agent } = await signIn(stack, alex, '/tickets');
    const answered = await agent.evaluate(async (id) => {
      const response = await fetch(`/api/v1/tickets/${id}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'We changed the address on the invoice.', public: true }),
      });
      return response.status;
    }, ticketId);
    expect(answered).toBe(201);
    await agent.context().close();
    expect(await robin.locator('article.comment', { hasText: 'We changed the address on the invoice.' }).count()).toBe(0);

    letThrough();
    await expect.poll(() => robin.locator('article.comment', { hasText: 'We changed the address on the invoice.' }).count(), { timeout: 15_000 }).toBe(1);
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(await robin.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await robin.unrouteAll();
  });
});

describe('a customer and the console', () => {
  it('is sent from the inbox to the portal', async () => {
    await robin.goto(`${stack.site}/tickets`);
    expect(new URL(robin.url()).pathname).toBe('/portal');
    expect(await robin.locator('table.inbox').count()).toBe(0);
  });

  it('gets a not-found page, never the ticket, for someone else’s ticket', async () => {
    const othersTicket = 1; // a seeded ticket: the demo customers requested them all
    const response = await robin.goto(`${stack.site}/tickets/${othersTicket}`);
    expect(new URL(robin.url()).pathname).toBe(`/portal/tickets/${othersTicket}`);
    expect(response?.status()).toBe(404);
    expect(await robin.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await robin.locator('.properties-panel, .live-drafts, table.inbox').count()).toBe(0);
  });

  it('is refused by the API for console actions', async () => {
    const status = await robin.evaluate(async (id) => {
      const response = await fetch('/api/v1/tickets/bulk', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids: [id], changes: { priority: 'urgent' } }),
      });
      return response.status;
    }, ticketId);
    expect(status).toBe(403);
  });
});

describe('a visitor who reads Russian', () => {
  it('gets the sign-in page in Russian from the browser’s language, rendered on the server', async () => {
    const { page } = await newProfile(stack, 'ru-visitor', { locale: 'ru-RU' });
    const response = await page.goto(`${stack.site}/login`);
    const html = (await response?.text()) ?? '';
    expect(html).toContain('<html lang="ru"');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Вход');
    expect(await page.getByRole('button', { name: 'Войти' }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'login-ru');
    await page.context().close();
  });

  it('hits no Content Security Policy violation on any page it visited', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
