import { and, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { ticketSlas, type TicketSlaRow } from '../db/tenant/sla';
import { tickets } from '../db/tenant/tickets';
import type { TenantDb } from '../tenancy/tenant-db';
import { matchPolicy, type MatchableTicket } from './sla-policy-match';
import type { ActivePolicy } from './sla-policy-store';
import { nextTargets, type SlaEvent, type SlaTicketState, type TrackedTarget } from './sla-tracker';

// The statements that keep a ticket's ticket_slas rows (and its sla_due_at /
// sla_warn_at summary) in step with a ticket event. Callers put them in the
// event's own D1 batch: the targets move exactly when the event commits.

export const toTrackedTarget = (row: TicketSlaRow): TrackedTarget => ({
  metric: row.metric,
  policyId: row.policyId,
  targetMinutes: row.targetMinutes,
  startedAt: row.startedAt,
  pauses: row.pauses,
  state: row.state,
  dueAt: row.dueAt,
  warnAt: row.warnAt,
  warnedAt: row.warnedAt,
  breachedAt: row.breachedAt,
  metAt: row.metAt,
});

/** The targets of these tickets (a JSON list, one parameter). */
export function trackersQuery(db: TenantDb, ticketIds: readonly number[]) {
  return db
    .select()
    .from(ticketSlas)
    .where(sql`${ticketSlas.ticketId} in (select value from json_each(${JSON.stringify(ticketIds)}))`);
}

export function groupTrackers(rows: readonly TicketSlaRow[]): Map<number, TrackedTarget[]> {
  const byTicket = new Map<number, TrackedTarget[]>();
  for (const row of rows) byTicket.set(row.ticketId, [...(byTicket.get(row.ticketId) ?? []), toTrackedTarget(row)]);
  return byTicket;
}

export interface SlaTicket extends MatchableTicket, Omit<SlaTicketState, 'staffReplied'> {
  staffReplied?: boolean;
}

/** The ticket's targets after the event, under the policy that matches it now. */
export function planTargets(
  policies: readonly ActivePolicy[],
  current: readonly TrackedTarget[],
  ticket: SlaTicket,
  event: SlaEvent,
  now: number,
): TrackedTarget[] {
  return nextTargets(matchPolicy(policies, ticket), current, { ...ticket, staffReplied: ticket.staffReplied ?? false }, event, now);
}

// Within one cycle (same started_at) a warning or breach the sweep recorded
// after the event read the row stands: an event never un-warns or un-breaches.
const sameCycle = sql.raw(`"ticket_slas"."started_at" = excluded.started_at`);
const keepIfSameCycle = (column: string) =>
  sql.raw(`case when "ticket_slas"."started_at" = excluded.started_at then coalesce("ticket_slas"."${column}", excluded.${column}) else excluded.${column} end`);

function upsert(db: TenantDb, ticketId: number | SQL, t: TrackedTarget) {
  return db
    .insert(ticketSlas)
    .values({ ticketId, ...t })
    .onConflictDoUpdate({
      target: [ticketSlas.ticketId, ticketSlas.metric],
      set: {
        policyId: sql`excluded.policy_id`,
        targetMinutes: sql`excluded.target_minutes`,
        startedAt: sql`excluded.started_at`,
        pauses: sql`excluded.pauses`,
        dueAt: sql`excluded.due_at`,
        warnAt: sql`excluded.warn_at`,
        metAt: sql`excluded.met_at`,
        state: sql`case when ${sameCycle} and "ticket_slas"."state" = 'breached' and excluded.state in ('active', 'paused') then 'breached' else excluded.state end`,
        warnedAt: keepIfSameCycle('warned_at'),
        breachedAt: keepIfSameCycle('breached_at'),
      },
    });
}

/** The open targets a ticket's summary columns are taken from. */
const openTargetsOf = (ticketId: SQL) =>
  sql`from ${ticketSlas} where ${ticketSlas.ticketId} = ${ticketId} and ${ticketSlas.metAt} is null and ${ticketSlas.state} in ('active', 'breached')`;

/** Recomputes tickets.sla_due_at / sla_warn_at from the ticket's rows, after the writes above it in the batch. */
export function refreshTicketSummary(db: TenantDb, ticketId: number | SQL) {
  return db
    .update(tickets)
    .set({
      slaDueAt: sql`(select min(${ticketSlas.dueAt}) ${openTargetsOf(sql.raw('"tickets"."id"'))})`,
      slaWarnAt: sql`(select min(${ticketSlas.warnAt}) ${openTargetsOf(sql.raw('"tickets"."id"'))})`,
    })
    .where(eq(tickets.id, ticketId));
}

/** Whether planning changed nothing (then the event needs no SLA statements). */
export function sameTargets(current: readonly TrackedTarget[], next: readonly TrackedTarget[]): boolean {
  if (current.length !== next.length) return false;
  const key = (targets: readonly TrackedTarget[]) => JSON.stringify([...targets].sort((a, b) => a.metric.localeCompare(b.metric)));
  return key(current) === key(next);
}

/** Replaces the ticket's targets with `targets`: rows of metrics no longer targeted go, the rest are upserted. */
export function targetWrites(db: TenantDb, ticketId: number | SQL, targets: readonly TrackedTarget[]) {
  const kept = targets.map((t) => t.metric);
  return [
    db
      .delete(ticketSlas)
      .where(and(eq(ticketSlas.ticketId, ticketId), kept.length > 0 ? notInArray(ticketSlas.metric, kept) : undefined)),
    ...targets.map((t) => upsert(db, ticketId, t)),
    refreshTicketSummary(db, ticketId),
  ];
}
