import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import {
  slaCalendars,
  slaPolicies,
  ticketSlas,
  type SlaCalendarRow,
  type SlaConditions,
  type SlaEscalation,
  type SlaPolicyRow,
  type SlaTargets,
} from '../db/tenant/sla';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import type { BusinessHoursCalendar } from './sla-calendar';

// Business-hours calendars and SLA policies, as admins manage them. Each write
// goes with its audit row in one batch; the caller then re-plans the open
// tickets' targets (sla-reevaluation.ts).
// Expected refusals (a name taken, a calendar in use) come back as values.

export type SlaWrite<T> = { ok: true; value: T } | { ok: false; reason: 'name_taken' | 'in_use' };

function isNameTaken(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed: sla_(calendars|policies)\.name/.test(e.message)) return true;
  }
  return false;
}

async function unlessNameTaken<T>(write: () => Promise<T>): Promise<SlaWrite<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (isNameTaken(error)) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

export interface CalendarInput {
  name: string;
  definition: BusinessHoursCalendar;
}

export const listCalendars = (db: TenantDb): Promise<SlaCalendarRow[]> => db.select().from(slaCalendars).orderBy(asc(slaCalendars.name)).all();

export async function findCalendar(db: TenantDb, id: number): Promise<SlaCalendarRow | null> {
  return (await db.select().from(slaCalendars).where(eq(slaCalendars.id, id)).get()) ?? null;
}

const calendarAudit = (c: CalendarInput) => ({ name: c.name, ...c.definition });

export function createCalendar(db: TenantDb, actor: AuditActor, input: CalendarInput): Promise<SlaWrite<SlaCalendarRow>> {
  return unlessNameTaken(async () => {
    const now = Date.now();
    const [[created]] = await db.batch([
      db.insert(slaCalendars).values({ ...input, createdAt: now, updatedAt: now }).returning(),
      auditStatement(db, actor, {
        action: 'sla_calendar.create',
        targetType: 'sla_calendar',
        targetId: sql`(select ${slaCalendars.id} from ${slaCalendars} where ${slaCalendars.name} = ${input.name})`,
        after: calendarAudit(input),
      }),
    ]);
    if (!created) throw new Error('the calendar insert returned no row');
    return created;
  });
}

/** Replaces a calendar. */
export async function replaceCalendar(db: TenantDb, actor: AuditActor, current: SlaCalendarRow, input: CalendarInput): Promise<SlaWrite<SlaCalendarRow>> {
  const result = await unlessNameTaken(async () => {
    const [[updated]] = await db.batch([
      db.update(slaCalendars).set({ ...input, updatedAt: Date.now() }).where(eq(slaCalendars.id, current.id)).returning(),
      auditStatement(db, actor, {
        action: 'sla_calendar.update',
        targetType: 'sla_calendar',
        targetId: current.id,
        before: calendarAudit(current),
        after: calendarAudit(input),
      }),
    ]);
    if (!updated) throw new Error('the calendar update returned no row');
    return updated;
  });
  return result;
}

/** Deletes a calendar no policy uses (`in_use` otherwise). */
export async function deleteCalendar(db: TenantDb, actor: AuditActor, calendar: SlaCalendarRow): Promise<SlaWrite<null>> {
  const user = await db.select({ id: slaPolicies.id }).from(slaPolicies).where(eq(slaPolicies.calendarId, calendar.id)).get();
  if (user) return { ok: false, reason: 'in_use' };
  await db.batch([
    db.delete(slaCalendars).where(eq(slaCalendars.id, calendar.id)),
    auditStatement(db, actor, { action: 'sla_calendar.delete', targetType: 'sla_calendar', targetId: calendar.id, before: calendarAudit(calendar) }),
  ]);
  return { ok: true, value: null };
}

export interface PolicyInput {
  name: string;
  conditions: SlaConditions;
  targets: SlaTargets;
  calendarId: number | null;
  warningPercent: number;
  escalation: SlaEscalation;
}

