import type { TicketStatus } from '../db/tenant/tickets';
import { planEdit, type EditableTicket } from './ticket-changes';
import type { StatusState } from './ticket-status';

// What a new comment does to its ticket's status. The moves it makes are all in
// the transition table; this says which one a given reply triggers.

export type CommentAuthor = 'customer' | 'staff';

/** A closed ticket is history: nobody adds to it (a follow-up is a new ticket). */
export const acceptsComments = (status: TicketStatus): boolean => status !== 'closed';

/**
 * The status the ticket moves to when this comment is added, or null when it
 * stays: a customer answering a ticket that waits on them (pending) or that was
 * solved reopens it; the first public staff reply on a new ticket opens it.
 */
export function statusAfterComment(status: TicketStatus, author: CommentAuthor, isPublic: boolean): TicketStatus | null {
  if (author === 'customer' && (status === 'pending' || status === 'solved')) return 'open';
  if (author === 'staff' && isPublic && status === 'new') return 'open';
  return null;
}

/** A status move with what the audit log records of it. */
export interface CommentStatusChange {
  next: StatusState;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** The status move a new comment brings to `ticket` at `now`, through the transition table; null when it brings none. */
export function commentStatusChange(ticket: EditableTicket, author: CommentAuthor, isPublic: boolean, now: number): CommentStatusChange | null {
  const to = statusAfterComment(ticket.status, author, isPublic);
  if (to === null) return null;
  const plan = planEdit(ticket, { status: to }, now);
  if (!plan.ok) return null;
  const { status, solvedAt, closedAt } = plan.next;
  return { next: { status, solvedAt, closedAt }, before: plan.before, after: plan.after };
}
