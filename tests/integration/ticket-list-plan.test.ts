import { beforeAll, describe, expect, it } from 'vitest';
import { ticketPageQuery, type TicketListPosition, type TicketListRequest } from '../../worker/tickets/ticket-list-query';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { rawDb } from './snapshot';
import { as, helpdesk, type Helpdesk } from './tickets-fixtures';

// The ticket list must stay fast on a big tenant: every common view reads its
// page in order from an index, from the cursor on, without sorting the matches.
// This file seeds 100,000 tickets and asks SQLite how it would run each view.

const N = 100_000;
const T0 = 1_800_000_000_000;

let desk: Helpdesk;

beforeAll(async () => {
  desk = await helpdesk({ ownTenant: true });
  // Statuses, priorities, requesters and assignees spread evenly; updated_at shuffled against ids.
  await rawDb(desk.tenant)
    .prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${N})
       insert into tickets (subject, description, status, priority, priority_rank, requester_id, assignee_id, created_at, updated_at)
       select 'Ticket ' || i, 'Body ' || i,
         case i % 6 when 0 then 'new' when 1 then 'open' when 2 then 'pending' when 3 then 'on_hold' when 4 then 'solved' else 'closed' end,
         case i % 4 when 0 then 'low' when 1 then 'normal' when 2 then 'high' else 'urgent' end, (i % 4) + 1,
         case i % 2 when 0 then ?1 else ?2 end,
         case i % 3 when 0 then null when 1 then ?3 else ?4 end,
         ${T0} + i * 1000, ${T0} + ((i * 7919) % ${N}) * 1000
       from n`,
    )
    .bind(desk.customer.id, desk.otherCustomer.id, desk.agent.id, desk.admin.id)
    .run();
});

async function planOf(request: TicketListRequest): Promise<string[]> {
  const { sql, params } = ticketPageQuery(desk.tenant.db, request).toSQL();
  const plan = await rawDb(desk.tenant).prepare(`explain query plan ${sql}`).bind(...params).all<{ detail: string }>();
  return plan.results.map((row) => row.detail);
}

describe('ticket list query plans on 100,000 tickets', () => {
  const staff = () => ({ userId: desk.agent.id, seesAllTickets: true });
  const views: [string, () => Omit<TicketListRequest, 'limit'>][] = [
    ['everything, recently updated first', () => ({ viewer: staff(), filters: {}, sort: 'updated', order: 'desc' })],
    ['one status', () => ({ viewer: staff(), filters: { statuses: ['open'] }, sort: 'updated', order: 'desc' })],
    ['my tickets', () => ({ viewer: staff(), filters: { assignee: desk.agent.id }, sort: 'updated', order: 'desc' })],
    ['my open tickets', () => ({ viewer: staff(), filters: { assignee: desk.agent.id, statuses: ['open'] }, sort: 'updated', order: 'desc' })],
    ['unassigned', () => ({ viewer: staff(), filters: { assignee: 'none' }, sort: 'updated', order: 'asc' })],
    ['a customer’s own tickets', () => ({ viewer: { userId: desk.customer.id, seesAllTickets: false }, filters: {}, sort: 'updated', order: 'desc' })],
    ['newest first', () => ({ viewer: staff(), filters: {}, sort: 'created', order: 'desc' })],
    ['oldest new tickets first', () => ({ viewer: staff(), filters: { statuses: ['new'] }, sort: 'created', order: 'asc' })],
    ['most urgent first', () => ({ viewer: staff(), filters: {}, sort: 'priority', order: 'desc' })],
    ['most urgent open first', () => ({ viewer: staff(), filters: { statuses: ['open'] }, sort: 'priority', order: 'desc' })],
  ];

  for (const [name, view] of views) {
    it(`reads "${name}" in index order, from the cursor on`, async () => {
      const request = { ...view(), limit: 50 };
      const after: TicketListPosition = { sort: request.sort, order: request.order, key: request.sort === 'priority' ? 3 : T0 + N * 500, id: N / 2, until: N };
      for (const plan of [await planOf(request), await planOf({ ...request, after })]) {
        const tickets = plan.find((step) => /^(SCAN|SEARCH) tickets\b/.test(step));
        expect(tickets, plan.join('\n')).toMatch(/^(SCAN|SEARCH) tickets USING (COVERING )?INDEX tickets_\w+/);
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
      }
      const withCursor = (await planOf({ ...request, after })).join('\n');
      expect(withCursor, 'the cursor bounds the index range').toMatch(/(updated_at|created_at|priority_rank)[<>]\?/);
    });
  }

  it('answers the inbox view with a full, correct page', async () => {
    const reply = await as<{ items: TicketJson[]; next_cursor: string | null }>(
      desk.tenant,
      desk.agent,
      'GET',
      '/tickets?status=open&assignee=me&limit=50',
    );
    expect(reply.status).toBe(200);
    expect(reply.body.items.length).toBe(50);
    expect(reply.body.items.every((t) => t.status === 'open' && t.assignee?.id === desk.agent.id)).toBe(true);
    const updated = reply.body.items.map((t) => Date.parse(t.updated_at));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    expect(reply.body.next_cursor).not.toBeNull();
  });
});
