import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, INVITED_STAFF, OWNER } from '../../scripts/demo-data.ts';
import { accessibilityProblems, screenshot, signIn, startWebStack, type WebStack } from './web-stack.ts';

// The admin screens in a real browser: an owner changes a colleague's role and
// finds it in the audit log; tags, macros and API tokens are managed; retention and the
// attachment quota are set; an admin adds and removes an inbound address; SLA calendars and policies are created, edited
// (a refused value is named beside its field) and reordered; an agent is kept
// out; every admin page passes axe-core's rules.

const sam = INVITED_STAFF.find((person) => person.key === 'agent2')!;
const alex = INVITED_STAFF.find((person) => person.key === 'agent')!;
const adam = INVITED_STAFF.find((person) => person.key === 'admin')!;
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
    const { items } = (await response.json()) as { items: { id: number; email: string; role: string }[] };
    return items.find((user) => user.email === address);
  }, email);

/** The text of each cell of a table row, white space folded. */
const cellTexts = async (row: ReturnType<Page['locator']>) => (await row.locator('td').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());

/** An API answer's JSON, asked from a signed-in page. */
const apiJson = <T>(page: Page, path: string) => page.evaluate(async (url) => (await (await fetch(url)).json()) as T, path);

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

describe('macros', () => {
  it('an owner writes a macro, is told beside the text which placeholder does not exist, then edits and deletes it', async () => {
    await owner.goto(`${stack.site}/admin`);
    await owner.getByRole('link', { name: 'Macros' }).click();
    await owner.waitForURL(`${stack.site}/admin/macros`);
    // The seeded macros are listed by title.
    expect(await owner.getByRole('cell', { name: 'Password reset link', exact: true }).count()).toBe(1);

    await owner.getByLabel('Title').fill('Warranty: send the receipt');
    await owner.getByLabel('Text').fill('Hello {{customer.name}},\n\nplease send the receipt for order {{order.id}}.');
    await owner.getByLabel('Status to send with').selectOption('pending');
    await owner.getByRole('button', { name: 'Create' }).click();
    const bodyError = owner.locator('#new-macro-body-error');
    await expect.poll(() => bodyError.textContent(), SLOW).toContain('{{order.id}}');
    expect(await owner.getByLabel('Text').getAttribute('aria-invalid')).toBe('true');
    // Nothing was written, and what was typed is still there to fix.
    expect(await owner.getByRole('cell', { name: 'Warranty: send the receipt', exact: true }).count()).toBe(0);
    expect(await owner.getByLabel('Text').inputValue()).toContain('{{order.id}}');

    await owner.getByLabel('Text').fill('Hello {{customer.name}},\n\nplease send the receipt for ticket #{{ticket.id}}.');
    await owner.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => owner.getByRole('cell', { name: 'Warranty: send the receipt', exact: true }).count(), SLOW).toBe(1);
    expect(await accessibilityProblems(owner)).toEqual([]);
    await screenshot(owner, 'admin-macros');

    await owner.getByRole('link', { name: 'Edit: Warranty: send the receipt' }).click();
    await owner.waitForURL(/\/admin\/macros\/\d+$/);
    await owner.getByLabel('Status to send with').selectOption('');
    await owner.getByLabel('Title').fill('Warranty: receipt');
    await owner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Saved.');
    expect(await accessibilityProblems(owner)).toEqual([]);
    const saved = await apiJson<{ items: { title: string; body: string; status: string | null }[] }>(owner, '/api/v1/macros');
    expect(saved.items.find((macro) => macro.title === 'Warranty: receipt')).toEqual(
      expect.objectContaining({ body: 'Hello {{customer.name}},\n\nplease send the receipt for ticket #{{ticket.id}}.', status: null }),
    );

    await owner.getByRole('link', { name: 'All macros' }).click();
    await owner.getByRole('button', { name: 'Delete: Warranty: receipt' }).click();
    await expect.poll(() => owner.getByRole('cell', { name: 'Warranty: receipt', exact: true }).count(), SLOW).toBe(0);
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

describe('settings', () => {
  it('an owner changes how long records are kept, and a reload shows the saved values', async () => {
    await owner.goto(`${stack.site}/admin`);
    await owner.getByRole('link', { name: 'Team settings' }).click();
    await owner.waitForURL(`${stack.site}/admin/settings`);
    const retention = owner.getByRole('region', { name: 'Retention' });
    await retention.getByLabel('Keep the audit log (days)').fill('400');
    await retention.getByLabel('Keep sent notifications (days)').fill('30');
    await retention.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Saved.');
    expect(await accessibilityProblems(owner)).toEqual([]);

    await owner.reload();
    expect(await owner.getByLabel('Keep the audit log (days)').inputValue()).toBe('400');
    expect(await owner.getByLabel('Keep sent notifications (days)').inputValue()).toBe('30');
    const saved = await apiJson<{ audit_log_days: number; notification_days: number }>(owner, '/api/v1/settings/retention');
    expect([saved.audit_log_days, saved.notification_days]).toEqual([400, 30]);
  });

  it('sets the attachment quota in megabytes, and restores the platform default', async () => {
    await owner.goto(`${stack.site}/admin/settings`);
    const attachments = owner.getByRole('region', { name: 'File attachments' });
    expect(await attachments.getByLabel('Quota (MB)').inputValue()).toBe('5120');
    await attachments.getByLabel('Quota (MB)').fill('2048');
    await attachments.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Saved.');

    await owner.reload();
    expect(await owner.getByLabel('Quota (MB)').inputValue()).toBe('2048');
    expect(await owner.locator('[data-usage]').textContent()).toMatch(/ of 2 GB\.\s*$/);
    expect((await apiJson<{ quota_bytes: number }>(owner, '/api/v1/settings/attachments')).quota_bytes).toBe(2048 * 1024 * 1024);

    await owner.getByLabel('Use the platform default').check();
    await owner.getByRole('region', { name: 'File attachments' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Saved.');
    await owner.reload();
    expect(await owner.getByLabel('Quota (MB)').inputValue()).toBe('5120');
    expect(await owner.locator('[data-usage]').textContent()).toContain('This is the platform default.');
  });

  it('an admin adds a custom inbound address beside the default one, is told when it is taken, and removes it', async () => {
    const { page: admin } = await signIn(stack, adam, '/tickets');
    await admin.goto(`${stack.site}/admin/settings`);
    const inbound = admin.getByRole('region', { name: 'Inbound e-mail' });
    expect(await inbound.locator('[data-default-address]').textContent()).toBe('demo@localhost');
    expect(await inbound.getByText('No custom addresses yet.').count()).toBe(1);
    const addressCell = inbound.getByRole('cell', { name: 'support@acme-example.com', exact: true });

    await inbound.getByLabel('Custom address').fill('support@acme-example.com');
    await inbound.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => admin.getByRole('status').textContent(), SLOW).toMatch(/^support@acme-example\.com added\./);
    await admin.reload();
    expect(await addressCell.count()).toBe(1);
    expect((await apiJson<{ items: { address: string }[] }>(admin, '/api/v1/settings/email-addresses')).items.map((a) => a.address)).toEqual(['support@acme-example.com']);

    const field = inbound.getByLabel('Custom address');
    await field.fill('support@acme-example.com');
    await inbound.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => admin.locator('#inbound-address-error').count(), SLOW).toBe(1);
    expect(await admin.locator('#inbound-address-error').textContent()).toContain('support@acme-example.com already reaches a help desk');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('inbound-address-error');
    expect(await accessibilityProblems(admin)).toEqual([]);

    await inbound.getByRole('button', { name: 'Remove: support@acme-example.com' }).click();
    await expect.poll(() => addressCell.count(), SLOW).toBe(0);
    expect(await admin.getByRole('status').textContent()).toBe('support@acme-example.com removed: mail to it is no longer accepted.');
    expect((await apiJson<{ items: unknown[] }>(admin, '/api/v1/settings/email-addresses')).items).toEqual([]);
    expect(await accessibilityProblems(admin)).toEqual([]);
    await admin.context().close();
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
    expect((await agent.goto(`${stack.site}/admin/settings`))?.status()).toBe(403);
    expect((await agent.goto(`${stack.site}/admin/tokens`))?.status()).toBe(200);
  });

});

// Last: creating or changing a policy re-plans the open tickets' SLAs in the background, and a
// sign-in in the seconds after it was seen to wait past its 30 s timeout under the local portal.
describe('SLA policies and calendars', () => {
  const policyRow = () => owner.locator('tr', { has: owner.getByRole('cell', { name: 'Escalated VIP tickets', exact: true }) });
  const calendarRow = () => owner.getByRole('region', { name: 'Business-hours calendars' }).locator('tr', { has: owner.getByRole('cell', { name: 'Berlin office', exact: true }) });

  it('a calendar and a policy counted in it are created', async () => {
    await owner.goto(`${stack.site}/admin/sla`);
    await owner.getByLabel('Name').nth(1).fill('Berlin office');
    await owner.getByLabel('Time zone').fill('Europe/Berlin');
    await owner.getByRole('button', { name: 'Create' }).nth(1).click();
    await expect.poll(() => calendarRow().count(), SLOW).toBe(1);
    expect((await cellTexts(calendarRow())).slice(0, 4)).toEqual(['Berlin office', 'Europe/Berlin', 'Mon–Fri 09:00–18:00', '']);
    // The emptied form offers the usual week again, not blank days.
    expect(await owner.getByLabel('Monday').inputValue()).toBe('09:00–18:00');
    expect(await owner.getByLabel('Time zone').inputValue()).toBe('');

    await owner.getByLabel('Name').first().fill('Escalated VIP tickets');
    await owner.getByLabel('Calendar', { exact: true }).selectOption({ label: 'Berlin office' });
    await owner.getByLabel('First response (minutes)').fill('30');
    await owner.getByRole('checkbox', { name: 'Urgent' }).check();
    await owner.getByRole('button', { name: 'Create' }).first().click();
    await expect.poll(() => policyRow().count(), SLOW).toBe(1);
    expect((await cellTexts(policyRow())).slice(0, 5)).toEqual(['Escalated VIP tickets', 'Urgent', '30', '—', 'Berlin office']);
    expect(await owner.getByLabel('Warn at (%)').inputValue()).toBe('80');
    expect(await accessibilityProblems(owner)).toEqual([]);
    await screenshot(owner, 'admin-sla');
  });

  it('edits a calendar: a time zone the API refuses is named beside its field, then the hours and holidays are saved', async () => {
    await owner.goto(`${stack.site}/admin/sla`);
    await owner.getByRole('link', { name: 'Edit: Berlin office' }).click();
    await owner.waitForURL(/\/admin\/sla\/calendars\/\d+$/);
    const zone = owner.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('Europe/Berlin');
    expect(await owner.getByLabel('Monday').inputValue()).toBe('09:00–18:00');

    await zone.fill('Europe/Atlantis');
    await owner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.locator('#calendar-zone-error').count(), SLOW).toBe(1);
    expect(await owner.locator('#calendar-zone-error').textContent()).toBe('Time zone must be an IANA time zone name such as Europe/Moscow.');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await zone.getAttribute('aria-describedby')).toContain('calendar-zone-error');
    expect(await owner.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('calendar-zone');
    expect(await owner.getByRole('alert').count()).toBe(1);
    expect(await accessibilityProblems(owner)).toEqual([]);

    await zone.fill('Europe/Vienna');
    await owner.getByLabel('Saturday').fill('10:00-14:00');
    await owner.getByLabel('Holidays').fill('2027-12-25, 2027-12-26');
    await owner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Saved.');
    expect(await owner.locator('#calendar-zone-error').count()).toBe(0);

    await owner.reload();
    expect(await owner.getByLabel('Time zone').inputValue()).toBe('Europe/Vienna');
    expect(await owner.getByLabel('Saturday').inputValue()).toBe('10:00–14:00');
    await owner.goto(`${stack.site}/admin/sla`);
    expect((await cellTexts(calendarRow())).slice(0, 4)).toEqual(['Berlin office', 'Europe/Vienna', 'Mon–Fri 09:00–18:00; Sat 10:00–14:00', '2027-12-25, 2027-12-26']);
  });

  it('edits a policy’s conditions, targets, warning and escalation', async () => {
    await owner.goto(`${stack.site}/admin/sla`);
    await owner.getByRole('link', { name: 'Edit: Escalated VIP tickets' }).click();
    await owner.waitForURL(/\/admin\/sla\/policies\/\d+$/);
    const id = Number(owner.url().split('/').pop());
    expect(await owner.getByLabel('First response (minutes)').inputValue()).toBe('30');
    expect(await owner.getByRole('checkbox', { name: 'Urgent' }).isChecked()).toBe(true);

    await owner.getByLabel('Resolution (minutes)').fill('480');
    await owner.getByLabel('Warn at (%)').fill('70');
    await owner.getByRole('checkbox', { name: 'Incident' }).check();
    await owner.getByLabel('Raise the priority to').selectOption({ label: 'High' });
    await owner.getByRole('group', { name: 'Tell (warnings and breaches)' }).getByRole('checkbox', { name: OWNER.name }).check();
    await owner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Saved.');
    expect(await accessibilityProblems(owner)).toEqual([]);
    await screenshot(owner, 'admin-sla-policy');

    await owner.reload();
    expect(await owner.getByLabel('Resolution (minutes)').inputValue()).toBe('480');
    expect(await owner.getByRole('checkbox', { name: 'Incident' }).isChecked()).toBe(true);
    const me = (await apiUser(owner, OWNER.email))!;
    const policy = await apiJson<Record<string, unknown>>(owner, `/api/v1/sla/policies/${id}`);
    expect(policy).toMatchObject({
      targets: { first_response: 30, resolution: 480 },
      conditions: { priorities: ['urgent'], types: ['incident'] },
      warning_percent: 70,
      escalation: { raise_priority: 'high', notify_user_ids: [me.id] },
    });
  });

  it('moves a policy up, so it is tried before the one above it', async () => {
    const order = async () => (await apiJson<{ items: { name: string }[] }>(owner, '/api/v1/sla/policies')).items.map((p) => p.name);
    await owner.goto(`${stack.site}/admin/sla`);
    const before = await order();
    const at = before.indexOf('Escalated VIP tickets');
    expect(at).toBeGreaterThan(0);
    await owner.getByRole('button', { name: 'Move up: Escalated VIP tickets' }).click();
    await expect.poll(() => owner.getByRole('status').textContent(), SLOW).toBe('Saved.');

    const expected = [...before];
    [expected[at - 1], expected[at]] = [expected[at]!, expected[at - 1]!];
    expect(await order()).toEqual(expected);
    const names = owner.locator('section[aria-labelledby="policies-heading"] tbody tr td:first-child');
    await expect.poll(() => names.allTextContents(), SLOW).toEqual(expected);
    expect(await owner.getByRole('button', { name: `Move up: ${expected[0]}` }).isDisabled()).toBe(true);
  });
});
