import { createScheduledController, env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { notifications } from '../../worker/db/tenant/notifications';
import { users } from '../../worker/db/tenant/users';
import { addUser, createTenant, tenantCall } from './harness';
import { notificationRow, record } from './notification-fixtures';

// Recording (fan-out by preference, in the cause's batch) and the relay onto the queue.

afterEach(() => vi.restoreAllMocks());

const reply = (ticketId: number, text = 'We are on it.') => ({ ticket_id: ticketId, subject: 'Printer on fire', author: { id: 1, name: 'Anna' }, text });

describe('recording notifications', () => {
  it("fans an event out to each recipient's chosen channels, skipping deactivated users, and to subscribed webhooks", async () => {
    const tenant = await createTenant('notify-fanout');
    const owner = await addUser(tenant, 'owner');
    const [chooser, plain, gone] = [await addUser(tenant, 'customer'), await addUser(tenant, 'customer'), await addUser(tenant, 'customer')];
    const chosen = await tenantCall(tenant, 'PUT', '/api/v1/notifications/preferences', {
      token: chooser.token,
      body: { sms_phone: '+79161234567', events: [{ event: 'ticket.reply', email: false, sms: true, push: true }] },
    });
    expect(chosen.status, await chosen.clone().text()).toBe(200);
    await tenant.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    const hook = await tenantCall(tenant, 'POST', '/api/v1/notifications/webhooks', {
      token: owner.token,
      body: { url: 'https://hooks.example.net/in', events: ['ticket.reply'] },
    });
    expect(hook.status).toBe(201);
    const { id: hookId } = (await hook.json()) as { id: number };

    const notification = { event: 'ticket.reply' as const, recipients: [chooser.id, plain.id, gone.id], cause: 'c-1', payload: reply(7) };
    await record(tenant, notification);
    const rows = await record(tenant, notification);

    expect(rows.map((r) => [r.recipientId, r.webhookEndpointId, r.channel, r.idempotencyKey])).toEqual([
      [chooser.id, null, 'sms', `ticket.reply:c-1:${chooser.id}:sms`],
      [chooser.id, null, 'push', `ticket.reply:c-1:${chooser.id}:push`],
      [plain.id, null, 'email', `ticket.reply:c-1:${plain.id}:email`],
      [null, hookId, 'webhook', `ticket.reply:c-1:webhook:${hookId}`],
    ]);
    expect(rows.every((r) => r.state === 'pending' && r.relayedAt === null)).toBe(true);
  });
});

describe('the relay', () => {
  it('puts pending rows on the queue every minute, once, for every tenant', async () => {
    const [first, second] = [await createTenant('relay-a'), await createTenant('relay-b')];
    const a = await addUser(first, 'agent');
    const b = await addUser(second, 'agent');
    const [rowA] = await record(first, { event: 'ticket.created', recipients: [a.id], cause: 1, payload: { ticket_id: 1 } });
    const [rowB] = await record(second, { event: 'ticket.created', recipients: [b.id], cause: 1, payload: { ticket_id: 1 } });
    const sent = vi.spyOn(env.NOTIFICATIONS_QUEUE, 'sendBatch');

    for (let run = 0; run < 2; run++) {
      await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env);
    }

    const bodies = sent.mock.calls.flatMap(([messages]) => [...messages].map((m) => m.body));
    expect(bodies).toContainEqual({ tenant_id: first.id, notification_id: rowA?.id });
    expect(bodies).toContainEqual({ tenant_id: second.id, notification_id: rowB?.id });
    expect(bodies.filter((body) => JSON.stringify(body) === JSON.stringify({ tenant_id: first.id, notification_id: rowA?.id }))).toHaveLength(1);
    expect((await notificationRow(first, rowA?.id as number)).relayedAt).not.toBeNull();
  });
});


