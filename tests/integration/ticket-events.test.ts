import { describe, expect, it } from 'vitest';
import { as, helpdesk, moveTicket, openTicket } from './tickets-fixtures';

// A ticket's system events for the agents' timeline: what moved, who moved it,
// oldest first, paged; never shown to customers, never across tenants.

interface EventPage {
  items: { id: number; kind: string; actor: { id: number; name: string } | null; changes: { field: string; from: string | null; to: string | null }[]; sla_metric: string | null; created_at: string }[];
  next_cursor: string | null;
}

describe('ticket events', () => {
  it('lists status, priority and assignee changes with the people’s names, and leaves out subject edits', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, { body: { priority: 'urgent', assignee_id: desk.agent.id } });
    await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${ticket.id}`, { body: { subject: 'Login fails on Safari' } });
    await moveTicket(desk, ticket.id, 'open', 'solved');

    const reply = await as<EventPage>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/events`);
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((e) => e.changes)).toEqual([
      [
        { field: 'priority', from: 'normal', to: 'urgent' },
        { field: 'assignee', from: null, to: 'agent' },
      ],
      [{ field: 'status', from: 'new', to: 'open' }],
      [{ field: 'status', from: 'open', to: 'solved' }],
    ]);
    expect(reply.body.items.every((e) => e.kind === 'change' && e.actor?.id === desk.agent.id && e.sla_metric === null)).toBe(true);
    expect(reply.body.next_cursor).toBeNull();
  });

  it('pages oldest first with a cursor', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'open', 'pending', 'open');
    const first = await as<EventPage>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/events?limit=2`);
    expect(first.body.items.map((e) => e.changes[0]?.to)).toEqual(['open', 'pending']);
    expect(first.body.next_cursor).not.toBeNull();
    const second = await as<EventPage>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/events?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.items.map((e) => e.changes[0]?.to)).toEqual(['open']);
    expect(second.body.next_cursor).toBeNull();
    expect((await as(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/events?cursor=nonsense!`)).status).toBe(400);
  });

  it('refuses customers, even on their own ticket', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    expect((await as(desk.tenant, desk.customer, 'GET', `/tickets/${ticket.id}/events`)).status).toBe(403);
  });

  it('answers 404 for a ticket that does not exist here, and 401 to a token of another tenant', async () => {
    const desk = await helpdesk();
    const other = await helpdesk({ ownTenant: true });
    const ticket = await openTicket(other, other.customer);
    expect((await as(other.tenant, other.agent, 'GET', `/tickets/${ticket.id + 100_000}/events`)).status).toBe(404);
    expect((await as(other.tenant, desk.agent, 'GET', `/tickets/${ticket.id}/events`)).status).toBe(401);
  });
});
