import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult } from 'cloudflare:test';
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { auditLogs } from '../../worker/db/tenant/audit';
import { notifications } from '../../worker/db/tenant/notifications';
import { ticketSlas } from '../../worker/db/tenant/sla';
import { tickets } from '../../worker/db/tenant/tickets';
import { consumeSlaSweeps, type SlaSweepMessage } from '../../worker/sla/sla-sweep-queue';
import { dueTargetsQuery } from '../../worker/sla/sla-sweep';
import { addPolicy } from './sla-fixtures';
import { rawDb } from './snapshot';
import { helpdesk, openTicket, type Helpdesk } from './tickets-fixtures';

// The sweep warns, breaches and escalates each due target exactly once, however
// often its tenant's message is delivered (duplicates in one batch, re-runs,
// parallel consumers). "now" is injected; nothing waits on the clock.

const MIN = 60_000;
let messageId = 0;

/** Delivers `copies` copies of the tenant's sweep message in one batch, at `now`; returns the queue's verdict. */
async function sweep(desk: Helpdesk, now: number, options: { copies?: number; step?: number; continueLater?: (m: SlaSweepMessage) => Promise<void> } = {}) {
  const messages = Array.from({ length: options.copies ?? 1 }, () => ({
    id: `m${messageId++}`,
    timestamp: new Date(now),
    attempts: 1,
    body: { tenant_id: desk.tenant.id },
  }));
  const batch = createMessageBatch('sla-sweep', messages);
  const ctx = createExecutionContext();
  await consumeSlaSweeps(batch, env, ctx, { now, step: options.step, continueLater: options.continueLater });
  return getQueueResult(batch, ctx);
}

const slaAudit = (desk: Helpdesk, action: string) => desk.tenant.db.select().from(auditLogs).where(eq(auditLogs.action, action)).all();
const notified = (desk: Helpdesk, event: string) =>
  desk.tenant.db
    .select({ recipient: notifications.recipientId, channel: notifications.channel })
    .from(notifications)
    .where(and(eq(notifications.event, event), like(notifications.idempotencyKey, `${event}:%`)))
    .all();

async function escalatingDesk() {
  const desk = await helpdesk({ ownTenant: true });
  await addPolicy(desk, {
    targets: { first_response: 100 },
    warning_percent: 50,
    escalation: { raise_priority: 'urgent', assign_group: 'escalations', assign_user_id: desk.admin.id, notify_user_ids: [desk.agent.id] },
  });
  return desk;
}

