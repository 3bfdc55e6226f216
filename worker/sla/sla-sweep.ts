import { and, asc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { slaPolicies, ticketSlas, type SlaEscalation } from '../db/tenant/sla';
import { PRIORITY_RANK, tickets, type TicketPriority } from '../db/tenant/tickets';
import { iso } from '../http/fields';
import { notifyStatements } from '../notifications/notification-outbox';
import type { TenantDb } from '../tenancy/tenant-db';

// The SLA sweep of one tenant: read the targets whose warning or due instant
// has come (from the next_check_at index, so the cost follows the due targets,
// not all tickets), and for each write, in one batch:
// - a claim: a conditional UPDATE (warned_at IS NULL / state = 'active') that
//   records this run's random claim id on the target;
// - everything else (escalation of the ticket, audit row, notifications) only
//   where the target carries this run's claim.
// A re-run or a duplicate delivery finds the target already handled: its claim
// matches nothing, so nothing is escalated or notified twice.

export interface SweepOptions {
  now: number;
  /** This run's claim id (random per delivery). */
  claim: string;
  /** Targets handled per call; more due targets are left for a follow-up. */
  limit: number;
}

export interface SweepResult {
  warned: number;
  breached: number;
  /** More targets were due than `limit`: sweep again. */
  more: boolean;
}

/** The targets due for a warning or a breach at `now`, earliest first: the indexed read the sweep is built on. */
export function dueTargetsQuery(db: TenantDb, now: number, limit: number) {
  return db
    .select({
      ticketId: ticketSlas.ticketId,
      metric: ticketSlas.metric,
      startedAt: ticketSlas.startedAt,
      dueAt: ticketSlas.dueAt,
      warnedAt: ticketSlas.warnedAt,
      subject: tickets.subject,
      priority: tickets.priority,
      assigneeId: tickets.assigneeId,
      group: tickets.group,
      policyId: slaPolicies.id,
      escalation: slaPolicies.escalation,
    })
    .from(ticketSlas)
    .innerJoin(tickets, eq(tickets.id, ticketSlas.ticketId))
    .innerJoin(slaPolicies, eq(slaPolicies.id, ticketSlas.policyId))
    .where(lte(ticketSlas.nextCheckAt, now))
    .orderBy(asc(ticketSlas.nextCheckAt))
    .limit(limit);
}

type DueTarget = Awaited<ReturnType<ReturnType<typeof dueTargetsQuery>['all']>>[number];

const theTarget = (t: DueTarget) => and(eq(ticketSlas.ticketId, t.ticketId), eq(ticketSlas.metric, t.metric), eq(ticketSlas.startedAt, t.startedAt));

/** True in SQL only when this run claimed the target. */
const claimedBy = (t: DueTarget, claim: string): SQL =>
  sql`exists (select 1 from ${ticketSlas} where ${ticketSlas.ticketId} = ${t.ticketId} and ${ticketSlas.metric} = ${t.metric} and ${ticketSlas.claim} = ${claim})`;

/** An audit row by the system, written only under this run's claim. */
function claimedAudit(db: TenantDb, t: DueTarget, claim: string, action: string, now: number, before: unknown, after: unknown) {
  return db.run(sql`
    insert into audit_logs (actor_type, action, target_type, target_id, before, after, request_id, created_at)
    select 'system', ${action}, 'ticket', ${String(t.ticketId)}, ${before === null ? null : JSON.stringify(before)}, ${JSON.stringify(after)}, ${`sla-sweep:${claim}`}, ${now}
    where ${claimedBy(t, claim)}`);
}

/** Notifications of the event to the policy's list and the assignee, only under this run's claim. */
function claimedNotifications(db: TenantDb, t: DueTarget, claim: string, event: 'sla.warning' | 'sla.breach', assigneeId: number | null) {
  const recipients = [...new Set([...t.escalation.notify_user_ids, ...(assigneeId === null ? [] : [assigneeId])])];
  return notifyStatements(db, {
    event,
    recipients: sql`select value from json_each(${JSON.stringify(recipients)}) where ${claimedBy(t, claim)}`,
    payload: { ticket_id: t.ticketId, subject: t.subject, target: t.metric, due_at: t.dueAt === null ? null : iso(t.dueAt), policy_id: t.policyId },
    cause: `${t.ticketId}:${t.metric}:${t.startedAt}`,
  });
}

function warningWrites(db: TenantDb, t: DueTarget, { claim, now }: SweepOptions): BatchItem<'sqlite'>[] {
  return [
    db
      .update(ticketSlas)
      .set({ warnedAt: now, claim })
      .where(and(theTarget(t), eq(ticketSlas.state, 'active'), sql`${ticketSlas.warnedAt} is null`)),
    claimedAudit(db, t, claim, 'sla.warning', now, null, { metric: t.metric, due_at: t.dueAt === null ? null : iso(t.dueAt) }),
    ...claimedNotifications(db, t, claim, 'sla.warning', t.assigneeId),
  ];
}

/** What a breach changes on the ticket: priority raised (never lowered), group and assignee moved. */
function escalationOf(t: DueTarget, escalation: SlaEscalation) {
  const changes: { priority?: TicketPriority; group?: string; assigneeId?: number } = {};
  const raise = escalation.raise_priority;
  if (raise && PRIORITY_RANK[raise] > PRIORITY_RANK[t.priority]) changes.priority = raise;
  if (escalation.assign_group !== undefined && escalation.assign_group !== t.group) changes.group = escalation.assign_group;
  if (escalation.assign_user_id !== undefined && escalation.assign_user_id !== t.assigneeId) changes.assigneeId = escalation.assign_user_id;
  return changes;
}

function breachWrites(db: TenantDb, t: DueTarget, { claim, now }: SweepOptions): BatchItem<'sqlite'>[] {
  const changes = escalationOf(t, t.escalation);
  const changed = Object.keys(changes).length > 0;
  const before = { priority: t.priority, group: t.group, assignee_id: t.assigneeId };
  const after = {
    metric: t.metric,
    due_at: t.dueAt === null ? null : iso(t.dueAt),
    ...(changes.priority ? { priority: changes.priority } : {}),
    ...(changes.group !== undefined ? { group: changes.group } : {}),
    ...(changes.assigneeId !== undefined ? { assignee_id: changes.assigneeId } : {}),
  };
  return [
    db
      .update(ticketSlas)
      .set({ state: 'breached', breachedAt: sql`${ticketSlas.dueAt}`, warnedAt: sql`coalesce(${ticketSlas.warnedAt}, ${now})`, claim })
      .where(and(theTarget(t), eq(ticketSlas.state, 'active'))),
    ...(changed
      ? [
          db
            .update(tickets)
            .set({
              ...(changes.priority ? { priority: changes.priority, priorityRank: PRIORITY_RANK[changes.priority] } : {}),
              ...(changes.group !== undefined ? { group: changes.group } : {}),
              ...(changes.assigneeId !== undefined ? { assigneeId: changes.assigneeId } : {}),
              // Moves updated_at on, so an edit based on the ticket as it was is refused (409) rather than undoing this.
              updatedAt: sql`max(${tickets.updatedAt} + 1, ${now})`,
            })
            .where(and(eq(tickets.id, t.ticketId), claimedBy(t, claim))),
        ]
      : []),
    claimedAudit(db, t, claim, 'sla.breach', now, changed ? before : null, after),
    ...claimedNotifications(db, t, claim, 'sla.breach', changes.assigneeId ?? t.assigneeId),
  ];
}

/**
 * Runs the statements as one D1 batch (one transaction). Straight on D1: drizzle
 * 0.45's `db.batch` cannot bind the parameters of `db.run()` statements, which
 * the conditional audit rows are.
 */
async function runBatch(db: TenantDb, items: readonly BatchItem<'sqlite'>[]): Promise<void> {
  const statements = items.map((item) => {
    const query = item as unknown as { toSQL?: () => { sql: string; params: unknown[] }; getQuery?: () => { sql: string; params: unknown[] } };
    const { sql: text, params } = query.toSQL ? query.toSQL() : query.getQuery!();
    return db.$client.prepare(text).bind(...params);
  });
  await db.$client.batch(statements);
}

/** One sweep step of a tenant: up to `limit` due targets warned or breached, each exactly once. */
export async function sweepTenant(db: TenantDb, options: SweepOptions): Promise<SweepResult> {
  const due = await dueTargetsQuery(db, options.now, options.limit + 1).all();
  const batch = due.slice(0, options.limit);
  let warned = 0;
  let breached = 0;
  const writes = batch.flatMap((t) => {
    const isBreach = t.dueAt !== null && t.dueAt <= options.now;
    if (isBreach) breached++;
    else warned++;
    return isBreach ? breachWrites(db, t, options) : warningWrites(db, t, options);
  });
  if (writes.length > 0) await runBatch(db, writes);
  return { warned, breached, more: due.length > options.limit };
}
