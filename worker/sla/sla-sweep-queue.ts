import { eq } from 'drizzle-orm';
import type { InboxEvent } from '../../party/inbox-event';
import { tenants } from '../db/directory/schema';
import { iso } from '../http/fields';
import { kickRelay } from '../notifications/notification-relay';
import { sendInboxEvents } from '../realtime/inbox-events';
import { directoryDb } from '../tenancy/directory';
import { tenantDb, type TenantDb } from '../tenancy/tenant-db';
import { reevaluateOpenTickets } from './sla-reevaluation';
import { sweepTenant, type Escalation } from './sla-sweep';

// The SLA sweep's fan-out (DESIGN.md item 7): every minute the cron job puts one
// `sla-sweep` message per tenant on the queue; the consumer sweeps that tenant
// and, when more targets are due than one step handles, sends itself a
// follow-up message for the same tenant (after several steps: one message
// handles a few thousand due targets). The same queue carries the re-planning
// of a big tenant's open tickets after a policy change (`replan_after`). Many tenants are swept in parallel by
// the queue's consumers; one tenant's cost is its due targets.

export interface SlaSweepMessage {
  tenant_id: string;
  /**
   * The cron's scheduled time (ms since the epoch), kept by follow-ups. The sweep
   * runs as of max(now, at): a late delivery still uses the wall clock, and a
   * cron triggered by hand with a future `time` sweeps as of that instant.
   */
  at?: number;
  /** Set on a message that continues re-planning open tickets after an admin's change, from this ticket id on. */
  replan_after?: number;
}

/** Due targets one step handles, in one D1 batch (one transaction: short, so API writes interleave). */
export const SWEEP_STEP = 200;
/** Steps one message runs before handing the rest to a follow-up message. */
export const SWEEP_STEPS_PER_MESSAGE = 10;
/** Pages of 100 open tickets re-planned per request or message; the rest go to a follow-up message. */
const REPLAN_PAGES = 10;
/** sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

/** The cron job: one message per tenant of the directory, stamped with the trigger's scheduled time. */
export async function enqueueSlaSweeps(env: Env, scheduledTime: number): Promise<void> {
  const all = await directoryDb(env).select({ id: tenants.id }).from(tenants).all();
  for (let i = 0; i < all.length; i += SEND_BATCH) {
    await env.SLA_SWEEP_QUEUE.sendBatch(
      all.slice(i, i + SEND_BATCH).map((t) => ({ body: { tenant_id: t.id, at: scheduledTime } satisfies SlaSweepMessage, contentType: 'json' as const })),
    );
  }
}

/** Re-plans open tickets after an admin changed policies or a calendar: the first pages at once, the rest through the queue. */
export async function replanOpenTickets(env: Env, tenantId: string, db: TenantDb): Promise<void> {
  const next = await reevaluateOpenTickets(db, Date.now(), { pages: REPLAN_PAGES });
  if (next !== null) await env.SLA_SWEEP_QUEUE.send({ tenant_id: tenantId, replan_after: next } satisfies SlaSweepMessage, { contentType: 'json' });
}

export interface SweepConsumerOptions {
  /** The sweep's "now" (tests pin it); max(wall clock, the message's `at`) otherwise. */
  now?: number;
  step?: number;
  /** Steps per message before a follow-up (tests use one). */
  steps?: number;
  /** Tickets per re-planning page (tests use small pages). */
  replanPageSize?: number;
  /** Where follow-ups go; the queue itself otherwise. */
  continueLater?: (message: SlaSweepMessage) => Promise<void>;
}

const isSweepMessage = (body: unknown): body is SlaSweepMessage =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as SlaSweepMessage).tenant_id === 'string' &&
  ['number', 'undefined'].includes(typeof (body as SlaSweepMessage).at);

/** What an escalation changed, as the inbox hears of any other update (by the system: `by` is null). */
const escalationEvent = (escalation: Escalation, now: number): InboxEvent => ({
  type: 'ticket.updated',
  ticket_id: escalation.ticketId,
  at: iso(now),
  by: null,
  changes: escalation.changes,
});

interface TenantSweep {
  warned: number;
  breached: number;
  escalated: Escalation[];
  steps: number;
  more: boolean;
}

/** Up to `steps` sweep steps of one tenant, each its own batch, until nothing more is due. */
async function sweepSteps(db: TenantDb, now: number, step: number, steps: number): Promise<TenantSweep> {
  const total: TenantSweep = { warned: 0, breached: 0, escalated: [], steps: 0, more: true };
  while (total.more && total.steps < steps) {
    const result = await sweepTenant(db, { now, claim: crypto.randomUUID(), limit: step });
    total.warned += result.warned;
    total.breached += result.breached;
    total.escalated.push(...result.escalated);
    total.more = result.more;
    total.steps++;
  }
  return total;
}

/**
 * Sweeps each message's tenant. A malformed message or an unknown tenant (since
 * deleted) is acknowledged and dropped; a failing sweep is retried by the queue,
 * which is safe because every warning and breach is claimed exactly once.
 */
export async function consumeSlaSweeps(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext, options: SweepConsumerOptions = {}): Promise<void> {
  const continueLater = options.continueLater ?? ((message) => env.SLA_SWEEP_QUEUE.send(message, { contentType: 'json' }));
  for (const message of batch.messages) {
    if (!isSweepMessage(message.body)) {
      console.error(JSON.stringify({ level: 'error', event: 'sla.sweep_malformed', id: message.id }));
      message.ack();
      continue;
    }
    const started = Date.now();
    try {
      const tenant = await directoryDb(env).select({ id: tenants.id, slot: tenants.slot }).from(tenants).where(eq(tenants.id, message.body.tenant_id)).get();
      const replanAfter = message.body.replan_after;
      if (tenant && typeof replanAfter === 'number') {
        const next = await reevaluateOpenTickets(tenantDb(env, tenant), options.now ?? Date.now(), {
          after: replanAfter,
          pages: REPLAN_PAGES,
          pageSize: options.replanPageSize,
        });
        if (next !== null) await continueLater({ tenant_id: tenant.id, replan_after: next });
      } else if (tenant) {
        const at = message.body.at;
        const now = options.now ?? Math.max(Date.now(), at ?? 0);
        const result = await sweepSteps(tenantDb(env, tenant), now, options.step ?? SWEEP_STEP, options.steps ?? SWEEP_STEPS_PER_MESSAGE);
        const handled = result.warned + result.breached;
        if (handled > 0) {
          // One line per tenant sweep that did something: what it did and how long the message took (bench/sla.ts reads it).
          console.log(JSON.stringify({ level: 'info', event: 'sla.sweep', tenant: tenant.id, now: iso(now), ...result, escalated: result.escalated.length, ms: Date.now() - started }));
          kickRelay(env, tenant, (p) => ctx.waitUntil(p));
          ctx.waitUntil(sendInboxEvents(env, tenant.id, result.escalated.map((e) => escalationEvent(e, now))));
        }
        if (result.more) await continueLater({ tenant_id: tenant.id, ...(at === undefined ? {} : { at }) });
      }
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', event: 'sla.sweep_failed', tenant: message.body.tenant_id, error: String(error), stack: (error as Error).stack }));
      message.retry();
    }
  }
}
