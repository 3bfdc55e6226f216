import { describe, expect, it } from 'vitest';
import type { Ticket } from '../api/types';
import { apiQuery, readInboxQuery } from './inbox-query';
import { appendPage, mergeLiveTicket } from './live-merge';

const ME = 7;

function ticket(id: number, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id,
    subject: `Ticket ${id}`,
    description: 'd',
    status: 'open',
    priority: 'normal',
    type: 'question',
    channel: 'web',
    requester: { id: 100, name: 'Casey', email: 'casey@example.test' },
    assignee: null,
    group: null,
    tags: [],
    custom_fields: {},
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    solved_at: null,
    closed_at: null,
    ...overrides,
  };
}

const query = (search: string) => readInboxQuery(new URLSearchParams(search));

describe('a live change to the inbox', () => {
  it('puts a new open ticket on top of the recently updated list', () => {
    const result = mergeLiveTicket([ticket(1), ticket(2)], ticket(3), query(''), ME);
    expect(result.tickets.map((t) => t.id)).toEqual([3, 1, 2]);
    expect(result).toMatchObject({ shown: true, waiting: false });
  });

  it('moves an updated ticket to the top instead of showing it twice', () => {
    const result = mergeLiveTicket([ticket(1), ticket(2)], ticket(2, { subject: 'Renamed' }), query(''), ME);
    expect(result.tickets.map((t) => [t.id, t.subject])).toEqual([
      [2, 'Renamed'],
      [1, 'Ticket 1'],
    ]);
  });

  it('drops a ticket that was solved from the open view', () => {
    const result = mergeLiveTicket([ticket(1), ticket(2)], ticket(1, { status: 'solved' }), query('view=open'), ME);
    expect(result.tickets.map((t) => t.id)).toEqual([2]);
    expect(result.shown).toBe(false);
  });

  it('adds a ticket to "my open" only when it is assigned to me', () => {
    const mine = mergeLiveTicket([], ticket(5, { assignee: { id: ME, name: 'Me' } }), query('view=mine'), ME);
    expect(mine.tickets.map((t) => t.id)).toEqual([5]);
    const theirs = mergeLiveTicket([], ticket(6, { assignee: { id: 99, name: 'Other' } }), query('view=mine'), ME);
    expect(theirs.tickets).toEqual([]);
  });

  it('drops a ticket from "unassigned" once someone takes it', () => {
    const result = mergeLiveTicket([ticket(1)], ticket(1, { assignee: { id: 2, name: 'Sam' } }), query('view=unassigned'), ME);
    expect(result.tickets).toEqual([]);
  });

  it('respects the filters: priority, tag and subject text', () => {
    const q = query('priority=urgent&tag=vip&q=printer');
    expect(mergeLiveTicket([], ticket(1, { priority: 'urgent', tags: ['vip'], subject: 'Printer jam' }), q, ME).shown).toBe(true);
    expect(mergeLiveTicket([], ticket(2, { priority: 'low', tags: ['vip'], subject: 'Printer jam' }), q, ME).shown).toBe(false);
    expect(mergeLiveTicket([], ticket(3, { priority: 'urgent', tags: [], subject: 'Printer jam' }), q, ME).shown).toBe(false);
    expect(mergeLiveTicket([], ticket(4, { priority: 'urgent', tags: ['vip'], subject: 'Login fails' }), q, ME).shown).toBe(false);
  });

  it('updates in place when sorted by priority, and only counts a new ticket as waiting', () => {
    const q = query('sort=priority');
    const updated = mergeLiveTicket([ticket(1), ticket(2)], ticket(2, { priority: 'high' }), q, ME);
    expect(updated.tickets.map((t) => [t.id, t.priority])).toEqual([
      [1, 'normal'],
      [2, 'high'],
    ]);
    const fresh = mergeLiveTicket([ticket(1)], ticket(9), q, ME);
    expect(fresh).toMatchObject({ waiting: true, shown: false });
    expect(fresh.tickets.map((t) => t.id)).toEqual([1]);
  });
});

describe('the "at SLA risk" view', () => {
  it('asks the list API for tickets at risk, most urgent first', () => {
    expect(apiQuery(query('view=at_risk'), 25)).toMatchObject({ sla: 'at_risk', status: 'new,open,pending,on_hold', sort: 'priority' });
  });

  it('refreshes a ticket it shows, but leaves adding new ones to the server', () => {
    const updated = mergeLiveTicket([ticket(1)], ticket(1, { subject: 'Renamed' }), query('view=at_risk'), ME);
    expect(updated.tickets.map((t) => t.subject)).toEqual(['Renamed']);
    const fresh = mergeLiveTicket([ticket(1)], ticket(2), query('view=at_risk'), ME);
    expect(fresh).toMatchObject({ waiting: true, shown: false });
  });

  it('drops a ticket that got solved', () => {
    expect(mergeLiveTicket([ticket(1)], ticket(1, { status: 'solved' }), query('view=at_risk'), ME).tickets).toEqual([]);
  });
});

describe('a further page', () => {
  it('skips tickets a live change already showed', () => {
    expect(appendPage([ticket(9), ticket(1)], [ticket(2), ticket(9), ticket(3)]).map((t) => t.id)).toEqual([9, 1, 2, 3]);
  });
});
