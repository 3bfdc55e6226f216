import type { SlaConditions } from '../db/tenant/sla';
import type { TicketPriority, TicketType } from '../db/tenant/tickets';

// Which SLA policy applies to a ticket: the first, in the admins' order, whose
// conditions all hold. A condition lists values; the ticket matches it when
// its field has one of them (for tags: carries one of them).

export interface MatchableTicket {
  priority: TicketPriority;
  type: TicketType;
  group: string | null;
  tags: readonly string[];
  requesterId: number;
}

const holds = <T>(allowed: readonly T[] | undefined, value: T): boolean => allowed === undefined || allowed.includes(value);

export function matchesConditions(conditions: SlaConditions, ticket: MatchableTicket): boolean {
  return (
    holds(conditions.priorities, ticket.priority) &&
    holds(conditions.types, ticket.type) &&
    (conditions.groups === undefined || (ticket.group !== null && conditions.groups.includes(ticket.group))) &&
    (conditions.tags === undefined || conditions.tags.some((tag) => ticket.tags.includes(tag))) &&
    holds(conditions.requester_ids, ticket.requesterId)
  );
}

/** The first policy (policies come in order) that matches, or null. */
export function matchPolicy<P extends { conditions: SlaConditions }>(policies: readonly P[], ticket: MatchableTicket): P | null {
  return policies.find((p) => matchesConditions(p.conditions, ticket)) ?? null;
}
