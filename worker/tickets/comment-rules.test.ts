import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../db/tenant/tickets';
import { acceptsComments, statusAfterComment } from './comment-rules';
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
