import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../db/tenant/schema';
import type { Tenant } from '../db/directory/schema';

/** The one place that reads `env.TENANT_DB_*`: every tenant query goes through here. */
export type TenantDb = ReturnType<typeof drizzle<typeof schema>>;

const SLOT_PATTERN = /^TENANT_DB_\d{3}$/;

/** The slot bindings this deployment has, in order (`TENANT_DB_001` …). */
export function slotNames(env: Env): string[] {
  return Object.keys(env)
    .filter((key) => SLOT_PATTERN.test(key))
    .sort();
}

/** The raw D1 binding of a slot; throws if the deployment lacks it (a broken invariant). */
export function slotDatabase(env: Env, slot: string): D1Database {
  const binding = SLOT_PATTERN.test(slot) ? (env as unknown as Record<string, unknown>)[slot] : undefined;
  if (!binding) throw new Error(`tenant slot ${slot} is not bound in this deployment`);
  return binding as D1Database;
}

/** drizzle over the tenant's own database. */
export function tenantDb(env: Env, tenant: Pick<Tenant, 'slot'>): TenantDb {
  return drizzle(slotDatabase(env, tenant.slot), { schema });
}
