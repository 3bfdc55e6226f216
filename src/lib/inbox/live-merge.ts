import type { Ticket } from '$lib/api/types';
import { judgedLocally, ticketMatches, type InboxQuery } from './inbox-query';

// What a live change does to the list on screen: a ticket that now fits the
// view is updated in place or, when the list is ordered by recency, put on top;
// one that no longer fits leaves. In other orders a new ticket's place is not
// known without the server, so the change is counted as "waiting" instead.

export interface LiveMergeResult {
  tickets: Ticket[];
  /** The ticket fits the view but its place in this order is unknown: offer a refresh. */
  waiting: boolean;
  /** The ticket is on screen after the merge (and may be highlighted). */
  shown: boolean;
}

const byRecency = (query: InboxQuery) => query.order === 'desc' && (query.sort === 'updated' || query.sort === 'created');

export function mergeLiveTicket(tickets: readonly Ticket[], changed: Ticket, query: InboxQuery, myId: number): LiveMergeResult {
  const index = tickets.findIndex((t) => t.id === changed.id);
  const fits = ticketMatches(changed, query, myId);
  if (fits && !judgedLocally(query.view)) {
    // Whether it is (still) at risk only the server knows: refresh what is shown, offer to reload for the rest.
    if (index !== -1) return { tickets: tickets.map((t) => (t.id === changed.id ? changed : t)), waiting: false, shown: true };
    return { tickets: [...tickets], waiting: true, shown: false };
  }
  if (!fits) {
    return { tickets: index === -1 ? [...tickets] : tickets.filter((t) => t.id !== changed.id), waiting: false, shown: false };
  }
  const others = tickets.filter((t) => t.id !== changed.id);
  if (query.sort === 'updated' && query.order === 'desc') return { tickets: [changed, ...others], waiting: false, shown: true };
  if (index !== -1) return { tickets: tickets.map((t) => (t.id === changed.id ? changed : t)), waiting: false, shown: true };
  if (byRecency(query)) return { tickets: [changed, ...others], waiting: false, shown: true };
  return { tickets: [...tickets], waiting: true, shown: false };
}

/** Appends a further page, skipping tickets already shown (a live change may have put them on top). */
export function appendPage(tickets: readonly Ticket[], page: readonly Ticket[]): Ticket[] {
  const shown = new Set(tickets.map((t) => t.id));
  return [...tickets, ...page.filter((t) => !shown.has(t.id))];
}
