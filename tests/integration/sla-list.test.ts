import { describe, expect, it } from 'vitest';
import { ticketPageQuery, type TicketListRequest } from '../../worker/tickets/ticket-list-query';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { addPolicy, ageSlaClock } from './sla-fixtures';
import { rawDb } from './snapshot';
import { as, fieldsOf, helpdesk, openTicket } from './tickets-fixtures';

// The inbox views of SLAs: tickets at risk (past the warning threshold, not yet
// due), tickets breached, and every ticket with a running SLA by next due, all
// read from the tickets_sla_due_idx index.

const MIN = 60_000;

describe('the ticket list by SLA', () => {
  it('filters at_risk and breached and sorts by next due, with keyset pages', async () => {
    const desk = await helpdesk({ ownTenant: true });
    await addPolicy(desk, { targets: { first_response: 100 }, warning_percent: 50 });
    await openTicket(desk, desk.customer, { subject: 'calm' });
    const atRisk = await openTicket(desk, desk.customer, { subject: 'at risk' });
    const breached = await openTicket(desk, desk.customer, { subject: 'breached' });
    const answered = await openTicket(desk, desk.customer, { subject: 'answered' });
    await ageSlaClock(desk, atRisk.id, 60 * MIN);
    await ageSlaClock(desk, breached.id, 150 * MIN);
    expect((await as(desk.tenant, desk.agent, 'POST', `/tickets/${answered.id}/comments`, { body: { body: 'On it', public: true } })).status).toBe(201);

    const subjects = async (query: string) => {
      const reply = await as<{ items: TicketJson[]; next_cursor: string | null }>(desk.tenant, desk.agent, 'GET', `/tickets?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body.items.map((t) => t.subject);
    };
    expect(await subjects('sla=at_risk')).toEqual(['at risk']);
    expect(await subjects('sla=breached')).toEqual(['breached']);
    expect(await subjects('sort=sla_due&order=asc')).toEqual(['breached', 'at risk', 'calm']);

    const first = await as<{ items: TicketJson[]; next_cursor: string }>(desk.tenant, desk.agent, 'GET', '/tickets?sort=sla_due&order=asc&limit=2');
    expect(first.body.items.map((t) => t.subject)).toEqual(['breached', 'at risk']);
    const second = await as<{ items: TicketJson[]; next_cursor: string | null }>(
      desk.tenant,
      desk.agent,
      'GET',
      `/tickets?sort=sla_due&order=asc&limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(second.body.items.map((t) => t.subject)).toEqual(['calm']);
    expect(second.body.next_cursor).toBeNull();

    const bad = await as(desk.tenant, desk.agent, 'GET', '/tickets?sla=late');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['sla']);
  });

  it('reads the SLA views from the index, in order, from the cursor on', async () => {
    const desk = await helpdesk({ ownTenant: true });
    // Enough rows, most without an SLA, that a scan would lose to the index.
    await rawDb(desk.tenant)
      .prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000)
         insert into tickets (subject, description, requester_id, created_at, updated_at, sla_due_at, sla_warn_at)
         select 'T' || i, 'B', ?1, i, i, case when i % 10 = 0 then 1000000 + i end, case when i % 10 = 0 then 900000 + i end from n`,
      )
      .bind(desk.customer.id)
      .run();
    await rawDb(desk.tenant).prepare('analyze').run();
    const staff = { userId: desk.agent.id, seesAllTickets: true };
    const views: Omit<TicketListRequest, 'limit'>[] = [
      { viewer: staff, filters: {}, sort: 'sla_due', order: 'asc' },
      { viewer: staff, filters: { sla: { state: 'breached', now: 1_002_000 } }, sort: 'sla_due', order: 'asc' },
      { viewer: staff, filters: { sla: { state: 'at_risk', now: 1_002_000 } }, sort: 'sla_due', order: 'asc' },
    ];
    for (const view of views) {
      for (const after of [undefined, { sort: 'sla_due' as const, order: 'asc' as const, key: 1_001_000, id: 1000, until: 5000 }]) {
        const { sql, params } = ticketPageQuery(desk.tenant.db, { ...view, limit: 50, after }).toSQL();
        const plan = (await rawDb(desk.tenant).prepare(`explain query plan ${sql}`).bind(...params).all<{ detail: string }>()).results.map((r) => r.detail);
        const step = plan.find((s) => /^(SCAN|SEARCH) tickets\b/.test(s));
        expect(step, plan.join('\n')).toMatch(/^SEARCH tickets USING (COVERING )?INDEX tickets_sla_due_idx/);
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
