import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TENANT, demoTickets, INVITED_STAFF } from '../../scripts/demo-data.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.ts';
import { migrateLocal, startPortal, type Portal } from '../../scripts/portal-stack.ts';
import { seedDemo } from '../../scripts/seed.ts';

// The whole local stack as `npm start` runs it (one wrangler dev, both Workers,
// migrated and seeded), on its own state folder and port, driven by a real browser.

const agent = INVITED_STAFF.find((person) => person.key === 'agent')!;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const persistTo = mkdtempSync(join(tmpdir(), 'wnp-e2e-'));
let portal: Portal | undefined;
let browser: Browser | undefined;
let page: Page;
let site: string;
const cspViolations: string[] = [];

beforeAll(async () => {
  await migrateLocal(persistTo);
  portal = await startPortal({ port: await freePort(), persistTo, output: 'capture' });
  const seeded = await seedDemo(portal.origin);
  expect(seeded).toEqual({ created: true, tickets: 50 });
  site = portal.tenantOrigin(DEMO_TENANT.slug);
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('a support agent in the browser', () => {
  it('is sent to the login page while signed out, which carries a strict CSP', async () => {
    const response = await page.goto(`${site}/tickets`);
    expect(new URL(page.url()).pathname).toBe('/login');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(response?.headers()['strict-transport-security']).toContain('max-age=');
  });

  it('is told in a sentence when the password is wrong', async () => {
    await page.goto(`${site}/login`);
    await page.getByLabel('Email address').fill(agent.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/\w+ \w+.*\./);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('signs in and sees the seeded tickets, a page at a time', async () => {
    await page.goto(`${site}/login`);
    await page.getByLabel('Email address').fill(agent.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site}/tickets`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tickets');
    expect(await page.getByText(`Signed in as ${agent.name}`).count()).toBe(1);

    const subjects = page.locator('tbody tr td:first-child a');
    const firstPage = await subjects.allTextContents();
    expect(firstPage).toHaveLength(25);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/cursor=/);
    const secondPage = await subjects.allTextContents();
    expect(secondPage).toHaveLength(25);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    expect([...firstPage, ...secondPage].sort()).toEqual(demoTickets().map((t) => t.subject).sort());
  });

  it('opens a ticket and reads its properties and comments, internal notes included', async () => {
    await page.goto(`${site}/tickets`);
    const first = page.locator('tbody tr td:first-child a').first();
    const subject = await first.textContent();
    await first.click();
    await page.waitForURL(/\/tickets\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(subject);
    const seeded = demoTickets().find((t) => t.subject === subject)!;
    expect(await page.getByText(seeded.description, { exact: true }).count()).toBe(1);
    const comments = page.locator('article.comment');
    expect(await comments.count()).toBe(seeded.comments.length);
    expect(await page.locator('article.comment.note').count()).toBe(seeded.comments.filter((c) => !c.public).length);
    for (const comment of seeded.comments) {
      expect(await page.getByText(comment.body, { exact: true }).count()).toBeGreaterThanOrEqual(1);
    }
  });

  it('reaches the API on the same origin with its session cookie', async () => {
    const me = await page.evaluate(async () => {
      const response = await fetch('/api/v1/auth/me');
      return { status: response.status, body: (await response.json()) as { user?: { email?: string } } };
    });
    expect(me.status).toBe(200);
    expect(me.body.user?.email).toBe(agent.email);
  });

  it('gets /parties answered by the API worker, not by SvelteKit', async () => {
    const party = await page.evaluate(async () => {
      const response = await fetch('/parties/no-such-room/1');
      return { status: response.status, type: response.headers.get('content-type') };
    });
    expect(party.status).toBe(404);
    expect(party.type).toContain('application/problem+json');
  });

  it('hits no Content Security Policy violation on any page it visited', () => {
    expect(cspViolations).toEqual([]);
  });

  it('signs out, after which the ticket list sends it back to the login page', async () => {
    await page.goto(`${site}/tickets`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${site}/tickets`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
