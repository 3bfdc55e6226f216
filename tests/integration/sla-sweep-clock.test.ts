import { createScheduledController, env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { ticketSlas } from '../../worker/db/tenant/sla';
import type { SlaSweepMessage } from '../../worker/sla/sla-sweep-queue';
import { ageSlaClock } from './sla-fixtures';
import { escalatingDesk, MIN, slaAudit, sweep } from './sla-sweep-fixtures';
import { openTicket } from './tickets-fixtures';

// The sweep's "now" is max(wall clock, the message's `at`): the cron stamps each
// message with its scheduled time, a late delivery still sweeps as of the wall
// clock, and a cron triggered by hand with a future time (wrangler dev's
// /cdn-cgi/local/scheduled?time=…, which the browser tests use to move the
// clock on) sweeps as of that instant. This file has storage of its own: a
// cron from the future sweeps every tenant there is.

describe('the SLA sweep’s clock', () => {
  it('sweeps as of a cron triggered with a future scheduled time, through the real queue', async () => {
    const desk = await escalatingDesk();
    const ticket = await openTicket(desk, desk.customer);
    const scheduledTime = Date.parse(ticket.created_at) + 200 * MIN;

    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime }), env);
    // The queue delivers the tenant's message to the worker's consumer in its own time.
    const [breach] = await vi.waitFor(
      async () => {
        const rows = await slaAudit(desk, 'sla.breach');
        expect(rows).toHaveLength(1);
        return rows;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(breach?.createdAt).toBe(scheduledTime);
    expect(breach?.targetId).toBe(String(ticket.id));
  });

  it('a message stamped in the future sweeps as of its stamp, and its follow-ups keep the stamp', async () => {
    const desk = await escalatingDesk();
    const first = await openTicket(desk, desk.customer);
    await openTicket(desk, desk.customer);
    // Past the 50 % warning of both tickets, before either is due.
    const at = Date.parse(first.created_at) + 60 * MIN;
    const followUps: SlaSweepMessage[] = [];
    await sweep(desk, undefined, { at, step: 1, steps: 1, continueLater: async (m) => void followUps.push(m) });

    expect(followUps).toEqual([{ tenant_id: desk.tenant.id, at }]);
    const warned = await desk.tenant.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, first.id)).get();
    expect(warned).toMatchObject({ state: 'active', warnedAt: at });
  });

  it('a late delivery sweeps as of the wall clock, not its old stamp', async () => {
    const desk = await escalatingDesk();
    const ticket = await openTicket(desk, desk.customer);
    // Opened 150 minutes ago: due 50 minutes ago, while the message was stamped two hours ago (before the due time).
    await ageSlaClock(desk, ticket.id, 150 * MIN);
    const before = Date.now();
    await sweep(desk, undefined, { at: before - 120 * MIN });

    const [breach] = await slaAudit(desk, 'sla.breach');
    expect(breach?.targetId).toBe(String(ticket.id));
    expect(breach?.createdAt).toBeGreaterThanOrEqual(before);
  });
});
