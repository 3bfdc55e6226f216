import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, DEMO_MACROS, DEMO_PASSWORD, DEMO_TENANT, INVITED_STAFF, type DemoPerson } from '../../scripts/demo-data.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.ts';
import { startPortal, type Portal } from '../../scripts/portal-stack.ts';
import { seedDemo } from '../../scripts/seed.ts';
import { migratedState, waitForHydration } from './web-stack.ts';

// Two agents and a customer in three browsers on the local stack (one wrangler
// dev, both Workers, migrated and seeded): the agents co-edit one reply and see
// each other's text and named cursors, one sends it and it is written once,
// the customer chats with an agent live, and an agent inserts a macro that the
// other sees arrive before it is sent with its status. The WebSockets go to the page's
// own origin (/parties/*), under the portal's CSP.

const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const sam = INVITED_STAFF.find((person) => person.key === 'agent2')!;
const casey = CUSTOMERS.find((person) => person.key === 'customer')!;

const persistTo = mkdtempSync(join(tmpdir(), 'wnp-coedit-'));
let portal: Portal | undefined;
let browser: Browser | undefined;
let site: string;
let ticketId: number;
const cspViolations: string[] = [];

/** A browser profile of its own (its own cookies), signed in through the login page; staff land in the inbox, customers in the portal. */
async function signedIn(person: DemoPerson, home = '/tickets'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext();
  // Reported by the page itself too, in case a violation is not logged to the console.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI));`,
  });
  const page = await context.newPage();
  waitForHydration(page);
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(`${person.key}: ${message.text()}`);
  });
  await page.goto(`${site}/login`);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${site}${home}`);
  return { context, page };
}

/** What the reply editor holds, without the other agents' cursor labels (which sit inside it). */
const draftText = (page: Page) =>
  page.getByRole('textbox', { name: 'Reply' }).evaluate((editor) => {
    const copy = editor.cloneNode(true) as typeof editor;
    for (const cursor of copy.querySelectorAll('.remote-cursor')) cursor.remove();
    return (copy.textContent ?? '').replace(/\u2060/g, '');
  });

/** The ticket as the API has it, asked from a signed-in page (its session cookie, same origin). */
const ticketFromApi = (page: Page) =>
  page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/tickets/${id}`);
    return (await response.json()) as { status: string; comments: { public: boolean; channel: string; body_text: string; co_authors: number[] }[] };
  }, ticketId);

async function openTicket(page: Page) {
  await page.goto(`${site}/tickets/${ticketId}`);
  await page.locator('[data-chat-status="connected"]').waitFor();
}

