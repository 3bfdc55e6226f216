import { describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../party/inbox-event';
import { addPolicy } from './sla-fixtures';
import { escalatingDesk, MIN, slaAudit, sweep } from './sla-sweep-fixtures';
import { connect } from './json-room-socket';
import { as, helpdesk, openTicket, type Helpdesk } from './tickets-fixtures';

// An escalation is a ticket update like any other to the agents' inbox: once
// the sweep's batch committed, the tenant's InboxRoom hears of the ticket whose
// priority, group or assignee moved, once, from the run that won the claim.
// Each sweep below returns only once its `waitUntil` work (the publish) is done,
// so an event it should not have published would arrive before the fence: an
// API edit of another ticket, whose event we read up to.

const subscribe = (desk: Helpdesk) => connect<InboxEvent>(desk.tenant, '/parties/inbox-room/inbox', desk.admin.token);

async function fence(desk: Helpdesk, inbox: Awaited<ReturnType<typeof subscribe>>): Promise<InboxEvent[]> {
  const other = await openTicket(desk, desk.customer);
  const edit = await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${other.id}`, { body: { subject: 'fence' } });
  expect(edit.status).toBe(200);
  const events: InboxEvent[] = [];
  for (let event = await inbox.next(); event.changes?.subject !== 'fence'; event = await inbox.next()) {
    if (event.ticket_id !== other.id) events.push(event);
  }
  return events;
}

describe('SLA escalations in the inbox', () => {
  it('publishes one update by the system per escalated ticket, however many consumers sweep at once, and none for a warning', async () => {
    const desk = await escalatingDesk();
    const ticket = await openTicket(desk, desk.customer, { priority: 'normal' });
    const created = Date.parse(ticket.created_at);
    const inbox = await subscribe(desk);

    await sweep(desk, created + 60 * MIN, { copies: 2 });
    const breachAt = created + 150 * MIN;
    await Promise.all([sweep(desk, breachAt), sweep(desk, breachAt, { copies: 2 }), sweep(desk, breachAt)]);
    await sweep(desk, breachAt + MIN);

    expect(await fence(desk, inbox)).toEqual([
      {
        type: 'ticket.updated',
        ticket_id: ticket.id,
        at: new Date(breachAt).toISOString(),
        by: null,
        changes: { priority: 'urgent', group: 'escalations', assignee_id: desk.admin.id },
      },
    ]);
    inbox.close();
  });

  it('publishes nothing for a breach that changes nothing on the ticket', async () => {
    const desk = await helpdesk({ ownTenant: true });
    await addPolicy(desk, { targets: { first_response: 30 }, escalation: { notify_user_ids: [desk.agent.id] } });
    const ticket = await openTicket(desk, desk.customer);
    const inbox = await subscribe(desk);
    await sweep(desk, Date.parse(ticket.created_at) + 60 * MIN);
    expect(await slaAudit(desk, 'sla.breach')).toHaveLength(1);
    expect(await fence(desk, inbox)).toEqual([]);
    inbox.close();
  });
});
