import { z } from '@hono/zod-openapi';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, max, sql, type SQL } from 'drizzle-orm';
import { containsText } from '../db/contains-text';
import {
  PRIORITY_RANK,
  tags,
  tickets,
  ticketTags,
  type TicketPriority,
  type TicketStatus,
} from '../db/tenant/tickets';
import type { TenantDb } from '../tenancy/tenant-db';
import { selectTickets, toTicketRecord, visibleTo, type TicketRecord, type TicketViewer } from './ticket-store';

// The ticket list: filters, three sorts, and keyset pages that neither skip nor
// repeat a ticket while others are created. Each sort pages on (sort key, id),
// which the indexes in db/tenant/tickets.ts serve in order.

/** `sla_due`: tickets with a running or overdue SLA target only, the earliest due first (with order=asc). */
export const TICKET_SORTS = ['updated', 'created', 'priority', 'sla_due'] as const;
export const SLA_LIST_FILTERS = ['at_risk', 'breached'] as const;
export const SORT_ORDERS = ['desc', 'asc'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export type SortOrder = (typeof SORT_ORDERS)[number];

const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Where the next page starts: after (`key`, `id`) in the given sort. `until` is
 * the newest ticket id when the first page was read: later tickets are left out
 * of the following pages, so a ticket created meanwhile (which may sort anywhere,
 * say by priority) can neither appear in the middle nor push another ticket over
 * a page boundary.
 */
export const TicketListPosition = z.strictObject({
  sort: z.enum(TICKET_SORTS),
  order: z.enum(SORT_ORDERS),
  key: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  id: rowId,
  until: rowId,
});
export type TicketListPosition = z.infer<typeof TicketListPosition>;

export interface TicketFilters {
  statuses?: TicketStatus[];
  priorities?: TicketPriority[];
  /** A user id, or `none` for unassigned tickets. */
  assignee?: number | 'none';
  requesterId?: number;
  tag?: string;
  createdAfter?: number;
  createdBefore?: number;
  updatedAfter?: number;
  updatedBefore?: number;
  /** A piece of the subject, taken literally. */
  subjectContains?: string;
  /** Tickets whose SLA is at risk or breached at `now` (from tickets.sla_warn_at / sla_due_at). */
  sla?: { state: (typeof SLA_LIST_FILTERS)[number]; now: number };
}

export interface TicketListRequest {
  viewer: TicketViewer;
  filters: TicketFilters;
  sort: TicketSort;
  order: SortOrder;
  limit: number;
  after?: TicketListPosition;
}

const SORT_KEYS = {
  updated: { column: tickets.updatedAt, of: (t: TicketRecord) => t.updatedAt },
  created: { column: tickets.createdAt, of: (t: TicketRecord) => t.createdAt },
  priority: { column: tickets.priorityRank, of: (t: TicketRecord) => PRIORITY_RANK[t.priority] },
  sla_due: { column: tickets.slaDueAt, of: (t: TicketRecord) => t.slaDueAt ?? 0 },
} as const;

function slaCondition(sla: TicketFilters['sla']): SQL | undefined {
  if (!sla) return undefined;
  // The earliest warning and due instants summarise all targets: some target warned and none is overdue iff warn ≤ now < due.
  return sla.state === 'breached'
    ? lte(tickets.slaDueAt, sla.now)
    : and(lte(tickets.slaWarnAt, sla.now), gt(tickets.slaDueAt, sla.now));
}

function filterConditions(filters: TicketFilters): (SQL | undefined)[] {
  const f = filters;
  return [
    f.statuses?.length ? inArray(tickets.status, f.statuses) : undefined,
    f.priorities?.length ? inArray(tickets.priority, f.priorities) : undefined,
    f.assignee === 'none' ? isNull(tickets.assigneeId) : f.assignee !== undefined ? eq(tickets.assigneeId, f.assignee) : undefined,
    f.requesterId !== undefined ? eq(tickets.requesterId, f.requesterId) : undefined,
    f.tag !== undefined
      ? sql`${tickets.id} in (select ${ticketTags.ticketId} from ${ticketTags} join ${tags} on ${tags.id} = ${ticketTags.tagId} where ${tags.name} = ${f.tag})`
      : undefined,
    f.createdAfter !== undefined ? gte(tickets.createdAt, f.createdAfter) : undefined,
    f.createdBefore !== undefined ? lt(tickets.createdAt, f.createdBefore) : undefined,
    f.updatedAfter !== undefined ? gte(tickets.updatedAt, f.updatedAfter) : undefined,
    f.updatedBefore !== undefined ? lt(tickets.updatedAt, f.updatedBefore) : undefined,
    f.subjectContains !== undefined ? containsText(tickets.subject, f.subjectContains) : undefined,
    slaCondition(f.sla),
  ];
}

/** The statement for one page (one row more than `limit`, which tells whether another page exists). */
export function ticketPageQuery(db: TenantDb, request: TicketListRequest) {
  const { column } = SORT_KEYS[request.sort];
  const direction = request.order === 'desc' ? desc : asc;
  const after = request.after;
  const keyset = after
    ? request.order === 'desc'
      ? sql`(${column}, ${tickets.id}) < (${after.key}, ${after.id})`
      : sql`(${column}, ${tickets.id}) > (${after.key}, ${after.id})`
    : undefined;
  return selectTickets(db)
    .where(
      and(
        visibleTo(request.viewer),
        ...filterConditions(request.filters),
        request.sort === 'sla_due' ? isNotNull(tickets.slaDueAt) : undefined,
        keyset,
        after ? sql`${tickets.id} <= ${after.until}` : undefined,
      ),
    )
    .orderBy(direction(column), direction(tickets.id))
    .limit(request.limit + 1);
}

export interface TicketPage {
  items: TicketRecord[];
  next: TicketListPosition | null;
}

export async function listTickets(db: TenantDb, request: TicketListRequest): Promise<TicketPage> {
  const page = ticketPageQuery(db, request);
  let rows;
  let until: number;
  if (request.after) {
    rows = await page.all();
    until = request.after.until;
  } else {
    // One batch is one transaction: the newest id and the first page agree.
    const [[newest], first] = await db.batch([db.select({ id: max(tickets.id) }).from(tickets), page]);
    rows = first;
    until = newest?.id ?? 0;
  }
  const items = rows.slice(0, request.limit).map(toTicketRecord);
  const last = items.at(-1);
  const next =
    rows.length > request.limit && last
      ? { sort: request.sort, order: request.order, key: SORT_KEYS[request.sort].of(last), id: last.id, until }
      : null;
  return { items, next };
}
