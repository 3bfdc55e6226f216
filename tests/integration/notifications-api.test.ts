import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { users } from '../../worker/db/tenant/users';
import { addUser, createTenant, problem, tenantCall } from './harness';
import { deliverBatch, messageFor, PUSH_KEYS, record, withProviders } from './notification-fixtures';

// The notification API as its callers use it: own preferences and push
// subscriptions, the admins' webhook endpoints, and the staff's outbox page.

afterEach(() => vi.restoreAllMocks());

describe('notification preferences', () => {
  it('shows the defaults, then keeps what a user chose per event and channel, and their SMS number', async () => {
    const tenant = await createTenant('prefs');
    const user = await addUser(tenant, 'customer');
    const initial = await tenantCall(tenant, 'GET', '/api/v1/notifications/preferences', { token: user.token });
    const defaults = (await initial.json()) as { sms_phone: string | null; events: { event: string; email: boolean; sms: boolean; push: boolean }[] };
    expect(defaults.sms_phone).toBeNull();
    expect(defaults.events.map((e) => e.event)).toEqual(['ticket.created', 'ticket.reply', 'ticket.assigned', 'sla.warning', 'sla.breach', 'chat.offline_message']);
    expect(defaults.events.every((e) => e.email && !e.sms && !e.push)).toBe(true);

    const saved = await tenantCall(tenant, 'PUT', '/api/v1/notifications/preferences', {
      token: user.token,
      body: { sms_phone: '+79161234567', events: [{ event: 'ticket.reply', email: false, sms: true, push: true }] },
    });
    expect(saved.status).toBe(200);
    await tenantCall(tenant, 'PUT', '/api/v1/notifications/preferences', { token: user.token, body: { events: [{ event: 'sla.breach', email: false, sms: false, push: false }] } });
    const now = (await (await tenantCall(tenant, 'GET', '/api/v1/notifications/preferences', { token: user.token })).json()) as typeof defaults;
    expect(now.sms_phone).toBe('+79161234567');
    expect(now.events.find((e) => e.event === 'ticket.reply')).toEqual({ event: 'ticket.reply', email: false, sms: true, push: true });
    expect(now.events.find((e) => e.event === 'sla.breach')).toEqual({ event: 'sla.breach', email: false, sms: false, push: false });
    expect(now.events.find((e) => e.event === 'ticket.created')).toEqual({ event: 'ticket.created', email: true, sms: false, push: false });

    // Another user's preferences are their own.
    const other = await addUser(tenant, 'agent');
    const theirs = (await (await tenantCall(tenant, 'GET', '/api/v1/notifications/preferences', { token: other.token })).json()) as typeof defaults;
    expect(theirs.events.find((e) => e.event === 'ticket.reply')?.email).toBe(true);
  });

  it('refuses an unknown event, a phone number that is not E.164, and an event named twice, naming the field', async () => {
    const tenant = await createTenant('prefs-bad');
    const user = await addUser(tenant, 'customer');
    const put = (body: unknown) => tenantCall(tenant, 'PUT', '/api/v1/notifications/preferences', { token: user.token, body });
    const unknown = await problem(await put({ events: [{ event: 'ticket.deleted', email: true, sms: false, push: false }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.errors?.[0]?.field).toMatch(/^events/);
    const phone = await problem(await put({ sms_phone: '8 916 123-45-67' }));
    expect(phone.errors).toEqual([expect.objectContaining({ field: 'sms_phone' })]);
    const twice = { event: 'ticket.reply', email: true, sms: false, push: false };
    expect((await put({ events: [twice, twice] })).status).toBe(422);
    expect((await put({ events: [], extra: 1 })).status).toBe(422);
  });
});

describe('push subscriptions', () => {
  it("registers a browser, moves it to whoever registers it next, and lets only its owner remove it", async () => {
    const tenant = await createTenant('push-api');
    const [first, second] = [await addUser(tenant, 'customer'), await addUser(tenant, 'customer')];
    const endpoint = 'https://fcm.googleapis.com/fcm/send/abc123';
    const register = (token: string) => tenantCall(tenant, 'POST', '/api/v1/notifications/push-subscriptions', { token, body: { endpoint, keys: PUSH_KEYS } });
    const mine = (await (await register(first.token)).json()) as { id: number; endpoint: string };
    expect(mine.endpoint).toBe(endpoint);
    const again = (await (await register(second.token)).json()) as { id: number };
    expect(again.id).toBe(mine.id);

    const byFirst = await tenantCall(tenant, 'DELETE', `/api/v1/notifications/push-subscriptions/${mine.id}`, { token: first.token });
    expect(byFirst.status).toBe(404);
    const bySecond = await tenantCall(tenant, 'DELETE', `/api/v1/notifications/push-subscriptions/${mine.id}`, { token: second.token });
    expect(bySecond.status).toBe(204);

    const insecure = await tenantCall(tenant, 'POST', '/api/v1/notifications/push-subscriptions', {
      token: first.token,
      body: { endpoint: 'http://push.example.net/x', keys: PUSH_KEYS },
    });
    expect((await problem(insecure)).errors).toEqual([expect.objectContaining({ field: 'endpoint' })]);
  });

  it('hands out the VAPID public key only when web push is configured', async () => {
    const tenant = await createTenant('push-key');
    const user = await addUser(tenant, 'customer');
    const response = await tenantCall(tenant, 'GET', '/api/v1/notifications/push-key', { token: user.token });
    expect(await response.json()).toEqual({ public_key: null });
  });
});

describe('webhook endpoints', () => {
  it('shows the signing secret once, on creation, and lists endpoints without it', async () => {
    const tenant = await createTenant('hooks');
    const admin = await addUser(tenant, 'admin');
    const created = await tenantCall(tenant, 'POST', '/api/v1/notifications/webhooks', {
      token: admin.token,
      body: { url: 'https://crm.example.net/hooks/workernet', events: ['ticket.created'], description: 'CRM sync' },
    });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: number; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);

    const listed = await (await tenantCall(tenant, 'GET', '/api/v1/notifications/webhooks', { token: admin.token })).text();
    expect(listed).toContain('https://crm.example.net/hooks/workernet');
    expect(listed).not.toContain(endpoint.secret);

    expect((await tenantCall(tenant, 'DELETE', `/api/v1/notifications/webhooks/${endpoint.id}`, { token: admin.token })).status).toBe(204);
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/notifications/webhooks/${endpoint.id}`, { token: admin.token })).status).toBe(404);
    const bad = await tenantCall(tenant, 'POST', '/api/v1/notifications/webhooks', { token: admin.token, body: { url: 'ftp://x.test', events: [] } });
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(['events', 'url']);
  });
});

describe('the outbox page data', () => {
  it('lists what the local outbox stored, newest first, a page at a time, to staff only', async () => {
    const tenant = await createTenant('outbox');
    const [agent, customer] = [await addUser(tenant, 'agent'), await addUser(tenant, 'customer')];
    await tenant.db.update(users).set({ locale: 'ru' }).where(eq(users.id, customer.id));
    const rows = [];
    for (const ticket of [1, 2, 3]) {
      rows.push(...(await record(tenant, { event: 'ticket.reply', recipients: [customer.id], cause: `t${ticket}`, payload: { ticket_id: ticket, subject: `Тема ${ticket}` } })));
    }
    await deliverBatch('notifications', rows.map((r) => messageFor(tenant, r.id)), withProviders({}));

    const first = await tenantCall(tenant, 'GET', '/api/v1/notifications/outbox?limit=2', { token: agent.token });
    expect(first.status).toBe(200);
    const page = (await first.json()) as { items: { subject: string; address: string; locale: string; channel: string }[]; next_cursor: string | null };
    expect(page.items.map((m) => m.subject)).toEqual(['Новый ответ в заявке #3: Тема 3', 'Новый ответ в заявке #2: Тема 2']);
    expect(page.items[0]).toMatchObject({ address: customer.email, locale: 'ru', channel: 'email' });
    const rest = (await (await tenantCall(tenant, 'GET', `/api/v1/notifications/outbox?limit=2&cursor=${page.next_cursor}`, { token: agent.token })).json()) as typeof page;
    expect(rest.items.map((m) => m.subject)).toEqual(['Новый ответ в заявке #1: Тема 1']);
    expect(rest.next_cursor).toBeNull();

    expect((await tenantCall(tenant, 'GET', '/api/v1/notifications/outbox', { token: customer.token })).status).toBe(403);
    expect((await tenantCall(tenant, 'GET', '/api/v1/notifications/outbox?cursor=nope!', { token: agent.token })).status).toBe(400);
  });
});
