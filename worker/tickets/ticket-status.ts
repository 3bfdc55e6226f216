import type { TicketStatus } from '../db/tenant/tickets';

/**
 * The one transition table: where a ticket may go from each status. Every route
 * that changes a status (edit, bulk edit, a reply that reopens) asks it.
 * Closed is final: a closed ticket is history.
 */
export const STATUS_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function allowedTargets(from: TicketStatus): readonly TicketStatus[] {
  return STATUS_TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** The status with the timestamps that follow it. */
export interface StatusState {
  status: TicketStatus;
  solvedAt: number | null;
  closedAt: number | null;
}

export type StatusChange = { ok: true; next: StatusState } | { ok: false; allowed: readonly TicketStatus[] };

/**
 * Moves a ticket to `to` at `now`: solving stamps `solvedAt`, reopening clears
 * it, closing stamps `closedAt` and keeps when it was solved. Asking for the
 * status the ticket already has is no change rather than an illegal move, so a
 * bulk edit may include tickets that are already there.
 */
export function changeStatus(current: StatusState, to: TicketStatus, now: number): StatusChange {
  if (current.status === to) return { ok: true, next: current };
  if (!canTransition(current.status, to)) return { ok: false, allowed: allowedTargets(current.status) };
  return {
    ok: true,
    next: {
      status: to,
      solvedAt: to === 'solved' ? now : to === 'closed' ? current.solvedAt : null,
      closedAt: to === 'closed' ? now : null,
    },
  };
}
