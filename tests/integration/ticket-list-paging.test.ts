import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tickets } from '../../worker/db/tenant/tickets';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { as, helpdesk, openTicket, type Helpdesk } from './tickets-fixtures';

interface Page {
  items: TicketJson[];
  next_cursor: string | null;
}

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Every ticket id the agent sees in one unpaged list (the tenant holds fewer than 100). */
async function everything(desk: Helpdesk, query: string): Promise<number[]> {
  const reply = await as<Page>(desk.tenant, desk.agent, 'GET', `/tickets?limit=100&${query}`);
  expect(reply.body.next_cursor).toBeNull();
  return reply.body.items.map((t) => t.id);
}

let created = 0;

/** Pages through the list, creating two tickets (one urgent, one low) after each page. */
async function pageWhileInserting(desk: Helpdesk, query: string, limit = 6): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/tickets?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const page: { status: number; body: Page } = await as<Page>(desk.tenant, desk.agent, 'GET', url);
    expect(page.status).toBe(200);
    seen.push(...page.body.items.map((t) => t.id));
    cursor = page.body.next_cursor;
    for (const priority of ['urgent', 'low']) {
      await openTicket(desk, desk.customer, { subject: `Arrived while paging ${created++}`, priority });
    }
  } while (cursor);
  return seen;
}

describe('paging the ticket list while tickets are created', () => {
  it('neither skips nor repeats a ticket, in any sort and order', async () => {
    const desk = await helpdesk({ ownTenant: true });
    created = 0;
    for (let i = 0; i < 14; i++) {
      await openTicket(desk, desk.customer, { subject: `Seed ${i}`, priority: PRIORITIES[i % 4] });
    }
    // Many tickets share a timestamp, so pages must break ties by id to stay exact.
    const ids = (await desk.tenant.db.select({ id: tickets.id }).from(tickets).all()).map((t) => t.id);
    await desk.tenant.db.update(tickets).set({ createdAt: 1_900_000_000_000, updatedAt: 1_900_000_000_000 }).where(inArray(tickets.id, ids.slice(0, 7)));

    for (const sort of ['updated', 'created', 'priority']) {
      for (const order of ['desc', 'asc']) {
        const query = `sort=${sort}&order=${order}`;
        const before = await everything(desk, query);
        const paged = await pageWhileInserting(desk, query);
        expect(new Set(paged).size, query).toBe(paged.length);
        expect(paged, query).toEqual(before);
      }
    }
    // The tickets created while paging are there for whoever starts again.
    expect((await everything(desk, 'sort=created')).length).toBe(14 + created);
  });

  it('pages a filtered list the same way', async () => {
    const desk = await helpdesk({ ownTenant: true });
    for (let i = 0; i < 10; i++) await openTicket(desk, desk.customer, { subject: `Seed ${i}`, priority: PRIORITIES[i % 4] });
    const query = 'sort=priority&order=desc&priority=urgent,low';
    const before = await everything(desk, query);
    expect(before.length).toBe(5);
    expect(await pageWhileInserting(desk, query, 2)).toEqual(before);
  });
});
