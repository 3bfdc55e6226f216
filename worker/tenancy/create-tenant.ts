import { eq } from 'drizzle-orm';
import { auditLogs } from '../db/tenant/audit';
import { tenants, tenantSlots, type Tenant } from '../db/directory/schema';
import { violatesUnique } from '../db/unique-violation';
import { insertInvitation, newInvitation } from '../auth/invitations';
import { directoryDb } from './directory';
import { slotNames, tenantDb } from './tenant-db';

export interface NewTenant {
  slug: string;
  name: string;
  adminEmail: string;
}

export type CreateTenantResult =
  | { ok: true; tenant: Tenant; invitation: { token: string; expiresAt: number } }
  | { ok: false; reason: 'slug_taken' | 'pool_exhausted' };

/**
 * Registers a tenant in the directory and gives it a free database slot, then
 * invites its owner. The slot is claimed by one conditional UPDATE and the tenant
 * row inserted in the same batch (one transaction): when no slot is free neither
 * statement changes anything.
 */
export async function createTenant(env: Env, input: NewTenant, requestId: string): Promise<CreateTenantResult> {
  const directory = directoryDb(env);
  const slots = slotNames(env);
  if (slots.length > 0) {
    await directory
      .insert(tenantSlots)
      .values(slots.map((slot) => ({ slot })))
      .onConflictDoNothing();
  }
  if (await directory.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, input.slug)).get()) {
    return { ok: false, reason: 'slug_taken' };
  }

  const id = crypto.randomUUID();
  try {
    // Raw statements: the claim and the insert must be one batch (one transaction),
    // and the insert reads the slot the claim just took.
    await env.DIRECTORY.batch([
      env.DIRECTORY.prepare(
        `update tenant_slots set tenant_id = ?1, assigned_at = ?2
         where slot = (select slot from tenant_slots where tenant_id is null order by slot limit 1)`,
      ).bind(id, Date.now()),
      env.DIRECTORY.prepare(
        'insert into tenants (id, slug, name, slot) select ?1, ?2, ?3, slot from tenant_slots where tenant_id = ?1',
      ).bind(id, input.slug, input.name),
    ]);
  } catch (error) {
    if (violatesUnique(error, 'tenants.slug')) return { ok: false, reason: 'slug_taken' };
    throw error;
  }
  const tenant = await directory.select().from(tenants).where(eq(tenants.id, id)).get();
  if (!tenant) return { ok: false, reason: 'pool_exhausted' };

  const db = tenantDb(env, tenant);
  const { token, row } = await newInvitation(input.adminEmail, 'owner', null);
  await db.batch([
    insertInvitation(db, row),
    db.insert(auditLogs).values({
      actorId: null,
      actorType: 'operator',
      action: 'tenant.create',
      targetType: 'tenant',
      targetId: tenant.id,
      after: { slug: tenant.slug, name: tenant.name, ownerInvitation: input.adminEmail },
      requestId,
    }),
  ]);
  return { ok: true, tenant, invitation: { token, expiresAt: row.expiresAt } };
}