describe('ticket replies', () => {
  it("tell the ticket's requester and assignee, never the author, in the reply's own batch; internal notes tell nobody", async () => {
    const tenant = await createTenant('notify-reply');
    const [agent, customer] = [await addUser(tenant, 'agent'), await addUser(tenant, 'customer')];
    const created = await tenantCall(tenant, 'POST', '/api/v1/tickets', { token: customer.token, body: { subject: 'Принтер', description: 'Не печатает.' } });
    const { id: ticketId } = (await created.json()) as { id: number };
    await tenantCall(tenant, 'PATCH', `/api/v1/tickets/${ticketId}`, { token: agent.token, body: { assignee_id: agent.id } });

    const comment = async (token: string, body: string, isPublic: boolean) => {
      const response = await tenantCall(tenant, 'POST', `/api/v1/tickets/${ticketId}/comments`, { token, body: { body, public: isPublic } });
      expect(response.status, await response.clone().text()).toBe(201);
      return ((await response.json()) as { id: number }).id;
    };
    const answer = await comment(agent.token, 'Попробуйте перезагрузить.', true);
    await comment(agent.token, 'Internal: toner is out.', false);
    const thanks = await comment(customer.token, 'Thanks!', true);

    const rows = await tenant.db.select().from(notifications).where(eq(notifications.event, 'ticket.reply')).orderBy(notifications.id).all();
    expect(rows.map((r) => [r.idempotencyKey, r.state])).toEqual([
      [`ticket.reply:${answer}:${customer.id}:email`, 'pending'],
      [`ticket.reply:${thanks}:${agent.id}:email`, 'pending'],
    ]);
    expect(rows[0]?.payload).toEqual({
      ticket_id: ticketId,
      subject: 'Принтер',
      comment_id: answer,
      author: { id: agent.id, name: 'agent' },
      text: 'Попробуйте перезагрузить.',
    });
  });
});

describe('new and assigned tickets', () => {
  it('tell every staff member of an unassigned new ticket but its creator, and the assignee of an assignment made by someone else', async () => {
    const tenant = await createTenant('notify-ticket');
    const [owner, agent, other, customer] = [await addUser(tenant, 'owner'), await addUser(tenant, 'agent'), await addUser(tenant, 'agent'), await addUser(tenant, 'customer')];
    const open = async (token: string, body: Record<string, unknown>) => {
      const response = await tenantCall(tenant, 'POST', '/api/v1/tickets', { token, body: { subject: 'VPN down', description: 'Since 9:00.', ...body } });
      expect(response.status, await response.clone().text()).toBe(201);
      return ((await response.json()) as { id: number }).id;
    };
    const byCustomer = await open(customer.token, {});
    const onBehalf = await open(agent.token, { requester_id: customer.id });
    const keysOf = async (event: string) =>
      (await tenant.db.select().from(notifications).where(eq(notifications.event, event)).orderBy(notifications.id).all()).map((r) => r.idempotencyKey);

    expect(await keysOf('ticket.created')).toEqual([
      ...[owner, agent, other].map((u) => `ticket.created:${byCustomer}:${u.id}:email`),
      ...[owner, other].map((u) => `ticket.created:${onBehalf}:${u.id}:email`),
    ]);

    await tenantCall(tenant, 'PATCH', `/api/v1/tickets/${byCustomer}`, { token: agent.token, body: { assignee_id: agent.id } });
    expect(await keysOf('ticket.assigned')).toEqual([]);
    const handOver = await tenantCall(tenant, 'PATCH', `/api/v1/tickets/${byCustomer}`, { token: agent.token, body: { assignee_id: other.id } });
    expect(handOver.status).toBe(200);
    const assigned = await tenant.db.select().from(notifications).where(eq(notifications.event, 'ticket.assigned')).all();
    expect(assigned.map((r) => [r.recipientId, r.channel])).toEqual([[other.id, 'email']]);
    expect(assigned[0]?.payload).toEqual({ ticket_id: byCustomer, subject: 'VPN down', assignee: { id: other.id, name: 'agent' } });
  });
});
