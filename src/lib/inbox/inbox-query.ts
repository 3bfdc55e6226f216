import type { Ticket, TicketListQuery, TicketPriority, TicketStatus } from '$lib/api/types';

// The inbox's views and filters, read from the page's address (so a view can be
// bookmarked and the back button works) and turned into the list API's query.

export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
export const ALL_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const ALL_PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
/** Tickets per page of the inbox (the first page server-rendered, the rest as the list scrolls). */
export const INBOX_PAGE_SIZE = 25;
export const SORTS = ['updated', 'created', 'priority'] as const;
export const ORDERS = ['desc', 'asc'] as const;

interface ViewFilter {
  statuses?: readonly TicketStatus[];
  assignee?: 'me' | 'none';
  /** The SLA engine's judgement; a list row does not carry it, so live changes cannot add tickets to such a view. */
  sla?: 'at_risk' | 'breached';
  sort?: (typeof SORTS)[number];
}

/** A new view is one entry here (and its label in the catalogues). */
export const VIEWS = {
  mine: { statuses: OPEN_STATUSES, assignee: 'me' },
  unassigned: { statuses: OPEN_STATUSES, assignee: 'none' },
  open: { statuses: OPEN_STATUSES },
  at_risk: { statuses: OPEN_STATUSES, sla: 'at_risk', sort: 'priority' },
  recent: { sort: 'updated' },
} as const satisfies Record<string, ViewFilter>;

export type View = keyof typeof VIEWS;
export const VIEW_NAMES = Object.keys(VIEWS) as View[];
export const DEFAULT_VIEW: View = 'open';

export interface InboxQuery {
  view: View;
  status: TicketStatus[];
  priority: TicketPriority[];
  tag: string;
  q: string;
  sort: (typeof SORTS)[number];
  order: (typeof ORDERS)[number];
}

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

const listOf = <T extends string>(values: readonly T[], raw: string[]): T[] =>
  raw.flatMap((part) => part.split(',')).filter((v): v is T => values.includes(v as T));

export function readInboxQuery(params: URLSearchParams): InboxQuery {
  const view = oneOf(VIEW_NAMES, params.get('view'), DEFAULT_VIEW);
  const viewSort: ViewFilter['sort'] = (VIEWS[view] as ViewFilter).sort;
  return {
    view,
    status: listOf(ALL_STATUSES, params.getAll('status')),
    priority: listOf(ALL_PRIORITIES, params.getAll('priority')),
    tag: (params.get('tag') ?? '').trim(),
    q: (params.get('q') ?? '').trim(),
    sort: oneOf(SORTS, params.get('sort'), viewSort ?? 'updated'),
    order: oneOf(ORDERS, params.get('order'), 'desc'),
  };
}

/** The list API's query for a page of the inbox; null when the filters leave nothing to ask for. */
export function apiQuery(query: InboxQuery, limit: number, cursor?: string): TicketListQuery | null {
  const view: ViewFilter = VIEWS[query.view];
  // The view's statuses, narrowed by the status filter when one is set.
  const statuses = query.status.length > 0 ? query.status.filter((s) => !view.statuses || view.statuses.includes(s)) : view.statuses;
  if (statuses && statuses.length === 0) return null;
  return {
    ...(statuses ? { status: statuses.join(',') } : {}),
    ...(query.priority.length > 0 ? { priority: query.priority.join(',') } : {}),
    ...(view.assignee ? { assignee: view.assignee } : {}),
    ...(view.sla ? { sla: view.sla } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.q ? { q: query.q } : {}),
    sort: query.sort,
    order: query.order,
    limit,
    ...(cursor ? { cursor } : {}),
  };
}

/** The statuses the status filter offers in a view: only those the view can show. */
export const statusesOf = (view: View): readonly TicketStatus[] => (VIEWS[view] as ViewFilter).statuses ?? ALL_STATUSES;

/** The order a view starts in: recency, or for "at SLA risk" the most urgent first. */
export const defaultSort = (view: View): (typeof SORTS)[number] => (VIEWS[view] as ViewFilter).sort ?? 'updated';

/** Whether the page can tell by itself if a ticket belongs in the view (else the server decides). */
export const judgedLocally = (view: View): boolean => !(VIEWS[view] as ViewFilter).sla;

/** Whether a ticket belongs in the view as filtered: decides if a live change adds, keeps or drops it. */
export function ticketMatches(ticket: Ticket, query: InboxQuery, myId: number): boolean {
  const view: ViewFilter = VIEWS[query.view];
  if (view.statuses && !view.statuses.includes(ticket.status)) return false;
  if (view.assignee === 'me' && ticket.assignee?.id !== myId) return false;
  if (view.assignee === 'none' && ticket.assignee !== null) return false;
  if (query.status.length > 0 && !query.status.includes(ticket.status)) return false;
  if (query.priority.length > 0 && !query.priority.includes(ticket.priority)) return false;
  if (query.tag && !ticket.tags.includes(query.tag)) return false;
  if (query.q && !ticket.subject.toLowerCase().includes(query.q.toLowerCase())) return false;
  return true;
}

/** The address of the inbox with this query (defaults left out, so addresses stay short). */
export function inboxSearch(query: InboxQuery): string {
  const params = new URLSearchParams();
  if (query.view !== DEFAULT_VIEW) params.set('view', query.view);
  for (const s of query.status) params.append('status', s);
  for (const p of query.priority) params.append('priority', p);
  if (query.tag) params.set('tag', query.tag);
  if (query.q) params.set('q', query.q);
  const viewSort = (VIEWS[query.view] as ViewFilter).sort ?? 'updated';
  if (query.sort !== viewSort) params.set('sort', query.sort);
  if (query.order !== 'desc') params.set('order', query.order);
  const search = params.toString();
  return search ? `?${search}` : '';
}
