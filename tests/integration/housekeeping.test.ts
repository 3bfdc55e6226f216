import { createScheduledController, env } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { auditLogs } from '../../worker/db/tenant/audit';
import { idempotencyKeys } from '../../worker/db/tenant/idempotency';
import { notifications } from '../../worker/db/tenant/notifications';
import { sessions } from '../../worker/db/tenant/users';
import { ROWS_PER_ROUND } from '../../worker/housekeeping/purge-store';
import { forEachTenant } from '../../worker/housekeeping/tenant-pages';
import { directoryDb } from '../../worker/tenancy/directory';
import { tenants } from '../../worker/db/directory/schema';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';

// The hourly housekeeping cron, run through the worker's own `scheduled`
// entry with an injected scheduled time, and the retention settings API.

const DAY = 86_400_000;
/** The injected "now" of each run: the cron's scheduled time. */
const NOW = Date.UTC(2027, 0, 15, 3, 17);

async function runCron(scheduledTime = NOW): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '17 * * * *' }), env);
}

interface Seeded {
  tenant: TestTenant;
  admin: TestUser;
}

async function seededTenant(): Promise<Seeded> {
  const tenant = await createTenant('hk');
  const admin = await addUser(tenant, 'admin');
  const user = admin.id;
  await tenant.db.batch([
    tenant.db.insert(sessions).values([
      { id: 'expired', userId: user, secretHash: 'x', expiresAt: NOW - 1 },
      { id: 'live', userId: user, secretHash: 'x', expiresAt: NOW + DAY },
    ]),
    tenant.db.insert(idempotencyKeys).values([
      { key: 'old', principal: `user:${user}`, route: 'POST /x', bodyHash: 'h', createdAt: NOW - DAY - 1 },
      { key: 'recent', principal: `user:${user}`, route: 'POST /x', bodyHash: 'h', createdAt: NOW - DAY + 60_000 },
    ]),
    tenant.db.insert(auditLogs).values(
      [40, 100, 400].map((age) => ({ actorType: 'system' as const, action: `seed.${age}d`, targetType: 'seed', targetId: 'x', requestId: 'seed', createdAt: NOW - age * DAY })),
    ),
    tenant.db.insert(notifications).values([
      { event: 'seed.sent_old', channel: 'email', payload: {}, state: 'sent', idempotencyKey: `${tenant.slug}:1`, createdAt: NOW - 60 * DAY },
      { event: 'seed.dead_old', channel: 'email', payload: {}, state: 'dead', idempotencyKey: `${tenant.slug}:2`, createdAt: NOW - 60 * DAY },
      { event: 'seed.pending_old', channel: 'email', payload: {}, state: 'pending', idempotencyKey: `${tenant.slug}:3`, createdAt: NOW - 400 * DAY },
      { event: 'seed.sent_recent', channel: 'email', payload: {}, state: 'sent', idempotencyKey: `${tenant.slug}:4`, createdAt: NOW - 10 * DAY },
    ]),
  ]);
  return { tenant, admin };
}

const seededAudit = async (t: TestTenant) =>
  (await t.db.select({ action: auditLogs.action }).from(auditLogs).where(eq(auditLogs.targetType, 'seed')).all()).map((r) => r.action).sort();

