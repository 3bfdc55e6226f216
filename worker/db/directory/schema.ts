import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A support team. Its data lives in the tenant D1 database bound as `slot`. */
export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  slot: text('slot').notNull().unique(),
  createdAt: integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
});

/**
 * One row per tenant D1 binding (`TENANT_DB_001` …). A free slot has no tenant;
 * assignment is one conditional UPDATE, so two sign-ups can never share a slot.
 */
export const tenantSlots = sqliteTable('tenant_slots', {
  slot: text('slot').primaryKey(),
  tenantId: text('tenant_id').unique(),
  assignedAt: integer('assigned_at'),
});

/**
 * Custom inbound e-mail addresses (`help@acme.com`, forwarded to us by Email
 * Routing) and the tenant each reaches; `<slug>@<EMAIL_DOMAIN>` needs no row.
 */
export const inboundAddresses = sqliteTable('inbound_addresses', {
  /** Lower-case. */
  address: text('address').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id),
  createdAt: integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
});

export type Tenant = typeof tenants.$inferSelect;
