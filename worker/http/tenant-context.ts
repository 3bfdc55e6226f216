import { createMiddleware } from 'hono/factory';
import { findTenantBySlug, tenantSlugFromRequest } from '../tenancy/resolve-tenant';
import { tenantDb } from '../tenancy/tenant-db';
import type { AppEnv } from './app-env';
import { ProblemError } from './problem';

/**
 * Resolves the tenant from the host (`acme.localhost`, `acme.<APP_DOMAIN>`) or
 * the `X-Tenant` header, and opens its database. Unknown tenant → 404.
 */
export const tenantContext = createMiddleware<AppEnv>(async (c, next) => {
  const named = tenantSlugFromRequest(new URL(c.req.url), c.req.header('x-tenant'), c.env.APP_DOMAIN);
  if ('conflict' in named) {
    throw new ProblemError(400, 'tenant-conflict', 'The X-Tenant header names a different tenant than the host.', {
      errors: [{ field: 'X-Tenant', detail: 'conflicts with the host name' }],
    });
  }
  if (!named.slug) {
    throw new ProblemError(404, 'tenant-not-found', 'No tenant is named by the host or the X-Tenant header.');
  }
  const tenant = await findTenantBySlug(c.env, named.slug);
  if (!tenant) throw new ProblemError(404, 'tenant-not-found', `There is no tenant "${named.slug.slice(0, 40)}".`);
  c.set('tenant', tenant);
  c.set('db', tenantDb(c.env, tenant));
  await next();
});
