import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import type { TicketJson } from '../../worker/tickets/ticket-json';
import { rawDb, snapshotDatabase } from './snapshot';
import { addTag, as, fieldsOf, helpdesk, moveTicket, openTicket, type Helpdesk, type ProblemBody } from './tickets-fixtures';

const bulk = (desk: Helpdesk, body: unknown, user = desk.agent) =>
  as<{ items: TicketJson[] } & ProblemBody>(desk.tenant, user, 'POST', '/tickets/bulk', { body });

async function openMany(desk: Helpdesk, n: number): Promise<TicketJson[]> {
  const opened: TicketJson[] = [];
  for (let i = 0; i < n; i++) opened.push(await openTicket(desk, desk.customer, { subject: `Ticket ${i}` }));
  return opened;
}

describe('bulk editing tickets', () => {
  it('changes every ticket and writes one audit row per ticket', async () => {
    const desk = await helpdesk();
    const urgent = await addTag(desk, 'urgent');
    const stale = await addTag(desk, 'stale');
    const [a, b, c] = await openMany(desk, 3);
    if (!a || !b || !c) throw new Error('tickets missing');
    await as(desk.tenant, desk.agent, 'PATCH', `/tickets/${a.id}`, { body: { tags: [stale] } });

    const reply = await bulk(desk, {
      ids: [c.id, a.id, b.id],
      changes: { status: 'pending', priority: 'high', assignee_id: desk.agent.id, group: 'Billing', add_tags: [urgent], remove_tags: [stale] },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((t) => t.id)).toEqual([c.id, a.id, b.id]);
    for (const ticket of reply.body.items) {
      expect(ticket).toMatchObject({ status: 'pending', priority: 'high', assignee: { id: desk.agent.id }, group: 'Billing', tags: [urgent] });
    }
    const audits = await desk.tenant.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'ticket.update'), eq(auditLogs.actorId, desk.agent.id)))
      .all();
    const bulkRows = audits.filter((row) => (row.after as { status?: string }).status === 'pending');
    expect(bulkRows.map((row) => row.targetId).sort()).toEqual([a.id, b.id, c.id].map(String).sort());
    const forA = bulkRows.find((row) => row.targetId === String(a.id));
    expect(forA?.before).toMatchObject({ status: 'new', tags: [stale] });
    expect(forA?.after).toMatchObject({ status: 'pending', tags: [urgent] });
    expect(new Set(bulkRows.map((row) => row.requestId)).size).toBe(1);
  });

  it('changes nothing and lists the missing ids when any ticket does not exist', async () => {
    const desk = await helpdesk();
    const [a] = await openMany(desk, 1);
    if (!a) throw new Error('ticket missing');
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const reply = await bulk(desk, { ids: [a.id, 987_654, 987_655], changes: { priority: 'urgent' } });
    expect(reply.status).toBe(404);
    expect(reply.body.missing).toEqual([987_654, 987_655]);
    expect(fieldsOf(reply.body)).toEqual(['ids']);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('changes nothing and lists each offending ticket with where it may go when a move is illegal', async () => {
    const desk = await helpdesk();
    const [fresh, done, gone] = await openMany(desk, 3);
    if (!fresh || !done || !gone) throw new Error('tickets missing');
    await moveTicket(desk, done.id, 'solved');
    await moveTicket(desk, gone.id, 'solved', 'closed');
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const reply = await bulk(desk, { ids: [fresh.id, done.id, gone.id], changes: { status: 'pending', priority: 'low' } });
    expect(reply.status).toBe(409);
    expect(reply.body.conflicts).toEqual([
      { id: done.id, status: 'solved', allowed: ['open', 'closed'] },
      { id: gone.id, status: 'closed', allowed: [] },
    ]);
    expect(fieldsOf(reply.body)).toEqual(['changes.status']);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('edits a hundred tickets in one request', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const tag = await addTag(desk, 'mass');
    await rawDb(desk.tenant)
      .prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < 100)
         insert into tickets (subject, description, requester_id, created_at, updated_at) select 'Bulk ' || i, 'd', ?, 1, 1 from n`,
      )
      .bind(desk.customer.id)
      .run();
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    const reply = await bulk(desk, { ids, changes: { status: 'open', add_tags: [tag] } });
    expect(reply.status).toBe(200);
    expect(reply.body.items.every((t) => t.status === 'open' && t.tags.includes(tag))).toBe(true);
    // The tenant is this test's own: every ticket.update row is from this request.
    const rows = await desk.tenant.db.select().from(auditLogs).where(eq(auditLogs.action, 'ticket.update')).all();
    expect(rows.map((r) => Number(r.targetId)).sort((x, y) => x - y)).toEqual(ids);
  });

  it('skips tickets already in the asked state, and writes no audit row for them', async () => {
    const desk = await helpdesk();
    const [a, b] = await openMany(desk, 2);
    if (!a || !b) throw new Error('tickets missing');
    await moveTicket(desk, a.id, 'open');
    const reply = await bulk(desk, { ids: [a.id, b.id], changes: { status: 'open' } });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((t) => t.status)).toEqual(['open', 'open']);
    const rows = await desk.tenant.db.select().from(auditLogs).where(eq(auditLogs.targetId, String(a.id))).all();
    expect(rows.filter((r) => r.action === 'ticket.update').length).toBe(1);
  });

  it('refuses bad bodies naming the field, and customers', async () => {
    const desk = await helpdesk();
    const [a] = await openMany(desk, 1);
    if (!a) throw new Error('ticket missing');
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const cases: [unknown, string[]][] = [
      [{ ids: [], changes: { priority: 'low' } }, ['ids']],
      [{ ids: Array.from({ length: 101 }, (_, i) => i + 1), changes: { priority: 'low' } }, ['ids']],
      [{ ids: [a.id, a.id], changes: { priority: 'low' } }, ['ids']],
      [{ ids: [2 ** 53 + 2], changes: { priority: 'low' } }, ['ids.0']],
      [{ ids: ['1'], changes: { priority: 'low' } }, ['ids.0']],
      [{ ids: [a.id], changes: {} }, ['changes']],
      [{ ids: [a.id], changes: { subject: 'x' } }, ['changes.subject']],
      [{ ids: [a.id], changes: { add_tags: ['x'], remove_tags: ['x'] } }, ['changes.remove_tags']],
      [{ ids: [a.id] }, ['changes']],
      [{ ids: [a.id], changes: { assignee_id: desk.customer.id } }, ['changes.assignee_id']],
      [{ ids: [a.id], changes: { add_tags: ['no-such-tag'] } }, ['changes.add_tags']],
    ];
    for (const [body, fields] of cases) {
      const reply = await bulk(desk, body);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(fieldsOf(reply.body), JSON.stringify(reply.body).slice(0, 300)).toEqual(fields);
    }
    expect((await bulk(desk, { ids: [a.id], changes: { priority: 'low' } }, desk.customer)).status).toBe(403);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });
});
