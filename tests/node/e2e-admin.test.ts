import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, INVITED_STAFF, OWNER } from '../../scripts/demo-data.ts';
import { accessibilityProblems, screenshot, signIn, startWebStack, type WebStack } from './web-stack.ts';

// The admin screens in a real browser: an owner changes a colleague's role and
// finds it in the audit log; tags and API tokens are managed; an agent is kept
// out; every admin page passes axe-core's rules.

const sam = INVITED_STAFF.find((person) => person.key === 'agent2')!;
const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const priya = CUSTOMERS.find((person) => person.key === 'priya')!;

/** Answers can take seconds on a loaded 2-core machine; the default poll (1 s) is too short. */
const SLOW = { timeout: 15_000 };

let stack: WebStack;
let owner: Page;

beforeAll(async () => {
  stack = await startWebStack('e2e-admin');
  ({ page: owner } = await signIn(stack, OWNER, '/tickets'));
});

afterAll(async () => {
  await stack?.stop();
});

/** A user as the API has them, asked from a signed-in page. */
const apiUser = (page: Page, email: string) =>
  page.evaluate(async (address) => {
    const response = await fetch(`/api/v1/users?q=${encodeURIComponent(address)}`);
    const { items } = (await response.json()) as { items: { email: string; role: string }[] };
    return items.find((user) => user.email === address);
  }, email);

describe('users and roles', () => {
  it('an owner reaches the admin area from the header and changes an agent into an admin', async () => {
    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await owner.waitForURL(`${stack.site}/admin`);
    await owner.getByRole('link', { name: 'Users and roles' }).click();
    await owner.waitForURL(`${stack.site}/admin/users`);

    const row = owner.locator('tr', { has: owner.getByRole('cell', { name: sam.email, exact: true }) });
    expect(await row.locator('td[data-role]').getAttribute('data-role')).toBe('agent');
    await owner.getByLabel(`Role of ${sam.name}`).selectOption('admin');
    await owner.getByRole('button', { name: `Change role: ${sam.name}` }).click();

    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe(`${sam.name} is now Admin.`);
    await expect.poll(() => row.locator('td[data-role]').getAttribute('data-role'), SLOW).toBe('admin');
    expect((await apiUser(owner, sam.email))?.role).toBe('admin');
    expect(await accessibilityProblems(owner)).toEqual([]);
    await screenshot(owner, 'admin-users');
  });

  it('finds the change in the audit log, filtered by its action', async () => {
    await owner.goto(`${stack.site}/admin/audit`);
    await owner.getByLabel('Action').fill('user.role_change');
    await owner.getByRole('button', { name: 'Filter' }).click();
    await owner.waitForURL(/action=user\.role_change/);
    const changes = owner.locator('table.audit tbody tr');
    expect(await changes.count()).toBe(1);
    expect(await changes.first().locator('td.change').textContent()).toBe('role: agent → admin');
    expect(await accessibilityProblems(owner)).toEqual([]);
  });

  it('says in a sentence why an invitation was refused, and shows the code of one that was made', async () => {
    await owner.goto(`${stack.site}/admin/users`);
    await owner.getByLabel('E-mail', { exact: true }).fill(alex.email);
    await owner.getByRole('button', { name: 'Create the invitation' }).click();
    await expect.poll(() => owner.getByRole('alert').count(), SLOW).toBe(1);
    expect(await owner.getByRole('alert').textContent()).toMatch(/^[A-Z][^{}]*\.$/);

    await owner.getByLabel('E-mail', { exact: true }).fill('new.agent@example.com');
    await owner.getByRole('button', { name: 'Create the invitation' }).click();
    await expect.poll(() => owner.locator('code.secret').count(), SLOW).toBe(1);
    expect((await owner.locator('code.secret').textContent())?.length).toBeGreaterThan(20);
  });

  it('deactivates a customer, who then shows as deactivated and cannot sign in', async () => {
    await owner.goto(`${stack.site}/admin/users?role=customer`);
    await owner.getByRole('button', { name: `Deactivate: ${priya.name}` }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe(`${priya.name} was deactivated.`);
    const row = owner.locator('tr', { has: owner.getByRole('cell', { name: priya.email, exact: true }) });
    expect(await row.getByRole('cell', { name: 'Deactivated' }).count()).toBe(1);
    const login = await owner.evaluate(
      async (email) => (await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) })).status,
      priya.email,
    );
    expect(login).not.toBe(200);
  });
});

