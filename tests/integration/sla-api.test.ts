import { asc, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { addCalendar, addPolicy, OFFICE_HOURS, type PolicyJson } from './sla-fixtures';
import { rawDb, snapshotDatabase } from './snapshot';
import { as, fieldsOf, helpdesk } from './tickets-fixtures';

describe('the SLA admin API', () => {
  it('lets an admin create, replace, reorder and delete calendars and policies, each audited, and agents read them', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const calendar = await addCalendar(desk, { name: 'Moscow office' });
    const urgent = await addPolicy(desk, {
      name: 'Urgent',
      conditions: { priorities: ['urgent'] },
      targets: { first_response: 60, resolution: 480 },
      calendar_id: calendar.id,
      warning_percent: 75,
      escalation: { raise_priority: 'urgent', assign_user_id: desk.admin.id, notify_user_ids: [desk.agent.id] },
    });
    expect(urgent).toMatchObject({ position: 1, calendar_id: calendar.id, warning_percent: 75, targets: { first_response: 60, resolution: 480 } });
    const fallback = await addPolicy(desk, { name: 'Everything else', targets: { resolution: 2880 } });
    expect(fallback).toMatchObject({ position: 2, calendar_id: null, warning_percent: 80, conditions: {}, escalation: { notify_user_ids: [] } });

    const replaced = await as<PolicyJson>(desk.tenant, desk.admin, 'PUT', `/sla/policies/${fallback.id}`, {
      body: { name: 'Everything else', targets: { resolution: 1440 }, warning_percent: 90 },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ targets: { resolution: 1440 }, warning_percent: 90 });

    const reordered = await as<{ items: PolicyJson[] }>(desk.tenant, desk.admin, 'POST', '/sla/policies/reorder', { body: { ids: [fallback.id, urgent.id] } });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((p) => [p.id, p.position])).toEqual([
      [fallback.id, 1],
      [urgent.id, 2],
    ]);

    const third = await addPolicy(desk, { name: 'Third', targets: { resolution: 10 } });
    const partial = await as<{ items: PolicyJson[] }>(desk.tenant, desk.admin, 'POST', '/sla/policies/reorder', { body: { ids: [third.id] } });
    expect(partial.body.items.map((p) => p.id)).toEqual([third.id, fallback.id, urgent.id]);
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/sla/policies/${third.id}`)).status).toBe(204);

    const read = await as<{ items: PolicyJson[] }>(desk.tenant, desk.agent, 'GET', '/sla/policies');
    expect(read.status).toBe(200);
    expect(read.body.items.map((p) => p.name)).toEqual(['Everything else', 'Urgent']);
    expect((await as<PolicyJson>(desk.tenant, desk.agent, 'GET', `/sla/policies/${urgent.id}`)).body.name).toBe('Urgent');
    const calendars = await as<{ items: { name: string; time_zone: string }[] }>(desk.tenant, desk.agent, 'GET', '/sla/calendars');
    expect(calendars.body.items).toMatchObject([{ name: 'Moscow office', time_zone: 'Europe/Moscow' }]);

    // A calendar in use cannot go; once its policy has gone, it can.
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/sla/calendars/${calendar.id}`)).status).toBe(409);
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/sla/policies/${urgent.id}`)).status).toBe(204);
    const moved = await as(desk.tenant, desk.admin, 'PUT', `/sla/calendars/${calendar.id}`, { body: { name: 'Moscow', ...OFFICE_HOURS, time_zone: 'Asia/Kolkata' } });
    expect(moved.status).toBe(200);
    expect((await as(desk.tenant, desk.admin, 'DELETE', `/sla/calendars/${calendar.id}`)).status).toBe(204);

    const audit = await desk.tenant.db.select().from(auditLogs).where(like(auditLogs.action, 'sla_%')).orderBy(asc(auditLogs.id)).all();
    expect(audit.map((a) => a.action)).toEqual([
      'sla_calendar.create',
      'sla_policy.create',
      'sla_policy.create',
      'sla_policy.update',
      'sla_policy.reorder',
      'sla_policy.create',
      'sla_policy.reorder',
      'sla_policy.delete',
      'sla_policy.delete',
      'sla_calendar.update',
      'sla_calendar.delete',
    ]);
    expect(audit.every((a) => a.actorId === desk.admin.id)).toBe(true);
    expect(audit[0]?.targetId).toBe(String(calendar.id));
    expect(audit[3]).toMatchObject({ before: { targets: { resolution: 2880 } }, after: { targets: { resolution: 1440 } } });
  });

  it('refuses bad input with a 422 naming the field, and changes nothing', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const before = await snapshotDatabase(rawDb(desk.tenant));
    const calendarCases: [Record<string, unknown>, string][] = [
      [{ ...OFFICE_HOURS, time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
      [{ ...OFFICE_HOURS, week: { '1': [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] } }, 'week.1.1'],
      [{ ...OFFICE_HOURS, week: { '1': [{ start: '18:00', end: '09:00' }] } }, 'week.1.0.end'],
      [{ ...OFFICE_HOURS, holidays: ['2027-02-30'] }, 'holidays.0'],
      [{ ...OFFICE_HOURS, kind: '24x7' }, 'kind'],
    ];
    for (const [body, field] of calendarCases) {
      const reply = await as(desk.tenant, desk.admin, 'POST', '/sla/calendars', { body: { name: 'Bad', ...body } });
      expect(reply.status, JSON.stringify(reply.body)).toBe(422);
      expect(fieldsOf(reply.body)).toContain(field);
    }
    const customer = desk.customer.id;
    const policyCases: [Record<string, unknown>, string][] = [
      [{ targets: { resolution: 60 }, warning_percent: 100 }, 'warning_percent'],
      [{ targets: {} }, 'targets'],
      [{ targets: { resolution: 0 } }, 'targets.resolution'],
      [{ targets: { resolution: 60 }, calendar_id: 999 }, 'calendar_id'],
      [{ targets: { resolution: 60 }, conditions: { priorities: ['critical'] } }, 'conditions.priorities.0'],
      [{ targets: { resolution: 60 }, escalation: { notify_user_ids: [customer] } }, 'escalation.notify_user_ids'],
      [{ targets: { resolution: 60 }, escalation: { assign_user_id: customer } }, 'escalation.assign_user_id'],
    ];
    for (const [body, field] of policyCases) {
      const reply = await as(desk.tenant, desk.admin, 'POST', '/sla/policies', { body: { name: 'Bad', ...body } });
      expect(reply.status, `${field}: ${JSON.stringify(reply.body)}`).toBe(422);
      expect(fieldsOf(reply.body)).toContain(field);
    }
    const reorder = await as(desk.tenant, desk.admin, 'POST', '/sla/policies/reorder', { body: { ids: [12345] } });
    expect(reorder.status).toBe(404);
    expect(fieldsOf(reorder.body)).toEqual(['ids']);
    const repeated = await as(desk.tenant, desk.admin, 'POST', '/sla/policies/reorder', { body: { ids: [1, 1] } });
    expect(repeated.status).toBe(422);
    expect(await snapshotDatabase(rawDb(desk.tenant))).toEqual(before);
  });

  it('keeps policies from agents and customers, and answers 404 for another tenant’s policy', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const other = await helpdesk({ ownTenant: true });
    const policy = await addPolicy(desk, { targets: { resolution: 60 } });
    expect((await as(desk.tenant, desk.agent, 'POST', '/sla/policies', { body: { name: 'Mine', targets: { resolution: 5 } } })).status).toBe(403);
    expect((await as(desk.tenant, desk.customer, 'GET', '/sla/policies')).status).toBe(403);
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { name: 'Stolen', targets: { resolution: 1 } }],
      ['DELETE', undefined],
    ] as const) {
      expect((await as(other.tenant, other.admin, method, `/sla/policies/${policy.id}`, { body })).status).toBe(404);
    }
    expect((await as<PolicyJson>(desk.tenant, desk.admin, 'GET', `/sla/policies/${policy.id}`)).body.targets).toEqual({ resolution: 60 });
  });
});
