import { asc, eq } from 'drizzle-orm';
import { slaCalendars, slaPolicies, type SlaConditions, type SlaEscalation, type SlaPolicyRow } from '../db/tenant/sla';
import type { TenantDb } from '../tenancy/tenant-db';
import type { SlaCalendar } from './sla-calendar';
import type { AppliedPolicy } from './sla-tracker';

// Reading the tenant's SLA policies in the form the tracker and the sweep use:
// in order, each with its calendar resolved (24/7 when it has none).

export interface ActivePolicy extends AppliedPolicy {
  name: string;
  conditions: SlaConditions;
  escalation: SlaEscalation;
}

const ROUND_THE_CLOCK: SlaCalendar = { kind: '24x7' };

/** All policies, first match first, with their calendars: one query (a tenant has a handful). */
export function policiesQuery(db: TenantDb) {
  return db
    .select({ policy: slaPolicies, calendar: slaCalendars.definition })
    .from(slaPolicies)
    .leftJoin(slaCalendars, eq(slaCalendars.id, slaPolicies.calendarId))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id));
}

type PolicyJoinRow = { policy: SlaPolicyRow; calendar: SlaCalendar | null };

export function toActivePolicy(row: PolicyJoinRow): ActivePolicy {
  return {
    id: row.policy.id,
    name: row.policy.name,
    conditions: row.policy.conditions,
    targets: row.policy.targets,
    calendar: row.calendar ?? ROUND_THE_CLOCK,
    warningPercent: row.policy.warningPercent,
    escalation: row.policy.escalation,
  };
}

export async function loadActivePolicies(db: TenantDb): Promise<ActivePolicy[]> {
  return (await policiesQuery(db).all()).map(toActivePolicy);
}
