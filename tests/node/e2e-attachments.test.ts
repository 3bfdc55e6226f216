import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, INVITED_STAFF } from '../../scripts/demo-data.ts';
import { accessibilityProblems, screenshot, signIn, startWebStack, type WebStack } from './web-stack.ts';

// A ticket's files in a real browser, on the local stack: an agent attaches a
// screenshot through the file input (and another by pasting it), keeps a log
// internal, is told in a sentence why a disguised file was refused; the
// customer sees and downloads only the public files of their ticket, and may
// attach their own. Uploads go from the page straight to the API (same origin).

const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const casey = CUSTOMERS.find((person) => person.key === 'customer')!;

/** A real 1×1 PNG: its first bytes are the PNG signature the API checks. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const LOG = Buffer.from('2026-11-28 09:14:02 printer spooler: job 42 stuck\n');

/** How long a poll waits for another window or the API to catch up: generous, as the browser tests share a busy machine. */
const WAIT = { timeout: 15_000 };

let stack: WebStack;
let agent: Page;
let customer: Page;
let ticketId: number;

beforeAll(async () => {
  stack = await startWebStack('e2e-attachments');
  [{ page: agent }, { page: customer }] = await Promise.all([signIn(stack, alex, '/tickets'), signIn(stack, casey, '/portal')]);
  ticketId = await customer.evaluate(async () => {
    const response = await fetch('/api/v1/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Printer prints blank pages', description: 'Every page comes out empty since the update.' }),
    });
    return ((await response.json()) as { id: number }).id;
  });
});

afterAll(async () => {
  await stack?.stop();
});

const fileInput = (page: Page) => page.locator('.attachments input[type="file"]');
const fileNames = (page: Page) => page.locator('.attachments .files .name').allTextContents();
const alerts = (page: Page) => page.locator('.attachments [role="alert"]').textContent();

