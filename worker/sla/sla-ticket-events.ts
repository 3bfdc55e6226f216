import { eq, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { TicketStatus } from '../db/tenant/tickets';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import { ticketQuery, toTicketRecord } from '../tickets/ticket-store';
import { policiesQuery, toActivePolicy } from './sla-policy-store';
import { groupTrackers, planTargets, sameTargets, targetWrites, trackersQuery, type SlaTicket } from './sla-tracking-store';

// The SLA side of each ticket event, as statements for the event's own batch.
// Each reads what it needs (the policies, the ticket's targets) in one round
// trip first; the ticket writes these ride with guard the batch against a
// ticket that changed meanwhile.

export type SlaWrites = BatchItem<'sqlite'>[];

/** Targets of a ticket being created (its id is `ticketId`, a subquery on the row inserted earlier in the batch). */
export async function newTicketSlaWrites(db: TenantDb, ticket: Omit<SlaTicket, 'status' | 'createdAt'>, ticketId: SQL, now: number): Promise<SlaWrites> {
  const policies = (await policiesQuery(db).all()).map(toActivePolicy);
  const targets = planTargets(policies, [], { ...ticket, status: 'new', createdAt: now }, 'created', now);
  return targets.length > 0 ? targetWrites(db, ticketId, targets) : [];
}

/** Targets of edited tickets (status, priority, type, group, tags may change which policy applies and whether the clock runs). */
export async function editSlaWrites(db: TenantDb, edited: readonly (SlaTicket & { id: number })[], now: number): Promise<SlaWrites> {
  if (edited.length === 0) return [];
  const [policyRows, trackerRows] = await db.batch([policiesQuery(db), trackersQuery(db, edited.map((t) => t.id))]);
  const policies = policyRows.map(toActivePolicy);
  const trackers = groupTrackers(trackerRows);
  return edited.flatMap((ticket) => {
    const current = trackers.get(ticket.id) ?? [];
    const targets = planTargets(policies, current, ticket, 'changed', now);
    // An edit that moves no target (a new subject, say) needs no statements.
    return sameTargets(current, targets) ? [] : targetWrites(db, ticket.id, targets);
  });
}

export interface CommentSlaEvent {
  ticketId: number;
  authorId: number;
  public: boolean;
  /** The ticket's status once the comment's own status move (if any) is done; null: unchanged. */
  statusAfter: TicketStatus | null;
}

/**
 * Targets after a comment: a public staff reply meets first and next response,
 * a customer's reply starts next response, and a status move pauses or resumes.
 */
export async function commentSlaWrites(db: TenantDb, comment: CommentSlaEvent, now: number): Promise<SlaWrites> {
  const [policyRows, [ticketRow], trackerRows, [author]] = await db.batch([
    policiesQuery(db),
    ticketQuery(db, comment.ticketId, { userId: comment.authorId, seesAllTickets: true }),
    trackersQuery(db, [comment.ticketId]),
    db.select({ role: users.role }).from(users).where(eq(users.id, comment.authorId)),
  ]);
  if (!ticketRow) return [];
  const ticket = toTicketRecord(ticketRow);
  const byCustomer = author?.role === 'customer';
  const event = !comment.public ? 'changed' : byCustomer ? 'customer_reply' : 'staff_public_reply';
  const current = groupTrackers(trackerRows).get(ticket.id) ?? [];
  const targets = planTargets(
    policyRows.map(toActivePolicy),
    current,
    { ...ticket, requesterId: ticket.requester.id, status: comment.statusAfter ?? ticket.status },
    event,
    now,
  );
  return sameTargets(current, targets) ? [] : targetWrites(db, ticket.id, targets);
}
