import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import type { TagJson, TicketJson } from '../../worker/tickets/ticket-json';
import { rawDb, snapshotDatabase } from './snapshot';
import { as, fieldsOf, helpdesk, openTicket } from './tickets-fixtures';

describe('tags', () => {
  it('lets an admin create, rename, recolour and delete a tag, each audited', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const created = await as<TagJson>(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'billing', color: '#FF0000' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'billing', color: '#ff0000' });

    const renamed = await as<TagJson>(desk.tenant, desk.admin, 'PATCH', `/tags/${created.body.id}`, { body: { name: 'invoices' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'invoices', color: '#ff0000' });

    const recoloured = await as<TagJson>(desk.tenant, desk.admin, 'PATCH', `/tags/${created.body.id}`, { body: { color: null } });
    expect(recoloured.body.color).toBeNull();

    const listed = await as<{ items: TagJson[] }>(desk.tenant, desk.agent, 'GET', '/tags');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((t) => t.name)).toEqual(['invoices']);

    expect((await as(desk.tenant, desk.admin, 'DELETE', `/tags/${created.body.id}`)).status).toBe(204);
    expect((await as<{ items: TagJson[] }>(desk.tenant, desk.agent, 'GET', '/tags')).body.items).toEqual([]);

    const audit = await desk.tenant.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.targetType, 'tag'))
      .orderBy(asc(auditLogs.id))
      .all();
    expect(audit.map((a) => [a.action, a.targetId, a.actorId])).toEqual([
      ['tag.create', String(created.body.id), desk.admin.id],
      ['tag.update', String(created.body.id), desk.admin.id],
      ['tag.update', String(created.body.id), desk.admin.id],
      ['tag.delete', String(created.body.id), desk.admin.id],
    ]);
    expect(audit[1]).toMatchObject({ before: { name: 'billing' }, after: { name: 'invoices' } });
  });

  it('lists tags by name, Cyrillic included', async () => {
    const desk = await helpdesk({ ownTenant: true });
    for (const name of ['vip', 'счёт', 'a_b-1']) {
      expect((await as(desk.tenant, desk.admin, 'POST', '/tags', { body: { name } })).status).toBe(201);
    }
    const listed = await as<{ items: TagJson[] }>(desk.tenant, desk.agent, 'GET', '/tags');
    expect(listed.body.items.map((t) => t.name)).toEqual(['a_b-1', 'vip', 'счёт']);
  });

  it('answers 409 for a name that exists, on create and on rename', async () => {
    const desk = await helpdesk({ ownTenant: true });
    await as(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'vip' } });
    const other = await as<TagJson>(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'basic' } });
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const again = await as(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'vip' } });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['name']);
    expect((await as(desk.tenant, desk.admin, 'PATCH', `/tags/${other.body.id}`, { body: { name: 'vip' } })).status).toBe(409);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('takes a deleted tag off every ticket', async () => {
    const desk = await helpdesk();
    const tag = await as<TagJson>(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'doomed' } });
    const keep = await as<TagJson>(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'kept' } });
    const ticket = await openTicket(desk, desk.agent, { tags: ['doomed', 'kept'] });
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/tags/${tag.body.id}`)).status).toBe(204);
    const after = await as<TicketJson>(desk.tenant, desk.agent, 'GET', `/tickets/${ticket.id}`);
    expect(after.body.tags).toEqual([keep.body.name]);
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/tags/${tag.body.id}`)).status).toBe(404);
  });

  it('keeps tag management to admins and owners, and tags away from customers', async () => {
    const desk = await helpdesk();
    const tag = await as<TagJson>(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'staff-only' } });
    const before = await snapshotDatabase(rawDb(desk.tenant));
    expect((await as(desk.tenant, desk.agent, 'POST', '/tags', { body: { name: 'nope' } })).status).toBe(403);
    expect((await as(desk.tenant, desk.agent, 'PATCH', `/tags/${tag.body.id}`, { body: { name: 'nope' } })).status).toBe(403);
    expect((await as(desk.tenant, desk.agent, 'DELETE', `/tags/${tag.body.id}`)).status).toBe(403);
    expect((await as(desk.tenant, desk.customer, 'GET', '/tags')).status).toBe(403);
    expect((await as(desk.tenant, null, 'GET', '/tags')).status).toBe(401);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('refuses bad names and colours naming the field', async () => {
    const desk = await helpdesk();
    const cases: [unknown, string[]][] = [
      [{ name: 'Billing' }, ['name']],
      [{ name: 'has space' }, ['name']],
      [{ name: '' }, ['name']],
      [{ name: 'x'.repeat(51) }, ['name']],
      [{ name: 'x'.repeat(100_000) }, ['name']],
      [{ name: '<script>' }, ['name']],
      [{ name: 'Счёт' }, ['name']],
      [{ name: 'ok', color: 'red' }, ['color']],
      [{ name: 'ok', color: '#12345' }, ['color']],
      [{ name: 'ok', extra: 1 }, ['extra']],
      [{}, ['name']],
    ];
    for (const [body, fields] of cases) {
      const reply = await as(desk.tenant, desk.admin, 'POST', '/tags', { body });
      expect(reply.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(fieldsOf(reply.body)).toEqual(fields);
    }
    const tag = await as<TagJson>(desk.tenant, desk.admin, 'POST', '/tags', { body: { name: 'fine' } });
    expect((await as(desk.tenant, desk.admin, 'PATCH', `/tags/${tag.body.id}`, { body: {} })).status).toBe(422);
    expect((await as(desk.tenant, desk.admin, 'PATCH', '/tags/99999999', { body: { name: 'x' } })).status).toBe(404);
    expect((await as(desk.tenant, desk.admin, 'DELETE', '/tags/99999999999999999999')).status).toBe(400);
  });
});
