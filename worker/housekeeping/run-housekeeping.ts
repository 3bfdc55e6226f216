import { tenantDb } from '../tenancy/tenant-db';
import { purgeExpired, type PurgeCounts } from './purge-store';
import { purgeCutoffs } from './retention';
import { readRetention } from './retention-settings-store';
import { forEachTenant } from './tenant-pages';

// The housekeeping cron (hourly, wrangler.toml): in every tenant, expired
// sessions and old idempotency keys go, and audit rows and finished
// notifications older than the tenant's retention settings.

/** Directory rows read per page, and tenants purged at once (each purge is a handful of sequential D1 deletes). */
export const HOUSEKEEPING_PAGING = { pageSize: 100, concurrency: 4 } as const;

export interface HousekeepingReport {
  tenants: number;
  purged: PurgeCounts;
  failures: { tenantId: string; error: string }[];
}

/** One housekeeping run at `now` (the cron's scheduled time; tests pass their own). */
export async function runHousekeeping(env: Env, now: number): Promise<HousekeepingReport> {
  const purged: PurgeCounts = { sessions: 0, idempotencyKeys: 0, auditLogs: 0, notifications: 0 };
  const { tenants, failures } = await forEachTenant(env, HOUSEKEEPING_PAGING, async (tenant) => {
    const db = tenantDb(env, tenant);
    const counts = await purgeExpired(db, purgeCutoffs(await readRetention(db), now));
    for (const key of Object.keys(purged) as (keyof PurgeCounts)[]) purged[key] += counts[key];
  });
  const report = { tenants, purged, failures };
  console.log(JSON.stringify({ level: failures.length > 0 ? 'error' : 'info', event: 'housekeeping.run', at: new Date(now).toISOString(), ...report }));
  return report;
}

/** The cron job: a run that failed for any tenant fails the trigger, so it shows in the Cron Events log. */
export async function housekeepingJob(env: Env, scheduledTime: number): Promise<void> {
  const report = await runHousekeeping(env, scheduledTime);
  if (report.failures.length > 0) throw new Error(`housekeeping failed for ${report.failures.length} of ${report.tenants} tenants`);
}