describe('the housekeeping cron', () => {
  let withDefaults: Seeded;
  let strict: Seeded;

  beforeAll(async () => {
    withDefaults = await seededTenant();
    strict = await seededTenant();
    const response = await tenantCall(strict.tenant, 'PATCH', '/api/v1/settings/retention', {
      token: strict.admin.token,
      body: { audit_log_days: 60, notification_days: 30 },
    });
    expect(response.status).toBe(200);
    await runCron();
  });

  it('purges expired sessions and day-old idempotency keys in every tenant', async () => {
    for (const { tenant } of [withDefaults, strict]) {
      const left = await tenant.db.select({ id: sessions.id }).from(sessions).where(sql`${sessions.id} in ('expired', 'live')`).all();
      expect(left.map((s) => s.id)).toEqual(['live']);
      const keys = await tenant.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).all();
      expect(keys.map((k) => k.key)).toEqual(['recent']);
    }
  });

  it('keeps a year of audit log by default, and what the tenant chose otherwise', async () => {
    expect(await seededAudit(withDefaults.tenant)).toEqual(['seed.100d', 'seed.40d']);
    expect(await seededAudit(strict.tenant)).toEqual(['seed.40d']);
  });

  it('deletes only finished notifications past retention, never ones still being delivered', async () => {
    const events = async (t: TestTenant) => (await t.db.select({ event: notifications.event }).from(notifications).all()).map((n) => n.event).sort();
    expect(await events(withDefaults.tenant)).toEqual(['seed.dead_old', 'seed.pending_old', 'seed.sent_old', 'seed.sent_recent']);
    expect(await events(strict.tenant)).toEqual(['seed.pending_old', 'seed.sent_recent']);
  });

  it('works off more rows than one delete round takes, in the same run', async () => {
    const { tenant } = withDefaults;
    const count = ROWS_PER_ROUND + 500;
    await tenant.db.run(
      sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count})
          insert into idempotency_keys (key, principal, route, body_hash, created_at) select 'bulk-' || i, 'user:0', 'POST /x', 'h', ${NOW - 2 * DAY} from n`,
    );
    await runCron();
    const left = await tenant.db.select({ n: sql<number>`count(*)` }).from(idempotencyKeys).where(sql`${idempotencyKeys.key} like 'bulk-%'`).get();
    expect(left?.n).toBe(0);
  });
});

describe('forEachTenant', () => {
  it('visits every tenant of the directory a page at a time, and one failing does not stop the rest', async () => {
    await createTenant('hk');
    const all = (await directoryDb(env).select({ id: tenants.id }).from(tenants).all()).map((t) => t.id).sort();
    expect(all.length).toBeGreaterThanOrEqual(3);
    const visited: string[] = [];
    const failing = all[1];
    const result = await forEachTenant(env, { pageSize: 2, concurrency: 1 }, async (tenant) => {
      visited.push(tenant.id);
      if (tenant.id === failing) throw new Error('boom');
    });
    expect(visited.sort()).toEqual(all);
    expect(result).toEqual({ tenants: all.length, failures: [{ tenantId: failing, error: 'Error: boom' }] });
  });
});

describe('the retention settings API', () => {
  let tenant: TestTenant;
  let owner: TestUser;

  beforeAll(async () => {
    tenant = await createTenant('hk');
    owner = await addUser(tenant, 'owner');
  });

  it('shows the defaults until an admin changes them', async () => {
    const response = await tenantCall(tenant, 'GET', '/api/v1/settings/retention', { token: owner.token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ audit_log_days: 365, notification_days: 90, updated_at: null });
  });

  it('changes one setting, keeps the other, and audits the change', async () => {
    const response = await tenantCall(tenant, 'PATCH', '/api/v1/settings/retention', { token: owner.token, body: { notification_days: 14 } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { audit_log_days: number; notification_days: number; updated_at: string };
    expect(body).toMatchObject({ audit_log_days: 365, notification_days: 14 });
    expect(Date.parse(body.updated_at)).not.toBeNaN();
    const again = await tenantCall(tenant, 'GET', '/api/v1/settings/retention', { token: owner.token });
    expect(await again.json()).toEqual(body);
    const audit = await tenant.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'settings.retention_update'), eq(auditLogs.actorId, owner.id)))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      targetType: 'settings',
      targetId: 'retention',
      before: { audit_log_days: 365, notification_days: 90 },
      after: { audit_log_days: 365, notification_days: 14 },
    });
  });

  it.each([
    [{ audit_log_days: 7 }, 'audit_log_days'],
    [{ audit_log_days: 4000 }, 'audit_log_days'],
    [{ notification_days: 1.5 }, 'notification_days'],
    [{ notification_days: '30' }, 'notification_days'],
    [{ retention: 3 }, ''],
    [{}, ''],
  ])('refuses %j with 422 naming the field', async (body, field) => {
    const response = await tenantCall(tenant, 'PATCH', '/api/v1/settings/retention', { token: owner.token, body });
    expect(response.status).toBe(422);
    const { errors } = await problem(response);
    if (field) expect(errors?.map((e) => e.field)).toContain(field);
  });

  it('is for admins and owners only', async () => {
    const agent = await addUser(tenant, 'agent');
    expect((await tenantCall(tenant, 'GET', '/api/v1/settings/retention', { token: agent.token })).status).toBe(403);
    const patch = await tenantCall(tenant, 'PATCH', '/api/v1/settings/retention', { token: agent.token, body: { notification_days: 1 } });
    expect(patch.status).toBe(403);
  });
});
