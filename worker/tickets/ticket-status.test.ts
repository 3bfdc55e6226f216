import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from '../db/tenant/tickets';
import { allowedTargets, canTransition, changeStatus, type StatusState } from './ticket-status';

// The table as the product describes it, written out pair by pair so that a
// change to the module must be a change to this list too.
const LEGAL = new Set([
  'new→open',
  'new→pending',
  'new→on_hold',
  'new→solved',
  'open→pending',
  'open→on_hold',
  'open→solved',
  'pending→open',
  'pending→on_hold',
  'pending→solved',
  'on_hold→open',
  'on_hold→pending',
  'on_hold→solved',
  'solved→open',
  'solved→closed',
]);

const at = (status: TicketStatus, solvedAt: number | null = null, closedAt: number | null = null): StatusState => ({
  status,
  solvedAt,
  closedAt,
});

describe('ticket status transitions', () => {
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      if (from === to) continue;
      const legal = LEGAL.has(`${from}→${to}`);
      it(`${legal ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        const result = changeStatus(at(from, from === 'solved' || from === 'closed' ? 1 : null), to, 5);
        expect(result.ok).toBe(legal);
        if (!result.ok) expect(result.allowed).toEqual(allowedTargets(from));
      });
    }
  }

  it('treats asking for the current status as no change, even for a closed ticket', () => {
    const closed = at('closed', 1, 2);
    expect(changeStatus(closed, 'closed', 9)).toEqual({ ok: true, next: closed });
  });

  it('lists the allowed targets of an illegal move', () => {
    expect(changeStatus(at('closed', 1, 2), 'open', 9)).toEqual({ ok: false, allowed: [] });
    expect(changeStatus(at('solved', 1), 'pending', 9)).toEqual({ ok: false, allowed: ['open', 'closed'] });
  });

  it('stamps solved_at on solving and clears it on reopening', () => {
    expect(changeStatus(at('open'), 'solved', 7)).toEqual({ ok: true, next: at('solved', 7) });
    expect(changeStatus(at('solved', 7), 'open', 9)).toEqual({ ok: true, next: at('open') });
  });

  it('stamps closed_at on closing and keeps when the ticket was solved', () => {
    expect(changeStatus(at('solved', 7), 'closed', 9)).toEqual({ ok: true, next: at('closed', 7, 9) });
  });
});
