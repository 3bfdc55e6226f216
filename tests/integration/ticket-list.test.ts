import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../worker/db/tenant/tickets';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import type { TestUser } from './harness';
import { addTag, as, fieldsOf, helpdesk, moveTicket, openTicket, type Helpdesk } from './tickets-fixtures';

interface Page {
  items: TicketJson[];
  next_cursor: string | null;
}

const DAY = 86_400_000;
const JAN_1 = Date.UTC(2030, 0, 1);

// Five tickets with known dates: created one a day from Jan 1, updated in the
// reverse order (the oldest was touched last), so every sort tells them apart.
let desk: Helpdesk;
let hardware: string;
let email: string;

beforeAll(async () => {
  desk = await helpdesk({ ownTenant: true });
  hardware = await addTag(desk, 'hardware');
  email = await addTag(desk, 'email');
  const plan = [
    { subject: 'Printer jam', by: desk.customer, priority: 'low', status: [], assignee: null, tags: [hardware] },
    { subject: 'VPN 100% down', by: desk.customer, priority: 'urgent', status: ['open'], assignee: desk.agent, tags: [] },
    { subject: 'Mail_box full', by: desk.otherCustomer, priority: 'high', status: ['open', 'pending'], assignee: desk.admin, tags: [email] },
    { subject: 'Password reset', by: desk.otherCustomer, priority: 'normal', status: ['solved'], assignee: desk.agent, tags: [email, hardware] },
    { subject: 'Printer toner', by: desk.customer, priority: 'normal', status: ['solved', 'closed'], assignee: null, tags: [] },
  ] as const;
  for (const [i, t] of plan.entries()) {
    const ticket = await openTicket(desk, desk.agent, {
      subject: t.subject,
      requester_id: t.by.id,
      priority: t.priority,
      assignee_id: t.assignee?.id ?? null,
      tags: [...t.tags],
    });
    if (t.status.length > 0) await moveTicket(desk, ticket.id, ...t.status);
    await desk.tenant.db
      .update(tickets)
      .set({ createdAt: JAN_1 + i * DAY, updatedAt: JAN_1 + (10 - i) * DAY })
      .where(eq(tickets.id, ticket.id));
  }
});

