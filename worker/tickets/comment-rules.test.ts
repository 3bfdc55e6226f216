import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from '../db/tenant/tickets';
import { acceptsComments, commentStatusChange, statusAfterComment } from './comment-rules';
import type { EditableTicket } from './ticket-changes';
import { canTransition } from './ticket-status';

describe('what a comment does to the ticket status', () => {
  it('reopens a pending or solved ticket when the customer replies', () => {
    expect(statusAfterComment('pending', 'customer', true)).toBe('open');
    expect(statusAfterComment('solved', 'customer', true)).toBe('open');
  });

  it('leaves new, open and on-hold tickets alone when the customer replies', () => {
    for (const status of ['new', 'open', 'on_hold'] as const) expect(statusAfterComment(status, 'customer', true)).toBeNull();
  });

  it('opens a new ticket on the first public staff reply, but not on an internal note', () => {
    expect(statusAfterComment('new', 'staff', true)).toBe('open');
    expect(statusAfterComment('new', 'staff', false)).toBeNull();
    expect(statusAfterComment('pending', 'staff', true)).toBeNull();
  });

  it('only ever makes moves the transition table allows', () => {
    for (const status of TICKET_STATUSES.filter(acceptsComments)) {
      for (const author of ['customer', 'staff'] as const) {
        for (const isPublic of [true, false]) {
          const to = statusAfterComment(status, author, isPublic);
          if (to !== null) expect(canTransition(status, to)).toBe(true);
        }
      }
    }
  });

  it('refuses comments on closed tickets only', () => {
    expect(TICKET_STATUSES.filter((s) => !acceptsComments(s))).toEqual(['closed']);
  });
});

describe('the status move a comment brings, planned', () => {
  const ticket = (status: TicketStatus, solvedAt: number | null): EditableTicket => ({
    subject: 'Printer offline',
    priority: 'normal',
    type: 'question',
    assigneeId: null,
    group: null,
    tags: [],
    customFields: {},
    status,
    solvedAt,
    closedAt: null,
  });

  it('plans the reopening of a solved ticket with its audit before/after', () => {
    expect(commentStatusChange(ticket('solved', 1_000), 'customer', true, 5_000)).toEqual({
      next: { status: 'open', solvedAt: null, closedAt: null },
      before: { status: 'solved', solved_at: new Date(1_000).toISOString() },
      after: { status: 'open', solved_at: null },
    });
  });

  it('plans nothing for a comment that leaves the status alone', () => {
    expect(commentStatusChange(ticket('open', null), 'staff', true, 5_000)).toBeNull();
  });
});
