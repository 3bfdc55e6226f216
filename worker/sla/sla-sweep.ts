import { asc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { slaPolicies, ticketSlas, type SlaEscalation } from '../db/tenant/sla';
import { PRIORITY_RANK, tickets, type TicketPriority } from '../db/tenant/tickets';
import { iso } from '../http/fields';
import { notifyStatements } from '../notifications/notification-outbox';
import type { TenantDb } from '../tenancy/tenant-db';

// The SLA sweep of one tenant: read the targets whose warning or due instant
// has come (from the next_check_at index, so the cost follows the due targets,
// not all tickets), and write, in one batch:
// - the claims: conditional UPDATEs (warned_at IS NULL / state = 'active') that
//   record this run's random claim id on each target they take;
// - everything else (escalation of the tickets, audit rows, notifications and
//   webhook rows) only for targets that carry this run's claim.
// The statements are set-based, one per kind of write over a JSON list of the
// step's targets, not one per target: a step of 200 targets is ~8 statements,
// so a step costs its row writes, not hundreds of statement round trips.
// A re-run or a duplicate delivery finds the target already handled: its claim
// matches nothing, so nothing is escalated or notified twice; and a target that
// changed between the read and the batch (met by a reply meanwhile) gets no
// row at all. The batch's results tell which escalations this run made, for
// the caller to announce once they committed.

export interface SweepOptions {
  now: number;
  /** This run's claim id (random per delivery). */
  claim: string;
  /** Targets handled per call; more due targets are left for a follow-up. */
  limit: number;
}

/** A ticket this run escalated: its changed fields under their API names. */
export interface Escalation {
  ticketId: number;
  changes: { priority?: TicketPriority; group?: string; assignee_id?: number };
}

export interface SweepResult {
  /** Warnings and breaches this run recorded (claims it won). */
  warned: number;
  breached: number;
  /** Tickets whose priority, group or assignee this run changed (claims it won), one entry per ticket. */
  escalated: Escalation[];
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

export type DueTarget = Awaited<ReturnType<ReturnType<typeof dueTargetsQuery>['all']>>[number];

/** A JSON list as rows: `<alias>.value` is each element. */
const rowsOf = (list: unknown[], alias: string): SQL => sql`json_each(${JSON.stringify(list)}) as ${sql.raw(alias)}`;

/** True in SQL only when this run claimed the target named by `<alias>.value` ({ t: ticket id, m: metric }). */
const claimedBy = (alias: string, claim: string): SQL => {
  const row = sql.raw(alias);
  return sql`exists (select 1 from ticket_slas s where s.ticket_id = ${row}.value ->> 't' and s.metric = ${row}.value ->> 'm' and s.claim = ${claim})`;
};

const key = (t: DueTarget) => ({ t: t.ticketId, m: t.metric, s: t.startedAt });

/** Claims the warnings (still active, not yet warned), returning the tickets of those it took. */
function claimWarnings(db: TenantDb, due: readonly DueTarget[], { claim, now }: SweepOptions) {
  return db.run(sql`
    update ticket_slas set warned_at = ${now}, claim = ${claim}
    from (select d.value ->> 't' as t, d.value ->> 'm' as m, d.value ->> 's' as s from ${rowsOf(due.map(key), 'd')}) as k
    where ticket_slas.ticket_id = k.t and ticket_slas.metric = k.m and ticket_slas.started_at = k.s
      and ticket_slas.state = 'active' and ticket_slas.warned_at is null
    returning ticket_slas.ticket_id`);
}

/** Claims the breaches (still active), returning the tickets of those it took. */
function claimBreaches(db: TenantDb, due: readonly DueTarget[], { claim, now }: SweepOptions) {
  return db.run(sql`
    update ticket_slas set state = 'breached', breached_at = ticket_slas.due_at, warned_at = coalesce(ticket_slas.warned_at, ${now}), claim = ${claim}
    from (select d.value ->> 't' as t, d.value ->> 'm' as m, d.value ->> 's' as s from ${rowsOf(due.map(key), 'd')}) as k
    where ticket_slas.ticket_id = k.t and ticket_slas.metric = k.m and ticket_slas.started_at = k.s
      and ticket_slas.state = 'active'
    returning ticket_slas.ticket_id`);
}

/** What a breach changes on the ticket: priority raised (never lowered), group and assignee moved. */
function escalationOf(t: DueTarget, escalation: SlaEscalation): Escalation['changes'] {
  const changes: Escalation['changes'] = {};
  const raise = escalation.raise_priority;
  if (raise && PRIORITY_RANK[raise] > PRIORITY_RANK[t.priority]) changes.priority = raise;
  if (escalation.assign_group !== undefined && escalation.assign_group !== t.group) changes.group = escalation.assign_group;
  if (escalation.assign_user_id !== undefined && escalation.assign_user_id !== t.assigneeId) changes.assignee_id = escalation.assign_user_id;
  return changes;
}

interface PlannedEscalation {
  t: number;
  m: string;
  changes: Escalation['changes'];
}

/** Applies the escalations of the breaches this run claimed, returning the tickets it changed. */
function escalate(db: TenantDb, planned: readonly PlannedEscalation[], { claim, now }: SweepOptions) {
  const rows = planned.map(({ t, m, changes }) => ({ t, m, p: changes.priority, r: changes.priority && PRIORITY_RANK[changes.priority], g: changes.group, a: changes.assignee_id }));
  return db.run(sql`
    update tickets set
      priority = coalesce(e.value ->> 'p', tickets.priority),
      priority_rank = coalesce(e.value ->> 'r', tickets.priority_rank),
      group_name = coalesce(e.value ->> 'g', tickets.group_name),
      assignee_id = coalesce(e.value ->> 'a', tickets.assignee_id),
      -- Moves updated_at on, so an edit based on the ticket as it was is refused (409) rather than undoing this.
      updated_at = max(tickets.updated_at + 1, ${now})
    from ${rowsOf(rows, 'e')}
    where tickets.id = e.value ->> 't' and ${claimedBy('e', claim)}
    returning tickets.id`);
}

interface PlannedAudit {
  t: number;
  m: string;
  action: 'sla.warning' | 'sla.breach';
  before: unknown;
  after: unknown;
}

/** The audit rows, by the system, of the targets this run claimed. */
function audit(db: TenantDb, rows: readonly PlannedAudit[], { claim, now }: SweepOptions) {
  return db.run(sql`
    insert into audit_logs (actor_type, action, target_type, target_id, before, after, request_id, created_at)
    select 'system', a.value ->> 'action', 'ticket', cast(a.value ->> 't' as text), a.value ->> 'before', a.value ->> 'after', ${`sla-sweep:${claim}`}, ${now}
    from ${rowsOf(rows as unknown[], 'a')}
    where ${claimedBy('a', claim)}`);
}

interface PlannedNotice {
  t: number;
  m: string;
  cause: string;
  recipients: number[];
  payload: Record<string, unknown>;
}

/** The event's notifications (recipients' chosen channels, subscribed webhooks) for the targets this run claimed. */
function notify(db: TenantDb, event: 'sla.warning' | 'sla.breach', notices: readonly PlannedNotice[], claim: string) {
  return notifyStatements(db, {
    event,
    from: rowsOf(notices as unknown[], 'n'),
    recipients: sql`select value from json_each(n.value -> 'recipients')`,
    // Parenthesised: -> and ->> bind as tightly as ||, which the idempotency key is built with.
    cause: sql`(n.value ->> 'cause')`,
    payload: sql`(n.value -> 'payload')`,
    when: claimedBy('n', claim),
  });
}

function noticeOf(t: DueTarget, assigneeId: number | null): PlannedNotice {
  return {
    t: t.ticketId,
    m: t.metric,
    cause: `${t.ticketId}:${t.metric}:${t.startedAt}`,
    recipients: [...new Set([...t.escalation.notify_user_ids, ...(assigneeId === null ? [] : [assigneeId])])],
    payload: { ticket_id: t.ticketId, subject: t.subject, target: t.metric, due_at: t.dueAt === null ? null : iso(t.dueAt), policy_id: t.policyId },
  };
}

/**
 * Runs the statements as one D1 batch (one transaction). Straight on D1: drizzle
 * 0.45's `db.batch` cannot bind the parameters of `db.run()` statements, which
 * the set-based writes are.
 */
async function runBatch(db: TenantDb, items: readonly BatchItem<'sqlite'>[]): Promise<D1Result[]> {
  const statements = items.map((item) => {
    const query = item as unknown as { toSQL?: () => { sql: string; params: unknown[] }; getQuery?: () => { sql: string; params: unknown[] } };
    const { sql: text, params } = query.toSQL ? query.toSQL() : query.getQuery!();
    return db.$client.prepare(text).bind(...params);
  });
  return db.$client.batch(statements);
}

/**
 * Warns or breaches targets read earlier by `dueTargetsQuery`, in one batch. A
 * target that is no longer due by the time the batch runs (handled by another
 * run, or met meanwhile) is left exactly as it is, and gets no row anywhere.
 */
export async function applySweep(db: TenantDb, due: readonly DueTarget[], options: SweepOptions): Promise<Omit<SweepResult, 'more'>> {
  if (due.length === 0) return { warned: 0, breached: 0, escalated: [] };
  const warnings = due.filter((t) => t.dueAt === null || t.dueAt > options.now);
  const breaches = due.filter((t) => t.dueAt !== null && t.dueAt <= options.now);
  const escalations: PlannedEscalation[] = [];
  const audits: PlannedAudit[] = warnings.map((t) => ({
    t: t.ticketId,
    m: t.metric,
    action: 'sla.warning',
    before: null,
    after: { metric: t.metric, due_at: t.dueAt === null ? null : iso(t.dueAt) },
  }));
  const breachNotices: PlannedNotice[] = [];
  for (const t of breaches) {
    const changes = escalationOf(t, t.escalation);
    const changed = Object.keys(changes).length > 0;
    if (changed) escalations.push({ t: t.ticketId, m: t.metric, changes });
    audits.push({
      t: t.ticketId,
      m: t.metric,
      action: 'sla.breach',
      before: changed ? { priority: t.priority, group: t.group, assignee_id: t.assigneeId } : null,
      after: { metric: t.metric, due_at: t.dueAt === null ? null : iso(t.dueAt), ...changes },
    });
    // The escalation's new assignee hears of the breach too.
    breachNotices.push(noticeOf(t, changes.assignee_id ?? t.assigneeId));
  }
  const results = await runBatch(db, [
    claimWarnings(db, warnings, options),
    claimBreaches(db, breaches, options),
    escalate(db, escalations, options),
    audit(db, audits, options),
    ...notify(db, 'sla.warning', warnings.map((t) => noticeOf(t, t.assigneeId)), options.claim),
    ...notify(db, 'sla.breach', breachNotices, options.claim),
  ]);
  const returned = (statement: number) => (results[statement]?.results ?? []) as { id?: number }[];
  // Two targets of one ticket may both escalate it in one step: one entry per ticket, the later changes on top.
  const escalatedIds = new Set(returned(2).map((r) => r.id));
  const changesOf = new Map<number, Escalation['changes']>();
  for (const e of escalations) if (escalatedIds.has(e.t)) changesOf.set(e.t, { ...changesOf.get(e.t), ...e.changes });
  return {
    warned: returned(0).length,
    breached: returned(1).length,
    escalated: [...changesOf].map(([ticketId, changes]) => ({ ticketId, changes })),
  };
}

/** One sweep step of a tenant: up to `limit` due targets warned or breached, each exactly once. */
export async function sweepTenant(db: TenantDb, options: SweepOptions): Promise<SweepResult> {
  const due = await dueTargetsQuery(db, options.now, options.limit + 1).all();
  const applied = await applySweep(db, due.slice(0, options.limit), options);
  return { ...applied, more: due.length > options.limit };
}