async function subjects(query: string, user: TestUser = desk.agent): Promise<string[]> {
  const reply = await as<Page>(desk.tenant, user, 'GET', `/tickets${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items.map((t) => t.subject);
}

describe('listing tickets', () => {
  it('shows staff every ticket, most recently updated first', async () => {
    expect(await subjects('')).toEqual(['Printer jam', 'VPN 100% down', 'Mail_box full', 'Password reset', 'Printer toner']);
  });

  it('shows a customer only the tickets they requested', async () => {
    expect(await subjects('', desk.customer)).toEqual(['Printer jam', 'VPN 100% down', 'Printer toner']);
    expect(await subjects(`?requester=${desk.otherCustomer.id}`, desk.customer)).toEqual([]);
  });

  it('filters by status, repeated or comma separated', async () => {
    expect(await subjects('?status=open')).toEqual(['VPN 100% down']);
    expect(await subjects('?status=new&status=pending')).toEqual(['Printer jam', 'Mail_box full']);
    expect(await subjects('?status=solved,closed')).toEqual(['Password reset', 'Printer toner']);
  });

  it('filters by priority', async () => {
    expect(await subjects('?priority=normal')).toEqual(['Password reset', 'Printer toner']);
    expect(await subjects('?priority=urgent&priority=low')).toEqual(['Printer jam', 'VPN 100% down']);
  });

  it('filters by assignee: me, none, or a user id', async () => {
    expect(await subjects('?assignee=me')).toEqual(['VPN 100% down', 'Password reset']);
    expect(await subjects('?assignee=none')).toEqual(['Printer jam', 'Printer toner']);
    expect(await subjects(`?assignee=${desk.admin.id}`)).toEqual(['Mail_box full']);
    expect(await subjects('?assignee=me&status=solved')).toEqual(['Password reset']);
  });

  it('filters by requester and by tag', async () => {
    expect(await subjects(`?requester=${desk.otherCustomer.id}`)).toEqual(['Mail_box full', 'Password reset']);
    expect(await subjects(`?tag=${hardware}`)).toEqual(['Printer jam', 'Password reset']);
    expect(await subjects(`?tag=${email}&priority=high`)).toEqual(['Mail_box full']);
    expect(await subjects('?tag=no-such-tag')).toEqual([]);
  });

  it('filters by created and updated ranges (after is inclusive, before is not)', async () => {
    const day = (n: number) => new Date(JAN_1 + n * DAY).toISOString();
    expect(await subjects(`?created_after=${day(1)}&created_before=${day(3)}`)).toEqual(['VPN 100% down', 'Mail_box full']);
    expect(await subjects(`?updated_after=${day(9)}`)).toEqual(['Printer jam', 'VPN 100% down']);
    expect(await subjects(`?updated_before=${day(7)}`)).toEqual(['Printer toner']);
    expect(await subjects('?created_after=2030-01-05')).toEqual(['Printer toner']);
  });

  it('finds text in the subject, taking % and _ literally and ASCII case-insensitively', async () => {
    expect(await subjects('?q=printer')).toEqual(['Printer jam', 'Printer toner']);
    expect(await subjects('?q=100%25')).toEqual(['VPN 100% down']);
    expect(await subjects('?q=%25')).toEqual(['VPN 100% down']);
    expect(await subjects('?q=l_b')).toEqual(['Mail_box full']);
    expect(await subjects('?q=_')).toEqual(['Mail_box full']);
    expect(await subjects(`?q=${encodeURIComponent('a'.repeat(150))}`)).toEqual([]);
  });

  it('sorts by updated, created or priority, either way', async () => {
    expect(await subjects('?sort=updated&order=asc')).toEqual(['Printer toner', 'Password reset', 'Mail_box full', 'VPN 100% down', 'Printer jam']);
    expect(await subjects('?sort=created')).toEqual(['Printer toner', 'Password reset', 'Mail_box full', 'VPN 100% down', 'Printer jam']);
    expect(await subjects('?sort=created&order=asc')).toEqual(['Printer jam', 'VPN 100% down', 'Mail_box full', 'Password reset', 'Printer toner']);
    // Equal priorities fall back to the ticket id, in the same direction.
    expect(await subjects('?sort=priority')).toEqual(['VPN 100% down', 'Mail_box full', 'Printer toner', 'Password reset', 'Printer jam']);
    expect(await subjects('?sort=priority&order=asc')).toEqual(['Printer jam', 'Password reset', 'Printer toner', 'Mail_box full', 'VPN 100% down']);
  });

  it('pages with a cursor and says when there is no next page', async () => {
    const first = await as<Page>(desk.tenant, desk.agent, 'GET', '/tickets?limit=2&sort=created&order=asc');
    expect(first.body.items.map((t) => t.subject)).toEqual(['Printer jam', 'VPN 100% down']);
    const cursor = first.body.next_cursor;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await as<Page>(desk.tenant, desk.agent, 'GET', `/tickets?limit=2&sort=created&order=asc&cursor=${cursor}`);
    expect(second.body.items.map((t) => t.subject)).toEqual(['Mail_box full', 'Password reset']);
    const third = await as<Page>(desk.tenant, desk.agent, 'GET', `/tickets?limit=2&sort=created&order=asc&cursor=${second.body.next_cursor}`);
    expect(third.body).toMatchObject({ next_cursor: null });
    expect(third.body.items.map((t) => t.subject)).toEqual(['Printer toner']);
    const exact = await as<Page>(desk.tenant, desk.agent, 'GET', '/tickets?limit=5');
    expect(exact.body.next_cursor).toBeNull();
  });

  it('answers 400 naming cursor for a malformed cursor or one from another sort', async () => {
    const first = await as<Page>(desk.tenant, desk.agent, 'GET', '/tickets?limit=1&sort=created');
    const cursor = first.body.next_cursor ?? '';
    const forged = Buffer.from(JSON.stringify({ sort: 'created', order: 'desc', key: -1, id: 1, until: 1 })).toString('base64url');
    for (const query of [
      `?cursor=${cursor}`,
      `?sort=created&order=asc&cursor=${cursor}`,
      '?cursor=%%%',
      '?cursor=bm90IGpzb24',
      `?sort=created&cursor=${forged}`,
      `?sort=created&cursor=${'A'.repeat(5000)}`,
    ]) {
      const reply = await as(desk.tenant, desk.agent, 'GET', `/tickets${query}`);
      expect(reply.status, query).toBe(400);
      expect(fieldsOf(reply.body), query).toEqual(['cursor']);
    }
  });

  it('answers 400 naming each bad parameter', async () => {
    const cases: [string, string[]][] = [
      ['?status=bogus', ['status.0']],
      ['?priority=high,asap', ['priority.1']],
      ['?assignee=someone', ['assignee']],
      ['?assignee=99999999999999999', ['assignee']],
      ['?requester=-3', ['requester']],
      ['?tag=Has Space', ['tag']],
      ['?created_after=yesterday', ['created_after']],
      ['?updated_before=2030-13-45', ['updated_before']],
      ['?sort=newest', ['sort']],
      ['?order=up', ['order']],
      ['?limit=0', ['limit']],
      ['?limit=101', ['limit']],
      ['?limit=ten', ['limit']],
      [`?q=${'x'.repeat(201)}`, ['q']],
      ['?q=%00', ['q']],
      ['?stauts=open', ['stauts']],
    ];
    for (const [query, fields] of cases) {
      const reply = await as(desk.tenant, desk.agent, 'GET', `/tickets${query}`);
      expect(reply.status, query).toBe(400);
      expect(fieldsOf(reply.body), query).toEqual(fields);
    }
  });
});
