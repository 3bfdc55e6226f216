import { expect } from 'vitest';
import type { SlaTargetJson } from '../../worker/sla/sla-ticket-view';
import { tenantCall, type TestTenant, type TestUser } from './harness';
import { rawDb } from './snapshot';
import { as, type Helpdesk } from './tickets-fixtures';

// SLA test helpers: policies and calendars through the admin API, a ticket's
// targets as staff see them, and moving a ticket's SLA clock into the past (so a
// test reaches "at risk" or "breached" without waiting).

export interface PolicyJson {
  id: number;
  name: string;
  position: number;
  calendar_id: number | null;
  warning_percent: number;
  targets: Record<string, number>;
  conditions: Record<string, unknown>;
  escalation: { notify_user_ids: number[]; raise_priority?: string; assign_group?: string; assign_user_id?: number };
}

let policyCounter = 0;

export async function addPolicy(desk: Helpdesk, body: Record<string, unknown>): Promise<PolicyJson> {
  const reply = await as<PolicyJson>(desk.tenant, desk.admin, 'POST', '/sla/policies', {
    body: { name: `Policy ${policyCounter++}`, ...body },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

export const OFFICE_HOURS = {
  time_zone: 'Europe/Moscow',
  week: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '18:00' }]])),
  holidays: ['2027-01-01'],
};

export async function addCalendar(desk: Helpdesk, body: Record<string, unknown> = {}): Promise<{ id: number }> {
  const reply = await as<{ id: number }>(desk.tenant, desk.admin, 'POST', '/sla/calendars', {
    body: { name: `Calendar ${policyCounter++}`, ...OFFICE_HOURS, ...body },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** The ticket's targets as an agent sees them on GET /tickets/{id}, by metric. */
export async function targetsOf(desk: Helpdesk, ticketId: number): Promise<Record<string, SlaTargetJson>> {
  const reply = await as<{ sla: SlaTargetJson[] }>(desk.tenant, desk.agent, 'GET', `/tickets/${ticketId}`);
  expect(reply.status).toBe(200);
  return Object.fromEntries(reply.body.sla.map((t) => [t.metric, t]));
}

/** Moves every instant of the ticket's SLA clock `ms` into the past, as if it had been created that much earlier. */
export async function ageSlaClock(desk: Helpdesk, ticketId: number, ms: number): Promise<void> {
  const db = rawDb(desk.tenant);
  await db.batch([
    db
      .prepare(
        `update ticket_slas set started_at = started_at - ?1, due_at = due_at - ?1, warn_at = warn_at - ?1,
           pauses = (select json_group_array(json_object('from', p.value ->> 'from' - ?1, 'to', p.value ->> 'to' - ?1)) from json_each(pauses) p)
         where ticket_id = ?2`,
      )
      .bind(ms, ticketId),
    db.prepare(`update tickets set sla_due_at = sla_due_at - ?1, sla_warn_at = sla_warn_at - ?1, created_at = created_at - ?1 where id = ?2`).bind(ms, ticketId),
  ]);
}

let targetCounter = 0;

/** A fresh SLA policy and an unused calendar of the tenant, for the endpoint catalogue's requests. */
export async function slaTargets(tenant: TestTenant, owner: TestUser): Promise<{ slaPolicyId: number; slaCalendarId: number }> {
  const n = `${Date.now().toString(36)}-${targetCounter++}`;
  const post = async (path: string, body: unknown) => {
    const response = await tenantCall(tenant, 'POST', `/api/v1${path}`, { token: owner.token, body });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: number }).id;
  };
  return {
    // It matches no ticket: the catalogue's many tickets keep their targets, and no re-planning writes.
    slaPolicyId: await post('/sla/policies', { name: `Catalogue policy ${n}`, targets: { resolution: 480 }, conditions: { groups: ['catalogue-only'] } }),
    slaCalendarId: await post('/sla/calendars', { name: `Catalogue calendar ${n}`, ...OFFICE_HOURS }),
  };
}
