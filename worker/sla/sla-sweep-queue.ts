import { eq } from 'drizzle-orm';
import { tenants } from '../db/directory/schema';
import { kickRelay } from '../notifications/notification-relay';
import { directoryDb } from '../tenancy/directory';
import { tenantDb, type TenantDb } from '../tenancy/tenant-db';
import { reevaluateOpenTickets } from './sla-reevaluation';
import { sweepTenant } from './sla-sweep';

// The SLA sweep's fan-out (DESIGN.md item 7): every minute the cron job puts one
// `sla-sweep` message per tenant on the queue; the consumer sweeps that tenant
// and, when more targets are due than one step handles, sends itself a
// follow-up message for the same tenant. The same queue carries the re-planning
// of a big tenant's open tickets after a policy change (`replan_after`). Many tenants are swept in parallel by
// the queue's consumers; one tenant's cost is its due targets.

export interface SlaSweepMessage {
  tenant_id: string;
  /** Set on a message that continues re-planning open tickets after an admin's change, from this ticket id on. */
  replan_after?: number;
}

/** Due targets one message handles; the rest go to a follow-up message. */
export const SWEEP_STEP = 200;
/** Pages of 100 open tickets re-planned per request or message; the rest go to a follow-up message. */
const REPLAN_PAGES = 10;
/** sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

/** The cron job: one message per tenant of the directory. */
export async function enqueueSlaSweeps(env: Env): Promise<void> {
  const all = await directoryDb(env).select({ id: tenants.id }).from(tenants).all();
  for (let i = 0; i < all.length; i += SEND_BATCH) {
    await env.SLA_SWEEP_QUEUE.sendBatch(
      all.slice(i, i + SEND_BATCH).map((t) => ({ body: { tenant_id: t.id } satisfies SlaSweepMessage, contentType: 'json' as const })),
    );
  }
}

/** Re-plans open tickets after an admin changed policies or a calendar: the first pages at once, the rest through the queue. */
export async function replanOpenTickets(env: Env, tenantId: string, db: TenantDb): Promise<void> {
  const next = await reevaluateOpenTickets(db, Date.now(), { pages: REPLAN_PAGES });
  if (next !== null) await env.SLA_SWEEP_QUEUE.send({ tenant_id: tenantId, replan_after: next } satisfies SlaSweepMessage, { contentType: 'json' });
}

export interface SweepConsumerOptions {
  /** The sweep's "now" (tests pin it); the wall clock otherwise. */
  now?: number;
  step?: number;
  /** Tickets per re-planning page (tests use small pages). */
  replanPageSize?: number;
  /** Where follow-ups go; the queue itself otherwise. */
  continueLater?: (message: SlaSweepMessage) => Promise<void>;
}

const isSweepMessage = (body: unknown): body is SlaSweepMessage =>
  typeof body === 'object' && body !== null && typeof (body as SlaSweepMessage).tenant_id === 'string';

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
        const result = await sweepTenant(tenantDb(env, tenant), {
          now: options.now ?? Date.now(),
          claim: crypto.randomUUID(),
          limit: options.step ?? SWEEP_STEP,
        });
        if (result.warned + result.breached > 0) kickRelay(env, tenant, (p) => ctx.waitUntil(p));
        if (result.more) await continueLater({ tenant_id: tenant.id });
      }
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', event: 'sla.sweep_failed', tenant: message.body.tenant_id, error: String(error), stack: (error as Error).stack }));
      message.retry();
    }
  }
}
