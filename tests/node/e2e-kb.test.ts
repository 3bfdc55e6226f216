import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, INVITED_STAFF } from '../../scripts/demo-data.ts';
import { accessibilityProblems, newProfile, screenshot, signIn, startWebStack, type WebStack } from './web-stack.ts';

// The knowledge base in a real browser: an agent writes an article with a live
// preview (sanitised), saves a draft, publishes it and reads the diff between
// versions; an anonymous visitor finds it by search in the public pages, reads
// it and rates it; Russian readers get the Russian knowledge base; an article
// suggested to a customer typing a ticket, and opened, shows in the editor's
// deflection table.

const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const TITLE = 'Connect to the Zanzibar office Wi-Fi';

/** Answers can take seconds on a loaded 2-core machine; the default poll (1 s) is too short. */
const SLOW = { timeout: 15_000 };

let stack: WebStack;
let agent: Page;
let visitor: Page;
let articleId: number;

beforeAll(async () => {
  stack = await startWebStack('e2e-kb');
  ({ page: agent } = await signIn(stack, alex, '/tickets'));
  ({ page: visitor } = await newProfile(stack, 'visitor'));
});

afterAll(async () => {
  await stack?.stop();
});

const apiArticle = (page: Page, id: number) =>
  page.evaluate(async (articleId) => (await (await fetch(`/api/v1/kb/articles/${articleId}`)).json()) as { slug: string; status: string; version: number }, id);

describe('the agents’ editor', () => {
  it('previews Markdown live, through the sanitiser, and saves a draft', async () => {
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge base' }).click();
    await agent.waitForURL(`${stack.site}/admin/kb`);
    expect(await accessibilityProblems(agent)).toEqual([]);
    await agent.getByRole('link', { name: 'New article' }).click();
    await agent.waitForURL(`${stack.site}/admin/kb/new`);

    await agent.getByLabel('Title').fill(TITLE);
    await agent.getByLabel('Summary').fill('Joining the guest and staff networks.');
    await agent.getByLabel('Text (Markdown)').fill('Use the **staff** network.\n\n<img src="x" alt="router" onerror="window.previewInjected = true">\n<script>window.previewInjected = true</script>');
    const preview = agent.locator('[data-preview]');
    await expect.poll(() => preview.locator('strong').textContent(), SLOW).toBe('staff');
    expect(await preview.locator('script, [onerror]').count()).toBe(0);
    expect(await agent.evaluate('window.previewInjected')).toBeUndefined();
    expect(await accessibilityProblems(agent)).toEqual([]);

    await agent.getByRole('button', { name: 'Save draft' }).click();
    await agent.waitForURL(/\/admin\/kb\/\d+\?saved=saved$/);
    articleId = Number(new URL(agent.url()).pathname.split('/').pop());
    expect(await agent.getByRole('status').textContent()).toBe('Saved as version 1.');
    expect((await apiArticle(agent, articleId)).status).toBe('draft');
  });

  it('keeps the draft from anonymous visitors', async () => {
    const { slug } = await apiArticle(agent, articleId);
    expect(slug).toBe('connect-to-the-zanzibar-office-wi-fi');
    const response = await visitor.goto(`${stack.site}/kb/en/${slug}`);
    expect(response?.status()).toBe(404);
  });

  it('publishes an edit as a new version and shows what it changed', async () => {
    await agent.getByLabel('Text (Markdown)').fill('Use the **staff** network.\n\nThe password is on the card at reception.');
    await agent.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => agent.locator('p.notice').textContent(), SLOW).toBe('Published as version 2.');
    expect((await apiArticle(agent, articleId)).status).toBe('published');

    await agent.getByRole('link', { name: 'Version 2' }).click();
    await agent.waitForURL(`${stack.site}/admin/kb/${articleId}/versions/2`);
    expect(await agent.locator('.diff ins').allTextContents()).toContain('+ The password is on the card at reception.');
    expect(await agent.locator('.diff del').allTextContents()).toContain('− <script>window.previewInjected = true</script>');
    expect(await agent.getByText('Compared with version 1').count()).toBe(1);
    expect(await accessibilityProblems(agent)).toEqual([]);
  });
});