const policyAudit = (p: PolicyInput) => ({
  name: p.name,
  conditions: p.conditions,
  targets: p.targets,
  calendar_id: p.calendarId,
  warning_percent: p.warningPercent,
  escalation: p.escalation,
});

export const listPolicies = (db: TenantDb): Promise<SlaPolicyRow[]> =>
  db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.id)).all();

export async function findPolicy(db: TenantDb, id: number): Promise<SlaPolicyRow | null> {
  return (await db.select().from(slaPolicies).where(eq(slaPolicies.id, id)).get()) ?? null;
}

/** Creates a policy at the end of the order. */
export async function createPolicy(db: TenantDb, actor: AuditActor, input: PolicyInput): Promise<SlaWrite<SlaPolicyRow>> {
  const result = await unlessNameTaken(async () => {
    const now = Date.now();
    const [[created]] = await db.batch([
      db
        .insert(slaPolicies)
        .values({ ...input, position: sql`(select coalesce(max(${slaPolicies.position}), 0) + 1 from ${slaPolicies})`, createdAt: now, updatedAt: now })
        .returning(),
      auditStatement(db, actor, {
        action: 'sla_policy.create',
        targetType: 'sla_policy',
        targetId: sql`(select ${slaPolicies.id} from ${slaPolicies} where ${slaPolicies.name} = ${input.name})`,
        after: policyAudit(input),
      }),
    ]);
    if (!created) throw new Error('the policy insert returned no row');
    return created;
  });
  return result;
}

export async function replacePolicy(db: TenantDb, actor: AuditActor, current: SlaPolicyRow, input: PolicyInput): Promise<SlaWrite<SlaPolicyRow>> {
  const result = await unlessNameTaken(async () => {
    const [[updated]] = await db.batch([
      db.update(slaPolicies).set({ ...input, updatedAt: Date.now() }).where(eq(slaPolicies.id, current.id)).returning(),
      auditStatement(db, actor, {
        action: 'sla_policy.update',
        targetType: 'sla_policy',
        targetId: current.id,
        before: policyAudit(current),
        after: policyAudit(input),
      }),
    ]);
    if (!updated) throw new Error('the policy update returned no row');
    return updated;
  });
  return result;
}

/** Deletes a policy with every target it set (solved tickets' too); re-planning gives open tickets the next matching policy's. */
export async function deletePolicy(db: TenantDb, actor: AuditActor, policy: SlaPolicyRow): Promise<void> {
  await db.batch([
    db.delete(ticketSlas).where(eq(ticketSlas.policyId, policy.id)),
    db.delete(slaPolicies).where(eq(slaPolicies.id, policy.id)),
    auditStatement(db, actor, { action: 'sla_policy.delete', targetType: 'sla_policy', targetId: policy.id, before: policyAudit(policy) }),
  ]);
}

/** Puts the policies in the order of `ids` (which must name each policy once). */
export async function reorderPolicies(db: TenantDb, actor: AuditActor, ids: readonly number[]): Promise<SlaPolicyRow[]> {
  const before = (await listPolicies(db)).map((p) => p.id);
  await db.batch([
    db
      .update(slaPolicies)
      .set({ position: sql`(select key + 1 from json_each(${JSON.stringify(ids)}) where value = "sla_policies"."id")` })
      // The list as one JSON parameter: D1 binds at most 100 per statement.
      .where(sql`${slaPolicies.id} in (select value from json_each(${JSON.stringify(ids)}))`),
    auditStatement(db, actor, { action: 'sla_policy.reorder', targetType: 'sla_policy', targetId: ids.join(','), before: { order: before }, after: { order: ids } }),
  ]);
  return listPolicies(db);
}

/** Of `ids`, those that are not active staff (who may be escalated to or notified). */
export async function notActiveStaff(db: TenantDb, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...ids]), eq(users.active, true), sql`${users.role} <> 'customer'`))
    .all();
  const staff = new Set(found.map((u) => u.id));
  return ids.filter((id) => !staff.has(id));
}
