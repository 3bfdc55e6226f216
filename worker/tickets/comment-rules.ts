import type { TicketStatus } from '../db/tenant/tickets';

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
