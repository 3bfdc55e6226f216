import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { notifications } from '../../worker/db/tenant/notifications';
import { consumeSlaSweeps, type SlaSweepMessage, type SweepConsumerOptions } from '../../worker/sla/sla-sweep-queue';
import { addPolicy } from './sla-fixtures';
import { as, helpdesk, type Helpdesk } from './tickets-fixtures';

// The SLA sweep tests' helpers: deliver a tenant's sweep message through the
// real consumer, a tenant whose policy escalates and notifies, and what the
// sweep recorded (audit rows, notification and webhook rows).

export const MIN = 60_000;
let messageId = 0;

export interface SweepDelivery extends Omit<SweepConsumerOptions, 'now'> {
  /** Copies of the message in one batch. */
  copies?: number;
  /** The message's `at` (the cron's scheduled time); none by default. */
  at?: number;
}

/** Delivers `copies` copies of the tenant's sweep message in one batch, as of `now` (undefined: as the consumer chooses); returns the queue's verdict. */
export async function sweep(desk: Helpdesk, now: number | undefined, { copies = 1, at, ...options }: SweepDelivery = {}) {
  const body: SlaSweepMessage = { tenant_id: desk.tenant.id, ...(at === undefined ? {} : { at }) };
  const messages = Array.from({ length: copies }, () => ({ id: `m${messageId++}`, timestamp: new Date(), attempts: 1, body }));
  const batch = createMessageBatch('sla-sweep', messages);
  const ctx = createExecutionContext();
  await consumeSlaSweeps(batch, env, ctx, { ...options, now });
  return getQueueResult(batch, ctx);
}

export const slaAudit = (desk: Helpdesk, action: string) => desk.tenant.db.select().from(auditLogs).where(eq(auditLogs.action, action)).all();

/** Every notification row of the event, as (idempotency key, recipient, webhook, channel), by key. */
export async function notified(desk: Helpdesk, event: string) {
  const rows = await desk.tenant.db
    .select({ key: notifications.idempotencyKey, recipient: notifications.recipientId, webhook: notifications.webhookEndpointId, channel: notifications.channel })
    .from(notifications)
    .where(like(notifications.idempotencyKey, `${event}:%`))
    .all();
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

/** A webhook endpoint of the tenant subscribed to both SLA events; returns its id. */
export async function slaWebhook(desk: Helpdesk): Promise<number> {
  const hook = await as<{ id: number }>(desk.tenant, desk.admin, 'POST', '/notifications/webhooks', {
    body: { url: 'https://hooks.example.net/sla', events: ['sla.warning', 'sla.breach'] },
  });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  return hook.body.id;
}

/** A tenant of its own whose one policy warns at half of a 100-minute first response, then escalates to the admin and notifies the agent. */
export async function escalatingDesk(): Promise<Helpdesk> {
  const desk = await helpdesk({ ownTenant: true });
  await addPolicy(desk, {
    targets: { first_response: 100 },
    warning_percent: 50,
    escalation: { raise_priority: 'urgent', assign_group: 'escalations', assign_user_id: desk.admin.id, notify_user_ids: [desk.agent.id] },
  });
  return desk;
}
