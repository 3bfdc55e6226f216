import { describe, expect, it } from 'vitest';
import { peopleIn, ticketEventOf, type TicketAuditRow } from './ticket-events';

const row = (overrides: Partial<TicketAuditRow>): TicketAuditRow => ({ id: 1, action: 'ticket.update', actorId: 7, before: {}, after: {}, createdAt: 1_000, ...overrides });

describe('ticket events from the audit log', () => {
  it('turns a status and assignee edit into one change event, in the API’s field names', () => {
    const event = ticketEventOf(row({ before: { status: 'new', assignee_id: null }, after: { status: 'open', assignee_id: 3 } }));
    expect(event).toEqual({
      id: 1,
      kind: 'change',
      actorId: 7,
      changes: [
        { field: 'status', from: 'new', to: 'open' },
        { field: 'assignee', from: null, to: 3 },
      ],
      slaMetric: null,
      at: 1_000,
    });
  });

  it('leaves out edits a timeline does not show (subject, tags, custom fields)', () => {
    expect(ticketEventOf(row({ before: { subject: 'a', tags: [] }, after: { subject: 'b', tags: ['x'] } }))).toBeNull();
    expect(ticketEventOf(row({ action: 'comment.create', after: { ticket_id: 1 } }))).toBeNull();
  });

  it('keeps an SLA warning with its metric, by the system', () => {
    const event = ticketEventOf(row({ action: 'sla.warning', actorId: null, before: null, after: { metric: 'first_response', due_at: '2026-01-01T10:00:00.000Z' } }));
    expect(event).toMatchObject({ kind: 'sla_warning', actorId: null, changes: [], slaMetric: 'first_response' });
  });

  it('shows only the fields an escalating breach moved, though it records all three as they were', () => {
    const event = ticketEventOf(
      row({
        action: 'sla.breach',
        actorId: null,
        before: { priority: 'normal', group: 'billing', assignee_id: 4 },
        after: { metric: 'resolution', due_at: '2026-01-01T10:00:00.000Z', priority: 'urgent' },
      }),
    );
    expect(event).toMatchObject({ kind: 'sla_breach', slaMetric: 'resolution', changes: [{ field: 'priority', from: 'normal', to: 'urgent' }] });
  });

  it('names each person once: actors and both sides of assignee moves', () => {
    const events = [
      ticketEventOf(row({ actorId: 7, before: { assignee_id: 3 }, after: { assignee_id: 7 } }))!,
      ticketEventOf(row({ id: 2, actorId: null, action: 'sla.breach', before: { assignee_id: 7 }, after: { metric: 'resolution', assignee_id: 9 } }))!,
    ];
    expect(peopleIn(events).sort()).toEqual([3, 7, 9]);
  });
});
