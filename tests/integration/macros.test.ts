import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import type { MacroJson } from '../../worker/routes/macros/macros.routes';
import { rawDb, snapshotDatabase } from './snapshot';
import { as, fieldsOf, helpdesk } from './tickets-fixtures';

const RESTART = { title: 'Printer: restart first', body: 'Hello {{customer.name}},\n\nplease restart the printer.\n\n{{ agent.name }}', status: 'pending' };

describe('macros', () => {
  it('lets an admin create, change and delete a macro, each audited, and agents read them', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const created = await as<MacroJson>(desk.tenant, desk.admin, 'POST', '/macros', { body: RESTART });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...RESTART, id: expect.any(Number) });
    expect(Date.parse(created.body.created_at)).toBeGreaterThan(0);

    const changed = await as<MacroJson>(desk.tenant, desk.admin, 'PATCH', `/macros/${created.body.id}`, { body: { title: '  Printer: restart  ', status: null } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.body.id, title: 'Printer: restart', body: RESTART.body, status: null });

    const listed = await as<{ items: MacroJson[] }>(desk.tenant, desk.agent, 'GET', '/macros');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([changed.body]);
    const one = await as<MacroJson>(desk.tenant, desk.agent, 'GET', `/macros/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(changed.body);

    expect((await as(desk.tenant, desk.admin, 'DELETE', `/macros/${created.body.id}`)).status).toBe(204);
    expect((await as<{ items: MacroJson[] }>(desk.tenant, desk.agent, 'GET', '/macros')).body.items).toEqual([]);
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/macros/${created.body.id}`)).status).toBe(404);
    expect((await as(desk.tenant, desk.agent, 'GET', `/macros/${created.body.id}`)).status).toBe(404);

    const audit = await desk.tenant.db.select().from(auditLogs).where(eq(auditLogs.targetType, 'macro')).orderBy(asc(auditLogs.id)).all();
    expect(audit.map((a) => [a.action, a.targetId, a.actorId])).toEqual([
      ['macro.create', String(created.body.id), desk.admin.id],
      ['macro.update', String(created.body.id), desk.admin.id],
      ['macro.delete', String(created.body.id), desk.admin.id],
    ]);
    expect(audit[1]).toMatchObject({ before: { title: RESTART.title, status: 'pending' }, after: { title: 'Printer: restart', status: null } });
  });

  it('lists macros by title whatever the case, Cyrillic included', async () => {
    const desk = await helpdesk({ ownTenant: true });
    for (const title of ['b second', 'A first', 'Счёт', 'c third']) {
      expect((await as(desk.tenant, desk.admin, 'POST', '/macros', { body: { title, body: 'text' } })).status).toBe(201);
    }
    const listed = await as<{ items: MacroJson[] }>(desk.tenant, desk.agent, 'GET', '/macros');
    expect(listed.body.items.map((m) => m.title)).toEqual(['A first', 'b second', 'c third', 'Счёт']);
  });

  it('answers 409 for a title that exists, on create and on rename, and changes nothing', async () => {
    const desk = await helpdesk({ ownTenant: true });
    await as(desk.tenant, desk.admin, 'POST', '/macros', { body: { title: 'Greeting', body: 'Hi' } });
    const other = await as<MacroJson>(desk.tenant, desk.admin, 'POST', '/macros', { body: { title: 'Farewell', body: 'Bye' } });
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const again = await as(desk.tenant, desk.admin, 'POST', '/macros', { body: { title: 'Greeting', body: 'Hello' } });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['title']);
    const renamed = await as(desk.tenant, desk.admin, 'PATCH', `/macros/${other.body.id}`, { body: { title: 'Greeting' } });
    expect(renamed.status).toBe(409);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('keeps macro writing to admins and owners, and macros away from customers', async () => {
    const desk = await helpdesk();
    const macro = await as<MacroJson>(desk.tenant, desk.admin, 'POST', '/macros', { body: { title: `staff-${Date.now()}`, body: 'x' } });
    const before = await snapshotDatabase(rawDb(desk.tenant));
    expect((await as(desk.tenant, desk.agent, 'POST', '/macros', { body: { title: 'nope', body: 'x' } })).status).toBe(403);
    expect((await as(desk.tenant, desk.agent, 'PATCH', `/macros/${macro.body.id}`, { body: { body: 'y' } })).status).toBe(403);
    expect((await as(desk.tenant, desk.agent, 'DELETE', `/macros/${macro.body.id}`)).status).toBe(403);
    expect((await as(desk.tenant, desk.customer, 'GET', '/macros')).status).toBe(403);
    expect((await as(desk.tenant, desk.customer, 'GET', `/macros/${macro.body.id}`)).status).toBe(403);
    expect((await as(desk.tenant, null, 'GET', '/macros')).status).toBe(401);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('refuses bad macros naming the field and why, and writes nothing', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const cases: [unknown, string[], RegExp?][] = [
      [{ title: 'x', body: 'Your order {{order.id}} and {{ customer.name }} {{order.id}}' }, ['body'], /\{\{order\.id\}\}, which is not a placeholder/],
      [{ title: 'x', body: '{{Customer.Name}}' }, ['body'], /\{\{Customer\.Name\}\}/],
      [{ title: '   ', body: 'x' }, ['title'], /blank/],
      [{ title: '', body: 'x' }, ['title']],
      [{ title: 'x'.repeat(101), body: 'x' }, ['title'], /100 characters/],
      [{ title: 'a\nb', body: 'x' }, ['title'], /control characters/],
      [{ title: 'x', body: '' }, ['body']],
      [{ title: 'x', body: 'x'.repeat(5_001) }, ['body'], /5000 characters/],
      [{ title: 'x', body: 'bell \u0007' }, ['body']],
      [{ title: 'x', body: 'x', status: 'done' }, ['status']],
      [{ title: 'x', body: 'x', status: 'closed' }, ['status']],
      [{ title: 'x', body: 'x', extra: 1 }, ['extra']],
      [{ body: 'x' }, ['title']],
      [{ title: 7, body: 'x' }, ['title']],
    ];
    for (const [body, fields, why] of cases) {
      const reply = await as<{ errors: { field: string; detail: string }[] }>(desk.tenant, desk.admin, 'POST', '/macros', { body });
      expect(reply.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(fieldsOf(reply.body)).toEqual(fields);
      if (why) expect(reply.body.errors[0]?.detail).toMatch(why);
    }
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);

    const macro = await as<MacroJson>(desk.tenant, desk.admin, 'POST', '/macros', { body: { title: 'fine', body: 'Line one\nline two' } });
    expect(macro.status).toBe(201);
    expect((await as(desk.tenant, desk.admin, 'PATCH', `/macros/${macro.body.id}`, { body: {} })).status).toBe(422);
    expect((await as(desk.tenant, desk.admin, 'PATCH', `/macros/${macro.body.id}`, { body: { body: '{{x}}' } })).status).toBe(422);
    expect((await as(desk.tenant, desk.admin, 'PATCH', '/macros/99999999', { body: { body: 'x' } })).status).toBe(404);
    expect((await as(desk.tenant, desk.admin, 'DELETE', '/macros/99999999999999999999')).status).toBe(400);
  });
});
