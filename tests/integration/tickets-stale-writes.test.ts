import { describe, expect, it } from 'vitest';
import type { AuditActor } from '../../worker/audit/audit-log';
import { addComment } from '../../worker/tickets/comment-store';
import { planEdit } from '../../worker/tickets/ticket-changes';
import { findTicket, isStaleTicketWrite, writeTicketEdits } from '../../worker/tickets/ticket-store';
import { rawDb, snapshotDatabase } from './snapshot';
import { helpdesk, moveTicket, openTicket } from './tickets-fixtures';

// Two people acting on one ticket at once: each write lands only on the ticket
// as its writer read it, so the transition table cannot be bypassed by a race.

const actor = (userId: number): AuditActor => ({ actorId: userId, actorType: 'user', requestId: 'test', ip: null });

describe('writes that race another change to the ticket', () => {
  it('refuses an edit planned on a ticket that changed since, and writes nothing', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'solved');
    const viewer = { userId: desk.agent.id, seesAllTickets: true };
    const read = await findTicket(desk.tenant.db, ticket.id, viewer);
    if (!read) throw new Error('ticket missing');

    // Meanwhile a colleague closes it; reopening from what was read would make closed → open.
    await moveTicket(desk, ticket.id, 'closed');
    const plan = planEdit(read, { status: 'open' }, Date.now());
    if (!plan.ok) throw new Error('solved → open is allowed');
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const error = await writeTicketEdits(desk.tenant.db, actor(desk.agent.id), [{ current: read, ...plan }], Date.now()).catch((e: unknown) => e);
    expect(isStaleTicketWrite(error)).toBe(true);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('refuses a comment decided on a status that changed since, and writes nothing', async () => {
    const desk = await helpdesk();
    const ticket = await openTicket(desk, desk.customer);
    await moveTicket(desk, ticket.id, 'solved');
    await moveTicket(desk, ticket.id, 'closed');
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const error = await addComment(desk.tenant.db, actor(desk.customer.id), {
      ticket: { id: ticket.id, status: 'solved' },
      author: { id: desk.customer.id, name: 'customer' },
      public: true,
      channel: 'web',
      bodyText: 'Reopen please',
      bodyHtml: '<p>Reopen please</p>',
      statusChange: { next: { status: 'open', solvedAt: null, closedAt: null }, before: { status: 'solved' }, after: { status: 'open' } },
    }).catch((e: unknown) => e);
    expect(isStaleTicketWrite(error)).toBe(true);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });
});
