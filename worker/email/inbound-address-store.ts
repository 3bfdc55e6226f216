import { and, asc, eq } from 'drizzle-orm';
import { inboundAddresses } from '../db/directory/schema';
import { directoryDb } from '../tenancy/directory';

// A tenant's own inbound addresses (support@customer.example), kept in the
// directory because the `email()` handler must find the tenant before it knows
// which database to open (inbound-address.ts). An address belongs to one tenant.

export interface CustomAddress {
  address: string;
  createdAt: number;
}

export async function listCustomAddresses(env: Env, tenantId: string): Promise<CustomAddress[]> {
  return directoryDb(env)
    .select({ address: inboundAddresses.address, createdAt: inboundAddresses.createdAt })
    .from(inboundAddresses)
    .where(eq(inboundAddresses.tenantId, tenantId))
    .orderBy(asc(inboundAddresses.address))
    .all();
}

/** Claims `address` for the tenant; null when any tenant (this one included) has it already. */
export async function addCustomAddress(env: Env, tenantId: string, address: string): Promise<CustomAddress | null> {
  const [row] = await directoryDb(env)
    .insert(inboundAddresses)
    .values({ address, tenantId })
    .onConflictDoNothing({ target: inboundAddresses.address })
    .returning({ address: inboundAddresses.address, createdAt: inboundAddresses.createdAt });
  return row ?? null;
}

/** Releases the tenant's `address`; false when the tenant has no such address. */
export async function removeCustomAddress(env: Env, tenantId: string, address: string): Promise<boolean> {
  const removed = await directoryDb(env)
    .delete(inboundAddresses)
    .where(and(eq(inboundAddresses.address, address), eq(inboundAddresses.tenantId, tenantId)))
    .returning({ address: inboundAddresses.address });
  return removed.length > 0;
}
