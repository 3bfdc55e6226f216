import { sql } from 'drizzle-orm';
import type { Tenant } from '../db/directory/schema';
import { tenants } from '../db/directory/schema';
import { directoryDb } from '../tenancy/directory';
import { tenantDb, type TenantDb } from '../tenancy/tenant-db';

// The relay: moves recorded notifications from a tenant's outbox table onto the
// `notifications` queue. It runs right after a write that recorded some
// (waitUntil) and every minute for every tenant, which also re-sends rows whose
// queue message was lost (nothing happened to them for an hour).

/** The body of a `notifications` queue message. */
export interface NotificationMessage {
  tenant_id: string;
  notification_id: number;
}

/** sendBatch takes at most 100 messages. */
const RELAY_BATCH = 100;
/** Longer than the whole retry schedule: a row untouched this long has no message in flight. */
export const STALE_AFTER_MS = 60 * 60 * 1000;
/** Tenants relayed at once by the cron job. */
const TENANT_CONCURRENCY = 8;

/** Marks up to `limit` rows as relayed now and returns their ids (one statement: two relays never take the same row). */
async function takeForRelay(db: TenantDb, now: number, limit: number): Promise<number[]> {
  const stale = now - STALE_AFTER_MS;
  const rows = await db.all<{ id: number }>(sql`
    update notifications set relayed_at = ${now}
    where id in (
      select id from notifications
      where (state = 'pending' and relayed_at is null)
         or (state in ('pending', 'sending', 'failed') and updated_at < ${stale} and coalesce(relayed_at, 0) < ${stale})
      order by id limit ${limit}
    )
    returning id`);
  return rows.map((r) => r.id);
}

async function untake(db: TenantDb, ids: number[]): Promise<void> {
  await db.run(sql`update notifications set relayed_at = null where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
}

/** Relays every pending notification of one tenant; returns how many went onto the queue. */
export async function relayTenant(env: Env, tenant: Pick<Tenant, 'id' | 'slot'>, now = Date.now()): Promise<number> {
  const db = tenantDb(env, tenant);
  let relayed = 0;
  for (;;) {
    const ids = await takeForRelay(db, now, RELAY_BATCH);
    if (ids.length === 0) return relayed;
    const messages = ids.map((id) => ({ body: { tenant_id: tenant.id, notification_id: id } satisfies NotificationMessage, contentType: 'json' as const }));
    try {
      await env.NOTIFICATIONS_QUEUE.sendBatch(messages);
    } catch (error) {
      // Not on the queue after all: the next relay takes them again.
      await untake(db, ids);
      throw error;
    }
    relayed += ids.length;
    if (ids.length < RELAY_BATCH) return relayed;
  }
}

/** After a write that recorded notifications: relay them now rather than at the next minute. */
export function kickRelay(env: Env, tenant: Pick<Tenant, 'id' | 'slot'>, waitUntil: (promise: Promise<unknown>) => void): void {
  waitUntil(
    relayTenant(env, tenant).catch((error: unknown) => {
      // The every-minute relay picks the rows up; nothing is lost.
      console.error(JSON.stringify({ level: 'error', event: 'notifications.relay_failed', tenant: tenant.id, error: String(error) }));
    }),
  );
}

/** The every-minute cron job: relays each tenant's pending notifications, a few tenants at a time. */
export async function relayAllTenants(env: Env): Promise<void> {
  const all = await directoryDb(env).select({ id: tenants.id, slot: tenants.slot }).from(tenants).all();
  const failures: unknown[] = [];
  for (let i = 0; i < all.length; i += TENANT_CONCURRENCY) {
    const results = await Promise.allSettled(all.slice(i, i + TENANT_CONCURRENCY).map((tenant) => relayTenant(env, tenant)));
    for (const result of results) if (result.status === 'rejected') failures.push(result.reason);
  }
  if (failures.length > 0) throw new Error(`the relay failed for ${failures.length} of ${all.length} tenants: ${String(failures[0])}`);
}
