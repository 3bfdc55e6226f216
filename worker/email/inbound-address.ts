import { eq } from 'drizzle-orm';
import { inboundAddresses, tenants, type Tenant } from '../db/directory/schema';
import { directoryDb } from '../tenancy/directory';
import { findTenantBySlug } from '../tenancy/resolve-tenant';

// Which tenant an envelope recipient reaches: a custom address registered in
// the directory, else `<slug>@<EMAIL_DOMAIN>` (with an optional `+tag`, which
// senders' filters like to add).

/** The slug a `<slug>[+tag]@<EMAIL_DOMAIN>` address names, or null for any other address. */
export function slugOfAddress(address: string, emailDomain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 1 || address.slice(at + 1).toLowerCase() !== emailDomain.toLowerCase()) return null;
  return address.slice(0, at).toLowerCase().split('+')[0] || null;
}

export async function tenantForRecipient(env: Env, recipient: string): Promise<Tenant | null> {
  const address = recipient.trim().toLowerCase();
  const custom = await directoryDb(env)
    .select({ tenant: tenants })
    .from(inboundAddresses)
    .innerJoin(tenants, eq(tenants.id, inboundAddresses.tenantId))
    .where(eq(inboundAddresses.address, address))
    .get();
  if (custom) return custom.tenant;
  const slug = slugOfAddress(address, env.EMAIL_DOMAIN);
  return slug ? findTenantBySlug(env, slug) : null;
}

/** The address a tenant's mail goes to by default (and what our outgoing mail replies to). */
export const defaultTenantAddress = (tenant: Pick<Tenant, 'slug'>, emailDomain: string): string => `${tenant.slug}@${emailDomain.toLowerCase()}`;
