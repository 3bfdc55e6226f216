import { describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../party/inbox-event';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { connect } from './json-room-socket';
import { addTag, as, helpdesk, moveTicket, openTicket, type Helpdesk } from './tickets-fixtures';

// The inbox hears of every ticket and comment write after it committed, and of
// none that failed. Each API call below returns only once its `waitUntil` work
// (the publish) is done, so a failed write that had published would show up
// before the next successful one: that next event is the fence we read up to.

const subscribe = (desk: Helpdesk) => connect<InboxEvent>(desk.tenant, '/parties/inbox-room/inbox', desk.admin.token);

const patch = (desk: Helpdesk, id: number, body: unknown, user = desk.agent) =>
  as<TicketJson>(desk.tenant, user, 'PATCH', `/tickets/${id}`, { body });

describe('inbox events', () => {
  it('announces a new ticket with who opened it and what a list row shows', async () => {
    const desk = await helpdesk();
    const inbox = await subscribe(desk);
    const ticket = await openTicket(desk, desk.customer, { priority: 'high' });
    expect(await inbox.next()).toEqual({
      type: 'ticket.created',
      ticket_id: ticket.id,
      at: ticket.created_at,
      by: { id: desk.customer.id, name: 'customer' },
      changes: {
        subject: ticket.subject,
        status: 'new',
        priority: 'high',
        type: 'question',
        channel: 'api',
        requester_id: desk.customer.id,
        assignee_id: null,
        group: null,
        tags: [],
      },
    });
    inbox.close();
  });

  it('types each edit by what matters most to a list: status, then assignment, then anything else', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const inbox = await subscribe(desk);

    const assigned = await patch(desk, ticket.id, { assignee_id: desk.agent.id });
    expect(await inbox.next()).toEqual({
      type: 'ticket.assigned',
      ticket_id: ticket.id,
      at: assigned.body.updated_at,
      by: { id: desk.agent.id, name: 'agent' },
      changes: { assignee_id: desk.agent.id },
    });
    await patch(desk, ticket.id, { priority: 'urgent', subject: 'Printer on fire' });
    expect(await inbox.next()).toMatchObject({ type: 'ticket.updated', changes: { priority: 'urgent', subject: 'Printer on fire' } });
    await patch(desk, ticket.id, { status: 'solved', priority: 'low' });
    expect(await inbox.next()).toMatchObject({
      type: 'ticket.status',
      changes: { status: 'solved', priority: 'low', solved_at: expect.any(String) },
    });
    inbox.close();
  });

  it('announces comments, internal notes included, and the status move a customer reply brings', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'open', 'pending');
    const inbox = await subscribe(desk);

    const note = await as<{ id: number }>(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, {
      body: { body: 'Customer is on the old firmware', public: false },
    });
    expect(await inbox.next()).toMatchObject({
      type: 'comment.created',
      ticket_id: ticket.id,
      by: { id: desk.agent.id },
      comment: { id: note.body.id, public: false, channel: 'api' },
    });
    const reply = await as<{ id: number }>(desk.tenant, desk.customer, 'POST', `/tickets/${ticket.id}/comments`, {
      body: { body: 'Still broken', public: true },
    });
    expect(await inbox.next()).toMatchObject({ type: 'comment.created', comment: { id: reply.body.id, public: true } });
    expect(await inbox.next()).toMatchObject({ type: 'ticket.status', ticket_id: ticket.id, changes: { status: 'open' } });
    inbox.close();
  });

  it('announces a chat message as a comment of channel chat', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const inbox = await subscribe(desk);
    const customer = await connect(desk.tenant, `/parties/chat-room/${ticket.id}`, desk.customer.token);
    await customer.next();
    customer.send({ type: 'message', text: 'Hello from the chat', client_id: 'c' });
    const message = await customer.next((f) => f.type === 'message');
    expect(await inbox.next()).toMatchObject({
      type: 'comment.created',
      ticket_id: ticket.id,
      by: { id: desk.customer.id, name: 'customer' },
      comment: { id: message.id, public: true, channel: 'chat' },
    });
    customer.close();
    inbox.close();
  });

  it('publishes one event per ticket of a bulk update, and none for tickets it left unchanged', async () => {
    const desk = await helpdesk();
    const tickets = [await openTicket(desk, desk.customer), await openTicket(desk, desk.customer), await openTicket(desk, desk.customer)];
    const [first, second, third] = tickets.map((t) => t.id) as [number, number, number];
    await patch(desk, third, { priority: 'high' });
    const tag = await addTag(desk, 'printers');
    const inbox = await subscribe(desk);

    const bulk = await as(desk.tenant, desk.agent, 'POST', '/tickets/bulk', {
      body: { ids: [first, second, third], changes: { priority: 'high', add_tags: [tag] } },
    });
    expect(bulk.status).toBe(200);
    const events = [await inbox.next(), await inbox.next(), await inbox.next()];
    expect(events.map((e) => e.ticket_id).sort()).toEqual([first, second, third].sort());
    expect(events.find((e) => e.ticket_id === first)).toMatchObject({ type: 'ticket.updated', changes: { priority: 'high', tags: [tag] } });
    expect(events.find((e) => e.ticket_id === third)?.changes).toEqual({ tags: [tag] });

    // Nothing left to change: no write, no event (the fence below arrives next).
    await as(desk.tenant, desk.agent, 'POST', '/tickets/bulk', { body: { ids: [first, second], changes: { priority: 'high' } } });
    await patch(desk, first, { status: 'open' });
    expect(await inbox.next()).toMatchObject({ type: 'ticket.status', ticket_id: first });
    inbox.close();
  });

  it('publishes nothing for writes that failed: 404, 403, 409 and 422', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'solved', 'closed');
    const live = await openTicket(desk, desk.customer);
    const inbox = await subscribe(desk);

    const failures = [
      await patch(desk, ticket.id + 1000, { priority: 'high' }),
      await patch(desk, live.id, { priority: 'high' }, desk.customer),
      await patch(desk, ticket.id, { status: 'open' }),
      await patch(desk, live.id, { priority: 'sky-high' }),
      await patch(desk, live.id, { assignee_id: desk.customer.id }),
      await as(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'too late', public: true } }),
      await as(desk.tenant, desk.agent, 'POST', '/tickets/bulk', { body: { ids: [live.id, ticket.id], changes: { status: 'pending' } } }),
      await as(desk.tenant, desk.agent, 'POST', '/tickets/bulk', { body: { ids: [live.id, ticket.id + 1000], changes: { priority: 'low' } } }),
      await as(desk.tenant, desk.customer, 'POST', '/tickets', { body: { subject: '', description: 'x' } }),
    ];
    expect(failures.map((f) => f.status)).toEqual([404, 403, 409, 422, 422, 409, 409, 404, 422]);
    // A change to nothing is not a write either.
    expect((await patch(desk, live.id, { priority: 'normal' })).status).toBe(200);

    await patch(desk, live.id, { priority: 'low' });
    expect(await inbox.next()).toMatchObject({ type: 'ticket.updated', ticket_id: live.id, changes: { priority: 'low' } });
    inbox.close();
  });

  it('publishes nothing for an edit that lost a race (409 ticket-changed): one event per successful write', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    const inbox = await subscribe(desk);
    let successes = 0;
    let conflicts = 0;
    // Concurrent edits of one ticket: each reads it, then writes only if nobody wrote since.
    for (let round = 0; round < 5 && conflicts === 0; round++) {
      const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => patch(desk, ticket.id, { subject: `race ${round}.${i}` })));
      successes += replies.filter((r) => r.status === 200).length;
      conflicts += replies.filter((r) => r.status === 409).length;
      expect(successes + conflicts).toBe(8 * (round + 1));
    }
    expect(conflicts).toBeGreaterThan(0);

    expect((await patch(desk, ticket.id, { subject: 'fence' })).status).toBe(200);
    const events: InboxEvent[] = [];
    for (let event = await inbox.next(); event.changes?.subject !== 'fence'; event = await inbox.next()) events.push(event);
    expect(events).toHaveLength(successes);
    inbox.close();
  });

  it('publishes once for a create replayed by its Idempotency-Key', async () => {
    const desk = await helpdesk();
    const inbox = await subscribe(desk);
    const body = { subject: 'Once only', description: 'Sent twice over a flaky network.' };
    const headers = { 'idempotency-key': 'create-once' };
    const first = await as<TicketJson>(desk.tenant, desk.customer, 'POST', '/tickets', { body, headers });
    const again = await as<TicketJson>(desk.tenant, desk.customer, 'POST', '/tickets', { body, headers });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const fence = await openTicket(desk, desk.customer);
    expect(await inbox.next()).toMatchObject({ type: 'ticket.created', ticket_id: first.body.id });
    expect(await inbox.next()).toMatchObject({ type: 'ticket.created', ticket_id: fence.id });
    inbox.close();
  });
});