describe('the public knowledge base', () => {
  it('shows an anonymous visitor the categories and lets them find the article by search', async () => {
    await visitor.goto(`${stack.site}/kb`);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Knowledge base');
    expect(await visitor.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Getting started' }).count()).toBe(1);
    expect(await accessibilityProblems(visitor)).toEqual([]);

    await visitor.getByRole('searchbox', { name: 'Search the knowledge base' }).fill('zanzibar');
    await visitor.getByRole('button', { name: 'Search' }).click();
    await visitor.waitForURL(/\/kb\/search\?q=zanzibar/);
    expect(await visitor.locator('.kb-hits li').count()).toBe(1);
    expect(await visitor.locator('.kb-hits li a mark').textContent()).toBe('Zanzibar');
    expect(await accessibilityProblems(visitor)).toEqual([]);
  });

  it('reads the published article, rendered on the server, and rates it helpful', async () => {
    await visitor.locator('.kb-hits li a').click();
    await visitor.waitForURL(/\/kb\/en\/[^/]+$/);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    expect(await visitor.locator('.kb-body strong').textContent()).toBe('staff');
    expect(await visitor.locator('.kb-body').textContent()).toContain('The password is on the card at reception.');
    // Rendered on the server: a browser without JavaScript gets the whole article.
    const { context: noScript, page: plain } = await newProfile(stack, 'no-script', { javaScriptEnabled: false });
    await plain.goto(visitor.url());
    expect(await plain.locator('.kb-body').textContent()).toContain('The password is on the card at reception.');
    await noScript.close();
    expect(await accessibilityProblems(visitor)).toEqual([]);
    await screenshot(visitor, 'kb-article');

    await visitor.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => visitor.getByRole('status').textContent(), SLOW).toBe('Thank you for your answer.');
    expect(await visitor.getByText('1 person found this helpful').count()).toBe(1);
    const cookies = await visitor.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'wnp_visitor')?.httpOnly).toBe(true);
  });

  it('greets a Russian reader in Russian, with the Russian articles', async () => {
    const { page: russian } = await newProfile(stack, 'russian-visitor', { locale: 'ru-RU' });
    await russian.goto(`${stack.site}/kb`);
    expect(await russian.getByRole('heading', { level: 1 }).textContent()).toBe('База знаний');
    await russian.getByRole('link', { name: 'Принтер не печатает или не в сети' }).click();
    await russian.waitForURL(/\/kb\/ru\//);
    expect(await russian.getByRole('heading', { level: 1 }).textContent()).toBe('Принтер не печатает или не в сети');
    expect(await russian.getByRole('link', { name: /Printer offline or not printing/ }).count()).toBe(1);
    expect(await accessibilityProblems(russian)).toEqual([]);
    await screenshot(russian, 'kb-article-ru');
  });
});

describe('deflection', () => {
  it('counts an article suggested to a customer typing a ticket, and opened from there, in the editor’s list', async () => {
    const casey = CUSTOMERS.find((person) => person.key === 'customer')!;
    const { context, page: customer } = await signIn(stack, casey, '/portal');
    await customer.goto(`${stack.site}/portal/new`);
    await customer.getByLabel('Subject').pressSequentially('my printer is offline');
    const suggestion = customer.locator('.kb-suggestions').getByRole('link', { name: 'Printer offline or not printing' });
    await suggestion.waitFor(SLOW);
    const counted = customer.waitForResponse((response) => response.url().endsWith('/api/v1/kb/suggest/events') && (response.request().postData() ?? '').includes('clicked'));
    const [opened] = await Promise.all([context.waitForEvent('page'), suggestion.click()]);
    expect((await counted).status()).toBe(200);
    await opened.waitForLoadState();
    expect(new URL(opened.url()).pathname).toMatch(/^\/kb\/en\//);
    await context.close();

    await agent.goto(`${stack.site}/admin/kb`);
    const table = agent.getByRole('region', { name: 'Suggested while customers type a ticket' });
    const row = table.getByRole('row', { name: /Printer offline or not printing/ });
    await expect.poll(() => row.count(), SLOW).toBe(1);
    // Suggested once per pause in typing (a slow machine may pause mid-subject), opened once.
    const [shown, openedCount, rate] = (await row.locator('td').allTextContents()).slice(1).map(Number);
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(openedCount).toBe(1);
    expect(rate).toBe(Math.round(100 / shown!));
    expect(await accessibilityProblems(agent)).toEqual([]);
  });
});
