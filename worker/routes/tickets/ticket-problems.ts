import type { TicketStatus } from '../../db/tenant/tickets';
import { notFound, ProblemError } from '../../http/problem';

// The refusals the ticket routes share, worded once.

export const ticketNotFound = (): ProblemError => notFound('The ticket');

export const illegalTransition = (from: TicketStatus, to: TicketStatus, allowed: readonly TicketStatus[]): ProblemError =>
  new ProblemError(
    409,
    'illegal-transition',
    allowed.length === 0
      ? `A ${from} ticket cannot change status.`
      : `A ${from} ticket cannot become ${to}; it may become ${allowed.join(', ')}.`,
    { errors: [{ field: 'status', detail: `cannot change from ${from} to ${to}` }], allowed: [...allowed] },
  );

export const ticketChanged = (): ProblemError =>
  new ProblemError(409, 'ticket-changed', 'The ticket changed while this request was handled. Reload it and try again.');
