import { asc, gt } from 'drizzle-orm';
import { tenants, type Tenant } from '../db/directory/schema';
import { directoryDb } from '../tenancy/directory';

// Every tenant of the directory, a page at a time (keyset on id), a few at a
// time within a page: the run's memory and its load on D1 stay bounded
// however many tenants there are.

export interface TenantPaging {
  pageSize: number;
  concurrency: number;
}

export interface EachTenantResult {
  tenants: number;
  failures: { tenantId: string; error: string }[];
}

/** Runs `work` for every tenant; one tenant failing is recorded and does not stop the others. */
export async function forEachTenant(env: Env, paging: TenantPaging, work: (tenant: Tenant) => Promise<void>): Promise<EachTenantResult> {
  const result: EachTenantResult = { tenants: 0, failures: [] };
  const directory = directoryDb(env);
  let after = '';
  for (;;) {
    const page = await directory.select().from(tenants).where(gt(tenants.id, after)).orderBy(asc(tenants.id)).limit(paging.pageSize).all();
    for (let i = 0; i < page.length; i += paging.concurrency) {
      const group = page.slice(i, i + paging.concurrency);
      const settled = await Promise.allSettled(group.map((tenant) => work(tenant)));
      settled.forEach((outcome, index) => {
        if (outcome.status === 'rejected') result.failures.push({ tenantId: (group[index] as Tenant).id, error: String(outcome.reason) });
      });
    }
    result.tenants += page.length;
    const last = page.at(-1);
    if (!last || page.length < paging.pageSize) return result;
    after = last.id;
  }
}
