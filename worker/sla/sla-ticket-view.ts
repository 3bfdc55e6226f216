import { z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { SLA_METRICS, SLA_STATES, slaCalendars, slaPolicies, ticketSlas } from '../db/tenant/sla';
import { isoOrNull } from '../http/fields';
import type { TenantDb } from '../tenancy/tenant-db';
import type { SlaCalendar } from './sla-calendar';
import { toTrackedTarget } from './sla-tracking-store';
import { remainingMinutes } from './sla-tracker';

// A ticket's SLA targets as the API shows them to staff: each with its due
// time and the business time left, counted on its policy's calendar.

export const SlaTargetSchema = z
  .object({
    metric: z.enum(SLA_METRICS),
    policy: z.object({ id: z.number().int(), name: z.string() }),
    target_minutes: z.number().int(),
    state: z.enum(SLA_STATES).openapi({ description: 'breached: overdue, or met after it was due (then `met_at` is set)' }),
    due_at: z.string().nullable().openapi({ format: 'date-time', description: 'Null while paused' }),
    remaining_minutes: z
      .number()
      .nullable()
      .openapi({ description: 'Business minutes left (negative once overdue); null once met' }),
    warned: z.boolean().openapi({ description: 'The warning threshold passed and the sweep warned' }),
    met_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('SlaTarget');

export type SlaTargetJson = z.infer<typeof SlaTargetSchema>;

/** The ticket's targets with their policies and calendars, in metric order. */
export function ticketSlaQuery(db: TenantDb, ticketId: number) {
  return db
    .select({
      target: ticketSlas,
      policyName: slaPolicies.name,
      calendar: slaCalendars.definition,
    })
    .from(ticketSlas)
    .innerJoin(slaPolicies, eq(slaPolicies.id, ticketSlas.policyId))
    .leftJoin(slaCalendars, eq(slaCalendars.id, slaPolicies.calendarId))
    .where(eq(ticketSlas.ticketId, ticketId))
    .orderBy(asc(ticketSlas.metric));
}

type TicketSlaViewRow = Awaited<ReturnType<ReturnType<typeof ticketSlaQuery>['all']>>[number];

const ORDER = new Map(SLA_METRICS.map((m, i) => [m, i]));

export function slaTargetsJson(rows: readonly TicketSlaViewRow[], now: number): SlaTargetJson[] {
  return [...rows]
    .sort((a, b) => (ORDER.get(a.target.metric) ?? 0) - (ORDER.get(b.target.metric) ?? 0))
    .map((row) => {
      const target = toTrackedTarget(row.target);
      const calendar: SlaCalendar = row.calendar ?? { kind: '24x7' };
      const remaining = remainingMinutes(target, calendar, now);
      return {
        metric: target.metric,
        policy: { id: target.policyId, name: row.policyName },
        target_minutes: target.targetMinutes,
        state: target.state,
        due_at: isoOrNull(target.dueAt),
        remaining_minutes: remaining === null ? null : Math.round(remaining * 100) / 100,
        warned: target.warnedAt !== null,
        met_at: isoOrNull(target.metAt),
      };
    });
}
