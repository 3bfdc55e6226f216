import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { createRouter } from '../../http/create-router';
import { directoryDb } from '../../tenancy/directory';
import { slotNames, slotDatabase } from '../../tenancy/tenant-db';

const ServiceStatus = z.object({ status: z.enum(['ok', 'fail']), detail: z.string().optional() });
const Readiness = z.object({ status: z.enum(['ok', 'fail']), services: z.record(z.string(), ServiceStatus) }).openapi('Readiness');

const live = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Health'],
  summary: 'Liveness: the worker answers',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
});

const ready = createRoute({
  method: 'get',
  path: '/health/ready',
  tags: ['Health'],
  summary: 'Readiness: the directory, a tenant slot and each binding answer',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Readiness } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: Readiness } } },
  },
});

async function probe(check: () => Promise<unknown>): Promise<z.infer<typeof ServiceStatus>> {
  try {
    await check();
    return { status: 'ok' };
  } catch (error) {
    return { status: 'fail', detail: error instanceof Error ? error.message.slice(0, 200) : 'failed' };
  }
}

export const health = createRouter()
  .openapi(live, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(ready, async (c) => {
    const env = c.env;
    const slots = slotNames(env);
    const services: Record<string, z.infer<typeof ServiceStatus>> = {
      directory: await probe(() => directoryDb(env).run(sql`select 1`)),
      tenantSlot: await probe(async () => {
        const first = slots[0];
        if (!first) throw new Error('no tenant slots are bound');
        await slotDatabase(env, first).prepare('select 1').run();
      }),
      loginIpLimiter: await probe(async () => {
        if (typeof env.LOGIN_IP_LIMITER?.limit !== 'function') throw new Error('binding missing');
      }),
      loginAccountLimiter: await probe(async () => {
        if (typeof env.LOGIN_ACCOUNT_LIMITER?.limit !== 'function') throw new Error('binding missing');
      }),
    };
    const status = Object.values(services).every((s) => s.status === 'ok') ? 'ok' : 'fail';
    return c.json({ status, services }, status === 'ok' ? 200 : 503);
  });
