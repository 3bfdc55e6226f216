import { createHmac } from 'node:crypto';
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifications, outboxMessages, pushSubscriptions } from '../../worker/db/tenant/notifications';
import { users } from '../../worker/db/tenant/users';
import { addUser, createTenant, tenantCall } from './harness';
import { deliverBatch, messageFor, notificationRow, record, stubProviders, withProviders } from './notification-fixtures';

// Delivery on the real queue handler and real D1: each channel, duplicates,
// retries with backoff, dead letters and replay.
// Only the providers' HTTP APIs are stand-ins (fetch intercepted).

afterEach(() => vi.restoreAllMocks());

const reply = (ticketId: number, text = 'We are on it.') => ({ ticket_id: ticketId, subject: 'Printer on fire', author: { id: 1, name: 'Anna' }, text });

describe('delivery', () => {
  it('sends a notification once even when the queue delivers it twice, at once and later', async () => {
    const tenant = await createTenant('notify-dup');
    const agent = await addUser(tenant, 'agent');
    const [row] = await record(tenant, { event: 'ticket.reply', recipients: [agent.id], cause: 'dup', payload: reply(3) });
    const id = row?.id as number;
    const providers = stubProviders(() => Response.json({ id: 'email-1' }));
    const live = withProviders({ EMAIL_API_KEY: 're_test_key', EMAIL_API_URL: 'https://email.example.net' });

    const [one, two] = [messageFor(tenant, id), messageFor(tenant, id)];
    const first = await deliverBatch('notifications', [one, two], live);
    // One of the two held the lease and sent; the other backs off until the lease would have run out.
    expect(first.explicitAcks).toHaveLength(1);
    expect(first.retryMessages).toHaveLength(1);
    const later = await deliverBatch('notifications', [{ ...(first.retryMessages[0]?.msgId === one.id ? one : two), attempts: 2 }], live);
    expect(later.explicitAcks).toHaveLength(1);

    expect(providers.calls).toHaveLength(1);
    const [call] = providers.calls;
    expect(call?.url).toBe('https://email.example.net/emails');
    expect(call?.headers.get('authorization')).toBe('Bearer re_test_key');
    expect(call?.headers.get('idempotency-key')).toBe(`ticket.reply:dup:${agent.id}:email`);
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ to: [agent.email], subject: 'New reply on ticket #3: Printer on fire' });
    expect(await notificationRow(tenant, id)).toMatchObject({ state: 'sent', attempts: 0 });
  });

  it('retries a failing provider with exponential backoff, dead-letters it, and delivers it on replay', async () => {
    const tenant = await createTenant('notify-dlq');
    const [admin, agent] = [await addUser(tenant, 'admin'), await addUser(tenant, 'agent')];
    const [row] = await record(tenant, { event: 'sla.breach', recipients: [agent.id], cause: 'x', payload: { ticket_id: 9, target: 'resolution' } });
    const id = row?.id as number;
    const live = withProviders({ EMAIL_API_KEY: 're_test_key' });
    let up = false;
    const providers = stubProviders(() => (up ? Response.json({ id: 'ok' }) : new Response('upstream down', { status: 503 })));

    const delays: (number | undefined)[] = [];
    for (const attempts of [1, 2, 3]) {
      const result = await deliverBatch('notifications', [messageFor(tenant, id, attempts)], live);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toHaveLength(1);
      delays.push(Object.values(result.delays)[0]);
    }
    expect(delays).toEqual([30, 60, 120]);
    expect(await notificationRow(tenant, id)).toMatchObject({ state: 'failed', attempts: 3, lastError: 'the e-mail provider answered 503: upstream down' });

    // The queue's max_retries is spent: the platform moves the message to the dead-letter queue.
    const dead = await deliverBatch('notifications-dlq', [messageFor(tenant, id, 6)], live);
    expect(dead.explicitAcks).toHaveLength(1);
    expect((await notificationRow(tenant, id)).state).toBe('dead');

    const listed = await tenantCall(tenant, 'GET', '/api/v1/notifications/dead-letters', { token: admin.token });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id, event: 'sla.breach', channel: 'email', recipient_id: agent.id, attempts: 3, last_error: expect.stringContaining('503') }),
    ]);
    expect((await tenantCall(tenant, 'POST', `/api/v1/notifications/dead-letters/${id}/replay`, { token: agent.token })).status).toBe(403);

    const sent = vi.spyOn(env.NOTIFICATIONS_QUEUE, 'sendBatch');
    const replay = await tenantCall(tenant, 'POST', `/api/v1/notifications/dead-letters/${id}/replay`, { token: admin.token });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ id, state: 'pending' });
    // The replay kicked the relay: the row is back on the queue.
    expect(sent.mock.calls.flatMap(([messages]) => [...messages].map((m) => m.body))).toContainEqual({ tenant_id: tenant.id, notification_id: id });
    expect(await notificationRow(tenant, id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect((await tenantCall(tenant, 'POST', `/api/v1/notifications/dead-letters/${id}/replay`, { token: admin.token })).status).toBe(404);

    up = true;
    const retried = await deliverBatch('notifications', [messageFor(tenant, id)], live);
    expect(retried.explicitAcks).toHaveLength(1);
    expect(await notificationRow(tenant, id)).toMatchObject({ state: 'sent', lastError: null });
    expect(providers.calls).toHaveLength(4);
  });

  it('gives up at once when the provider refuses the message itself', async () => {
    const tenant = await createTenant('notify-refused');
    const agent = await addUser(tenant, 'agent');
    const [row] = await record(tenant, { event: 'ticket.created', recipients: [agent.id], cause: 1, payload: { ticket_id: 1 } });
    stubProviders(() => new Response('{"message":"invalid to"}', { status: 422 }));
    const result = await deliverBatch('notifications', [messageFor(tenant, row?.id as number)], withProviders({ EMAIL_API_KEY: 'k' }));
    expect(result.explicitAcks).toHaveLength(1);
    expect(await notificationRow(tenant, row?.id as number)).toMatchObject({ state: 'dead', attempts: 1 });
  });

  it('renders Russian for a Russian-speaking recipient and stores it in the outbox when no provider is configured', async () => {
    const tenant = await createTenant('notify-ru');
    const [ru, en] = [await addUser(tenant, 'customer'), await addUser(tenant, 'agent')];
    await tenant.db.update(users).set({ locale: 'ru' }).where(eq(users.id, ru.id));
    const rows = await record(tenant, {
      event: 'chat.offline_message',
      recipients: [ru.id, en.id],
      cause: 55,
      payload: { ticket_id: 12, comment_id: 55, author: { id: en.id, name: 'Борис' }, text: 'Вы здесь?' },
    });
    const providers = stubProviders(() => new Response(null, { status: 500 }));
    const result = await deliverBatch('notifications', rows.map((r) => messageFor(tenant, r.id)), withProviders({}));
    expect(result.explicitAcks).toHaveLength(2);
    expect(providers.calls).toEqual([]);

    const stored = await tenant.db.select().from(outboxMessages).orderBy(outboxMessages.address).all();
    const byAddress = new Map(stored.map((m) => [m.address, m]));
    expect(byAddress.get(ru.email)).toMatchObject({
      channel: 'email',
      locale: 'ru',
      subject: 'Новое сообщение в чате заявки #12',
      body: `Борис написал(а) в чате заявки #12, пока вас не было:\n\nВы здесь?\n\nhttp://${tenant.slug}.localhost:8787/tickets/12`,
    });
    expect(byAddress.get(en.email)).toMatchObject({ locale: 'en', subject: 'New chat message on ticket #12' });

    // A redelivery stores nothing twice.
    await tenant.db.update(notifications).set({ state: 'pending' }).where(eq(notifications.event, 'chat.offline_message'));
    await deliverBatch('notifications', rows.map((r) => messageFor(tenant, r.id)), withProviders({}));
    expect(await tenant.db.select().from(outboxMessages).all()).toHaveLength(2);
  });

  it('signs webhook deliveries so the receiver can verify them with the secret it was shown once', async () => {
    const tenant = await createTenant('notify-hook');
    const owner = await addUser(tenant, 'owner');
    const created = await tenantCall(tenant, 'POST', '/api/v1/notifications/webhooks', {
      token: owner.token,
      body: { url: 'https://hooks.example.net/workernet', events: ['ticket.created', 'sla.breach'], description: 'CRM' },
    });
    const { secret } = (await created.json()) as { secret: string };
    const [row] = await record(tenant, { event: 'ticket.created', recipients: [], cause: 31, payload: { ticket_id: 31, subject: 'Заявка' } });
    const providers = stubProviders(() => new Response(null, { status: 204 }));
    const result = await deliverBatch('notifications', [messageFor(tenant, row?.id as number)], withProviders({}));
    expect(result.explicitAcks).toHaveLength(1);

    const [call] = providers.calls;
    expect(call?.url).toBe('https://hooks.example.net/workernet');
    const signature = call?.headers.get('x-workernet-signature') ?? '';
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    expect(match, signature).not.toBeNull();
    const [, timestamp, mac] = match as unknown as [string, string, string];
    // The receiver's side, written independently: HMAC-SHA256 over "<t>.<raw body>".
    expect(createHmac('sha256', secret).update(`${timestamp}.${call?.body}`).digest('hex')).toBe(mac);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
    expect(call?.headers.get('x-workernet-delivery')).toBe(row?.idempotencyKey);
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ id: row?.idempotencyKey, event: 'ticket.created', data: { ticket_id: 31, subject: 'Заявка' } });
  });

  it('sends SMS as a form POST with basic auth, and dead-letters an SMS to someone without a number', async () => {
    const tenant = await createTenant('notify-sms');
    const [withPhone, without] = [await addUser(tenant, 'agent'), await addUser(tenant, 'agent')];
    for (const user of [withPhone, without]) {
      await tenantCall(tenant, 'PUT', '/api/v1/notifications/preferences', {
        token: user.token,
        body: { events: [{ event: 'sla.warning', email: false, sms: true, push: false }], ...(user === withPhone ? { sms_phone: '+15005550006' } : {}) },
      });
    }
    const rows = await record(tenant, { event: 'sla.warning', recipients: [withPhone.id, without.id], cause: 'w', payload: { ticket_id: 4 } });
    const providers = stubProviders(() => Response.json({ sid: 'SM1' }, { status: 201 }));
    const live = withProviders({ TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: 'secret', TWILIO_FROM_NUMBER: '+15005550001', SMS_API_URL: 'https://sms.example.net' });
    await deliverBatch('notifications', rows.map((r) => messageFor(tenant, r.id)), live);

    expect(providers.calls).toHaveLength(1);
    const [call] = providers.calls;
    expect(call?.url).toBe('https://sms.example.net/2010-04-01/Accounts/AC123/Messages.json');
    expect(call?.headers.get('authorization')).toBe(`Basic ${btoa('AC123:secret')}`);
    const form = new URLSearchParams(call?.body);
    expect([form.get('To'), form.get('From')]).toEqual(['+15005550006', '+15005550001']);
    expect(form.get('Body')).toContain('#4');
    const states = await Promise.all(rows.map((r) => notificationRow(tenant, r.id)));
    expect(states.map((s) => [s.recipientId, s.state])).toEqual([
      [withPhone.id, 'sent'],
      [without.id, 'dead'],
    ]);
  });

  it('pushes an encrypted, VAPID-signed message to each browser, and forgets a subscription the push service says is gone', async () => {
    const tenant = await createTenant('notify-push');
    const user = await addUser(tenant, 'customer');
    await tenantCall(tenant, 'PUT', '/api/v1/notifications/preferences', {
      token: user.token,
      body: { events: [{ event: 'ticket.reply', email: false, sms: false, push: true }] },
    });
    const keys = { p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4', auth: 'BTBZMqHH6r4Tts7J_aSIgg' };
    for (const endpoint of ['https://push.example.net/live', 'https://push.example.net/expired']) {
      const registered = await tenantCall(tenant, 'POST', '/api/v1/notifications/push-subscriptions', { token: user.token, body: { endpoint, keys } });
      expect(registered.status).toBe(201);
    }
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    const live = withProviders({
      VAPID_PUBLIC_KEY: Buffer.from((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer).toString('base64url'),
      VAPID_PRIVATE_KEY: ((await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey).d,
    });
    const [row] = await record(tenant, { event: 'ticket.reply', recipients: [user.id], cause: 'p', payload: reply(8) });
    const providers = stubProviders((call) => new Response(null, { status: call.url.endsWith('/expired') ? 410 : 201 }));
    const result = await deliverBatch('notifications', [messageFor(tenant, row?.id as number)], live);
    expect(result.explicitAcks).toHaveLength(1);

    expect(providers.calls.map((c) => c.url).sort()).toEqual(['https://push.example.net/expired', 'https://push.example.net/live']);
    for (const call of providers.calls) {
      expect(call.headers.get('content-encoding')).toBe('aes128gcm');
      expect(call.headers.get('authorization')).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${live.VAPID_PUBLIC_KEY}$`));
      // RFC 8188 header: 16-byte salt, record size 4096, the 65-byte sender key, then the ciphertext.
      expect(new DataView(call.bytes.buffer).getUint32(16)).toBe(4096);
      expect(call.bytes[20]).toBe(65);
      expect(call.bytes.length).toBeGreaterThan(86 + 16);
    }
    const left = await tenant.db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).all();
    expect(left).toEqual([{ endpoint: 'https://push.example.net/live' }]);
    expect((await notificationRow(tenant, row?.id as number)).state).toBe('sent');
  });
});