describe('tags', () => {
  it('an owner creates a tag and deletes it again', async () => {
    await owner.goto(`${stack.site}/admin/tags`);
    await owner.getByLabel('Name').fill('warranty');
    await owner.getByLabel('Colour').fill('#0f766e');
    await owner.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => owner.getByRole('cell', { name: 'warranty', exact: true }).count(), SLOW).toBe(1);
    expect(await owner.getByRole('cell', { name: '#0f766e' }).count()).toBe(1);
    expect(await accessibilityProblems(owner)).toEqual([]);

    await owner.getByRole('button', { name: 'Delete: warranty' }).click();
    await expect.poll(() => owner.getByRole('cell', { name: 'warranty', exact: true }).count(), SLOW).toBe(0);
  });
});

describe('API tokens', () => {
  it('shows a new token’s secret once, and revokes it', async () => {
    await owner.goto(`${stack.site}/admin/tokens`);
    await owner.getByLabel('Name').fill('CI export');
    await owner.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => owner.locator('[data-secret]').count(), SLOW).toBe(1);
    const secret = (await owner.locator('[data-secret]').textContent()) ?? '';
    expect(secret).toMatch(/^wnp_/);
    const me = await owner.evaluate(async (token) => (await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status, secret);
    expect(me).toBe(200);
    expect(await accessibilityProblems(owner)).toEqual([]);

    await owner.reload();
    expect(await owner.locator('[data-secret]').count()).toBe(0);
    expect(await owner.content()).not.toContain(secret);

    await owner.getByRole('button', { name: 'Revoke: CI export' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Token revoked.');
    const after = await owner.evaluate(async (token) => (await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status, secret);
    expect(after).toBe(401);
  });
});

describe('the other admin screens', () => {
  it('notifications: a webhook is added (its secret shown once) and deleted; the page passes the accessibility rules', async () => {
    await owner.goto(`${stack.site}/admin/notifications`);
    expect(await owner.getByRole('heading', { name: 'Failed deliveries' }).count()).toBe(1);
    await owner.getByLabel('Address (URL)').fill('https://example.com/hooks/support');
    await owner.getByRole('checkbox', { name: 'ticket.created' }).check();
    await owner.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => owner.locator('code.secret').count(), SLOW).toBe(1);
    expect((await owner.locator('code.secret').textContent())?.length).toBeGreaterThan(20);
    expect(await owner.locator('.webhooks code.url').allTextContents()).toEqual(['https://example.com/hooks/support']);
    expect(await accessibilityProblems(owner)).toEqual([]);

    await owner.getByRole('button', { name: 'Delete: https://example.com/hooks/support' }).click();
    await expect.poll(() => owner.locator('.webhooks code.url').count(), SLOW).toBe(0);
    await owner.goto(`${stack.site}/admin`);
    expect(await accessibilityProblems(owner)).toEqual([]);
  });

  it('keeps an agent out of the admin screens with a sentence, but lets them manage their own tokens', async () => {
    const { page: agent } = await signIn(stack, alex, '/tickets');
    expect(await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    const response = await agent.goto(`${stack.site}/admin/users`);
    expect(response?.status()).toBe(403);
    expect(await agent.getByRole('alert').textContent()).toBe('Only admins and owners manage this.');
    expect((await agent.goto(`${stack.site}/admin/tokens`))?.status()).toBe(200);
  });

  // Last: creating a policy re-plans the open tickets' SLAs in the background, and a sign-in in the
  // seconds after it was seen to wait past its 30 s timeout under the local portal.
  it('SLA policies and calendars: a calendar and a policy counted in it are created', async () => {
    await owner.goto(`${stack.site}/admin/sla`);
    await owner.getByLabel('Name').nth(1).fill('Berlin office');
    await owner.getByLabel('Time zone').fill('Europe/Berlin');
    await owner.getByRole('button', { name: 'Create' }).nth(1).click();
    const calendar = owner.locator('tr', { has: owner.getByRole('cell', { name: 'Berlin office', exact: true }) });
    await expect.poll(() => calendar.count(), SLOW).toBe(1);
    expect((await calendar.locator('td').allTextContents()).map((text) => text.trim())).toEqual(['Berlin office', 'Europe/Berlin', 'Mon–Fri 09:00–18:00', '', 'Delete']);

    await owner.getByLabel('Name').first().fill('Escalated VIP tickets');
    await owner.getByLabel('Calendar', { exact: true }).selectOption({ label: 'Berlin office' });
    await owner.getByLabel('First response (minutes)').fill('30');
    await owner.getByRole('checkbox', { name: 'Urgent' }).check();
    await owner.getByRole('button', { name: 'Create' }).first().click();
    const policy = owner.locator('tr', { has: owner.getByRole('cell', { name: 'Escalated VIP tickets', exact: true }) });
    await expect.poll(() => policy.count(), SLOW).toBe(1);
    expect((await policy.locator('td').allTextContents()).map((text) => text.trim())).toEqual(['Escalated VIP tickets', 'Urgent', '30', '—', 'Berlin office', 'Delete']);
    expect(await accessibilityProblems(owner)).toEqual([]);
    await screenshot(owner, 'admin-sla');
  });
});
