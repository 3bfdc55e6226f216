import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { ticketSlas } from '../../worker/db/tenant/sla';
import { tickets } from '../../worker/db/tenant/tickets';
import { consumeSlaSweeps, type SlaSweepMessage } from '../../worker/sla/sla-sweep-queue';
import { applySweep, dueTargetsQuery } from '../../worker/sla/sla-sweep';
import { escalatingDesk, MIN, notified, slaAudit, slaWebhook, sweep } from './sla-sweep-fixtures';
import { rawDb } from './snapshot';
import { as, helpdesk, openTicket } from './tickets-fixtures';

// The sweep warns, breaches and escalates each due target exactly once, however
// often its tenant's message is delivered (duplicates in one batch, re-runs,
// parallel consumers): one audit row, one notification per recipient and
// channel, one row per webhook. "now" is injected; nothing waits on the clock.

let messageId = 0;

describe('the SLA sweep', () => {
  it('warns once and breaches once, escalating the ticket, under duplicate delivery and re-runs', async () => {
    const desk = await escalatingDesk();
    const hook = await slaWebhook(desk);
    const ticket = await openTicket(desk, desk.customer, { priority: 'normal' });
    const created = Date.parse(ticket.created_at);

    // Before the warning threshold: nothing happens.
    await sweep(desk, created + 40 * MIN);
    expect(await slaAudit(desk, 'sla.warning')).toEqual([]);

    const warned = await sweep(desk, created + 60 * MIN, { copies: 2 });
    expect(warned.explicitAcks.sort()).toHaveLength(2);
    await sweep(desk, created + 61 * MIN);
    expect(await slaAudit(desk, 'sla.warning')).toHaveLength(1);
    const target = await desk.tenant.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticket.id)).get();
    expect(target).toMatchObject({ state: 'active', warnedAt: created + 60 * MIN });
    const cause = `${ticket.id}:first_response:${target?.startedAt}`;
    expect(await notified(desk, 'sla.warning')).toEqual([
      { key: `sla.warning:${cause}:${desk.agent.id}:email`, recipient: desk.agent.id, webhook: null, channel: 'email' },
      { key: `sla.warning:${cause}:webhook:${hook}`, recipient: null, webhook: hook, channel: 'webhook' },
    ]);

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
    // The escalation's new assignee hears of it too; each recipient and the webhook once.
    expect(await notified(desk, 'sla.breach')).toEqual(
      [
        { key: `sla.breach:${cause}:${desk.admin.id}:email`, recipient: desk.admin.id, webhook: null, channel: 'email' },
        { key: `sla.breach:${cause}:${desk.agent.id}:email`, recipient: desk.agent.id, webhook: null, channel: 'email' },
        { key: `sla.breach:${cause}:webhook:${hook}`, recipient: null, webhook: hook, channel: 'webhook' },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(await desk.tenant.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticket.id)).get()).toMatchObject({
      state: 'breached',
      breachedAt: target?.dueAt,
    });
  });

  it('escalates and notifies once when three consumers sweep the same tenant at the same time', async () => {
    const desk = await escalatingDesk();
    const hook = await slaWebhook(desk);
    const opened = [await openTicket(desk, desk.customer), await openTicket(desk, desk.customer)];
    const now = Date.parse(opened[1]!.created_at) + 200 * MIN;
    await Promise.all([sweep(desk, now), sweep(desk, now, { copies: 2 }), sweep(desk, now)]);
    expect((await slaAudit(desk, 'sla.breach')).map((a) => Number(a.targetId)).sort()).toEqual(opened.map((t) => t.id).sort());
    const rows = await notified(desk, 'sla.breach');
    // Per ticket: the agent and the new assignee by e-mail, and the webhook; every key once.
    expect(rows.map((r) => [r.recipient, r.webhook]).sort()).toEqual(
      opened.flatMap(() => [[desk.admin.id, null], [desk.agent.id, null], [null, hook]]).sort(),
    );
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('writes nothing for a target met between its read and its batch: no audit, notification, webhook row or escalation', async () => {
    const desk = await escalatingDesk();
    await slaWebhook(desk);
    const ticket = await openTicket(desk, desk.customer, { priority: 'normal' });
    const now = Date.parse(ticket.created_at) + 200 * MIN;
    const due = await dueTargetsQuery(desk.tenant.db, now, 10).all();
    expect(due.map((t) => t.ticketId)).toEqual([ticket.id]);

    // The agent answers while the sweep holds its read: the first-response target is met.
    const reply = await as(desk.tenant, desk.agent, 'POST', `/tickets/${ticket.id}/comments`, { body: { body: 'On it.', public: true } });
    expect(reply.status).toBe(201);
    const late = await applySweep(desk.tenant.db, due, { now, claim: 'late-run', limit: 10 });

    expect(late).toEqual({ warned: 0, breached: 0, escalated: [] });
    expect(await slaAudit(desk, 'sla.breach')).toEqual([]);
    expect(await notified(desk, 'sla.breach')).toEqual([]);
    expect(await desk.tenant.db.select().from(tickets).where(eq(tickets.id, ticket.id)).get()).toMatchObject({ priority: 'normal', group: null });
    expect(await desk.tenant.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticket.id)).get()).toMatchObject({ state: 'met', claim: null });
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
    await sweep(desk, now, { step: 2, steps: 1, continueLater });
    expect(followUps).toEqual([{ tenant_id: desk.tenant.id }]);
    expect(await slaAudit(desk, 'sla.breach')).toHaveLength(2);
    await sweep(desk, now, { step: 2, steps: 1, continueLater });
    expect(followUps).toHaveLength(1);
    expect((await slaAudit(desk, 'sla.breach')).map((a) => Number(a.targetId)).sort()).toEqual(opened.map((t) => t.id).sort());
  });

  it('runs several steps in one message before it hands the rest to a follow-up', async () => {
    const desk = await escalatingDesk();
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push(await openTicket(desk, desk.customer));
    const now = Date.now() + 200 * MIN;
    const followUps: SlaSweepMessage[] = [];
    const continueLater = async (m: SlaSweepMessage) => {
      followUps.push(m);
    };
    // Steps of two: three steps cover five targets, the third finding nothing more.
    await sweep(desk, now, { step: 2, steps: 3, continueLater });
    expect(followUps).toEqual([]);
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
