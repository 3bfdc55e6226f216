import { describe, expect, it } from 'vitest';
import { InboxEvent } from '../../party/inbox-event';
import type { TicketRecord } from '../tickets/ticket-store';
import { commentCreatedEvents, ticketCreatedEvent, ticketEditedEvent } from './inbox-events';

const ticket: TicketRecord = {
  id: 7,
  subject: 'Printer offline',
  description: 'Since Monday.',
  status: 'open',
  priority: 'normal',
  type: 'incident',
  channel: 'web',
  requester: { id: 3, name: 'Carol', email: 'carol@example.test' },
  assigneeId: null,
  assignee: null,
  group: null,
  tags: [],
  customFields: {},
  createdAt: Date.UTC(2026, 0, 5, 9),
  updatedAt: Date.UTC(2026, 0, 5, 10),
  solvedAt: null,
  closedAt: null,
  slaDueAt: null,
};
const by = { id: 2, name: 'Ann' };

describe('inbox events', () => {
  it('names an edit by what matters most to a list', () => {
    expect(ticketEditedEvent(ticket, { status: 'pending', assignee_id: 2, priority: 'high' }, by).type).toBe('ticket.status');
    expect(ticketEditedEvent(ticket, { assignee_id: 2, priority: 'high' }, by).type).toBe('ticket.assigned');
    expect(ticketEditedEvent(ticket, { assignee_id: null }, by).type).toBe('ticket.assigned');
    expect(ticketEditedEvent(ticket, { priority: 'high', tags: ['vip'] }, by)).toEqual({
      type: 'ticket.updated',
      ticket_id: 7,
      at: '2026-01-05T10:00:00.000Z',
      by,
      changes: { priority: 'high', tags: ['vip'] },
    });
  });

  it('adds a status event after a comment that moved the ticket', () => {
    const comment = { id: 40, ticketId: 7, public: true, channel: 'chat', createdAt: Date.UTC(2026, 0, 6) };
    expect(commentCreatedEvents(comment, null, by)).toEqual([
      { type: 'comment.created', ticket_id: 7, at: '2026-01-06T00:00:00.000Z', by, comment: { id: 40, public: true, channel: 'chat' } },
    ]);
    const [, moved] = commentCreatedEvents(comment, { status: 'open' }, null);
    expect(moved).toEqual({ type: 'ticket.status', ticket_id: 7, at: '2026-01-06T00:00:00.000Z', by: null, changes: { status: 'open' } });
  });

  it('builds events the published schema accepts, so clients can parse them', () => {
    const events = [ticketCreatedEvent(ticket, by), ticketEditedEvent(ticket, { group: 'L2' }, by), ...commentCreatedEvents({ ...ticket, ticketId: 7, public: false, channel: 'web' }, { status: 'open' }, by)];
    for (const event of events) expect(InboxEvent.parse(event)).toEqual(event);
  });
});
