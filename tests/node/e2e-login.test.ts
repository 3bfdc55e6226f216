import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTickets, INVITED_STAFF } from '../../scripts/demo-data.ts';
import { newProfile, startWebStack, type WebStack } from './web-stack.ts';

// Signing in and out on the local stack as `npm start` runs it, driven by a real
// browser: the redirects, the strict CSP, the inbox a page at a time as it
// scrolls, a ticket with its internal notes, the same-origin API and rooms, and
// the installable app (manifest, service worker, offline page).

const agent = INVITED_STAFF.find((person) => person.key === 'agent')!;

let stack: WebStack;
let page: Page;
let site: string;

beforeAll(async () => {
  stack = await startWebStack('e2e-login');
  site = stack.site;
  ({ page } = await newProfile(stack, 'agent'));
});

afterAll(async () => {
  await stack?.stop();
});

/** What the PWA checks read in the page (this project's tsconfig has no DOM library). */
interface PwaPage {
  document: { querySelector(selector: string): { href: string } | null };
  navigator: { serviceWorker: { ready: Promise<unknown>; controller: unknown } };
}

const subjects = () => page.locator('tbody tr[data-ticket-id] td.subject a');

describe('a support agent in the browser', () => {
  it('is sent to the login page while signed out, coming back afterwards, under a strict CSP', async () => {
    const response = await page.goto(`${site}/tickets?view=recent`);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('next')).toBe('/tickets?view=recent');
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

  it('signs in and comes back to the page it asked for', async () => {
    await page.goto(`${site}/login?next=${encodeURIComponent('/tickets?view=recent')}`);
    await page.getByLabel('Email address').fill(agent.email);
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site}/tickets?view=recent`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tickets');
    expect(await page.getByText(`Signed in as ${agent.name}`).count()).toBe(1);
  });

  it('scrolls through every seeded ticket: the next page loads when the end of the list comes into view', async () => {
    await page.goto(`${site}/tickets?view=recent`);
    expect(await subjects().count()).toBe(25);
    await page.locator('.sentinel').scrollIntoViewIfNeeded();
    await expect.poll(() => subjects().count()).toBe(50);
    await expect.poll(() => page.getByText('That is all: 50 tickets.').count()).toBe(1);
    expect((await subjects().allTextContents()).sort()).toEqual(demoTickets().map((t) => t.subject).sort());
  });

  it('opens a ticket and reads its properties and comments, internal notes included', async () => {
    await page.goto(`${site}/tickets?view=recent`);
    const first = subjects().first();
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
    expect(stack.cspViolations).toEqual([]);
  });

  it('installs as an app: Chromium finds nothing that keeps it from installing', async () => {
    await page.goto(`${site}/tickets`);
    const manifest = await page.evaluate(async () => {
      const link = (globalThis as unknown as PwaPage).document.querySelector('link[rel="manifest"]');
      const response = await fetch(link?.href ?? '');
      return { status: response.status, body: (await response.json()) as { display: string; icons: { sizes: string }[] } };
    });
    expect(manifest.status).toBe(200);
    expect(manifest.body.display).toBe('standalone');
    expect(manifest.body.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    await page.evaluate(() => (globalThis as unknown as PwaPage).navigator.serviceWorker.ready);
    const devtools = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await devtools.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // A test's browser context is an incognito profile, where Chromium never offers to install; nothing else may stand in the way.
    expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  });

  it('offline, serves the app shell from its cache and shows the offline page for a page it cannot fetch', async () => {
    await page.goto(`${site}/tickets`);
    await page.evaluate(() => (globalThis as unknown as PwaPage).navigator.serviceWorker.ready);
    // The worker claims the page it installed under; a reload is then served through it.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PwaPage).navigator.serviceWorker.controller !== null)).toBe(true);
    const script = await page.evaluate(() => (globalThis as unknown as PwaPage).document.querySelector('link[rel="modulepreload"]')?.href ?? '');
    expect(script).toMatch(/\/_app\/immutable\/.+\.js$/);
    await page.context().setOffline(true);
    try {
      // A hashed asset of the build comes from the cache; an API answer is never cached, so it fails.
      const offline = await page.evaluate(async (url) => {
        const asset = await fetch(url).then((response) => response.status, () => 0);
        const api = await fetch('/api/v1/auth/me').then((response) => response.status, () => 0);
        return { asset, api };
      }, script);
      expect(offline).toEqual({ asset: 200, api: 0 });
      await page.goto(`${site}/tickets?view=unassigned`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are offline');
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    } finally {
      await page.context().setOffline(false);
    }
    // Back online, the page it asked for comes from the network again.
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tickets');
  });

  it('signs out, after which the inbox sends it back to the login page', async () => {
    await page.goto(`${site}/tickets`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${site}/tickets`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