/** The file names the API lists for the ticket, asked with the page's own session. */
const apiFileNames = (page: Page) =>
  page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/tickets/${id}/attachments`);
    return ((await response.json()) as { items: { filename: string }[] }).items.map((f) => f.filename);
  }, ticketId);

describe('an agent on the ticket page', () => {
  it('attaches a PNG screenshot through the file input and sees it listed with a thumbnail', async () => {
    await agent.goto(`${stack.site}/tickets/${ticketId}`);
    // The page's own button opens the file input; the native control (worded in the browser's language) stays hidden.
    expect(await fileInput(agent).isVisible()).toBe(false);
    const [chooser] = await Promise.all([agent.waitForEvent('filechooser'), agent.getByRole('button', { name: 'Choose files' }).click()]);
    await chooser.setFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => fileNames(agent), WAIT).toEqual(['screenshot.png']);
    expect(await agent.locator('.attachments [role="status"]').allTextContents()).toContain('“screenshot.png” was attached.');

    const row = agent.locator('.attachments .file', { hasText: 'screenshot.png' });
    expect(await row.locator('.meta').textContent()).toContain('PNG');
    expect(await row.locator('.meta').textContent()).toContain(alex.name);
    const thumbnail = row.locator('img.thumbnail');
    await expect.poll(() => thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), WAIT).toBe(1);
  });

  it('keeps a file internal when told so', async () => {
    await agent.getByLabel('Staff only (internal)').check();
    await fileInput(agent).setInputFiles({ name: 'spooler.log', mimeType: 'text/plain', buffer: LOG });
    await expect.poll(() => fileNames(agent), WAIT).toEqual(['screenshot.png', 'spooler.log']);
    expect(await agent.locator('.attachments .file', { hasText: 'spooler.log' }).locator('.badge').textContent()).toBe('Internal');
    await agent.getByLabel('The customer and staff').check();
  });

  it('attaches a screenshot pasted onto the page', async () => {
    // What a browser dispatches when an image is pasted: a paste event whose clipboard holds the file.
    await agent.evaluate(`(() => {
      const bytes = Uint8Array.from(atob('${PNG.toString('base64')}'), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    })()`);
    await expect.poll(() => fileNames(agent), WAIT).toEqual(['screenshot.png', 'spooler.log', 'pasted.png']);
  });

  it('is told in a sentence why a file whose bytes are not of its type was refused, and it is not stored', async () => {
    await fileInput(agent).setInputFiles({ name: 'disguised.png', mimeType: 'image/png', buffer: Buffer.from('MZ this is not a picture') });
    await expect.poll(() => alerts(agent), WAIT).toBe('“disguised.png” was refused: its content is not what its type (image/png) says. The file may be damaged or renamed.');
    expect(await apiFileNames(agent)).not.toContain('disguised.png');
  });

  it('is refused a type outside the allowlist before anything is sent', async () => {
    await fileInput(agent).setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await expect.poll(() => alerts(agent), WAIT).toContain('“setup.exe” can’t be attached');
  });

  it('passes axe-core’s accessibility rules with the files listed', async () => {
    expect(await accessibilityProblems(agent)).toEqual([]);
    await screenshot(agent, 'ticket-attachments');
  });
});

describe('the customer in the portal', () => {
  it('sees the public files of their ticket, never the internal one', async () => {
    await customer.goto(`${stack.site}/portal/tickets/${ticketId}`);
    expect(await fileNames(customer)).toEqual(['screenshot.png', 'pasted.png']);
    expect(await apiFileNames(customer)).toEqual(['screenshot.png', 'pasted.png']);
    const internalId = Number(await agent.locator('.attachments .file', { hasText: 'spooler.log' }).getAttribute('data-attachment-id'));
    expect(await customer.evaluate(async (id) => (await fetch(`/api/v1/attachments/${id}/content`)).status, internalId)).toBe(404);
    expect(await customer.locator('.attachments').textContent()).toContain('Support team');
  });

  it('downloads the screenshot: the same bytes, as an attachment', async () => {
    const link = customer.getByRole('link', { name: 'Download screenshot.png' });
    const [download] = await Promise.all([customer.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('screenshot.png');
    expect(readFileSync(await download.path())).toEqual(PNG);

    const href = (await link.getAttribute('href'))!;
    const answer = await customer.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, disposition: response.headers.get('content-disposition'), type: response.headers.get('content-type') };
    }, href);
    expect(answer).toMatchObject({ status: 200, type: 'image/png' });
    expect(answer.disposition).toMatch(/^attachment;.*filename="screenshot\.png"/);
  });

  it('attaches a file of their own, always public, and may delete only that one', async () => {
    expect(await customer.getByLabel('Staff only (internal)').count()).toBe(0);
    await fileInput(customer).setInputFiles({ name: 'error-log.txt', mimeType: 'text/plain', buffer: LOG });
    await expect.poll(() => fileNames(customer), WAIT).toEqual(['screenshot.png', 'pasted.png', 'error-log.txt']);
    expect(await customer.locator('.attachments .file', { hasText: 'error-log.txt' }).textContent()).toContain('You');
    expect(await customer.getByRole('button', { name: /^Delete / }).count()).toBe(1);
  });

  it('passes axe-core’s accessibility rules', async () => {
    expect(await accessibilityProblems(customer)).toEqual([]);
    await screenshot(customer, 'portal-ticket-attachments');
  });
});

describe('deleting a file', () => {
  it('takes it away for everyone once the agent confirms', async () => {
    await agent.reload();
    await agent.getByRole('button', { name: 'Delete pasted.png' }).click();
    await agent.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => fileNames(agent), WAIT).toEqual(['screenshot.png', 'spooler.log', 'error-log.txt']);
    expect(await apiFileNames(customer)).toEqual(['screenshot.png', 'error-log.txt']);
  });

  it('hits no Content Security Policy violation: thumbnails and uploads stay on the one origin', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
