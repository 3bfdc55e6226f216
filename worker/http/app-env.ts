import type { Tenant } from '../db/directory/schema';
import type { TenantDb } from '../tenancy/tenant-db';
import type { Principal } from '../auth/principal';

/** Hono generics shared by every route: bindings and per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    tenant: Tenant;
    db: TenantDb;
    principal: Principal | null;
  };
}