describe('the SLA sweep', () => {
  it('warns once and breaches once, escalating the ticket, under duplicate delivery and re-runs', async () => {
    const desk = await escalatingDesk();
    const ticket = await openTicket(desk, desk.customer, { priority: 'normal' });
    const created = Date.parse(ticket.created_at);

    // Before the warning threshold: nothing happens.
    await sweep(desk, created + 40 * MIN);
    expect(await slaAudit(desk, 'sla.warning')).toEqual([]);

    const warned = await sweep(desk, created + 60 * MIN, { copies: 2 });
    expect(warned.explicitAcks.sort()).toHaveLength(2);
    await sweep(desk, created + 61 * MIN);
    expect(await slaAudit(desk, 'sla.warning')).toHaveLength(1);
    expect(await notified(desk, 'sla.warning')).toEqual([{ recipient: desk.agent.id, channel: 'email' }]);
    const target = await desk.tenant.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticket.id)).get();
    expect(target).toMatchObject({ state: 'active', warnedAt: created + 60 * MIN });

    await sweep(desk, created + 101 * MIN, { copies: 3 });
    await sweep(desk, created + 102 * MIN);
    const breaches = await slaAudit(desk, 'sla.breach');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({
      actorType: 'system',
      actorId: null,
      targetId: String(ticket.id),
      before: { priority: 'normal', group: null, assignee_id: null },
      after: { metric: 'first_response', priority: 'urgent', group: 'escalations', assignee_id: desk.admin.id },
    });
    const escalated = await desk.tenant.db.select().from(tickets).where(eq(tickets.id, ticket.id)).get();
    expect(escalated).toMatchObject({ priority: 'urgent', priorityRank: 4, group: 'escalations', assigneeId: desk.admin.id });
    expect((await notified(desk, 'sla.breach')).map((n) => n.recipient).sort()).toEqual([desk.agent.id, desk.admin.id].sort());
    expect(await desk.tenant.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticket.id)).get()).toMatchObject({
      state: 'breached',
      breachedAt: target?.dueAt,
    });
  });

  it('escalates once when two consumers sweep the same tenant at the same time', async () => {
    const desk = await escalatingDesk();
    const ticket = await openTicket(desk, desk.customer);
    const now = Date.parse(ticket.created_at) + 200 * MIN;
    await Promise.all([sweep(desk, now), sweep(desk, now), sweep(desk, now)]);
    expect(await slaAudit(desk, 'sla.breach')).toHaveLength(1);
    expect(await notified(desk, 'sla.breach')).toHaveLength(2);
  });

  it('leaves a met target alone, and continues a tenant with more due targets in a follow-up message', async () => {
    const desk = await escalatingDesk();
    const opened = [];
    for (let i = 0; i < 3; i++) opened.push(await openTicket(desk, desk.customer));
    const answered = await openTicket(desk, desk.customer);
    await rawDb(desk.tenant).prepare(`update ticket_slas set state = 'met', met_at = 1 where ticket_id = ?`).bind(answered.id).run();
    const now = Date.now() + 200 * MIN;
    const followUps: SlaSweepMessage[] = [];
    const continueLater = async (m: SlaSweepMessage) => {
      followUps.push(m);
    };
    await sweep(desk, now, { step: 2, continueLater });
    expect(followUps).toEqual([{ tenant_id: desk.tenant.id }]);
    expect(await slaAudit(desk, 'sla.breach')).toHaveLength(2);
    await sweep(desk, now, { step: 2, continueLater });
    expect(followUps).toHaveLength(1);
    expect((await slaAudit(desk, 'sla.breach')).map((a) => Number(a.targetId)).sort()).toEqual(opened.map((t) => t.id).sort());
  });

  it('continues re-planning a big tenant’s open tickets through follow-up messages', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const opened = [];
    for (let i = 0; i < 12; i++) opened.push(await openTicket(desk, desk.customer));
    // A policy written behind the API's back: nothing re-planned the tickets yet.
    await rawDb(desk.tenant)
      .prepare(`insert into sla_policies (name, position, conditions, targets, warning_percent, escalation) values ('Late', 1, '{}', '{"resolution":60}', 80, '{"notify_user_ids":[]}')`)
      .run();
    const followUps: SlaSweepMessage[] = [];
    const continueLater = async (m: SlaSweepMessage) => {
      followUps.push(m);
    };
    const deliver = async (body: SlaSweepMessage) => {
      const batch = createMessageBatch('sla-sweep', [{ id: `r${messageId++}`, timestamp: new Date(), attempts: 1, body }]);
      const ctx = createExecutionContext();
      await consumeSlaSweeps(batch, env, ctx, { replanPageSize: 1, continueLater });
      return getQueueResult(batch, ctx);
    };
    const tracked = async () => (await desk.tenant.db.selectDistinct({ id: ticketSlas.ticketId }).from(ticketSlas).all()).length;
    expect((await deliver({ tenant_id: desk.tenant.id, replan_after: 0 })).explicitAcks).toHaveLength(1);
    expect(await tracked()).toBe(10);
    expect(followUps).toEqual([{ tenant_id: desk.tenant.id, replan_after: opened[9]!.id }]);
    await deliver(followUps[0]!);
    expect(await tracked()).toBe(12);
    expect(followUps).toHaveLength(1);
  });

  it('finds due targets through the next_check_at index', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const { sql, params } = dueTargetsQuery(desk.tenant.db, Date.now(), 200).toSQL();
    const plan = (await rawDb(desk.tenant).prepare(`explain query plan ${sql}`).bind(...params).all<{ detail: string }>()).results.map((r) => r.detail);
    expect(plan[0], plan.join('\n')).toMatch(/^SEARCH ticket_slas USING INDEX ticket_slas_next_check_idx \(next_check_at<\?\)/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN ticket_slas/);
  });

  it('is wired to the queue and the every-minute cron trigger', async () => {
    const desk = await helpdesk({ ownTenant: true });
    const batch = createMessageBatch<unknown>('sla-sweep', [
      { id: 'wired', timestamp: new Date(), attempts: 1, body: { tenant_id: desk.tenant.id } },
      { id: 'malformed', timestamp: new Date(), attempts: 1, body: 'not a sweep' },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks.sort()).toEqual(['malformed', 'wired']);
    await expect(worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env)).resolves.toBeUndefined();
  });
});
