import { createRouter } from '../../http/create-router';
import { iso } from '../../http/fields';
import { ProblemError } from '../../http/problem';
import { createTenant } from '../../tenancy/create-tenant';
import { createTenantRoute } from './tenants.routes';

export const tenantsRouter = createRouter().openapi(createTenantRoute, async (c) => {
  const body = c.req.valid('json');
  const result = await createTenant(c.env, { slug: body.slug, name: body.name, adminEmail: body.admin_email }, c.get('requestId'));
  if (!result.ok) {
    if (result.reason === 'slug_taken') {
      throw new ProblemError(409, 'slug-taken', `The tenant slug "${body.slug}" is taken.`, {
        errors: [{ field: 'slug', detail: 'is already taken' }],
      });
    }
    throw new ProblemError(
      503,
      'tenant-pool-exhausted',
      'Every tenant database slot is in use. An operator must run `npm run tenants:grow` (or add a cell) before more tenants can be created.',
      {},
      { 'retry-after': '3600' },
    );
  }
  const { tenant, invitation } = result;
  return c.json(
    {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      created_at: iso(tenant.createdAt),
      owner_invitation: { token: invitation.token, expires_at: iso(invitation.expiresAt) },
    },
    201,
  );
});