beforeAll(async () => {
  await migratedState(persistTo);
  portal = await startPortal({ persistTo, output: 'capture' });
  expect(await seedDemo(portal.origin)).toEqual({ created: true, tickets: 50 });
  site = portal.tenantOrigin(DEMO_TENANT.slug);

  // The customer opens a fresh ticket through the API, so nothing else has touched it.
  const login = await fetch(`${portal.origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'x-tenant': DEMO_TENANT.slug, 'content-type': 'application/json' },
    body: JSON.stringify({ email: casey.email, password: DEMO_PASSWORD }),
  });
  const session = login.headers.getSetCookie().find((c) => c.startsWith('wnp_session='))?.split(';')[0]?.slice('wnp_session='.length);
  const created = await fetch(`${portal.origin}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'x-tenant': DEMO_TENANT.slug, 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify({ subject: 'Printer shows error E-042', description: 'The office printer stopped this morning.' }),
  });
  expect(created.status).toBe(201);
  ticketId = ((await created.json()) as { id: number }).id;

  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('co-editing a reply and chatting live', () => {
  let alexPage: Page;
  let samPage: Page;
  let caseyPage: Page;

  it('lets two agents write one reply together, each seeing the other’s text and named cursor', async () => {
    [{ page: alexPage }, { page: samPage }] = await Promise.all([signedIn(alex), signedIn(sam)]);
    await Promise.all([openTicket(alexPage), openTicket(samPage)]);
    await Promise.all([alexPage.locator('[data-live-status="connected"]').waitFor(), samPage.locator('[data-live-status="connected"]').waitFor()]);

    await alexPage.getByRole('textbox', { name: 'Reply' }).click();
    await alexPage.keyboard.type('Hello from Alex.');
    await expect.poll(() => draftText(samPage)).toBe('Hello from Alex.');

    await samPage.getByRole('textbox', { name: 'Reply' }).click();
    await samPage.keyboard.press('Control+End');
    await samPage.keyboard.type(' Sam here too.');
    await expect.poll(() => draftText(alexPage)).toBe('Hello from Alex. Sam here too.');
    expect(await draftText(samPage)).toBe('Hello from Alex. Sam here too.');

    await expect.poll(() => alexPage.locator('.remote-cursor-label').allTextContents()).toEqual([sam.name]);
    await expect.poll(() => samPage.locator('.remote-cursor-label').allTextContents()).toEqual([alex.name]);
    const presence = alexPage.getByRole('list', { name: 'Agents on this ticket' });
    await expect.poll(() => presence.textContent()).toContain(sam.name);
    expect(await presence.textContent()).toContain(`${alex.name} (you)`);
  });

  it('writes the reply once when one agent sends it, and clears the draft for both', async () => {
    await alexPage.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => alexPage.getByRole('status').filter({ hasText: 'Reply sent.' }).count()).toBe(1);

    const ticket = await ticketFromApi(alexPage);
    const replies = ticket.comments.filter((c) => c.public && c.channel === 'web');
    expect(replies.map((c) => c.body_text)).toEqual(['Hello from Alex. Sam here too.']);
    expect(replies[0]?.co_authors).toHaveLength(2);
    // A first public reply from staff opens a new ticket.
    expect(ticket.status).toBe('open');

    for (const page of [alexPage, samPage]) {
      await expect.poll(() => page.locator('article.comment', { hasText: 'Hello from Alex. Sam here too.' }).count()).toBe(1);
      await expect.poll(() => draftText(page)).toBe('');
    }
  });

  it('shows the customer the chat but not the agents’ drafts, and carries messages both ways live', async () => {
    ({ page: caseyPage } = await signedIn(casey, '/portal'));
    await openTicket(caseyPage);
    // The console's address of the ticket leads a customer to the portal's page of it.
    expect(new URL(caseyPage.url()).pathname).toBe(`/portal/tickets/${ticketId}`);
    expect(await caseyPage.getByRole('textbox', { name: 'Reply', exact: true }).count()).toBe(0);
    expect(await caseyPage.locator('.live-drafts').count()).toBe(0);

    const caseyBox = caseyPage.getByRole('textbox', { name: 'Message' });
    await caseyBox.fill('Is there any news on the printer?');
    await expect.poll(() => alexPage.getByText(`${casey.name} is typing…`).count()).toBe(1);
    await caseyPage.getByRole('button', { name: 'Send message' }).click();
    const alexLog = alexPage.getByRole('log', { name: 'Chat messages' });
    await expect.poll(() => alexLog.textContent()).toContain('Is there any news on the printer?');

    await alexPage.getByRole('textbox', { name: 'Message' }).fill('Yes: a technician is on the way.');
    await alexPage.getByRole('textbox', { name: 'Message' }).press('Enter');
    const caseyLog = caseyPage.getByRole('log', { name: 'Chat messages' });
    await expect.poll(() => caseyLog.textContent()).toContain('Yes: a technician is on the way.');
    expect(await caseyLog.locator('li').count()).toBe(2);
  });

  it('inserts a macro filled in for this ticket: the other agent sees it arrive, and it is sent with the status it presets', async () => {
    const refund = DEMO_MACROS.find((macro) => macro.title === 'Refund issued')!;
    // m puts the focus on the macro picker, as the shortcut list says.
    await samPage.getByRole('heading', { level: 1 }).click();
    await samPage.keyboard.press('m');
    expect(await samPage.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('macro-picker');
    await samPage.getByLabel('Macro', { exact: true }).selectOption({ label: refund.title });
    await samPage.getByRole('button', { name: 'Insert', exact: true }).click();
    await expect.poll(() => samPage.getByRole('status').filter({ hasText: 'Inserted “Refund issued”; it is sent with the status Solved.' }).count()).toBe(1);

    const filled = `Hello ${casey.name},the refund for ticket #${ticketId} is on its way`;
    await expect.poll(() => draftText(alexPage)).toContain(filled);
    // The insert is Sam's own edit: his undo takes it back for everyone, and redo brings it again.
    await samPage.keyboard.press('Control+z');
    await expect.poll(() => draftText(alexPage)).toBe('');
    await samPage.keyboard.press('Control+y');
    await expect.poll(() => draftText(alexPage)).toContain(filled);
    expect(await draftText(alexPage)).toMatch(new RegExp(`Best regards,${sam.name}$`));
    expect(await draftText(samPage)).toBe(await draftText(alexPage));
    expect(await draftText(samPage)).not.toContain('{{');

    await samPage.getByRole('button', { name: 'Send and set Solved' }).click();
    await expect.poll(async () => (await ticketFromApi(samPage)).status).toBe('solved');
    const last = (await ticketFromApi(samPage)).comments.at(-1)!;
    expect(last.public).toBe(true);
    expect(last.body_text).toBe(refund.body.replace('{{customer.name}}', casey.name).replace('{{ticket.id}}', String(ticketId)).replace('{{agent.name}}', sam.name));
    await expect.poll(() => draftText(alexPage)).toBe('');
  });

  it('hits no Content Security Policy violation: same-origin WebSockets and the cursors’ colours are allowed', () => {
    expect(cspViolations).toEqual([]);
  });
});
